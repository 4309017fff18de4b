import VolumeModel

/// Where an ROI sits and how large it is, in patient coordinates (LPS, mm), from its voxel centres.
///
/// - ``centroid``: the mean of the ROI's voxel centres (every voxel weighs the same).
/// - ``largestDiameter``: the largest distance between two ROI voxel centres, in mm — IBSI's
///   "maximum 3D diameter" (IBSI 3.1.11, L0JK) taken over voxel centres instead of the mesh
///   vertices IBSI uses, so it reads up to about one voxel shorter than the outer extent (a 1-voxel
///   ROI has diameter 0).
///
/// Cost in proportion to the ROI's rows, not its voxels or their pairs: the mask is read as row runs
/// (a run's centres sum in closed form, its centres lying evenly along the row direction); the
/// farthest pair of a point set is a pair of vertices of its convex hull, and a hull vertex of the
/// ROI is a hull vertex of its own plane's voxels (an extreme point of a set is extreme in every
/// subset holding it), which in turn is the first or last voxel of a row run; so only the vertices
/// of each plane's 2-D hull of row ends (exact integer arithmetic on voxel indices, which map
/// affinely onto the plane) are compared pairwise. A box over a whole 300 × 512² series has 1,200
/// such points instead of 307,200 row ends (issue 16: its pictures took minutes).
public struct LesionShape: Sendable, Equatable {
    public let centroid: PatientPoint
    public let largestDiameter: Double
    /// Smallest and largest voxel-centre coordinate along x, y and z (LPS, mm).
    public let lower: PatientPoint
    public let upper: PatientPoint

    /// The shape of `mask` on a stack of `geometry`; nil for an ROI without voxels.
    public init?(mask: LesionMask, geometry: StackGeometry) {
        let box = mask.box, rows = box.rows.count, columns = box.columns.count
        var hull: [PatientPoint] = []
        var sum = PatientPoint(0, 0, 0)
        var count = 0
        mask.inside.withUnsafeBufferPointer { inside in
            for (p, k) in box.planes.enumerated() where k >= 0 && k < geometry.planeCount {
                let step = geometry.voxelCentre(plane: k, row: 0, column: 1) - geometry.voxelCentre(plane: k, row: 0, column: 0)
                var ends: [(row: Int, column: Int)] = []
                for (i, r) in box.rows.enumerated() {
                    let row = inside.baseAddress! + (p * rows + i) * columns
                    var c = 0, first = -1, last = -1
                    while c < columns {
                        guard row[c] != 0 else { c += 1; continue }
                        let start = c
                        while c < columns && row[c] != 0 { c += 1 }
                        let n = c - start
                        let a = geometry.voxelCentre(plane: k, row: r, column: box.columns.lowerBound + start)
                        sum += Double(n) * a + (Double(n * (n - 1)) / 2) * step
                        count += n
                        if first < 0 { first = start }
                        last = c - 1
                    }
                    if first >= 0 {
                        ends.append((r, box.columns.lowerBound + first))
                        if last != first { ends.append((r, box.columns.lowerBound + last)) }
                    }
                }
                for e in Self.convexHull(ends) { hull.append(geometry.voxelCentre(plane: k, row: e.row, column: e.column)) }
            }
        }
        guard count > 0 else { return nil }
        centroid = sum / Double(count)
        var lo = hull[0], hi = hull[0]
        for p in hull {
            lo = pointwiseMin(lo, p)
            hi = pointwiseMax(hi, p)
        }
        lower = lo
        upper = hi
        largestDiameter = Self.farthestPairDistance(hull)
    }

    /// The vertices of the convex hull of `points` (Andrew's monotone chain; points on an edge are
    /// dropped, a single point or a segment gives its end points).
    static func convexHull(_ points: [(row: Int, column: Int)]) -> [(row: Int, column: Int)] {
        let sorted = points.sorted { $0.row != $1.row ? $0.row < $1.row : $0.column < $1.column }
        guard sorted.count > 2 else { return sorted }
        func cross(_ o: (row: Int, column: Int), _ a: (row: Int, column: Int), _ b: (row: Int, column: Int)) -> Int {
            (a.row - o.row) * (b.column - o.column) - (a.column - o.column) * (b.row - o.row)
        }
        var lower: [(row: Int, column: Int)] = [], upper: [(row: Int, column: Int)] = []
        for p in sorted {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        for p in sorted.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// The largest distance between two of `points` (mm), pair by pair over coordinate arrays.
    static func farthestPairDistance(_ points: [PatientPoint]) -> Double {
        let x = points.map(\.x), y = points.map(\.y), z = points.map(\.z)
        var best = 0.0
        for i in points.indices {
            let xi = x[i], yi = y[i], zi = z[i]
            var local = 0.0
            for j in (i + 1)..<points.count {
                let dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi
                local = max(local, dx * dx + dy * dy + dz * dz)
            }
            best = max(best, local)
        }
        return best.squareRoot()
    }
}
