/// A point or direction in DICOM patient coordinates (LPS: +x towards the patient's left,
/// +y posterior, +z head), in millimetres (PS3.3 C.7.6.2.1.1).
public typealias PatientPoint = SIMD3<Double>

/// The geometry of one stack of parallel image planes: a CT series after sorting, or one stack of it.
///
/// Voxel indices are `(plane, row, column)`, zero-based; plane 0 is the plane with the smallest
/// position along ``normal``. The centre of voxel `(k, r, c)` is
/// `planePositions[k] + c · columnSpacing · rowDirection + r · rowSpacing · columnDirection`
/// (PS3.3 C.7.6.2.1.1, Equation C.7.6.2.1-1). Every plane keeps its own ImagePositionPatient, so
/// uneven spacing and gantry tilt (planes displaced along a direction that is not the normal) are
/// represented exactly.
public struct StackGeometry: Sendable, Equatable {
    /// Rows (0028,0010) of every plane.
    public let rows: Int
    /// Columns (0028,0011) of every plane.
    public let columns: Int
    /// ImageOrientationPatient values 1–3: the unit direction of a row (increasing column index).
    public let rowDirection: PatientPoint
    /// ImageOrientationPatient values 4–6: the unit direction of a column (increasing row index).
    public let columnDirection: PatientPoint
    /// `rowDirection × columnDirection`, unit length: the direction along which planes are sorted.
    public let normal: PatientPoint
    /// PixelSpacing value 1: distance in mm between the centres of adjacent rows.
    public let rowSpacing: Double
    /// PixelSpacing value 2: distance in mm between the centres of adjacent columns.
    public let columnSpacing: Double
    /// ImagePositionPatient of every plane (centre of its first voxel), in mm, sorted by
    /// position along ``normal``, ascending.
    public let planePositions: [PatientPoint]
    /// Each plane's position projected on ``normal`` (mm), ascending.
    public let normalPositions: [Double]

    /// Creates a geometry; `planePositions` must already be sorted along the normal.
    /// - Parameters:
    ///   - imageOrientationPatient: the six direction cosines (row direction, then column direction).
    ///   - pixelSpacing: PixelSpacing as (row spacing, column spacing) in mm.
    public init(
        rows: Int, columns: Int, imageOrientationPatient: [Double], pixelSpacing: (Double, Double),
        planePositions: [PatientPoint]
    ) {
        precondition(imageOrientationPatient.count == 6, "ImageOrientationPatient has six values")
        self.rows = rows
        self.columns = columns
        let r = PatientPoint(imageOrientationPatient[0], imageOrientationPatient[1], imageOrientationPatient[2])
        let c = PatientPoint(imageOrientationPatient[3], imageOrientationPatient[4], imageOrientationPatient[5])
        self.rowDirection = r.normalized
        self.columnDirection = c.normalized
        self.normal = r.cross(c).normalized
        self.rowSpacing = pixelSpacing.0
        self.columnSpacing = pixelSpacing.1
        self.planePositions = planePositions
        let n = self.normal
        self.normalPositions = planePositions.map { $0.dot(n) }
    }

    /// Number of planes in the stack.
    public var planeCount: Int { planePositions.count }

    /// Voxels in one plane (`rows × columns`).
    public var voxelsPerPlane: Int { rows * columns }

    /// Centre of voxel `(plane, row, column)` in patient coordinates (mm).
    @inlinable
    public func voxelCentre(plane: Int, row: Int, column: Int) -> PatientPoint {
        planePositions[plane]
            + Double(column) * columnSpacing * rowDirection
            + Double(row) * rowSpacing * columnDirection
    }

    /// The extent in mm along the normal that plane `k` stands for, as Docs/Outputs.md defines volume:
    /// half the distance to the previous plane plus half to the next; at the first and last plane,
    /// the neighbouring gap; for a single plane, `fallback` (SliceThickness or SpacingBetweenSlices).
    public func planeExtent(_ k: Int, fallback: Double = 1) -> Double {
        let z = normalPositions
        guard z.count > 1 else { return fallback }
        if k == 0 { return z[1] - z[0] }
        if k == z.count - 1 { return z[k] - z[k - 1] }
        return (z[k + 1] - z[k - 1]) / 2
    }

    /// The volume in mm³ of one voxel of plane `k` (row spacing × column spacing × ``planeExtent(_:fallback:)``).
    public func voxelVolumeMM3(plane k: Int, fallback: Double = 1) -> Double {
        rowSpacing * columnSpacing * planeExtent(k, fallback: fallback)
    }

    /// Gaps between consecutive planes along the normal (mm); `planeCount − 1` values.
    public var planeGaps: [Double] {
        guard normalPositions.count > 1 else { return [] }
        return (1..<normalPositions.count).map { normalPositions[$0] - normalPositions[$0 - 1] }
    }

    /// Continuous in-plane index `(row, column)` of the projection of `point` onto plane `k`, and its
    /// signed distance (mm) from that plane along the normal.
    @inlinable
    public func planeCoordinates(of point: PatientPoint, plane k: Int) -> (row: Double, column: Double, distance: Double) {
        let d = point - planePositions[k]
        return (d.dot(columnDirection) / rowSpacing, d.dot(rowDirection) / columnSpacing, d.dot(normal))
    }
}

extension StackGeometry {
    /// The voxel whose centre is nearest to `point` (LPS, mm): the plane nearest along the normal,
    /// then the nearest row and column on that plane. `nil` when the point lies beyond the stack by
    /// more than half a voxel: past the first or last plane by more than half the neighbouring gap
    /// (half the larger pixel spacing for a single plane), or outside the rows or columns.
    public func nearestVoxel(to point: PatientPoint) -> (plane: Int, row: Int, column: Int)? {
        let z = normalPositions
        guard let first = z.first, let last = z.last else { return nil }
        let along = point.dot(normal)
        let halfFirst = z.count > 1 ? (z[1] - z[0]) / 2 : max(rowSpacing, columnSpacing) / 2
        let halfLast = z.count > 1 ? (z[z.count - 1] - z[z.count - 2]) / 2 : halfFirst
        guard along >= first - halfFirst, along <= last + halfLast else { return nil }
        var lo = 0, hi = z.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if z[mid] <= along { lo = mid } else { hi = mid }
        }
        let k = abs(z[lo] - along) <= abs(z[hi] - along) ? lo : hi
        let q = planeCoordinates(of: point, plane: k)
        let r = Int(q.row.rounded()), c = Int(q.column.rounded())
        guard r >= 0, r < rows, c >= 0, c < columns else { return nil }
        return (k, r, c)
    }
}

extension SIMD3 where Scalar == Double {
    /// Dot product.
    @inlinable public func dot(_ o: Self) -> Double { (self * o).sum() }
    /// Cross product (right-handed).
    @inlinable public func cross(_ o: Self) -> Self {
        Self(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }
    /// Euclidean length.
    @inlinable public var length: Double { dot(self).squareRoot() }
    /// This vector scaled to unit length (unchanged when its length is zero).
    @inlinable public var normalized: Self { let l = length; return l > 0 ? self / l : self }
}
