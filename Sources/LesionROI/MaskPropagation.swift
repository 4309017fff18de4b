import VolumeModel

/// Carries a baseline ROI onto a follow-up grid through a rigid transform (DESIGN.md
/// "Longitudinal correspondence"): every follow-up voxel centre near the carried ROI is mapped into
/// the baseline frame with `baselineFromFollowup` and tested against the baseline ROI's own rule,
/// so the result is exactly the set of follow-up voxels whose centres the ROI covers.
///
/// The voxels examined are those of the follow-up grid inside the bounding box of the carried ROI
/// (its corners mapped into the follow-up frame), clipped to the image plus one virtual voxel
/// beyond each edge: ROI voxels found there are counted as outside the volume, never measured (as
/// ``GeometricRasterizer`` does; for an ROI reaching far beyond the image, a lower bound).
public enum MaskPropagation {
    /// Carries a mask of the baseline grid: a follow-up voxel belongs when its centre, mapped into
    /// the baseline frame, has its nearest baseline voxel (``StackGeometry/nearestVoxel(to:)``) in
    /// the mask. The result keeps the mask's label, source and reference flag. `resampled` is false:
    /// a carried ROI is reported by the flag `propagated_roi` and its `registration`
    /// (Docs/Longitudinal.md), while `resampled_roi` says that an ROI object's own grid differs from
    /// its CT's (Docs/Outputs.md).
    /// - Throws: ``ROIError`` `.outsideVolume` when the carried ROI has no voxel in the follow-up
    ///   volume, `.empty` when the mask is empty.
    public static func carry(
        _ mask: LesionMask, from baseline: StackGeometry, onto followup: StackGeometry, baselineFromFollowup: RigidTransform
    ) throws -> ROIPlacement {
        guard !mask.box.isEmpty else {
            throw ROIError(.empty, file: mask.source.file, lesion: mask.label, "holds no voxel to carry to the follow-up")
        }
        let placement = try carry(
            label: mask.label, source: mask.source, isReference: mask.isReference, baselineCorners: corners(of: mask, on: baseline),
            onto: followup, baselineFromFollowup: baselineFromFollowup, resampled: false
        ) { p in
            guard let v = baseline.nearestVoxel(to: p) else { return false }
            return mask.contains(plane: v.plane, row: v.row, column: v.column)
        }
        guard mask.extendsOutsideVolume, !placement.mask.extendsOutsideVolume else { return placement }
        let m = placement.mask
        return ROIPlacement(
            mask: LesionMask(label: m.label, source: m.source, box: m.box, inside: m.inside, extendsOutsideVolume: true,
                             isReference: m.isReference),
            voxelsOutsideVolume: placement.voxelsOutsideVolume, resampled: placement.resampled, notes: placement.notes)
    }

    /// The corners (patient LPS, mm) of a box holding every point whose nearest voxel of `grid`
    /// (``StackGeometry/nearestVoxel(to:)``) lies in the mask's box: half a pixel beyond the box's
    /// outer voxel centres in-plane, and along the normal half the gap to the neighbouring plane
    /// (the first/last plane: half its one gap, as `nearestVoxel` accepts; a single plane: half the
    /// larger pixel spacing). Empty for an empty mask.
    public static func corners(of mask: LesionMask, on grid: StackGeometry) -> [PatientPoint] {
        let b = mask.box, g = grid, z = g.normalPositions
        guard !b.isEmpty, b.planes.upperBound <= z.count else { return [] }
        let single = max(g.rowSpacing, g.columnSpacing) / 2
        func below(_ k: Int) -> Double { z.count < 2 ? single : (k > 0 ? z[k] - z[k - 1] : z[1] - z[0]) / 2 }
        func above(_ k: Int) -> Double { z.count < 2 ? single : (k < z.count - 1 ? z[k + 1] - z[k] : z[k] - z[k - 1]) / 2 }
        var corners: [PatientPoint] = []
        for (k, along) in [(b.planes.lowerBound, -below(b.planes.lowerBound)), (b.planes.upperBound - 1, above(b.planes.upperBound - 1))] {
            for r in [Double(b.rows.lowerBound) - 0.5, Double(b.rows.upperBound) - 0.5] {
                for c in [Double(b.columns.lowerBound) - 0.5, Double(b.columns.upperBound) - 0.5] {
                    corners.append(g.planePositions[k] + c * g.columnSpacing * g.rowDirection + r * g.rowSpacing * g.columnDirection
                                   + along * g.normal)
                }
            }
        }
        return corners
    }

    /// The corners (patient LPS, mm) of a box holding the sphere or box: a sphere's bounding cube,
    /// a box's own corners.
    public static func corners(of roi: GeometricROI) -> [PatientPoint] { GeometricRasterizer.corners(roi.shape) }

    /// Carries a sphere or box given in baseline patient coordinates by its analytic rule: a
    /// follow-up voxel belongs when its centre, mapped into the baseline frame, lies in the shape
    /// (Docs/ROIs.md's voxel-centre rule, applied in the baseline frame, so a box stays the box the
    /// user drew even when the transform rotates it against the follow-up grid).
    /// - Parameter file: the ROI file, as given (the mask's source names it).
    /// - Throws: ``ROIError`` `.outsideVolume` when no follow-up voxel lies in the carried shape.
    public static func carry(
        _ roi: GeometricROI, file: String, onto followup: StackGeometry, baselineFromFollowup: RigidTransform
    ) throws -> ROIPlacement {
        let kind: ROISource.Kind
        if case .sphere = roi.shape { kind = .sphere } else { kind = .box }
        return try carry(
            label: roi.id, source: ROISource(kind: kind, file: file), isReference: roi.isReference,
            baselineCorners: GeometricRasterizer.corners(roi.shape), onto: followup,
            baselineFromFollowup: baselineFromFollowup, resampled: false
        ) { GeometricRasterizer.contains(roi.shape, $0) }
    }

