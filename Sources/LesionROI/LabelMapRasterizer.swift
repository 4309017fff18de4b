import Foundation
import VolumeModel

/// Puts the labels of a NIfTI/NRRD label map onto a CT stack (Docs/ROIs.md, label maps).
///
/// A label map whose voxel centres coincide with the CT's (within ``sameCentreToleranceMM``) maps
/// one to one, whatever the order or direction of its axes (RAS files run x and y the other way).
/// On any other grid every CT voxel centre near the labels takes the label of the label-map voxel
/// whose centre is nearest (the continuous index rounded), and the placement says `resampled`.
/// Every non-zero label value is a lesion; with `splitComponents` each 26-connected component of a
/// value is its own lesion, numbered 1, 2, … by decreasing size (ties: the first voxel in CT order).
public enum LabelMapRasterizer {
    /// Voxel centres closer than this (mm) are the same centre.
    public static let sameCentreToleranceMM = 0.01

    /// Places every label value of `map` on `target`.
    /// - Parameters:
    ///   - names: the lesion label of each value (values absent: `label N`); a component adds `.k`.
    ///   - splitComponents: one lesion per 26-connected component of each value.
    /// - Returns: one result per value (or component) in increasing value order, source `.labelmap`.
    /// - Throws: ``ROIError`` `.outsideVolume` when the label map's grid does not overlap the CT,
    ///   naming both extents; `.empty` when it holds no non-zero voxel.
    public static func place(_ map: LabelMapVolume, names: [Int: String], splitComponents: Bool, on target: ROITarget) throws
        -> [Result<ROIPlacement, ROIError>]
    {
        let g = target.geometry
        let (lo, hi) = map.extent
        let (ctLo, ctHi) = ctExtent(g)
        let margin = (map.axes.map(\.length).max() ?? 0) / 2 + max(g.rowSpacing, g.columnSpacing) / 2
        if (0..<3).contains(where: { hi[$0] + margin < ctLo[$0] || lo[$0] - margin > ctHi[$0] }) {
            throw ROIError(.outsideVolume, file: map.file,
                           "the label map's voxel centres span \(describe(lo, hi)) (LPS) and do not overlap the CT's \(describe(ctLo, ctHi))")
        }
        guard !map.indices.isEmpty else { throw ROIError(.empty, file: map.file, "holds no non-zero label") }
        let (byLabel, outside, resampled) = direct(map, target) ?? resample(map, target)
        var results: [Result<ROIPlacement, ROIError>] = []
        for value in Set(map.labels).sorted() {
            let name = names[Int(value)] ?? "label \(value)"
            let hits = byLabel[value] ?? []
            let notes = resampled ? ["resampled by nearest voxel centre: the label map's grid differs from the CT's"] : []
            guard splitComponents, !hits.isEmpty else {
                let source = ROISource(kind: .labelmap, file: map.file, labelValue: Int(value))
                results.append(ROIPlacement.make(label: name, source: source, hits: hits, outside: outside[value] ?? 0,
                                                 resampled: resampled, notes: notes))
                continue
            }
            for (k, component) in ConnectedComponents.split(hits, geometry: g).enumerated() {
                let source = ROISource(kind: .labelmap, file: map.file, labelValue: Int(value), component: k + 1)
                results.append(ROIPlacement.make(label: "\(name).\(k + 1)", source: source, hits: component, outside: 0,
                                                 resampled: resampled, notes: notes))
            }
        }
        return results
    }

    typealias Hits = [Int32: [(Int, Int, Int)]]

    /// One-to-one mapping, when every labelled voxel centre is a CT voxel centre (or lies beyond
    /// the CT's planes or field of view); nil otherwise.
    static func direct(_ map: LabelMapVolume, _ target: ROITarget) -> (Hits, [Int32: Int], Bool)? {
        let g = target.geometry
        let tolerance = sameCentreToleranceMM
        var byLabel: Hits = [:], outside: [Int32: Int] = [:]
        for (n, index) in map.indices.enumerated() {
            let v = map.voxel(index)
            let p = map.centre(Double(v.x), Double(v.y), Double(v.z))
            let along = p.dot(g.normal)
            let label = map.labels[n]
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
                    byLabel[label, default: []].append((k, Int(r), Int(c)))
                }
            }
        }
        return (byLabel, outside, false)
    }

    /// Nearest-voxel-centre resampling: every CT voxel centre within the labelled voxels' box
    /// (grown by one label-map voxel) takes the label of the label-map voxel nearest to it.
    static func resample(_ map: LabelMapVolume, _ target: ROITarget) -> (Hits, [Int32: Int], Bool) {
        let g = target.geometry
        var lookup: [Int: Int32] = [:]
        lookup.reserveCapacity(map.indices.count)
        var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
        for (n, index) in map.indices.enumerated() {
            lookup[index] = map.labels[n]
            let v = map.voxel(index)
            let p = map.centre(Double(v.x), Double(v.y), Double(v.z))
            lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p)
        }
        let grow = map.axes.reduce(PatientPoint.zero) { $0 + PatientPoint(Swift.abs($1.x), Swift.abs($1.y), Swift.abs($1.z)) }
        lo -= grow; hi += grow
        guard let inverse = Affine3.inverse(map.axes) else { return ([:], [:], true) }
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
                    byLabel[label, default: []].append((k, r, c))
                }
            }
        }
        return (byLabel, [:], true)
    }

    /// The smallest and largest coordinates (LPS, mm) of the CT's voxel centres.
    static func ctExtent(_ g: StackGeometry) -> (PatientPoint, PatientPoint) {
        var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
        for k in [0, g.planeCount - 1] { for r in [0, g.rows - 1] { for c in [0, g.columns - 1] {
            let p = g.voxelCentre(plane: k, row: r, column: c)
            lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p)
        } } }
        return (lo, hi)
    }

    static func describe(_ lo: PatientPoint, _ hi: PatientPoint) -> String {
        String(format: "[%.1f, %.1f, %.1f]–[%.1f, %.1f, %.1f] mm", lo.x, lo.y, lo.z, hi.x, hi.y, hi.z)
    }
}

/// A 3 × 3 matrix given by its columns, inverted by the adjugate.
enum Affine3 {
    /// The inverse of the matrix with columns `c` (rows of the result returned), nil when singular.
    static func inverse(_ c: [PatientPoint]) -> [PatientPoint]? {
        let det = c[0].dot(c[1].cross(c[2]))
        guard abs(det) > 1e-12, det.isFinite else { return nil }
        return [c[1].cross(c[2]) / det, c[2].cross(c[0]) / det, c[0].cross(c[1]) / det]
    }

    /// `rows` × `v`.
    static func apply(_ rows: [PatientPoint], _ v: PatientPoint) -> PatientPoint {
        PatientPoint(rows[0].dot(v), rows[1].dot(v), rows[2].dot(v))
    }
}
