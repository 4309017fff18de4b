import VolumeModel

/// Where an ROI sits and how large it is, in patient coordinates (LPS, mm), from its voxel centres.
///
/// - ``centroid``: the mean of the ROI's voxel centres (every voxel weighs the same).
/// - ``largestDiameter``: the largest distance between two ROI voxel centres, in mm — IBSI's
///   "maximum 3D diameter" (IBSI 3.1.11, L0JK) taken over voxel centres instead of the mesh
///   vertices IBSI uses, so it reads up to about one voxel shorter than the outer extent (a 1-voxel
///   ROI has diameter 0). Only the first and last ROI voxel of every row run can be an end point
///   (the farthest pair of a set lies on its convex hull, and every hull point of a row is one of
///   its two ends), so the search is quadratic in rows × planes, not in voxels.
public struct LesionShape: Sendable, Equatable {
    public let centroid: PatientPoint
    public let largestDiameter: Double
    /// Smallest and largest voxel-centre coordinate along x, y and z (LPS, mm).
    public let lower: PatientPoint
    public let upper: PatientPoint

    /// The shape of `mask` on a stack of `geometry`; nil for an ROI without voxels.
    public init?(mask: LesionMask, geometry: StackGeometry) {
        var ends: [PatientPoint] = []
        var sum = PatientPoint(0, 0, 0)
        var count = 0
        for k in mask.box.planes where k >= 0 && k < geometry.planeCount {
            for r in mask.box.rows {
                var first: Int?, last: Int?
                for c in mask.box.columns where mask.contains(plane: k, row: r, column: c) {
                    if first == nil { first = c }
                    last = c
                    sum += geometry.voxelCentre(plane: k, row: r, column: c)
                    count += 1
                }
                if let first, let last {
                    ends.append(geometry.voxelCentre(plane: k, row: r, column: first))
                    if last != first { ends.append(geometry.voxelCentre(plane: k, row: r, column: last)) }
                }
            }
        }
        guard count > 0 else { return nil }
        centroid = sum / Double(count)
        var lo = ends[0], hi = ends[0]
        for p in ends {
            lo = pointwiseMin(lo, p)
            hi = pointwiseMax(hi, p)
        }
        lower = lo
        upper = hi
        var best = 0.0
        for i in ends.indices {
            for j in (i + 1)..<ends.count {
                let d = ends[i] - ends[j]
                best = max(best, d.dot(d))
            }
        }
        largestDiameter = best.squareRoot()
    }
}
