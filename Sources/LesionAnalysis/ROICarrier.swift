import LesionROI
import VolumeModel

/// An ROI as drawn on the time point where it was drawn (its origin), with the rule that decides
/// whether a point of the origin's patient coordinates belongs to it.
enum DrawnROI: Sendable {
    /// A sphere or box (its own rule: Docs/Outputs.md "Sphere/box ROI files").
    case geometric(GeometricROI, source: ROISource)
    /// A mask on the origin's grid (SEG, RTSTRUCT): a point belongs when the origin voxel whose centre
    /// is nearest to it is inside the mask.
    case mask(LesionMask, StackGeometry)

    var label: String {
        switch self {
        case .geometric(let roi, _): roi.id
        case .mask(let m, _): m.label
        }
    }

    var isReference: Bool {
        switch self {
        case .geometric(let roi, _): roi.isReference
        case .mask(let m, _): m.isReference
        }
    }

    var source: ROISource {
        switch self {
        case .geometric(_, let s): s
        case .mask(let m, _): m.source
        }
    }

    /// The corners of a box (origin LPS, mm) that holds the ROI.
    var cornersMM: [PatientPoint] {
        let (lo, hi) = boundsMM
        return (0..<8).map { i in PatientPoint(i & 1 == 0 ? lo.x : hi.x, i & 2 == 0 ? lo.y : hi.y, i & 4 == 0 ? lo.z : hi.z) }
    }

    /// The smallest axis-aligned box (origin LPS, mm) holding the ROI.
    var boundsMM: (PatientPoint, PatientPoint) {
        switch self {
        case .geometric(let roi, _):
            switch roi.shape {
            case .sphere(let c, let r): return (c - PatientPoint(repeating: r), c + PatientPoint(repeating: r))
            case .box(let a, let b): return (pointwiseMin(a, b), pointwiseMax(a, b))
            }
        case .mask(let m, let g):
            var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
            // Corners of the voxel box, widened by half a voxel so the box holds the voxels, not only their centres.
            for k in [m.box.planes.lowerBound, m.box.planes.upperBound - 1] {
                for r in [Double(m.box.rows.lowerBound) - 0.5, Double(m.box.rows.upperBound) - 0.5] {
                    for c in [Double(m.box.columns.lowerBound) - 0.5, Double(m.box.columns.upperBound) - 0.5] {
                        let p = g.planePositions[k] + c * g.columnSpacing * g.rowDirection + r * g.rowSpacing * g.columnDirection
                        let half = g.normal * (g.planeExtent(k) / 2)
                        lo = pointwiseMin(lo, pointwiseMin(p - half, p + half))
                        hi = pointwiseMax(hi, pointwiseMax(p - half, p + half))
                    }
                }
            }
            return (lo, hi)
        }
    }

    /// Whether `p` (origin LPS, mm) belongs to the ROI.
    func contains(_ p: PatientPoint) -> Bool {
        switch self {
        case .geometric(let roi, _):
            switch roi.shape {
            case .sphere(let c, let r): return (p - c).length <= r
            case .box(let a, let b):
                let lo = pointwiseMin(a, b), hi = pointwiseMax(a, b)
                return all(p .>= lo) && all(p .<= hi)
            }
        case .mask(let m, let g):
            guard let k = ROICarrier.nearestPlane(g, p) else { return false }
            let (r, c, _) = g.planeCoordinates(of: p, plane: k)
            return m.contains(plane: k, row: Int(r.rounded()), column: Int(c.rounded()))
        }
    }
}

/// Carries an ROI drawn on one time point onto another's grid (DESIGN.md, Longitudinal
/// correspondence): each voxel centre of the target is mapped into the origin's frame by
/// `originFromTarget` and tested against the ROI's own rule there.
enum ROICarrier {
    /// The carried ROI on `target`, with the source of the drawn ROI; `.failure` when no voxel of
    /// the target falls inside it.
    static func carry(_ roi: DrawnROI, originFromTarget: RigidTransform, onto target: StackGeometry) -> Result<ROIPlacement, ROIError> {
        let targetFromOrigin = originFromTarget.inverse
        var lo = SIMD3<Double>(repeating: .infinity), hi = SIMD3<Double>(repeating: -.infinity)
        for corner in roi.cornersMM {
            let index = continuousIndex(target, targetFromOrigin.apply(corner))
            lo = pointwiseMin(lo, index)
            hi = pointwiseMax(hi, index)
        }
        func range(_ a: Double, _ b: Double, _ n: Int) -> Range<Int> {
            let first = max(0, Int((a - 1).rounded(.down))), last = min(n - 1, Int((b + 1).rounded(.up)))
            return first <= last ? first..<(last + 1) : 0..<0
        }
        let candidates = VoxelBox(planes: range(lo.x, hi.x, target.planeCount), rows: range(lo.y, hi.y, target.rows),
                                  columns: range(lo.z, hi.z, target.columns))
        let beyond = lo.x < -0.5 || hi.x > Double(target.planeCount) - 0.5 || lo.y < -0.5 || hi.y > Double(target.rows) - 0.5
            || lo.z < -0.5 || hi.z > Double(target.columns) - 0.5
        let mask = LesionMask.build(label: roi.label, source: roi.source, candidates: candidates, extendsOutsideVolume: beyond,
                                    isReference: roi.isReference) { k, r, c in
            roi.contains(originFromTarget.apply(target.voxelCentre(plane: k, row: r, column: c)))
        }
        guard !mask.box.isEmpty else {
            return .failure(ROIError(.outsideVolume, file: roi.source.file, lesion: roi.label,
                                     "carried onto the other time point, lies entirely outside its CT volume"))
        }
        return .success(ROIPlacement(mask: mask, voxelsOutsideVolume: 0, resampled: false, notes: []))
    }

    /// (plane, row, column) of `p` on `g`, continuous; the plane from the position along the normal.
    static func continuousIndex(_ g: StackGeometry, _ p: PatientPoint) -> SIMD3<Double> {
        let z = p.dot(g.normal), positions = g.normalPositions
        var plane = 0.0
        if positions.count > 1 {
            var i = 0
            while i < positions.count - 2 && positions[i + 1] < z { i += 1 }
            plane = Double(i) + (z - positions[i]) / (positions[i + 1] - positions[i])
        }
        let (r, c, _) = g.planeCoordinates(of: p, plane: max(0, min(g.planeCount - 1, Int(plane.rounded()))))
        return SIMD3(plane, r, c)
    }

    /// The plane whose position along the normal is nearest to `p`, when `p` lies within half that
    /// plane's extent of it; nil beyond the stack.
    static func nearestPlane(_ g: StackGeometry, _ p: PatientPoint) -> Int? {
        let z = p.dot(g.normal), positions = g.normalPositions
        guard !positions.isEmpty else { return nil }
        var lo = 0, hi = positions.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if positions[mid] <= z { lo = mid } else { hi = mid }
        }
        let k = abs(positions[lo] - z) <= abs(positions[hi] - z) ? lo : hi
        return abs(positions[k] - z) <= g.planeExtent(k) / 2 + 1e-6 ? k : nil
    }
}
