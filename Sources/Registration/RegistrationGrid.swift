import VolumeModel

/// A box of an HU volume on a regular grid, the form ITK registers: voxel (i, j, k), i fastest, at
/// `origin + i·spacing.x·axes.0 + j·spacing.y·axes.1 + k·spacing.z·axes.2` (LPS, mm), where
/// i = column, j = row, k = plane of the stack's own voxel grid. A stack whose planes are evenly
/// spaced (within 1 %) is copied exactly; otherwise its planes are interpolated linearly along the
/// stacking direction onto the median spacing.
///
/// A box of more than a budget of voxels (``RegistrationOptions/maximumRegisteredVoxels``) is
/// reduced while it is copied: each block of fx × fy × fz voxels (``reductionFactors(size:spacing:budget:)``)
/// becomes one voxel holding the block's mean HU at the block's centre, so neither this copy nor
/// ITK's images of it (the pyramid's smoothed and shrunk levels) ever hold the full-resolution box.
struct RegistrationGrid {
    var voxels: [Float]
    var size: (columns: Int, rows: Int, planes: Int)
    var origin: PatientPoint
    var spacing: PatientPoint
    /// The directions of i, j, k: the row direction, the column direction, the stacking direction.
    var axes: (PatientPoint, PatientPoint, PatientPoint)

    /// HU given to padding voxels (outside the reconstructed field of view): air.
    static let paddingHU: Float = -1000

    /// Voxel index ranges of `geometry` whose centres lie within `box` (planes by their position
    /// along the normal; rows and columns over every such plane, which covers gantry tilt),
    /// clipped to the image. Empty ranges when the box misses the image.
    static func indexRanges(of box: PatientBox, in geometry: StackGeometry) -> VoxelBox {
        let corners = box.corners
        let along = corners.map { $0.dot(geometry.normal) }
        let lo = along.min()! - 1e-6, hi = along.max()! + 1e-6
        let planes = geometry.normalPositions.indices.filter { geometry.normalPositions[$0] >= lo && geometry.normalPositions[$0] <= hi }
        guard let first = planes.first, let last = planes.last else { return VoxelBox(planes: 0..<0, rows: 0..<0, columns: 0..<0) }
        var rMin = Double.infinity, rMax = -Double.infinity, cMin = Double.infinity, cMax = -Double.infinity
        for k in [first, last] {
            for p in corners {
                let q = geometry.planeCoordinates(of: p, plane: k)
                rMin = min(rMin, q.row); rMax = max(rMax, q.row)
                cMin = min(cMin, q.column); cMax = max(cMax, q.column)
            }
        }
        func clip(_ a: Double, _ b: Double, _ n: Int) -> Range<Int> {
            let lower = max(0, Int((a - 1e-6).rounded(.up))), upper = min(n - 1, Int((b + 1e-6).rounded(.down)))
            return lower <= upper ? lower..<(upper + 1) : 0..<0
        }
        return VoxelBox(planes: first..<(last + 1), rows: clip(rMin, rMax, geometry.rows), columns: clip(cMin, cMax, geometry.columns))
    }

