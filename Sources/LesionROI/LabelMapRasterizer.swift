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
        guard !map.runs.isEmpty else { throw ROIError(.empty, file: map.file, "holds no non-zero label") }
        let direct = direct(map, target)
        let byLabel = direct ?? LabelMapResampler.resample(map, target)
        let resampled = direct == nil
        var results: [Result<ROIPlacement, ROIError>] = []
        for value in map.labelValues {
            let name = names[Int(value)] ?? "label \(value)"
            let spans = byLabel[value] ?? VoxelSpans()
            let notes = resampled ? ["resampled by nearest voxel centre: the label map's grid differs from the CT's"] : []
            let source = ROISource(kind: .labelmap, file: map.file, labelValue: Int(value))
            guard splitComponents, let mask = spans.mask(label: name, source: source) else {
                results.append(spans.placement(label: name, source: source, resampled: resampled, notes: notes))
                continue
            }
            for (k, component) in ConnectedComponents.split(mask).enumerated() {
                let source = ROISource(kind: .labelmap, file: map.file, labelValue: Int(value), component: k + 1)
                results.append(ROIPlacement.make(label: "\(name).\(k + 1)", source: source, hits: component, outside: 0,
                                                 resampled: resampled, notes: notes))
            }
        }
        return results
    }

    /// Where the centre of label-map voxel (i, j, k) lands on the CT's grid: beyond the first or
    /// last plane, or on CT voxel (plane, row, column) whose row and column may lie beyond the image.
    enum Landing: Equatable {
        case beyondPlanes(above: Bool)
        case voxel(Int, Int, Int)
    }

    /// The one-voxel rule: nil when the centre is no CT voxel centre (off a plane, or off the
    /// plane's lattice, by more than ``sameCentreToleranceMM``).
    static func landing(_ map: LabelMapVolume, _ target: ROITarget, _ i: Int, _ j: Int, _ k: Int) -> Landing? {
        let g = target.geometry
        let tolerance = sameCentreToleranceMM
        let p = map.centre(Double(i), Double(j), Double(k))
        let along = p.dot(g.normal)
        switch target.plane(atNormalPosition: along) {
        case .outside:
            return .beyondPlanes(above: along > g.normalPositions[0])
        case .betweenPlanes:
            return nil
        case .plane(let plane):
            guard abs(g.normalPositions[plane] - along) <= tolerance else { return nil }
            let (row, column, _) = g.planeCoordinates(of: p, plane: plane)
            let r = row.rounded(), c = column.rounded()
            guard abs(row - r) * g.rowSpacing <= tolerance, abs(column - c) * g.columnSpacing <= tolerance else { return nil }
            // Far beyond the image any index is as good as another: kept within Int.
            let far = Double(1 << 40)
            return .voxel(plane, Int(min(far, max(-far, r))), Int(min(far, max(-far, c))))
        }
    }

    /// One-to-one mapping, when every labelled voxel centre is a CT voxel centre (or lies beyond
    /// the CT's planes or field of view); nil otherwise. Run by run (``LabelRun``): the rule above
    /// is applied to the run's two ends; where they land a run's length apart on one image row the
    /// run is one span of columns, on one image column one voxel per row (every centre between two
    /// that pass passes: the offsets from the grid are affine along the run). Other runs (along
    /// the CT's normal, or oblique) are tested voxel by voxel.
    static func direct(_ map: LabelMapVolume, _ target: ROITarget) -> [Int32: VoxelSpans]? {
        let g = target.geometry
        var byLabel: [Int32: VoxelSpans] = [:]
        func record(_ landing: Landing, _ spans: inout VoxelSpans) {
            guard case .voxel(let k, let r, let c) = landing, (0..<g.rows).contains(r), (0..<g.columns).contains(c) else {
                spans.outside += 1
                return
            }
            spans.add(plane: k, row: r, columns: c, c)
        }
        for run in map.runs {
            let j = run.row % map.size.y, k = run.row / map.size.y, n = Int(run.count)
            guard let a = landing(map, target, Int(run.start), j, k) else { return nil }
            guard n > 1 else {
                record(a, &byLabel[run.label, default: VoxelSpans()])
                continue
            }
            guard let b = landing(map, target, run.last, j, k) else { return nil }
            switch (a, b) {
            case let (.beyondPlanes(x), .beyondPlanes(y)) where x == y:
                byLabel[run.label, default: VoxelSpans()].outside += n
            case let (.voxel(k0, r0, c0), .voxel(k1, r1, c1)) where k0 == k1 && r0 == r1 && abs(c1 - c0) == n - 1:
                let first = max(0, min(c0, c1)), last = min(g.columns - 1, max(c0, c1))
                let inside = (0..<g.rows).contains(r0) && first <= last ? last - first + 1 : 0
                if inside > 0 { byLabel[run.label, default: VoxelSpans()].add(plane: k0, row: r0, columns: first, last) }
                byLabel[run.label, default: VoxelSpans()].outside += n - inside
            case let (.voxel(k0, r0, c0), .voxel(k1, r1, c1)) where k0 == k1 && c0 == c1 && abs(r1 - r0) == n - 1:
                let step = r1 > r0 ? 1 : -1
                for t in 0..<n { record(.voxel(k0, r0 + step * t, c0), &byLabel[run.label, default: VoxelSpans()]) }
            default:
                for i in Int(run.start)...run.last {
                    guard let landing = landing(map, target, i, j, k) else { return nil }
                    record(landing, &byLabel[run.label, default: VoxelSpans()])
                }
            }
        }
        return byLabel
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
