import DICOMImport
import Foundation
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// Every SEG layout (PS3.3 C.7.6.16, C.8.20, A.51.1) on the synthetic 6 × 9 × 7 CT of
/// ``SyntheticSEGTests``: SegmentIdentificationSequence per frame or shared, overlapping
/// segments, Label Map SEGs (8 and 16 bits), written by our own writer and by highdicom
/// (Tests/tools/highdicom_seg.py). Every voxel set is designed here, never read back from our code.
@Suite("SEG layouts: shared functional groups, overlap, Label Map SEG")
struct SEGLayoutTests {
    typealias Design = [(number: Int, label: String, voxels: Set<[Int]>)]

    static func box(planes: ClosedRange<Int>, rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in planes { for r in rows { for c in columns { out.insert([k, r, c]) } } }
        return out
    }

    /// One segment on planes 1–3 (the sparse pattern of SyntheticSEGTests.l1).
    static let solo: Design = [(1, "Solo", SyntheticSEGTests.designed(SyntheticSEGTests.l1))]
    /// Two boxes sharing plane 3, rows 3–5, columns 3–4 (6 voxels in both).
    static let overlapping: Design = [
        (1, "A", box(planes: 2...3, rows: 1...5, columns: 1...4)),
        (2, "B", box(planes: 3...4, rows: 3...7, columns: 3...6)),
    ]
    /// Disjoint segments for a label map: a block, and a checkerboard on planes 2–3 beside it.
    static let labels: Design = [
        (1, "Block", box(planes: 1...1, rows: 0...2, columns: 0...2)),
        (2, "Checker", box(planes: 2...3, rows: 4...8, columns: 0...6).filter { ($0[1] + $0[2]) % 2 == 0 }),
    ]

    /// Frames of our own writer: one per segment and plane holding any of its voxels.
    static func frames(_ design: Design) -> [SyntheticSEG.Frame] {
        design.flatMap { s in
            Set(s.voxels.map { $0[0] }).sorted().map { k in
                SyntheticSEG.Frame(segment: s.number, referencedSOPInstanceUID: SyntheticSEGTests.uid(k),
                                   position: PatientPoint(0, 0, Double(2 * k)),
                                   values: SyntheticSEGTests.frameValues(k) { kk, r, c in s.voxels.contains([kk, r, c]) })
            }
        }
    }

    /// Label map frames: one per plane, value = segment number.
    static func labelMapFrames(_ design: Design) -> [SyntheticSEG.Frame] {
        (0..<6).map { k in
            var values16 = [UInt16](repeating: 0, count: 63)
            for s in design { for v in s.voxels where v[0] == k { values16[v[1] * 7 + v[2]] = UInt16(s.number) } }
            var frame = SyntheticSEG.Frame(segment: 0, referencedSOPInstanceUID: SyntheticSEGTests.uid(k),
                                           position: PatientPoint(0, 0, Double(2 * k)), values: values16.map { UInt8(truncatingIfNeeded: $0) })
            frame.values16 = values16
            return frame
        }
    }

    func check(_ path: String, _ design: Design, on target: ROITarget) throws {
        let object = try SegmentationReader.read(path: path)
        let placed = try ROITestSupport.placements(try SegmentationRasterizer.place(object, on: target))
        #expect(placed.map(\.mask.label) == design.map(\.label))
        #expect(placed.map(\.mask.source.segmentNumber) == design.map(\.number))
        for (p, s) in zip(placed, design) {
            #expect(ROITestSupport.voxels(p.mask) == s.voxels, "segment \(s.number) of \(path)")
            #expect(!p.resampled)
        }
    }

    func write(_ design: Design, folder: String, name: String, configure: (inout SyntheticSEG) -> Void) throws -> String {
        var seg = SyntheticSEG(rows: 9, columns: 7, frameOfReferenceUID: SyntheticSEGTests.frameOfReference,
                               referencedSeriesUID: SyntheticSEGTests.series)
        seg.segments = design.map { ($0.number, $0.label) }
        seg.frames = Self.frames(design)
        configure(&seg)
        let path = folder + "/" + name
        try seg.write(to: path)
        return path
    }

    @Test("One segment with SegmentIdentificationSequence in the shared functional groups (highdicom's layout)")
    func sharedIdentification() throws {
        let folder = try SharedData.temporaryFolder("segshared")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try SyntheticSEGTests().makeCT(folder)
        let shared = try write(Self.solo, folder: folder, name: "shared.dcm") { $0.sharedSegmentIdentification = true }
        try check(shared, Self.solo, on: target)
        let perFrame = try write(Self.solo, folder: folder, name: "perframe.dcm") { _ in }
        try check(perFrame, Self.solo, on: target)
    }

    @Test("Overlapping segments: a voxel in two segments belongs to both")
    func overlap() throws {
        let folder = try SharedData.temporaryFolder("segoverlap")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try SyntheticSEGTests().makeCT(folder)
        #expect(Self.overlapping[0].voxels.intersection(Self.overlapping[1].voxels).count == 6)
        try check(try write(Self.overlapping, folder: folder, name: "overlap.dcm") { _ in }, Self.overlapping, on: target)
    }

    @Test("Label Map SEG, 8 and 16 bits: pixel values are segment numbers", arguments: [8, 16])
    func labelMap(bits: Int) throws {
        let folder = try SharedData.temporaryFolder("seglabel")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try SyntheticSEGTests().makeCT(folder)
        // 16 bits: segment numbers above 255 (300) as well.
        let design: Design = bits == 8 ? Self.labels : [(300, "Block", Self.labels[0].voxels), (7, "Checker", Self.labels[1].voxels)]
        let path = try write(design, folder: folder, name: "labelmap.dcm") {
            $0.labelMapBitsAllocated = bits
            $0.frames = Self.labelMapFrames(design)
        }
        try check(path, design, on: target)
    }

    @Test("SEGs written by highdicom: one segment (shared identification), overlapping segments, Label Map SEG")
    func highdicom() throws {
        let folder = try SharedData.temporaryFolder("seghd")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try SyntheticSEGTests().makeCT(folder)
        for (name, type, design) in [("solo", "BINARY", Self.solo), ("overlap", "BINARY", Self.overlapping), ("labelmap", "LABELMAP", Self.labels)] {
            let json: [String: Any] = ["type": type, "segments": design.map {
                ["number": $0.number, "label": $0.label, "voxels": $0.voxels.sorted { $0.lexicographicallyPrecedes($1) }] as [String: Any]
            }]
            let designPath = folder + "/\(name).json", out = folder + "/\(name).dcm"
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: designPath))
            switch PythonScript.run("highdicom_seg.py", [folder + "/ct", designPath, out]) {
            case .unavailable(let why): print("SEGLayoutTests.highdicom skipped: \(why)"); return
            case .failed(let status, let output): Issue.record("highdicom_seg.py exited \(status): \(output)"); return
            case .ran: break
            }
            try check(out, design, on: target)
        }
    }
}
