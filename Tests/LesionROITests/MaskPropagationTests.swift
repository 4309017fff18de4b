import Foundation
import LesionROI
import Testing
import VolumeModel

/// Hand-computed carried masks. Both grids: 10 × 10 pixels of 1 mm, planes z = 0 … 9, origin
/// (0, 0, 0), so voxel (k, r, c) has its centre at (x, y, z) = (c, r, k).
@Suite("Mask propagation: baseline ROIs carried onto the follow-up grid")
struct MaskPropagationTests {
    static let grid = StackGeometry(rows: 10, columns: 10, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (1, 1),
                                    planePositions: (0..<10).map { PatientPoint(0, 0, Double($0)) })
    static let source = ROISource(kind: .seg, file: "seg.dcm", segmentNumber: 1)

    static func mask(_ voxels: [(Int, Int, Int)]) -> LesionMask {
        LesionMask.build(label: "L1", source: source, candidates: VoxelBox(planes: 0..<10, rows: 0..<10, columns: 0..<10)) { k, r, c in
            voxels.contains { $0 == (k, r, c) }
        }
    }

    static func voxels(_ m: LesionMask) -> Set<[Int]> {
        var out = Set<[Int]>()
        for k in m.box.planes { for r in m.box.rows { for c in m.box.columns where m.contains(plane: k, row: r, column: c) {
            out.insert([k, r, c])
        } } }
        return out
    }

    static func shift(_ x: Double, _ y: Double, _ z: Double) -> RigidTransform {
        RigidTransform(rotationRows: RigidTransform.identity.rotationRows, translation: PatientPoint(x, y, z))
    }

    @Test("A translation: follow-up p is baseline p + (2, 0, 0), so the cube moves 2 columns down")
    func translation() throws {
        var cube: [(Int, Int, Int)] = []
        for k in 4...6 { for r in 3...5 { for c in 5...7 { cube.append((k, r, c)) } } }
        let placed = try MaskPropagation.carry(Self.mask(cube), from: Self.grid, onto: Self.grid,
                                               baselineFromFollowup: Self.shift(2, 0, 0))
        var expected = Set<[Int]>()
        for k in 4...6 { for r in 3...5 { for c in 3...5 { expected.insert([k, r, c]) } } }
        #expect(Self.voxels(placed.mask) == expected)
        #expect(placed.mask.label == "L1" && placed.mask.source == Self.source && !placed.resampled)
        #expect(placed.voxelsOutsideVolume == 0 && !placed.mask.extendsOutsideVolume)
    }

