import VolumeModel

/// Resamples the segments of a SEG whose grid differs from the CT's (other pixel spacing,
/// orientation, a sub-voxel shift, other plane positions) by nearest voxel centre in patient
/// coordinates: a CT voxel belongs to a segment when the SEG voxel containing its centre is kept.
/// A SEG voxel is the box around its frame pixel's centre: ± half a pixel in-plane (PS3.3
/// C.7.6.2.1.1) and ± half the SEG's slice spacing along the frame normal.
struct SegmentationResampler {
    /// One frame's geometry in patient coordinates.
    private struct FrameGrid {
        let origin: PatientPoint
        let rowDirection: PatientPoint
        let columnDirection: PatientPoint
        let normal: PatientPoint
        let rowSpacing: Double
        let columnSpacing: Double
    }

    private let seg: SegmentationObject
    private let target: ROITarget
    private let keep: @Sendable (UInt8) -> Bool
    private let grids: [FrameGrid?]
    /// Half the SEG's slice spacing along its normal (mm).
    private let halfThickness: Double

    init(_ seg: SegmentationObject, target: ROITarget, keep: @escaping @Sendable (UInt8) -> Bool) {
        self.seg = seg
        self.target = target
        self.keep = keep
        let g = target.geometry
        let ctOrientation = [g.rowDirection.x, g.rowDirection.y, g.rowDirection.z,
                             g.columnDirection.x, g.columnDirection.y, g.columnDirection.z]
        let grids: [FrameGrid?] = seg.frames.map { frame in
            guard let origin = frame.imagePositionPatient else { return nil }
            let o = frame.imageOrientationPatient ?? ctOrientation
            let r = PatientPoint(o[0], o[1], o[2]).normalized, c = PatientPoint(o[3], o[4], o[5]).normalized
            let s = frame.pixelSpacing ?? SIMD2(g.rowSpacing, g.columnSpacing)
            return FrameGrid(origin: origin, rowDirection: r, columnDirection: c, normal: r.cross(c).normalized,
                             rowSpacing: s.x, columnSpacing: s.y)
        }
        self.grids = grids
        let positions = Set(grids.compactMap { $0.map { ($0.origin.dot($0.normal) * 1000).rounded() / 1000 } }).sorted()
        let gaps = zip(positions.dropFirst(), positions).map { $0 - $1 }.filter { $0 > 1e-3 }
        let spacing = gaps.min() ?? seg.sliceSpacing ?? (g.planeGaps.min() ?? max(g.rowSpacing, g.columnSpacing))
        self.halfThickness = spacing / 2
    }

    /// The CT voxels (plane, row, column) of the segment made of `frames`, and the number of kept
    /// SEG voxels whose centres lie outside the CT volume (frames without a PlanePositionSequence
    /// cannot be placed and count as outside).
    func resample(frames: [Int]) -> (hits: [(Int, Int, Int)], outside: Int) {
        let g = target.geometry
        var outside = 0
        var corners: [PatientPoint] = []
        var used: [(frame: Int, grid: FrameGrid)] = []
        for f in frames {
            let frame = seg.frames[f]
            guard let grid = grids[f] else {
                outside += frame.values.reduce(0) { $0 + (keep($1) ? 1 : 0) }
                continue
            }
            var rMin = Int.max, rMax = Int.min, cMin = Int.max, cMax = Int.min
            for r in 0..<seg.rows {
                for c in 0..<seg.columns where keep(frame.values[r * seg.columns + c]) {
                    rMin = min(rMin, r); rMax = max(rMax, r); cMin = min(cMin, c); cMax = max(cMax, c)
                    if !isInsideVolume(centre(grid, r, c)) { outside += 1 }
                }
            }
            guard rMin <= rMax else { continue }
            used.append((f, grid))
            for (r, c) in [(Double(rMin) - 0.5, Double(cMin) - 0.5), (Double(rMax) + 0.5, Double(cMax) + 0.5),
                           (Double(rMin) - 0.5, Double(cMax) + 0.5), (Double(rMax) + 0.5, Double(cMin) - 0.5)] {
                let p = grid.origin + c * grid.columnSpacing * grid.rowDirection + r * grid.rowSpacing * grid.columnDirection
                corners += [p - halfThickness * grid.normal, p + halfThickness * grid.normal]
            }
        }
        guard !used.isEmpty else { return ([], outside) }
        var hits: [(Int, Int, Int)] = []
        let along = corners.map { $0.dot(g.normal) }
        let zLo = (along.min() ?? 0) - 1e-6, zHi = (along.max() ?? 0) + 1e-6
        for k in 0..<g.planeCount where g.normalPositions[k] >= zLo && g.normalPositions[k] <= zHi {
            let projected = corners.map { g.planeCoordinates(of: $0, plane: k) }
            let r0 = max(0, Int((projected.map(\.row).min() ?? 0).rounded(.down)))
            let r1 = min(g.rows - 1, Int((projected.map(\.row).max() ?? -1).rounded(.up)))
            let c0 = max(0, Int((projected.map(\.column).min() ?? 0).rounded(.down)))
            let c1 = min(g.columns - 1, Int((projected.map(\.column).max() ?? -1).rounded(.up)))
            guard r0 <= r1, c0 <= c1 else { continue }
            for r in r0...r1 {
                for c in c0...c1 where contains(g.voxelCentre(plane: k, row: r, column: c), used) {
                    hits.append((k, r, c))
                }
            }
        }
        return (hits, outside)
    }

    /// Whether the SEG voxel containing `p` is kept in any of `frames`.
    private func contains(_ p: PatientPoint, _ frames: [(frame: Int, grid: FrameGrid)]) -> Bool {
        for (f, grid) in frames {
            let d = p - grid.origin
            guard abs(d.dot(grid.normal)) <= halfThickness else { continue }
            let r = (d.dot(grid.columnDirection) / grid.rowSpacing).rounded()
            let c = (d.dot(grid.rowDirection) / grid.columnSpacing).rounded()
            guard r >= 0, r < Double(seg.rows), c >= 0, c < Double(seg.columns) else { continue }
            if keep(seg.frames[f].values[Int(r) * seg.columns + Int(c)]) { return true }
        }
        return false
    }

    /// Centre of pixel (row, column) of a frame.
    private func centre(_ grid: FrameGrid, _ r: Int, _ c: Int) -> PatientPoint {
        grid.origin + Double(c) * grid.columnSpacing * grid.rowDirection + Double(r) * grid.rowSpacing * grid.columnDirection
    }

    /// Whether `p` lies within the CT volume: within tolerance of a plane and inside its field of view.
    private func isInsideVolume(_ p: PatientPoint) -> Bool {
        let g = target.geometry
        guard case .plane(let k) = target.plane(atNormalPosition: p.dot(g.normal)) else { return false }
        let (row, column, _) = g.planeCoordinates(of: p, plane: k)
        return row >= -0.5 && row < Double(g.rows) - 0.5 && column >= -0.5 && column < Double(g.columns) - 0.5
    }
}
