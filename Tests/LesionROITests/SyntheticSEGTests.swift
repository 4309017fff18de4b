import DICOMImport
import Foundation
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// SEGs written by the project's own code through DCMTK onto a synthetic CT of 6 planes × 9 rows ×
/// 7 columns (1 mm pixels, planes at z = 0, 2, …, 10): 63 pixels per frame, so BINARY frames
/// start inside a byte (PS3.5 §8.1.1). Every voxel's membership is designed.
@Suite("Synthetic SEG on the CT grid")
struct SyntheticSEGTests {
    static let series = "2.25.5500.1"
    static let frameOfReference = "2.25.5500.9"
    static func uid(_ k: Int) -> String { "\(series).\(k + 1)" }

    /// Segment 1 on plane k (k = 1, 2, 3): pixels with (r + 2c + k) mod 3 == 0 and 2 ≤ r ≤ 6.
    static func l1(_ k: Int, _ r: Int, _ c: Int) -> Bool { (1...3).contains(k) && (2...6).contains(r) && (r + 2 * c + k) % 3 == 0 }
    /// Segment 2 on plane 4: the 3 × 2 block rows 1–3, columns 4–5.
    static func l2(_ k: Int, _ r: Int, _ c: Int) -> Bool { k == 4 && (1...3).contains(r) && (4...5).contains(c) }

    static func frameValues(_ k: Int, rows: Int = 9, columns: Int = 7, _ f: (Int, Int, Int) -> Bool) -> [UInt8] {
        (0..<rows).flatMap { r in (0..<columns).map { c in f(k, r, c) ? UInt8(1) : 0 } }
    }

