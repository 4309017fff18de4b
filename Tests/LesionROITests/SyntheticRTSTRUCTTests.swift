import DICOMImport
import Foundation
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// An RTSTRUCT written by the project's own code through DCMTK onto a synthetic CT of 20 × 20
/// 1 mm pixels at z = 0, 2, 4, 8, 10 (the plane at z = 6 is missing). Voxel (k, r, c) has its
/// centre at x = c, y = r; contour edges lie on half-millimetres, so no centre is on an edge.
@Suite("Synthetic RTSTRUCT on the CT grid")
struct SyntheticRTSTRUCTTests {
    static let series = "2.25.6600.1"
    static let frameOfReference = "2.25.6600.9"
    typealias Contour = SyntheticRTSTRUCT.Contour

    /// Square [lo, hi] of centres in x and y.
    static func inSquare(_ r: Int, _ c: Int, _ lo: Int, _ hi: Int) -> Bool { (lo...hi).contains(r) && (lo...hi).contains(c) }

    /// Ring: planes 1 and 2, outer centres 3…12 minus the hole 6…9; on plane 1 an island at (8, 8)
    /// inside the hole; on plane 2 an island 15…17.
    static func ring(_ k: Int, _ r: Int, _ c: Int) -> Bool {
        let ring = inSquare(r, c, 3, 12) && !inSquare(r, c, 6, 9)
        switch k {
        case 1: return ring || (r == 8 && c == 8)
        case 2: return ring || inSquare(r, c, 15, 17)
        default: return false
        }
    }

    func write(_ folder: String, referencedSeries: String = series) throws -> (ROITarget, String) {
        var ct = SyntheticCT()
        ct.rows = 20; ct.columns = 20
        ct.positions = [0, 2, 4, 8, 10].map { PatientPoint(0, 0, $0) }
        ct.seriesInstanceUID = Self.series; ct.frameOfReferenceUID = Self.frameOfReference
        try ct.write(to: folder + "/ct")
        var rs = SyntheticRTSTRUCT(frameOfReferenceUID: Self.frameOfReference, referencedSeriesUID: referencedSeries)
        rs.rois = [
            .init(number: 7, name: "Ring ", contours: [
                .square(2.5, 2.5, 12.5, 12.5, z: 2), .square(5.5, 5.5, 9.5, 9.5, z: 2, clockwise: true),
                .square(7.5, 7.5, 8.5, 8.5, z: 2),
                .square(14.5, 14.5, 17.5, 17.5, z: 4), .square(5.5, 5.5, 9.5, 9.5, z: 4, clockwise: true),
                .square(2.5, 2.5, 12.5, 12.5, z: 4),
                Contour(type: "POINT", data: [3, 3, 4]), Contour(type: "OPEN_PLANAR", data: [3, 3, 2, 9, 9, 2, 3, 9, 2]),
                .square(2.5, 2.5, 12.5, 12.5, z: 6),
            ]),
            .init(number: 8, name: "Beyond", contours: [.square(2.5, 2.5, 12.5, 12.5, z: 20)]),
            .init(number: 9, name: "Edge", contours: [.square(15.5, 0.5, 25.5, 2.5, z: 10)]),
            .init(number: 10, name: "Foreign", frameOfReferenceUID: "2.25.666", contours: [.square(2.5, 2.5, 4.5, 4.5, z: 0)]),
            .init(number: 11, name: "Points", contours: [Contour(type: "POINT", data: [3, 3, 0])]),
        ]
        let path = folder + "/rs.dcm"
        try rs.write(to: path)
        return (try ROITestSupport.target(folder + "/ct"), path)
    }

    @Test("Holes, islands inside holes and separate islands by the even–odd rule; other contour types skipped with notes")
    func ringWithIslands() throws {
        let folder = try SharedData.temporaryFolder("rs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (target, path) = try write(folder)
        let results = try ContourRasterizer.place(try StructureSetReader.read(path: path), on: target)
        let ring = try results[0].get()
        var expected: Set<[Int]> = []
        for k in 0..<5 { for r in 0..<20 { for c in 0..<20 where Self.ring(k, r, c) { expected.insert([k, r, c]) } } }
        #expect(ROITestSupport.voxels(ring.mask) == expected)
        #expect(ring.mask.voxelCount == 84 + 1 + 84 + 9)
        #expect(ring.mask.label == "Ring" && ring.mask.source == ROISource(kind: .rtstruct, file: path, roiNumber: 7))
        #expect(!ring.mask.extendsOutsideVolume && !ring.resampled)
        #expect(ring.notes.contains { $0.contains("1 POINT contour(s) skipped") })
        #expect(ring.notes.contains { $0.contains("1 OPEN_PLANAR contour(s) skipped") })
        #expect(ring.notes.contains { $0.contains("contour 9") && $0.contains("not used") })
        #expect(ring.flags == ["contours_off_plane"] && ring.warnings.count == 1)
    }

    @Test("Wholly outside, partly outside, foreign frame of reference and no closed contour")
    func outsideAndErrors() throws {
        let folder = try SharedData.temporaryFolder("rse")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (target, path) = try write(folder)
        let results = try ContourRasterizer.place(try StructureSetReader.read(path: path), on: target)
        let beyond = #expect(throws: ROIError.self) { try results[1].get() }
        #expect(beyond?.kind == .outsideVolume && beyond?.lesion == "Beyond" && beyond?.file == path)
        let edge = try results[2].get()
        var expected: Set<[Int]> = []
        for r in 1...2 { for c in 16...19 { expected.insert([4, r, c]) } }
        #expect(ROITestSupport.voxels(edge.mask) == expected)
        #expect(edge.mask.extendsOutsideVolume && edge.voxelsOutsideVolume == 12)
        let foreign = #expect(throws: ROIError.self) { try results[3].get() }
        #expect(foreign?.kind == .foreignReference && foreign?.lesion == "Foreign" && foreign?.message.contains("2.25.666") == true)
        let points = #expect(throws: ROIError.self) { try results[4].get() }
        #expect(points?.kind == .empty && points?.lesion == "Points")
    }

    @Test("A structure set referring to another series is refused, naming both")
    func otherSeries() throws {
        let folder = try SharedData.temporaryFolder("rss")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (target, path) = try write(folder, referencedSeries: "2.25.888")
        let error = #expect(throws: ROIError.self) { try ContourRasterizer.place(try StructureSetReader.read(path: path), on: target) }
        #expect(error?.kind == .foreignReference && error?.message.contains("2.25.888") == true && error?.message.contains(Self.series) == true)
    }
}