    @Test("A rotation of 90° about z through (4.5, 4.5): baseline (r, c) = (c_f, 9 − r_f)")
    func rotation() throws {
        // baselineFromFollowup maps follow-up (x, y) to (9 − y, x): the voxel (r, c) of the
        // follow-up belongs when baseline voxel (c, 9 − r) does. The L {(2,2), (2,3), (2,4), (3,2)}
        // on plane 5 becomes {(7,2), (6,2), (5,2), (7,3)}.
        let t = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90, center: PatientPoint(4.5, 4.5, 0))
        let placed = try MaskPropagation.carry(Self.mask([(5, 2, 2), (5, 2, 3), (5, 2, 4), (5, 3, 2)]), from: Self.grid,
                                               onto: Self.grid, baselineFromFollowup: t)
        #expect(Self.voxels(placed.mask) == [[5, 7, 2], [5, 6, 2], [5, 5, 2], [5, 7, 3]])
    }

    @Test("Carried partly beyond the field of view: counted outside, flagged, never measured")
    func partlyOutside() throws {
        // Columns 1…3 at baseline; follow-up c = baseline c + 8 → 9, 10, 11: one inside, one on
        // the virtual ring beyond the edge (counted), one further out (not examined: a lower bound).
        let placed = try MaskPropagation.carry(Self.mask([(5, 5, 1), (5, 5, 2), (5, 5, 3)]), from: Self.grid, onto: Self.grid,
                                               baselineFromFollowup: Self.shift(-8, 0, 0))
        #expect(Self.voxels(placed.mask) == [[5, 5, 9]])
        #expect(placed.voxelsOutsideVolume == 1 && placed.mask.extendsOutsideVolume)
        #expect(throws: ROIError.self) {
            try MaskPropagation.carry(Self.mask([(5, 5, 1)]), from: Self.grid, onto: Self.grid,
                                      baselineFromFollowup: Self.shift(-30, 0, 0))
        }
    }

    @Test("A sphere by its own rule: r = 1 mm at baseline (5, 5, 5), follow-up p + (1, 0, 0) in it")
    func sphere() throws {
        // The carried sphere is centred at follow-up (4, 5, 5): its centre voxel and 6 face neighbours.
        let roi = GeometricROI(id: "S", shape: .sphere(center: PatientPoint(5, 5, 5), radiusMM: 1))
        let placed = try MaskPropagation.carry(roi, file: "rois.json", onto: Self.grid, baselineFromFollowup: Self.shift(1, 0, 0))
        #expect(Self.voxels(placed.mask) == [[5, 5, 4], [5, 5, 3], [5, 5, 5], [5, 4, 4], [5, 6, 4], [4, 5, 4], [6, 5, 4]])
        #expect(placed.mask.source.kind == .sphere && !placed.resampled)
    }

    @Test("A box stays the box drawn at baseline: turned 45° against the follow-up grid it is a diamond")
    func rotatedBox() throws {
        // Box x, y ∈ [2, 4], z = 5. A follow-up voxel at offset (dx, dy) from (3, 3) maps to
        // R45 (dx, dy): inside when |dx − dy| ≤ √2 and |dx + dy| ≤ √2, i.e. the centre and its
        // four in-plane neighbours (offset (1, 1) gives 2 > √2).
        let roi = GeometricROI(id: "B", shape: .box(PatientPoint(2, 2, 5), PatientPoint(4, 4, 5)))
        let t = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 45, center: PatientPoint(3, 3, 5))
        let placed = try MaskPropagation.carry(roi, file: "rois.json", onto: Self.grid, baselineFromFollowup: t)
        #expect(Self.voxels(placed.mask) == [[5, 3, 3], [5, 2, 3], [5, 4, 3], [5, 3, 2], [5, 3, 4]])
        let identity = try MaskPropagation.carry(roi, file: "rois.json", onto: Self.grid, baselineFromFollowup: .identity)
        #expect(identity.mask.voxelCount == 9)
    }

    @Test("Uneven baseline planes: the carried voxel covers its whole nearest-plane cell, however lopsided")
    func unevenPlanes() throws {
        // Baseline planes at z = 0, 1, 2, 6, 7; the mask is voxel (3, 5, 5) at z = 6, nearest for
        // z in [4, 6.5] (halfway to z = 2 and to z = 7; a tie goes to the lower plane). Follow-up
        // planes at z = 0.5 … 9.5 (identity): 4.5, 5.5 and 6.5 fall in it, planes 4, 5 and 6.
        let uneven = StackGeometry(rows: 10, columns: 10, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (1, 1),
                                   planePositions: [0, 1, 2, 6, 7].map { PatientPoint(0, 0, $0) })
        let mask = LesionMask.build(label: "L1", source: Self.source, candidates: VoxelBox(planes: 3..<4, rows: 5..<6, columns: 5..<6)) { _, _, _ in true }
        let followup = StackGeometry(rows: 10, columns: 10, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (1, 1),
                                     planePositions: (0..<10).map { PatientPoint(0, 0, Double($0) + 0.5) })
        let placed = try MaskPropagation.carry(mask, from: uneven, onto: followup, baselineFromFollowup: .identity)
        #expect(Self.voxels(placed.mask) == [[4, 5, 5], [5, 5, 5], [6, 5, 5]])
        let z = MaskPropagation.corners(of: mask, on: uneven).map(\.z)
        #expect(z.min() == 4 && z.max() == 6.5)
    }
}
