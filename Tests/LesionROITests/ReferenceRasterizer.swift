@testable import LesionROI
import VolumeModel

/// The voxel-by-voxel rasterizer the row-span one replaced (kept as the reference for tests).
/// Puts sphere and box ROIs onto a stack's voxel grid by the voxel-centre rule (CONTRACT.md).
///
/// Each plane is placed at its own ImagePositionPatient, so uneven spacing and gantry tilt are
/// exact. To tell "partly outside" from "inside", the grid is extended by virtual voxels beyond
/// its edges (same spacing, planes continued with the first/last gap): an ROI that would contain
/// such a voxel extends outside the volume; those voxels are counted, never measured, and indices
/// are never clamped (clamping would re-sample edge voxels).
enum ReferenceRasterizer {
    /// Rasterizes `roi` onto `geometry`.
    /// - Parameter file: the ROI file, as given (the mask's source and error messages name it).
    /// - Returns: the mask and the count of ROI voxels beyond the volume (on the virtual extension of
    ///   the grid; for a box reaching far beyond the image, a lower bound).
    /// - Throws: ``ROIError`` `.outsideVolume` when no voxel of the volume is inside the ROI.
    static func place(_ roi: GeometricROI, on geometry: StackGeometry, file: String) throws -> ROIPlacement {
        let kind: ROISource.Kind
        if case .sphere = roi.shape { kind = .sphere } else { kind = .box }
        let source = ROISource(kind: kind, file: file)
        let planes = candidatePlanes(roi.shape, geometry)
        /// Visits every voxel centre (real or virtual) inside the shape.
        func forEachInside(_ visit: (Int, Int, Int, Bool) -> Void) {
            for k in planes {
                let origin = GeometricRasterizer.virtualPlanePosition(k, geometry)
                let rr = candidateRows(roi.shape, geometry, origin: origin)
                for r in rr.rows {
                    for c in rr.columns {
                        let centre = origin + Double(c) * geometry.columnSpacing * geometry.rowDirection
                            + Double(r) * geometry.rowSpacing * geometry.columnDirection
                        guard GeometricRasterizer.contains(roi.shape, centre) else { continue }
                        let real = k >= 0 && k < geometry.planeCount && r >= 0 && r < geometry.rows && c >= 0 && c < geometry.columns
                        visit(k, r, c, real)
                    }
                }
            }
        }
        // Two passes (bounds, then the box's bytes) so memory grows with the box, never with a
        // list of voxels: a box covering a whole volume stays cheap.
        var outside = 0, inside = 0
        var lo = (Int.max, Int.max, Int.max), hi = (Int.min, Int.min, Int.min)
        forEachInside { k, r, c, real in
            guard real else { outside += 1; return }
            inside += 1
            lo = (min(lo.0, k), min(lo.1, r), min(lo.2, c))
            hi = (max(hi.0, k), max(hi.1, r), max(hi.2, c))
        }
        guard inside > 0 else {
            throw ROIError(.outsideVolume, file: file, lesion: roi.id,
                           "lies entirely outside the CT volume (0 voxels inside; \(outside) beyond its planes or field of view)")
        }
        let box = VoxelBox(planes: lo.0..<(hi.0 + 1), rows: lo.1..<(hi.1 + 1), columns: lo.2..<(hi.2 + 1))
        var bytes = [UInt8](repeating: 0, count: box.voxelCount)
        let rows = box.rows.count, columns = box.columns.count
        forEachInside { k, r, c, real in
            if real { bytes[((k - lo.0) * rows + (r - lo.1)) * columns + (c - lo.2)] = 1 }
        }
        let mask = LesionMask(label: roi.id, source: source, box: box, inside: bytes,
                              extendsOutsideVolume: outside > 0, isReference: roi.isReference)
        return ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: false, notes: [])
    }

    /// Real and virtual plane indices whose position along the normal lies within the shape's extent.
    static func candidatePlanes(_ shape: GeometricROI.Shape, _ g: StackGeometry) -> [Int] {
        let along = GeometricRasterizer.corners(shape).map { $0.dot(g.normal) }
        let lo = (along.min() ?? 0) - 1e-9, hi = (along.max() ?? 0) + 1e-9
        let n = g.planeCount
        let firstGap = n > 1 ? g.normalPositions[1] - g.normalPositions[0] : max(g.rowSpacing, g.columnSpacing)
        let lastGap = n > 1 ? g.normalPositions[n - 1] - g.normalPositions[n - 2] : firstGap
        var first = 0, last = n - 1
        if lo < g.normalPositions[0] { first = -Int(((g.normalPositions[0] - lo) / max(firstGap, 1e-6)).rounded(.up)) }
        if hi > g.normalPositions[n - 1] { last = n - 1 + Int(((hi - g.normalPositions[n - 1]) / max(lastGap, 1e-6)).rounded(.up)) }
        return (first...max(first, last)).filter { k in
            let z = GeometricRasterizer.virtualPlanePosition(k, g).dot(g.normal)
            return z >= lo && z <= hi
        }
    }

    /// Row and column index ranges (possibly beyond the image) that may hold voxels of the shape in
    /// the plane whose first voxel is at `origin`.
    static func candidateRows(_ shape: GeometricROI.Shape, _ g: StackGeometry, origin: PatientPoint) -> (rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        let pts = GeometricRasterizer.corners(shape).map { p -> (Double, Double) in
            let d = p - origin
            return (d.dot(g.columnDirection) / g.rowSpacing, d.dot(g.rowDirection) / g.columnSpacing)
        }
        let r0 = Int((pts.map(\.0).min() ?? 0).rounded(.down)) - 1, r1 = Int((pts.map(\.0).max() ?? 0).rounded(.up)) + 1
        let c0 = Int((pts.map(\.1).min() ?? 0).rounded(.down)) - 1, c1 = Int((pts.map(\.1).max() ?? 0).rounded(.up)) + 1
        guard case .box = shape else { return (r0...max(r0, r1), c0...max(c0, c1)) }
        // A box may be far larger than the image: scan at most one voxel beyond it, enough to see
        // the box leave the image (its count of outside voxels is then a lower bound).
        let rows = max(r0, -1)...max(min(r1, g.rows), max(r0, -1))
        let columns = max(c0, -1)...max(min(c1, g.columns), max(c0, -1))
        return (rows, columns)
    }
}
