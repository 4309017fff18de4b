import VolumeModel

/// Puts sphere and box ROIs onto a stack's voxel grid by the voxel-centre rule (Docs/Outputs.md).
///
/// Each plane is placed at its own ImagePositionPatient, so uneven spacing and gantry tilt are
/// exact. Each row of the image is solved as one span of columns (``RowSpanSolver``) and filled at
/// once, and only the rows and planes of the image are visited: the work grows with the part of the
/// image the ROI covers, never with the ROI's extent (a sphere of radius 1e9 mm costs what the
/// whole image costs).
///
/// To tell "partly outside" from "inside", the grid is extended by virtual voxels beyond its edges
/// (same spacing, planes continued with the first/last gap): an ROI that would contain such a voxel
/// extends outside the volume; those voxels are counted, never measured, and indices are never
/// clamped (clamping would re-sample edge voxels). The count is exact for a sphere whose extent
/// beyond the image is at most about the image's own size (``exactOutsideRowBudget``); for a larger
/// sphere, and for a box reaching beyond the rows or columns, it counts only the voxels one voxel
/// beyond the image: a lower bound.
public enum GeometricRasterizer {
    /// The largest coordinate or radius accepted (mm): far beyond any patient, small enough that
    /// squares and differences of coordinates stay exact enough in `Double` (Docs/Robustness.md).
    public static let coordinateLimitMM = 1e15