    static func designed(_ f: (Int, Int, Int) -> Bool) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in 0..<6 { for r in 0..<9 { for c in 0..<7 where f(k, r, c) { out.insert([k, r, c]) } } }
        return out
    }

    func makeCT(_ folder: String) throws -> ROITarget {
        var ct = SyntheticCT()
        ct.rows = 9; ct.columns = 7; ct.planes = 6
        ct.seriesInstanceUID = Self.series; ct.frameOfReferenceUID = Self.frameOfReference
        try ct.write(to: folder + "/ct")
        return try ROITestSupport.target(folder + "/ct")
    }

    func seg(frames: [SyntheticSEG.Frame]) -> SyntheticSEG {
        var seg = SyntheticSEG(rows: 9, columns: 7, frameOfReferenceUID: Self.frameOfReference, referencedSeriesUID: Self.series)
        seg.segments = [(1, " L1 lytic "), (2, "L2")]
        seg.frames = frames
        return seg
    }

    @Test("Shuffled frames, omitted empty frames, UID-only, position-only and unknown-UID frames, two segments")
    func binaryTwoSegments() throws {
        let folder = try SharedData.temporaryFolder("seg")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        let frames: [SyntheticSEG.Frame] = [
            .init(segment: 1, referencedSOPInstanceUID: Self.uid(3), position: PatientPoint(0, 0, 6), values: Self.frameValues(3, Self.l1)),
            .init(segment: 2, referencedSOPInstanceUID: nil, position: PatientPoint(0, 0, 8), values: Self.frameValues(4, Self.l2)),
            .init(segment: 1, referencedSOPInstanceUID: Self.uid(1), position: nil, values: Self.frameValues(1, Self.l1)),
            .init(segment: 1, referencedSOPInstanceUID: "2.25.404", position: PatientPoint(0, 0, 4), values: Self.frameValues(2, Self.l1)),
        ]
        let path = folder + "/seg.dcm"
        try seg(frames: frames).write(to: path)
        let object = try SegmentationReader.read(path: path)
        let results = try ROITestSupport.placements(try SegmentationRasterizer.place(object, on: target))
        #expect(results.map(\.mask.label) == ["L1 lytic", "L2"])
        #expect(results.map(\.mask.source) == [ROISource(kind: .seg, file: path, segmentNumber: 1), ROISource(kind: .seg, file: path, segmentNumber: 2)])
        #expect(ROITestSupport.voxels(results[0].mask) == Self.designed(Self.l1))
        #expect(ROITestSupport.voxels(results[1].mask) == Self.designed(Self.l2))
        #expect(results[1].mask.voxelCount == 6)
        #expect(results.allSatisfy { !$0.resampled && !$0.mask.extendsOutsideVolume })
    }

    @Test("FRACTIONAL: kept at ≥ threshold × MaximumFractionalValue", arguments: [(0.5, 100), (0.25, 50), (1.0, 200)])
    func fractional(threshold: Double, minimum: Int) throws {
        let folder = try SharedData.temporaryFolder("segf")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        let value: (Int, Int) -> Int = { r, c in (r * 29 + c * 13) % 201 }
        var s = seg(frames: [.init(segment: 1, referencedSOPInstanceUID: Self.uid(2), position: PatientPoint(0, 0, 4),
                                   values: (0..<9).flatMap { r in (0..<7).map { c in UInt8(value(r, c)) } })])
        s.segments = [(1, "F")]
        s.fractionalMaximum = 200
        try s.write(to: folder + "/seg.dcm")
        let object = try SegmentationReader.read(path: folder + "/seg.dcm")
        let p = try #require(try SegmentationRasterizer.place(object, on: target, fractionalThreshold: threshold).first).get()
        let expected = Self.designed { k, r, c in k == 2 && value(r, c) >= minimum && value(r, c) > 0 }
        #expect(ROITestSupport.voxels(p.mask) == expected)
    }

    @Test("A SEG on a coarser grid (2 mm pixels) is resampled by nearest voxel centre and says so")
    func resampled() throws {
        let folder = try SharedData.temporaryFolder("segr")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        // SEG pixel (i, j) centred at (x, y) = (2j + 0.5, 2i + 0.5) covers CT rows 2i, 2i + 1 and columns 2j, 2j + 1.
        var s = SyntheticSEG(rows: 4, columns: 3, frameOfReferenceUID: Self.frameOfReference, referencedSeriesUID: Self.series)
        s.pixelSpacing = (2, 2)
        s.segments = [(1, "R")]
        let set: Set<[Int]> = [[0, 0], [1, 2], [3, 1]]
        s.frames = [.init(segment: 1, referencedSOPInstanceUID: nil, position: PatientPoint(0.5, 0.5, 2),
                          values: (0..<4).flatMap { i in (0..<3).map { j in set.contains([i, j]) ? UInt8(1) : 0 } })]
        try s.write(to: folder + "/seg.dcm")
        let p = try #require(try SegmentationRasterizer.place(try SegmentationReader.read(path: folder + "/seg.dcm"), on: target).first).get()
        var expected: Set<[Int]> = []
        for ij in set { for dr in 0...1 { for dc in 0...1 where 2 * ij[1] + dc < 7 { expected.insert([1, 2 * ij[0] + dr, 2 * ij[1] + dc]) } } }
        #expect(p.resampled)
        #expect(ROITestSupport.voxels(p.mask) == expected)
        #expect(p.mask.voxelCount == 12)
    }

    @Test("Frames beyond the planes or the field of view: partly outside flags, wholly outside errs")
    func outside() throws {
        let folder = try SharedData.temporaryFolder("sego")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        let block = Self.frameValues(0) { _, r, c in r < 2 && c < 2 }
        var s = seg(frames: [
            // A crop shifted by (−1 row, −1 column): 3 of the 4 block pixels fall outside the image.
            .init(segment: 1, referencedSOPInstanceUID: nil, position: PatientPoint(-1, -1, 10), values: block),
            // Beyond the last plane (z = 10) by a whole plane.
            .init(segment: 2, referencedSOPInstanceUID: nil, position: PatientPoint(0, 0, 12), values: block),
        ])
        s.segments = [(1, "P"), (2, "Q")]
        try s.write(to: folder + "/seg.dcm")
        let results = try SegmentationRasterizer.place(try SegmentationReader.read(path: folder + "/seg.dcm"), on: target)
        let partial = try results[0].get()
        #expect(ROITestSupport.voxels(partial.mask) == [[5, 0, 0]])
        #expect(partial.mask.extendsOutsideVolume && partial.voxelsOutsideVolume == 3 && !partial.resampled)
        #expect(throws: ROIError(.outsideVolume, file: folder + "/seg.dcm", lesion: "Q",
                                 "lies entirely outside the CT volume (0 voxels inside; 4 beyond its planes or field of view)")) { try results[1].get() }
    }

    @Test("Another frame of reference or another series is refused, naming both UIDs")
    func foreignReferences() throws {
        let folder = try SharedData.temporaryFolder("segx")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        let frames = [SyntheticSEG.Frame(segment: 1, referencedSOPInstanceUID: Self.uid(1), position: nil, values: Self.frameValues(1, Self.l1))]
        var otherFrame = seg(frames: frames)
        otherFrame.frameOfReferenceUID = "2.25.666"
        try otherFrame.write(to: folder + "/for.dcm")
        let e1 = #expect(throws: ROIError.self) { try SegmentationRasterizer.place(try SegmentationReader.read(path: folder + "/for.dcm"), on: target) }
        #expect(e1?.kind == .foreignReference && e1?.message.contains("2.25.666") == true && e1?.message.contains(Self.frameOfReference) == true)
        var otherSeries = seg(frames: frames)
        otherSeries.referencedSeriesUID = "2.25.777"
        try otherSeries.write(to: folder + "/series.dcm")
        let e2 = #expect(throws: ROIError.self) { try SegmentationRasterizer.place(try SegmentationReader.read(path: folder + "/series.dcm"), on: target) }
        #expect(e2?.kind == .foreignReference && e2?.message.contains("2.25.777") == true && e2?.message.contains(Self.series) == true)
        #expect(e2?.file == folder + "/series.dcm")
    }

    @Test("A segment with no frame is an error naming it")
    func emptySegment() throws {
        let folder = try SharedData.temporaryFolder("sege")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = try makeCT(folder)
        try seg(frames: [.init(segment: 1, referencedSOPInstanceUID: Self.uid(1), position: nil, values: Self.frameValues(1, Self.l1))])
            .write(to: folder + "/seg.dcm")
        let results = try SegmentationRasterizer.place(try SegmentationReader.read(path: folder + "/seg.dcm"), on: target)
        let error = #expect(throws: ROIError.self) { try results[1].get() }
        #expect(error?.kind == .empty && error?.lesion == "L2")
    }
}
