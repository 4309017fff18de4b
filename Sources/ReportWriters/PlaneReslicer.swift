import VolumeModel

/// A rectangle of a plane in display millimetres: x to the right, y down, the centre of voxel
/// (row 0, column 0) at the origin (see ``DisplayOrientation``).
public struct DisplayRegion: Sendable, Equatable {
    public var minX: Double
    public var minY: Double
    public var width: Double
    public var height: Double

    public init(minX: Double, minY: Double, width: Double, height: Double) {
        self.minX = minX
        self.minY = minY
        self.width = width
        self.height = height
    }

    /// The centre of the rectangle.
    public var centre: (x: Double, y: Double) { (minX + width / 2, minY + height / 2) }

    /// A square of side `side` mm centred on this rectangle's centre.
    public func square(side: Double) -> DisplayRegion {
        let c = centre
        return DisplayRegion(minX: c.x - side / 2, minY: c.y - side / 2, width: side, height: side)
    }
}

/// One plane drawn for display: grey pixels, square, in radiological orientation.
public struct ReslicedPlane: Sendable {
    /// Grey pixels (R = G = B): the windowed HU; padding voxels and anything outside the field of
    /// view are black.
    public let image: RGBImage
    /// One flag per display pixel, row-major: the pixel shows a voxel of the ROI.
    public let inside: [Bool]
    /// Side of one (square) display pixel in mm.
    public let millimetresPerPixel: Double
    public let orientation: DisplayOrientation
}

/// Turns one decoded plane into a display image.
///
/// Resampling is nearest-neighbour: each display pixel shows the voxel whose centre is nearest.
/// That keeps every displayed grey a true voxel value (a 500 HU plateau stays exactly one grey, no
/// blending across the ROI edge or with padding), the ROI outline sits on voxel edges as the
/// measurement counts them, and a radiologist sees the real voxel size. Display pixels are square;
/// with anisotropic PixelSpacing a voxel simply spans more display pixels along its longer side.
public enum PlaneReslicer {
    /// The whole plane in display coordinates (voxel edges, not centres).
    public static func wholePlane(_ geometry: StackGeometry) -> DisplayRegion {
        let orientation = DisplayOrientation(geometry: geometry)
        return region(rows: 0..<geometry.rows, columns: 0..<geometry.columns, geometry: geometry, orientation: orientation)
    }

    /// The in-plane extent of the ROI's bounding box (voxel edges), in display coordinates.
    public static func boundingRegion(of mask: LesionMask, geometry: StackGeometry) -> DisplayRegion {
        region(rows: mask.box.rows, columns: mask.box.columns, geometry: geometry,
               orientation: DisplayOrientation(geometry: geometry))
    }

    /// Draws plane `planeIndex` of a stack.
    ///
    /// - Parameters:
    ///   - plane: the decoded HU plane (`geometry.rows × geometry.columns`).
    ///   - mask: the ROI whose voxels on this plane are flagged in ``ReslicedPlane/inside``, or nil.
    ///   - region: the part of the plane to draw, display mm (may extend beyond the field of view).
    ///   - millimetresPerPixel: side of one display pixel in mm (> 0); the output is
    ///     `round(region.width / mm) × round(region.height / mm)` pixels, at least 1 × 1.
    public static func reslice(
        plane: HUPlane, planeIndex: Int, geometry: StackGeometry, mask: LesionMask?, window: DisplayWindow,
        region: DisplayRegion, millimetresPerPixel: Double
    ) -> ReslicedPlane {
        let orientation = DisplayOrientation(geometry: geometry)
        let s = millimetresPerPixel
        let width = max(1, Int((region.width / s).rounded()))
        let height = max(1, Int((region.height / s).rounded()))
        // Separable lookup: display x depends on one voxel index only, display y on the other.
        let xSpacing = orientation.xFollowsColumns ? geometry.columnSpacing : geometry.rowSpacing
        let ySpacing = orientation.xFollowsColumns ? geometry.rowSpacing : geometry.columnSpacing
        let xLimit = orientation.xFollowsColumns ? geometry.columns : geometry.rows
        let yLimit = orientation.xFollowsColumns ? geometry.rows : geometry.columns
        let xIndex = (0..<width).map { j -> Int? in
            let i = Int((orientation.xSign * (region.minX + (Double(j) + 0.5) * s) / xSpacing).rounded())
            return i >= 0 && i < xLimit ? i : nil
        }
        let yIndex = (0..<height).map { k -> Int? in
            let i = Int((orientation.ySign * (region.minY + (Double(k) + 0.5) * s) / ySpacing).rounded())
            return i >= 0 && i < yLimit ? i : nil
        }
        var image = RGBImage(width: width, height: height)
        var inside = [Bool](repeating: false, count: width * height)
        for k in 0..<height {
            guard let b = yIndex[k] else { continue }
            for j in 0..<width {
                guard let a = xIndex[j] else { continue }
                let (row, column) = orientation.xFollowsColumns ? (b, a) : (a, b)
                if !plane.isPadding(row: row, column: column) {
                    image[j, k] = RGBColor(grey: window.grey(plane.hu(row: row, column: column)))
                }
                if let mask, mask.contains(plane: planeIndex, row: row, column: column) {
                    inside[k * width + j] = true
                }
            }
        }
        return ReslicedPlane(image: image, inside: inside, millimetresPerPixel: s, orientation: orientation)
    }

    private static func region(
        rows: Range<Int>, columns: Range<Int>, geometry: StackGeometry, orientation: DisplayOrientation
    ) -> DisplayRegion {
        let u0 = (Double(columns.lowerBound) - 0.5) * geometry.columnSpacing
        let u1 = (Double(columns.upperBound) - 0.5) * geometry.columnSpacing
        let v0 = (Double(rows.lowerBound) - 0.5) * geometry.rowSpacing
        let v1 = (Double(rows.upperBound) - 0.5) * geometry.rowSpacing
        let a = orientation.display(alongRow: u0, alongColumn: v0)
        let b = orientation.display(alongRow: u1, alongColumn: v1)
        return DisplayRegion(
            minX: min(a.x, b.x), minY: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }
}