    /// Rasterizes `roi` onto `geometry`.
    /// - Parameter file: the ROI file, as given (the mask's source and error messages name it).
    /// - Returns: the mask and the count of ROI voxels beyond the volume (see the type's note on
    ///   when it is a lower bound).
    /// - Throws: ``ROIError`` `.outsideVolume` when no voxel of the volume is inside the ROI;
    ///   `.invalidFile` when a coordinate or the radius is not finite or beyond ±``coordinateLimitMM``,
    ///   or the stack's geometry is not finite.
    public static func place(_ roi: GeometricROI, on geometry: StackGeometry, file: String) throws -> ROIPlacement {
        try checkFinite(roi, geometry, file: file)
        let kind: ROISource.Kind
        if case .sphere = roi.shape { kind = .sphere } else { kind = .box }
        let source = ROISource(kind: kind, file: file)
        let g = geometry, n = g.planeCount
        let solver = RowSpanSolver(roi.shape, g)
        let region = outsideRegion(roi.shape, g)
        var spans: [(plane: Int, row: Int, columns: ClosedRange<Int>)] = []
        var outside = 0
        if let planes = region.planes {
            for k in planes {
                let origin = virtualPlanePosition(k, g)
                let z = origin.dot(g.normal)
                guard z >= region.along.lowerBound, z <= region.along.upperBound,
                      let rows = solver.candidateRows(origin: origin, window: region.rows) else { continue }
                let realPlane = k >= 0 && k < n
                for r in rows {
                    guard let s = solver.span(origin: origin, row: r, window: region.columns) else { continue }
                    if realPlane && r >= 0 && r < g.rows, s.lowerBound < g.columns, s.upperBound >= 0 {
                        let real = max(s.lowerBound, 0)...min(s.upperBound, g.columns - 1)
                        spans.append((k, r, real))
                        outside += s.count - real.count
                    } else {
                        outside += s.count
                    }
                }
            }
        }
        guard let first = spans.first else {
            throw ROIError(.outsideVolume, file: file, lesion: roi.id,
                           "lies entirely outside the CT volume (0 voxels inside; \(outside) beyond its planes or field of view)")
        }
        var r0 = first.row, r1 = first.row, c0 = first.columns.lowerBound, c1 = first.columns.upperBound
        for s in spans {
            r0 = min(r0, s.row); r1 = max(r1, s.row)
            c0 = min(c0, s.columns.lowerBound); c1 = max(c1, s.columns.upperBound)
        }
        let box = VoxelBox(planes: first.plane..<(spans[spans.count - 1].plane + 1), rows: r0..<(r1 + 1), columns: c0..<(c1 + 1))
        // Spans come in (plane, row) order: every byte is written once, zeros between the spans. A
        // large mask is written by one worker per core, each over its own planes (``PlaneParallel``).
        var count = 0
        let rowCount = box.rows.count, columnCount = box.columns.count, planeBytes = rowCount * columnCount
        var firstSpan = [Int](repeating: spans.count, count: box.planes.count + 1)  // first span of each box plane
        for (i, s) in spans.enumerated().reversed() { firstSpan[s.plane - first.plane] = i }
        for p in stride(from: box.planes.count - 1, through: 0, by: -1) { firstSpan[p] = min(firstSpan[p], firstSpan[p + 1]) }
        let bytes = [UInt8](unsafeUninitializedCapacity: box.voxelCount) { b, initialized in
            guard let base = b.baseAddress else { initialized = 0; return }
            count = PlaneParallel.sum(planes: box.planes.count, bytes: b.count) { planes in
                var filled = planes.lowerBound * planeBytes, count = 0
                for s in spans[firstSpan[planes.lowerBound]..<firstSpan[planes.upperBound]] {
                    let start = ((s.plane - first.plane) * rowCount + (s.row - r0)) * columnCount + (s.columns.lowerBound - c0)
                    (base + filled).initialize(repeating: 0, count: start - filled)
                    (base + start).initialize(repeating: 1, count: s.columns.count)
                    filled = start + s.columns.count
                    count += s.columns.count
                }
                (base + filled).initialize(repeating: 0, count: planes.upperBound * planeBytes - filled)
                return count
            }
            initialized = b.count
        }
        let mask = LesionMask(label: roi.id, source: source, box: box, inside: bytes, voxelCount: count,
                              extendsOutsideVolume: outside > 0, isReference: roi.isReference)
        return ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: false, notes: [])
    }

    /// Row evaluations allowed for an exact count of the voxels beyond the image: twice the image's
    /// own rows (plus a little for tiny stacks), so the count never costs more than the image.
    static func exactOutsideRowBudget(_ g: StackGeometry) -> Double { 2 * Double(g.planeCount) * Double(g.rows) + 4096 }

    /// The (real and virtual) planes, rows and columns visited: the shape's whole extent when that
    /// fits ``exactOutsideRowBudget(_:)`` (rows and columns limited to one voxel beyond the image for
    /// a box), else the image plus one voxel on every side. `along` is the shape's extent along the
    /// normal (mm); `planes` is nil when the shape misses even the extended planes; `exact` tells
    /// whether the outside count will be exact (else a lower bound).
    static func outsideRegion(_ shape: GeometricROI.Shape, _ g: StackGeometry)
        -> (along: ClosedRange<Double>, planes: ClosedRange<Int>?, rows: ClosedRange<Int>, columns: ClosedRange<Int>, exact: Bool) {
        let pts = corners(shape)
        let along = pts.map { $0.dot(g.normal) }
        let lo = (along.min() ?? 0) - 1e-9, hi = (along.max() ?? 0) + 1e-9
        let n = g.planeCount, z = g.normalPositions
        let firstGap = n > 1 ? z[1] - z[0] : max(g.rowSpacing, g.columnSpacing)
        let lastGap = n > 1 ? z[n - 1] - z[n - 2] : firstGap
        // Plane indices (as Double: they may be far beyond Int) bracketing [lo, hi] on the extended grid.
        func index(_ x: Double, _ round: FloatingPointRoundingRule) -> Double {
            if x < z[0] { return -((z[0] - x) / max(firstGap, 1e-6)).rounded(round == .up ? .down : .up) }
            if x > z[n - 1] { return Double(n - 1) + ((x - z[n - 1]) / max(lastGap, 1e-6)).rounded(round) }
            return round == .up ? Double(n - 1) : 0
        }
        let first = index(lo, .down), last = index(hi, .up)
        let unbounded = -(1 << 52)...(1 << 52)
        let ringRows = -1...g.rows, ringColumns = -1...g.columns
        var rows = unbounded, columns = unbounded, rowsPerPlane: Double
        if case .box = shape {
            rows = ringRows; columns = ringColumns
            rowsPerPlane = Double(g.rows + 2)
        } else {
            let extent = pts.map { $0.dot(g.columnDirection) }
            rowsPerPlane = ((extent.max() ?? 0) - (extent.min() ?? 0)) / g.rowSpacing + 3
        }
        let exact = (last - first + 1) * rowsPerPlane <= exactOutsideRowBudget(g) && max(-first, last) < Double(1 << 52)
        let window = exact ? Int(first)...Int(last) : -1...n
        let planes = max(window.lowerBound, clamp(first, window))...min(window.upperBound, clamp(last, window))
        let visited = first > Double(window.upperBound) || last < Double(window.lowerBound) ? nil : planes
        return (lo...hi, visited, exact ? rows : ringRows, exact ? columns : ringColumns, exact)
    }

    /// Refuses coordinates no arithmetic here could place exactly, and a geometry that is not finite.
    static func checkFinite(_ roi: GeometricROI, _ g: StackGeometry, file: String) throws {
        let values: [Double]
        switch roi.shape {
        case .sphere(let c, let r): values = [c.x, c.y, c.z, r]
        case .box(let a, let b): values = [a.x, a.y, a.z, b.x, b.y, b.z]
        }
        guard values.allSatisfy({ $0.isFinite && abs($0) <= coordinateLimitMM }) else {
            throw ROIError(.invalidFile, file: file, lesion: roi.id,
                           "has a coordinate or radius that is not a finite number within ±\(coordinateLimitMM) mm")
        }
        let spacing = [g.rowSpacing, g.columnSpacing]
        guard g.planeCount > 0, spacing.allSatisfy({ $0.isFinite && $0 > 0 }),
              g.planePositions.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
            throw ROIError(.invalidFile, file: file, lesion: roi.id,
                           "cannot be placed: the CT series has no planes, or a PixelSpacing or ImagePositionPatient that is not finite")
        }
    }

    /// Whether `p` lies in the shape (inclusive).
    static func contains(_ shape: GeometricROI.Shape, _ p: PatientPoint) -> Bool {
        switch shape {
        case .sphere(let c, let r):
            let d = p - c
            return d.dot(d) <= r * r
        case .box(let a, let b):
            let lo = PatientPoint(min(a.x, b.x), min(a.y, b.y), min(a.z, b.z))
            let hi = PatientPoint(max(a.x, b.x), max(a.y, b.y), max(a.z, b.z))
            return p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y && p.z >= lo.z && p.z <= hi.z
        }
    }

    /// Points that bound the shape (sphere: its bounding cube's corners; box: its corners).
    static func corners(_ shape: GeometricROI.Shape) -> [PatientPoint] {
        let lo: PatientPoint, hi: PatientPoint
        switch shape {
        case .sphere(let c, let r):
            lo = c - PatientPoint(repeating: r); hi = c + PatientPoint(repeating: r)
        case .box(let a, let b):
            lo = PatientPoint(min(a.x, b.x), min(a.y, b.y), min(a.z, b.z))
            hi = PatientPoint(max(a.x, b.x), max(a.y, b.y), max(a.z, b.z))
        }
        return (0..<8).map { i in
            PatientPoint(i & 1 == 0 ? lo.x : hi.x, i & 2 == 0 ? lo.y : hi.y, i & 4 == 0 ? lo.z : hi.z)
        }
    }

    /// Position of plane `k`, continuing the first/last gap beyond the stack (virtual planes).
    static func virtualPlanePosition(_ k: Int, _ g: StackGeometry) -> PatientPoint {
        let n = g.planeCount
        if k >= 0 && k < n { return g.planePositions[k] }
        if n == 1 {
            let step = g.normal * max(g.rowSpacing, g.columnSpacing)
            return g.planePositions[0] + Double(k) * step
        }
        if k < 0 { return g.planePositions[0] + Double(k) * (g.planePositions[1] - g.planePositions[0]) }
        return g.planePositions[n - 1] + Double(k - n + 1) * (g.planePositions[n - 1] - g.planePositions[n - 2])
    }
}
