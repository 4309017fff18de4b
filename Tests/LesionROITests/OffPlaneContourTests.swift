import DICOMImport
import Foundation
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// RTSTRUCT contours drawn on 1 mm planes over a CT of 2 mm planes at z = 0, 2, 4, 8, 10 (z = 6
/// missing), 20 × 20 pixels of 1 mm: voxel (k, r, c) has its centre at x = c, y = r. Contour edges
/// lie on half-millimetres, so no centre is on an edge; every voxel set is designed here.
@Suite("RTSTRUCT contours off the CT planes")
struct OffPlaneContourTests {
    static let series = "2.25.6610.1"
    static let frameOfReference = "2.25.6610.9"
    typealias Contour = SyntheticRTSTRUCT.Contour

    static func square(_ k: Int, _ lo: Int, _ hi: Int) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for r in lo...hi { for c in lo...hi { out.insert([k, r, c]) } }
        return out
    }

    func place(_ rois: [SyntheticRTSTRUCT.ROI], implicitVR: Bool = false) throws -> [Result<ROIPlacement, ROIError>] {
        let folder = try SharedData.temporaryFolder("rsoff")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.rows = 20; ct.columns = 20
        ct.positions = [0, 2, 4, 8, 10].map { PatientPoint(0, 0, $0) }
        ct.seriesInstanceUID = Self.series; ct.frameOfReferenceUID = Self.frameOfReference
        try ct.write(to: folder + "/ct")
        var rs = SyntheticRTSTRUCT(frameOfReferenceUID: Self.frameOfReference, referencedSeriesUID: Self.series)
        rs.rois = rois
        rs.implicitVR = implicitVR
        try rs.write(to: folder + "/rs.dcm")
        return try ContourRasterizer.place(try StructureSetReader.read(path: folder + "/rs.dcm"), on: try ROITestSupport.target(folder + "/ct"))
    }

    @Test("Two contours of different planes on one CT plane are joined by union, not cancelled by the even–odd rule")
    func unionAcrossPlanes() throws {
        // z = 1.5 and 2.5 both map to the CT plane z = 2 (0.5 mm off); identical squares would
        // cancel each other under the even–odd rule (the 64 instead of 256 voxels).
        let results = try place([
            .init(number: 1, name: "Same", contours: [.square(1.5, 1.5, 17.5, 17.5, z: 1.5), .square(1.5, 1.5, 17.5, 17.5, z: 2.5)]),
            .init(number: 2, name: "Shifted", contours: [.square(1.5, 1.5, 9.5, 9.5, z: 1.6), .square(3.5, 3.5, 11.5, 11.5, z: 2.4)]),
        ])
        let same = try results[0].get(), shifted = try results[1].get()
        #expect(ROITestSupport.voxels(same.mask) == Self.square(1, 2, 17))
        #expect(same.mask.voxelCount == 256)
        #expect(ROITestSupport.voxels(shifted.mask) == Self.square(1, 2, 9).union(Self.square(1, 4, 11)))
        #expect(shifted.mask.voxelCount == 64 + 64 - 36)
        #expect(same.flags == ["contours_off_plane"] && shifted.flags == ["contours_off_plane"])
        #expect(same.warnings.count == 1 && same.warnings[0].hasPrefix("contours_off_plane: ROI \"Same\""))
        #expect(same.warnings[0].contains("up to 0.50 mm") && same.warnings[0].contains("joined by union"))
        #expect(shifted.warnings[0].contains("up to 0.40 mm"))
    }

    @Test("Holes combine within one contour plane only; an on-plane ROI raises nothing")
    func holesWithinOnePlane() throws {
        let results = try place([
            // Outer and hole both at z = 4.5 (plane z = 4), an island at z = 3.5 inside the hole:
            // a separate contour plane, so it is added by union and not cancelled with the hole.
            .init(number: 1, name: "Ring", contours: [
                .square(2.5, 2.5, 12.5, 12.5, z: 4.5), .square(5.5, 5.5, 9.5, 9.5, z: 4.5, clockwise: true),
                .square(6.5, 6.5, 8.5, 8.5, z: 3.5),
            ]),
            .init(number: 2, name: "OnPlane", contours: [.square(2.5, 2.5, 12.5, 12.5, z: 8), .square(5.5, 5.5, 9.5, 9.5, z: 8)]),
        ])
        let ring = try results[0].get(), onPlane = try results[1].get()
        let expected = Self.square(2, 3, 12).subtracting(Self.square(2, 6, 9)).union(Self.square(2, 7, 8))
        #expect(ROITestSupport.voxels(ring.mask) == expected)
        #expect(ring.mask.voxelCount == 100 - 16 + 4)
        #expect(ring.flags == ["contours_off_plane"])
        #expect(ROITestSupport.voxels(onPlane.mask) == Self.square(3, 3, 12).subtracting(Self.square(3, 6, 9)))
        #expect(onPlane.flags.isEmpty && onPlane.warnings.isEmpty)
    }

    @Test("A contour farther than half the local plane gap from every CT plane is not used, and said so")
    func unusedContour() throws {
        // z = 6: the planes around are 4 and 8 (the local gap is 4 mm but plane 4's tolerance is 1 mm).
        let results = try place([
            .init(number: 1, name: "Gap", contours: [.square(2.5, 2.5, 5.5, 5.5, z: 6), .square(2.5, 2.5, 5.5, 5.5, z: 8.25)]),
            .init(number: 2, name: "OnlyGap", contours: [.square(2.5, 2.5, 5.5, 5.5, z: 6)]),
        ])
        let gap = try results[0].get()
        #expect(ROITestSupport.voxels(gap.mask) == Self.square(3, 3, 5))
        #expect(gap.flags == ["contours_off_plane"])
        #expect(gap.warnings[0].contains("1 contour(s) farther than half the plane gap from every CT plane not used"))
        #expect(gap.warnings[0].contains("up to 0.25 mm"))
        #expect(gap.notes.contains { $0.contains("contour 1") && $0.contains("not used") })
        let only = #expect(throws: ROIError.self) { try results[1].get() }
        #expect(only?.kind == .empty && only?.message.contains("not used") == true)
    }

    @Test("A 100 000-point circular contour: the voxel centres within its radius")
    func manyPoints() throws {
        let n = 100_000, radius = 7.3, cx = 9.5, cy = 10.25
        let data = (0..<n).flatMap { i -> [Double] in
            let t = 2 * Double.pi * Double(i) / Double(n)
            return [cx + radius * cos(t), cy + radius * sin(t), 4]
        }
        let circle = try place([.init(number: 1, name: "Circle", contours: [Contour(data: data)])], implicitVR: true)[0].get()
        var expected: Set<[Int]> = []
        for r in 0..<20 { for c in 0..<20 where (Double(c) - cx) * (Double(c) - cx) + (Double(r) - cy) * (Double(r) - cy) < radius * radius {
            expected.insert([2, r, c])
        } }
        #expect(ROITestSupport.voxels(circle.mask) == expected)
        #expect(circle.flags.isEmpty)
    }
}