    /// The voxels of `volume` inside `box`.
    /// - Parameters:
    ///   - role: "baseline" or "follow-up", for messages.
    ///   - maximumVoxels: the voxel budget of the grid; a larger box is reduced by block means.
    /// - Throws: ``RegistrationError`` `.boxOutsideImage` when the box covers fewer than 4 voxels
    ///   along an axis, `.planesNotDecoded` when a plane it covers is not in `volume.planes`.
    init(cropping volume: HUVolume, to box: PatientBox, role: String, maximumVoxels: Int = Int.max) throws {
        let g = volume.geometry
        let range = Self.indexRanges(of: box, in: g)
        guard range.planes.count >= 4, range.rows.count >= 4, range.columns.count >= 4 else {
            throw RegistrationError(.boxOutsideImage,
                                    "the \(role) image holds only \(range.planes.count) × \(range.rows.count) × \(range.columns.count) (planes × rows × columns) voxels of the box; at least 4 along each axis are needed")
        }
        if let missing = range.planes.first(where: { volume.planes[$0] == nil }) {
            throw RegistrationError(.planesNotDecoded, "plane \(missing) of the \(role) series is needed but was not decoded")
        }
        let k0 = range.planes.lowerBound, k1 = range.planes.upperBound - 1
        let z = g.normalPositions
        let gaps = (k0..<k1).map { z[$0 + 1] - z[$0] }
        let median = gaps.sorted()[gaps.count / 2]
        guard median > 0 else { throw RegistrationError(.invalidInput, "the \(role) series has planes at the same position") }
        let even = gaps.allSatisfy { abs($0 - median) <= 0.01 * median }
        // Target planes: along the normal from z[k0] in steps of the median gap.
        let span = z[k1] - z[k0]
        let count = even ? range.planes.count : Int((span / median + 1e-6).rounded(.down)) + 1
        let step = even ? span / Double(count - 1) : median
        let stacking = (g.planePositions[k1] - g.planePositions[k0]) / span
        let nc = range.columns.count, nr = range.rows.count
        let f = Self.reductionFactors(size: (nc, nr, count), spacing: PatientPoint(g.columnSpacing, g.rowSpacing, step * stacking.length),
                                      budget: maximumVoxels)
        let reduced = f != (1, 1, 1)
        let (mc, mr, mp) = (nc / f.x, nr / f.y, count / f.z)
        var voxels = [Float](repeating: 0, count: reduced ? mc * mr * mp : nc * nr * count)
        var below = k0
        for t in 0..<(reduced ? mp * f.z : count) {
            let zt = z[k0] + Double(t) * step
            while below + 1 < k1 && z[below + 1] <= zt + 1e-9 { below += 1 }
            let above = min(below + 1, k1)
            let w = even ? 0 : (above == below ? 0 : max(0, min(1, (zt - z[below]) / (z[above] - z[below]))))
            let a = volume.planes[even ? k0 + t : below]!, b = volume.planes[even ? k0 + t : above]!
            func value(_ r: Int, _ c: Int) -> Float {
                let va = a.isPadding(row: r, column: c) ? Self.paddingHU : Float(a.hu(row: r, column: c))
                guard w != 0 else { return va }
                let vb = b.isPadding(row: r, column: c) ? Self.paddingHU : Float(b.hu(row: r, column: c))
                return va + Float(w) * (vb - va)
            }
            if reduced {
                // Sum into the block's voxel; rows and columns beyond the last whole block are left out.
                let r0 = range.rows.lowerBound, c0 = range.columns.lowerBound
                for j in 0..<(mr * f.y) {
                    let row = ((t / f.z) * mr + j / f.y) * mc
                    for i in 0..<(mc * f.x) { voxels[row + i / f.x] += value(r0 + j, c0 + i) }
                }
                continue
            }
            var offset = t * nr * nc
            for r in range.rows {
                for c in range.columns {
                    voxels[offset] = value(r, c)
                    offset += 1
                }
            }
        }
        let spacing = PatientPoint(g.columnSpacing, g.rowSpacing, step * stacking.length)
        let axes = (g.rowDirection, g.columnDirection, stacking.normalized)
        let first = g.voxelCentre(plane: k0, row: range.rows.lowerBound, column: range.columns.lowerBound)
        if reduced {
            let n = Float(f.x * f.y * f.z)
            for i in voxels.indices { voxels[i] /= n }
        }
        self.voxels = voxels
        self.size = reduced ? (mc, mr, mp) : (nc, nr, count)
        // A block's centre lies (f − 1)/2 voxels beyond its first voxel along each axis.
        self.origin = first + Double(f.x - 1) / 2 * spacing.x * axes.0 + Double(f.y - 1) / 2 * spacing.y * axes.1
            + Double(f.z - 1) / 2 * spacing.z * axes.2
        self.spacing = PatientPoint(spacing.x * Double(f.x), spacing.y * Double(f.y), spacing.z * Double(f.z))
        self.axes = axes
    }

    /// The integer block size per axis (columns, rows, planes) that brings a grid of `size` voxels
    /// within `budget` voxels: (1, 1, 1) when it fits; otherwise the axis whose block is finest in
    /// mm (`spacing` × factor; ties: columns, rows, planes) grows by one, and again, until
    /// ⌊columns/fx⌋·⌊rows/fy⌋·⌊planes/fz⌋ ≤ `budget`, so the reduced voxels stay as near cubic
    /// as the grid allows. An axis is not reduced below 4 voxels.
    /// - Parameter spacing: voxel size (mm) along columns, rows, planes.
    static func reductionFactors(size: (Int, Int, Int), spacing: PatientPoint, budget: Int) -> (x: Int, y: Int, z: Int) {
        var f = [1, 1, 1]
        let n = [size.0, size.1, size.2], s = [spacing.x, spacing.y, spacing.z]
        func count() -> Int { (0..<3).reduce(1) { $0 * (n[$1] / f[$1]) } }
        while count() > budget {
            let candidates = (0..<3).filter { n[$0] / (f[$0] + 1) >= 4 }
            guard let d = candidates.min(by: { s[$0] * Double(f[$0]) < s[$1] * Double(f[$1]) }) else { break }
            f[d] += 1
        }
        return (f[0], f[1], f[2])
    }

    /// The axis-aligned box (LPS, mm) of the grid's voxel centres.
    var extent: PatientBox {
        let far = origin + Double(size.columns - 1) * spacing.x * axes.0 + Double(size.rows - 1) * spacing.y * axes.1
            + Double(size.planes - 1) * spacing.z * axes.2
        let i = Double(size.columns - 1) * spacing.x * axes.0, j = Double(size.rows - 1) * spacing.y * axes.1
        let k = Double(size.planes - 1) * spacing.z * axes.2
        return PatientBox(enclosing: [origin, far, origin + i, origin + j, origin + k, origin + i + j, origin + i + k, origin + j + k])!
    }

    /// The direction matrix, row-major: its columns are `axes`.
    var directionRowMajor: [Double] {
        let (a, b, c) = axes
        return [a.x, b.x, c.x, a.y, b.y, c.y, a.z, b.z, c.z]
    }
}
