import Foundation
import VolumeModel

/// Nearest-voxel-centre resampling of a label map whose grid differs from the CT's
/// (``LabelMapRasterizer``): every CT voxel centre takes the label of the label-map voxel whose
/// centre is nearest (its continuous index rounded). The work stays in proportion to the part of the
/// image the labels cover: the labelled voxels' box (grown by one label-map voxel) is clipped to each
/// plane's image first, then each image row to the columns whose continuous index lies within the
/// labelled index box (± 1 voxel, a superset of those that can round into it), and only those
/// centres are mapped; equal labels along a row become one span.
enum LabelMapResampler {
    static func resample(_ map: LabelMapVolume, _ target: ROITarget) -> [Int32: VoxelSpans] {
        let g = target.geometry
        guard let inverse = Affine3.inverse(map.axes) else { return [:] }
        // The labelled voxel centres' box (LPS) and index box, from the runs' ends (centres are affine along a run).
        var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
        var indexLo = SIMD3<Double>(repeating: .infinity), indexHi = SIMD3<Double>(repeating: -.infinity)
        for run in map.runs {
            let j = Double(run.row % map.size.y), k = Double(run.row / map.size.y)
            for i in [Double(run.start), Double(run.last)] {
                let p = map.centre(i, j, k)
                lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p)
                indexLo = pointwiseMin(indexLo, SIMD3(i, j, k)); indexHi = pointwiseMax(indexHi, SIMD3(i, j, k))
            }
        }
        let grow = map.axes.reduce(PatientPoint.zero) { $0 + PatientPoint(Swift.abs($1.x), Swift.abs($1.y), Swift.abs($1.z)) }
        lo -= grow; hi += grow
        indexLo -= 1; indexHi += 1
        let corners = [lo, hi].flatMap { a in [lo, hi].flatMap { b in [lo, hi].map { c in PatientPoint(a.x, b.y, c.z) } } }
        let normals = corners.map { $0.dot(g.normal) }
        // The continuous index's step from one column to the next.
        let columnStep = Affine3.apply(inverse, g.columnSpacing * g.rowDirection)
        var lookup = RunLookup(runs: map.runs)
        var byLabel: [Int32: VoxelSpans] = [:]
        for k in 0..<g.planeCount {
            let along = g.normalPositions[k]
            guard along >= (normals.min() ?? 0), along <= (normals.max() ?? 0) else { continue }
            let coords = corners.map { g.planeCoordinates(of: $0, plane: k) }
            let r0 = max(0, Int(floor(coords.map(\.row).min() ?? 0))), r1 = min(g.rows - 1, Int(ceil(coords.map(\.row).max() ?? -1)))
            let c0 = max(0, Int(floor(coords.map(\.column).min() ?? 0))), c1 = min(g.columns - 1, Int(ceil(coords.map(\.column).max() ?? -1)))
            guard r0 <= r1, c0 <= c1 else { continue }
            for r in r0...r1 {
                guard let (first, last) = columns(Affine3.apply(inverse, g.voxelCentre(plane: k, row: r, column: 0) - map.origin),
                                                  step: columnStep, within: indexLo, indexHi, window: c0...c1) else { continue }
                var open: (label: Int32, first: Int)?
                func close(_ end: Int) {
                    if let o = open { byLabel[o.label, default: VoxelSpans()].add(plane: k, row: r, columns: o.first, end) }
                    open = nil
                }
                for c in first...last {
                    let ijk = Affine3.apply(inverse, g.voxelCentre(plane: k, row: r, column: c) - map.origin)
                    let i = Int(ijk.x.rounded()), j = Int(ijk.y.rounded()), kk = Int(ijk.z.rounded())
                    var label: Int32?
                    if i >= 0, j >= 0, kk >= 0, i < map.size.x, j < map.size.y, kk < map.size.z {
                        label = lookup.label(i, row: j + map.size.y * kk)
                    }
                    guard label != open?.label else { continue }
                    close(c - 1)
                    if let label { open = (label, c) }
                }
                close(last)
            }
        }
        return byLabel
    }

    /// The columns of `window` whose continuous index `start + c · step` lies within `lo...hi` on
    /// every axis, widened by one column on each side; nil when none.
    static func columns(_ start: PatientPoint, step: PatientPoint, within lo: SIMD3<Double>, _ hi: SIMD3<Double>,
                        window: ClosedRange<Int>) -> (Int, Int)? {
        var first = Double(window.lowerBound), last = Double(window.upperBound)
        for a in 0..<3 {
            if Swift.abs(step[a]) < 1e-300 {
                guard start[a] >= lo[a], start[a] <= hi[a] else { return nil }
                continue
            }
            let t0 = (lo[a] - start[a]) / step[a], t1 = (hi[a] - start[a]) / step[a]
            first = Swift.max(first, Swift.min(t0, t1).rounded(.down) - 1)
            last = Swift.min(last, Swift.max(t0, t1).rounded(.up) + 1)
        }
        guard first <= last else { return nil }
        return (Int(first), Int(last))
    }
}

/// The label of a label-map voxel from its runs (sorted by row, then start): a binary search, the
/// last run found tried first (consecutive CT voxels mostly fall in one run).
struct RunLookup {
    let runs: [LabelRun]
    private var cursor = 0

    init(runs: [LabelRun]) { self.runs = runs }

    /// The label of voxel `i` of label-map row `row` (= j + ny · k); nil when not labelled.
    mutating func label(_ i: Int, row: Int) -> Int32? {
        if cursor < runs.count, runs[cursor].row == row, i >= Int(runs[cursor].start), i <= runs[cursor].last { return runs[cursor].label }
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].row < row || (runs[mid].row == row && Int(runs[mid].start) <= i) { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, runs[lo - 1].row == row, i <= runs[lo - 1].last else { return nil }
        cursor = lo - 1
        return runs[cursor].label
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
