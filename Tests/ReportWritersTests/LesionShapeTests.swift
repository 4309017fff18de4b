import Foundation
import Testing
import VolumeModel
import _TestSupport
@testable import ReportWriters

/// `LesionShape` (row runs, per-plane hulls) against the definition computed voxel by voxel: the mean
/// of every voxel centre, the largest distance over every pair of voxel centres, the coordinate
/// extremes.
@Suite struct LesionShapeTests {
    @Test func randomMasksEqualTheDefinition() throws {
        var seeded = SeededRandom(state: 1616)
        for iteration in 0..<150 {
            let a = Double.random(in: -0.5...0.5, using: &seeded), t = Double.random(in: -0.4...0.4, using: &seeded)
            let orientation = [cos(a), sin(a), 0, -sin(a) * cos(t), cos(a) * cos(t), sin(t)]
            let g = SyntheticScans.geometry(rows: 30, columns: 30, orientation: orientation,
                                            spacing: (Double.random(in: 0.4...2, using: &seeded), Double.random(in: 0.4...2, using: &seeded)),
                                            planes: 6, origin: PatientPoint(-10, 5, 40))
            func range(_ n: Int) -> Range<Int> {
                let lo = Int.random(in: 0..<n, using: &seeded)
                return lo..<Int.random(in: (lo + 1)...min(n, lo + 12), using: &seeded)
            }
            let box = VoxelBox(planes: range(6), rows: range(30), columns: range(30))
            let density = [0.02, 0.3, 0.8, 1][iteration % 4]
            let inside = (0..<box.voxelCount).map { _ in Double.random(in: 0..<1, using: &seeded) < density ? UInt8(1) : 0 }
            let mask = LesionMask(label: "S", source: ROISource(kind: .box, file: "s"), box: box, inside: inside)
            var centres: [PatientPoint] = []
            for k in box.planes { for r in box.rows { for c in box.columns where mask.contains(plane: k, row: r, column: c) {
                centres.append(g.voxelCentre(plane: k, row: r, column: c))
            } } }
            guard let shape = LesionShape(mask: mask, geometry: g) else {
                #expect(centres.isEmpty, "case \(iteration)")
                continue
            }
            var sum = PatientPoint(0, 0, 0), best = 0.0
            for p in centres { sum += p }
            for i in centres.indices { for j in centres.indices where j > i { best = max(best, (centres[i] - centres[j]).length) } }
            let mean = sum / Double(centres.count)
            #expect((shape.centroid - mean).length < 1e-9, "centroid, case \(iteration)")
            #expect(abs(shape.largestDiameter - best) < 1e-9, "diameter, case \(iteration): \(shape.largestDiameter) vs \(best)")
            #expect(abs(shape.lower.x - centres.map(\.x).min()!) < 1e-9 && abs(shape.upper.z - centres.map(\.z).max()!) < 1e-9)
            #expect(abs(shape.lower.y - centres.map(\.y).min()!) < 1e-9 && abs(shape.upper.x - centres.map(\.x).max()!) < 1e-9)
        }
    }

    /// A box over 120 × 512² voxels (31.5 M) is described from 480 hull points: its diameter is
    /// the corner-to-corner diagonal between voxel centres.
    @Test func wholeSeriesBox() throws {
        let g = SyntheticScans.geometry(rows: 512, columns: 512, spacing: (0.7, 0.7), planes: 120)
        let box = VoxelBox(planes: 0..<120, rows: 0..<512, columns: 0..<512)
        let mask = LesionMask(label: "W", source: ROISource(kind: .box, file: "w"), box: box,
                              inside: [UInt8](repeating: 1, count: box.voxelCount), voxelCount: box.voxelCount)
        let shape = try #require(LesionShape(mask: mask, geometry: g))
        // 511 × 0.7 mm in x and y, 119 × 2.5 mm along z.
        let diagonal = (2 * pow(511 * 0.7, 2) + pow(119 * 2.5, 2)).squareRoot()
        #expect(abs(shape.largestDiameter - diagonal) < 1e-9)
        #expect(abs(shape.centroid.x - 255.5 * 0.7) < 1e-6 && abs(shape.centroid.z - 59.5 * 2.5) < 1e-6)
    }
}
