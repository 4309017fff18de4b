import VolumeModel

/// The voxel-centre rule for one sphere or box along one image row, solved as an interval of column
/// indices instead of testing every voxel (GeometricRasterizer).
///
/// Along a row the voxel centres are `a + c · b` (`a` the centre of column 0, `b` = column spacing ×
/// row direction, PS3.3 C.7.6.2.1.1). A sphere holds the columns where `|a + c·b − centre|² ≤ r²`
/// (a quadratic in `c`), a box those where every coordinate lies within its corners (three linear
/// inequalities): both are one interval of `c`. The interval's ends are then settled by the
/// membership test itself (``GeometricRasterizer/contains(_:_:)``) on the exact centre expression,
/// so the voxel set equals a voxel-by-voxel test of every column while the work per row stays O(1).
struct RowSpanSolver {
    let shape: GeometricROI.Shape
    let geometry: StackGeometry
    /// `columnSpacing · rowDirection`, `rowSpacing · columnDirection`.
    let columnStep: PatientPoint, rowStep: PatientPoint

    init(_ shape: GeometricROI.Shape, _ geometry: StackGeometry) {
        self.shape = shape
        self.geometry = geometry
        columnStep = geometry.columnSpacing * geometry.rowDirection
        rowStep = geometry.rowSpacing * geometry.columnDirection
    }

    /// The centre of column `c` of row `r` of the plane whose first voxel is at `origin`, by the
    /// same expression as ``StackGeometry/voxelCentre(plane:row:column:)``.
    @inline(__always)
    func centre(_ origin: PatientPoint, _ r: Int, _ c: Int) -> PatientPoint {
        origin + Double(c) * columnStep + Double(r) * rowStep
    }

    /// The columns of row `r` (of the plane at `origin`) inside the shape, limited to `window`, or
    /// nil when none is.
    func span(origin: PatientPoint, row r: Int, window: ClosedRange<Int>) -> ClosedRange<Int>? {
        let inside = { (c: Int) in GeometricRasterizer.contains(shape, centre(origin, r, c)) }
        let a = origin + Double(r) * rowStep
        let (g0, g1) = guess(a)
        var lo: Int, hi: Int
        if g0 <= g1 {
            lo = clamp(g0.rounded(.up), window)
            hi = clamp(g1.rounded(.down), window)
            if lo > hi { swap(&lo, &hi) }   // the guessed interval lies between two columns, or beyond the window
        } else {
            // Empty by the algebra (a tangent row, or the quadratic's rounding): test the nearest column.
            let mid = g0.isNaN || g1.isNaN ? Double(window.lowerBound / 2 + window.upperBound / 2) : (g0 + g1) / 2
            lo = clamp(mid.rounded(), window)
            hi = lo
        }
        // Settle the ends: grow while the neighbour is inside, shrink while the end is not.
        if inside(lo) {
            while lo > window.lowerBound && inside(lo - 1) { lo -= 1 }
        } else {
            while lo < hi && !inside(lo) { lo += 1 }
            guard inside(lo) else { return nil }
        }
        if hi < lo { hi = lo }
        if inside(hi) {
            while hi < window.upperBound && inside(hi + 1) { hi += 1 }
        } else {
            while hi > lo && !inside(hi) { hi -= 1 }
        }
        return lo...hi
    }

    /// The real interval of `c` (possibly empty: lower > upper, or NaN) where `a + c·b` is inside.
    func guess(_ a: PatientPoint) -> (Double, Double) {
        let b = columnStep
        switch shape {
        case .sphere(let centre, let radius):
            let d = a - centre
            let qa = b.dot(b), qb = d.dot(b), qc = d.dot(d) - radius * radius
            let disc = qb * qb - qa * qc
            guard disc >= 0 else { return (-qb / qa + 0.5, -qb / qa - 0.5) }
            let root = disc.squareRoot()
            return ((-qb - root) / qa, (-qb + root) / qa)
        case .box(let p, let q):
            var lo = -Double.infinity, hi = Double.infinity
            for i in 0..<3 {
                let low = Swift.min(p[i], q[i]) - a[i], high = Swift.max(p[i], q[i]) - a[i]
                if b[i] == 0 {
                    if low > 0 || high < 0 { return (1, 0) }
                    continue
                }
                let t0 = low / b[i], t1 = high / b[i]
                lo = Swift.max(lo, Swift.min(t0, t1))
                hi = Swift.min(hi, Swift.max(t0, t1))
            }
            return (lo, hi)
        }
    }

    /// Rows (of the plane at `origin`, limited to `window`) whose line may meet the shape: the
    /// projection of the shape's bounding corners on the column direction, one row of margin.
    func candidateRows(origin: PatientPoint, window: ClosedRange<Int>) -> ClosedRange<Int>? {
        let along = GeometricRasterizer.corners(shape).map { ($0 - origin).dot(geometry.columnDirection) / geometry.rowSpacing }
        let r0 = (along.min() ?? 0).rounded(.down) - 1, r1 = (along.max() ?? 0).rounded(.up) + 1
        guard r1 >= Double(window.lowerBound), r0 <= Double(window.upperBound) else { return nil }
        return clamp(r0, window)...clamp(r1, window)
    }
}

/// `x` rounded toward the window and clamped into it (NaN gives the lower bound): safe to turn into
/// an `Int` whatever the magnitude.
@inline(__always)
func clamp(_ x: Double, _ window: ClosedRange<Int>) -> Int {
    guard x > Double(window.lowerBound) else { return window.lowerBound }
    guard x < Double(window.upperBound) else { return window.upperBound }
    return Int(x)
}