    /// The shared scan: follow-up voxels (real, and one virtual voxel beyond each edge) inside the
    /// follow-up box of the mapped `baselineCorners`, tested by `isInside` in the baseline frame.
    /// The voxels found are marked in one byte per real voxel of the scanned box, cropped to the
    /// box of the voxels found: memory one byte per scanned voxel (the size of the mask), no list of
    /// voxel triples.
    static func carry(
        label: String, source: ROISource, isReference: Bool, baselineCorners: [PatientPoint], onto g: StackGeometry,
        baselineFromFollowup: RigidTransform, resampled: Bool, isInside: (PatientPoint) -> Bool
    ) throws -> ROIPlacement {
        let followupFromBaseline = baselineFromFollowup.inverse
        let mapped = baselineCorners.map(followupFromBaseline.apply)
        let along = mapped.map { $0.dot(g.normal) }
        let zLo = along.min()! - 1e-9, zHi = along.max()! + 1e-9
        let planes = (-1...g.planeCount).filter { k in
            let z = GeometricRasterizer.virtualPlanePosition(k, g).dot(g.normal)
            return z >= zLo && z <= zHi
        }
        // Each plane's rows and columns to scan (virtual ones included).
        let spans = planes.compactMap { k -> (k: Int, rows: ClosedRange<Int>, columns: ClosedRange<Int>)? in
            let origin = GeometricRasterizer.virtualPlanePosition(k, g)
            let q = mapped.map { p -> (Double, Double) in
                let d = p - origin
                return (d.dot(g.columnDirection) / g.rowSpacing, d.dot(g.rowDirection) / g.columnSpacing)
            }
            let r0 = max(-1, Int(q.map(\.0).min()!.rounded(.down))), r1 = min(g.rows, Int(q.map(\.0).max()!.rounded(.up)))
            let c0 = max(-1, Int(q.map(\.1).min()!.rounded(.down))), c1 = min(g.columns, Int(q.map(\.1).max()!.rounded(.up)))
            return r0 <= r1 && c0 <= c1 ? (k, r0...r1, c0...c1) : nil
        }
        // The real voxels of the scan's box: one byte each.
        func clip(_ values: [Int], _ n: Int) -> Range<Int> {
            let lo = max(0, values.min() ?? 0), hi = min(n - 1, values.max() ?? -1)
            return lo <= hi ? lo..<(hi + 1) : 0..<0
        }
        let scan = VoxelBox(planes: clip(spans.map(\.k), g.planeCount),
                            rows: clip(spans.flatMap { [$0.rows.lowerBound, $0.rows.upperBound] }, g.rows),
                            columns: clip(spans.flatMap { [$0.columns.lowerBound, $0.columns.upperBound] }, g.columns))
        var marks = [UInt8](repeating: 0, count: scan.voxelCount)
        var lo = (Int.max, Int.max, Int.max), hi = (Int.min, Int.min, Int.min)
        var outside = 0, found = 0
        for (k, rows, columns) in spans {
            let origin = GeometricRasterizer.virtualPlanePosition(k, g)
            let realPlane = k >= 0 && k < g.planeCount
            for r in rows {
                for c in columns {
                    let centre = origin + Double(c) * g.columnSpacing * g.rowDirection + Double(r) * g.rowSpacing * g.columnDirection
                    guard isInside(baselineFromFollowup.apply(centre)) else { continue }
                    if realPlane && r >= 0 && r < g.rows && c >= 0 && c < g.columns {
                        marks[scan.offset(k, r, c)] = 1
                        found += 1
                        lo = (min(lo.0, k), min(lo.1, r), min(lo.2, c))
                        hi = (max(hi.0, k), max(hi.1, r), max(hi.2, c))
                    } else {
                        outside += 1
                    }
                }
            }
        }
        guard found > 0 else {
            return try ROIPlacement.make(label: label, source: source, hits: [], outside: outside, resampled: resampled,
                                         notes: [], isReference: isReference).get()
        }
        let box = VoxelBox(planes: lo.0..<(hi.0 + 1), rows: lo.1..<(hi.1 + 1), columns: lo.2..<(hi.2 + 1))
        let inside = box == scan ? marks : scan.crop(marks, to: box)
        let mask = LesionMask(label: label, source: source, box: box, inside: inside, voxelCount: found,
                              extendsOutsideVolume: outside > 0, isReference: isReference)
        return ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: resampled, notes: [])
    }
}

private extension VoxelBox {
    /// The index of voxel (plane, row, column) in one byte per voxel of this box, plane-major.
    func offset(_ k: Int, _ r: Int, _ c: Int) -> Int {
        ((k - planes.lowerBound) * rows.count + (r - rows.lowerBound)) * columns.count + (c - columns.lowerBound)
    }

    /// The bytes of `inner` (a box inside this one) out of one byte per voxel of this box.
    func crop(_ bytes: [UInt8], to inner: VoxelBox) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(inner.voxelCount)
        for k in inner.planes {
            for r in inner.rows {
                let start = offset(k, r, inner.columns.lowerBound)
                out.append(contentsOf: bytes[start..<(start + inner.columns.count)])
            }
        }
        return out
    }
}
