import Foundation
import Testing
import VolumeModel

@Suite("Stack geometry (PS3.3 C.7.6.2.1.1)")
struct StackGeometryTests {
    /// Axial, 0.5 × 0.8 mm pixels (PixelSpacing row, column), planes at z = 0, 2, 4, 8 (one missing).
    static let axial = StackGeometry(
        rows: 10, columns: 20, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.5, 0.8),
        planePositions: [0, 2, 4, 8].map { PatientPoint(-10, -5, Double($0)) })

    @Test("Voxel centre: IPP + column × column spacing × row direction + row × row spacing × column direction")
    func voxelCentre() {
        // Column 3 moves 3 × 0.8 = 2.4 mm along x; row 4 moves 4 × 0.5 = 2 mm along y.
        #expect(Self.axial.voxelCentre(plane: 3, row: 4, column: 3) == PatientPoint(-7.6, -3, 8))
        #expect(Self.axial.normal == PatientPoint(0, 0, 1))
    }

    @Test("Plane extents follow CONTRACT.md: half the gap to each neighbour, the gap itself at the ends")
    func extents() {
        // Gaps 2, 2, 4: extents 2, (2+2)/2 = 2, (2+4)/2 = 3, 4.
        #expect((0..<4).map { Self.axial.planeExtent($0) } == [2, 2, 3, 4])
        #expect(Self.axial.voxelVolumeMM3(plane: 2) == 0.5 * 0.8 * 3)
        #expect(Self.axial.planeGaps == [2, 2, 4])
    }

    @Test("A sagittal stack sorts along +x (the normal of IOP 0\\1\\0\\0\\0\\−1)")
    func sagittal() {
        let g = StackGeometry(rows: 4, columns: 4, imageOrientationPatient: [0, 1, 0, 0, 0, -1], pixelSpacing: (1, 1),
                              planePositions: [PatientPoint(-2, 0, 0), PatientPoint(0, 0, 0)])
        // (0,1,0) × (0,0,−1) = (−1, 0, 0): positions along it are 2 and 0.
        #expect(g.normal == PatientPoint(-1, 0, 0))
        #expect(g.normalPositions == [2, 0])
        #expect(g.voxelCentre(plane: 1, row: 2, column: 1) == PatientPoint(0, 1, -2))
    }

    @Test("Gantry tilt: in-plane coordinates of a point on a tilted plane")
    func tilted() {
        // Columns tilted by 18.5°: column direction (0, cos, −sin).
        let a = 18.5 * Double.pi / 180
        let g = StackGeometry(rows: 8, columns: 8, imageOrientationPatient: [1, 0, 0, 0, cos(a), -sin(a)], pixelSpacing: (1, 1),
                              planePositions: [PatientPoint(0, 0, 0), PatientPoint(0, 0, 5)])
        let p = g.voxelCentre(plane: 1, row: 3, column: 2)
        let c = g.planeCoordinates(of: p, plane: 1)
        #expect(abs(c.row - 3) < 1e-12 && abs(c.column - 2) < 1e-12 && abs(c.distance) < 1e-12)
        // The planes are 5 mm apart along z but 5 cos(18.5°) apart along the normal.
        #expect(abs(g.planeGaps[0] - 5 * cos(a)) < 1e-12)
    }
}

@Suite("Lesion masks")
struct LesionMaskTests {
    @Test("Membership, bounding box and the volume-edge test")
    func mask() {
        let source = ROISource(kind: .sphere, file: "rois.json")
        // A plus sign in plane 1 around (row 2, column 2) of a 3-plane 5 × 5 stack.
        let m = LesionMask.build(label: "L1", source: source, candidates: VoxelBox(planes: 0..<3, rows: 0..<5, columns: 0..<5)) { k, r, c in
            k == 1 && ((r == 2 && (1...3).contains(c)) || (c == 2 && (1...3).contains(r)))
        }
        #expect(m.voxelCount == 5)
        #expect(m.box == VoxelBox(planes: 1..<2, rows: 1..<4, columns: 1..<4))
        #expect(m.contains(plane: 1, row: 1, column: 2) && !m.contains(plane: 1, row: 1, column: 1) && !m.contains(plane: 0, row: 2, column: 2))
        let g = StackGeometry(rows: 5, columns: 5, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (1, 1),
                              planePositions: (0..<3).map { PatientPoint(0, 0, Double($0)) })
        #expect(!m.touchesVolumeEdge(of: g))
        let edge = LesionMask.build(label: "E", source: source, candidates: VoxelBox(planes: 0..<3, rows: 0..<5, columns: 0..<5)) { k, r, c in
            k == 1 && r == 0 && c == 2
        }
        #expect(edge.touchesVolumeEdge(of: g))
    }
}
