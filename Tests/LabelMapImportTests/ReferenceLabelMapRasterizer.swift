import Foundation
@testable import LesionROI
import VolumeModel

/// The voxel-by-voxel label-map placement that the bulk one (runs → spans, row-by-row resampling)
/// replaced, kept here as the reference: every labelled voxel (its linear index and label) tested
/// on its own for the one-to-one mapping, else every CT voxel centre of the labelled box mapped by
/// the inverse affine and looked up in a dictionary of the labelled voxels.
enum ReferenceLabelMapRasterizer {
    typealias Hits = [Int32: Set<[Int]>]

    /// The CT voxels [plane, row, column] of each label, the labelled voxels beyond the volume per
    /// label, and whether the map was resampled.
    static func place(_ map: LabelMapVolume, indices: [Int], labels: [Int32], on target: ROITarget) -> (Hits, [Int32: Int], Bool) {
        if let (hits, outside) = direct(map, indices, labels, target) { return (hits, outside, false) }
        return (resample(map, indices, labels, target), [:], true)
    }

    static func voxel(_ map: LabelMapVolume, _ index: Int) -> SIMD3<Int> {
        SIMD3(index % map.size.x, (index / map.size.x) % map.size.y, index / (map.size.x * map.size.y))
    }

    static func direct(_ map: LabelMapVolume, _ indices: [Int], _ labels: [Int32], _ target: ROITarget) -> (Hits, [Int32: Int])? {
        let g = target.geometry
        let tolerance = LabelMapRasterizer.sameCentreToleranceMM
        var byLabel: Hits = [:], outside: [Int32: Int] = [:]
        for (n, index) in indices.enumerated() {
            let v = voxel(map, index)
            let p = map.centre(Double(v.x), Double(v.y), Double(v.z))
            let along = p.dot(g.normal)
            let label = labels[n]
            switch target.plane(atNormalPosition: along) {
            case .outside:
                outside[label, default: 0] += 1
            case .betweenPlanes:
                return nil
            case .plane(let k):
                guard abs(g.normalPositions[k] - along) <= tolerance else { return nil }
                let (row, column, _) = g.planeCoordinates(of: p, plane: k)
                let r = row.rounded(), c = column.rounded()
                guard abs(row - r) * g.rowSpacing <= tolerance, abs(column - c) * g.columnSpacing <= tolerance else { return nil }
                if r < 0 || c < 0 || r >= Double(g.rows) || c >= Double(g.columns) {
                    outside[label, default: 0] += 1
                } else {
                    byLabel[label, default: []].insert([k, Int(r), Int(c)])
                }
            }
        }
        return (byLabel, outside)
    }

    static func resample(_ map: LabelMapVolume, _ indices: [Int], _ labels: [Int32], _ target: ROITarget) -> Hits {
        let g = target.geometry
        var lookup: [Int: Int32] = [:]
        var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
        for (n, index) in indices.enumerated() {
            lookup[index] = labels[n]
            let v = voxel(map, index)
            let p = map.centre(Double(v.x), Double(v.y), Double(v.z))
            lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p)
        }
        let grow = map.axes.reduce(PatientPoint.zero) { $0 + PatientPoint(Swift.abs($1.x), Swift.abs($1.y), Swift.abs($1.z)) }
        lo -= grow; hi += grow
        guard let inverse = Affine3.inverse(map.axes) else { return [:] }
        var byLabel: Hits = [:]
        for k in 0..<g.planeCount {
            let along = g.normalPositions[k]
            let corners = [lo, hi].flatMap { a in [lo, hi].flatMap { b in [lo, hi].map { c in PatientPoint(a.x, b.y, c.z) } } }
            let normals = corners.map { $0.dot(g.normal) }
            guard along >= (normals.min() ?? 0), along <= (normals.max() ?? 0) else { continue }
            let coords = corners.map { g.planeCoordinates(of: $0, plane: k) }
            let r0 = max(0, Int(floor(coords.map(\.row).min() ?? 0))), r1 = min(g.rows - 1, Int(ceil(coords.map(\.row).max() ?? -1)))
            let c0 = max(0, Int(floor(coords.map(\.column).min() ?? 0))), c1 = min(g.columns - 1, Int(ceil(coords.map(\.column).max() ?? -1)))
            guard r0 <= r1, c0 <= c1 else { continue }
            for r in r0...r1 {
                for c in c0...c1 {
                    let ijk = Affine3.apply(inverse, g.voxelCentre(plane: k, row: r, column: c) - map.origin)
                    let i = Int(ijk.x.rounded()), j = Int(ijk.y.rounded()), kk = Int(ijk.z.rounded())
                    guard i >= 0, j >= 0, kk >= 0, i < map.size.x, j < map.size.y, kk < map.size.z,
                          let label = lookup[i + map.size.x * (j + map.size.y * kk)] else { continue }
                    byLabel[label, default: []].insert([k, r, c])
                }
            }
        }
        return byLabel
    }
}
