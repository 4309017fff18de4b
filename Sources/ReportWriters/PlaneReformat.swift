import VolumeModel

/// A plane through patient space resampled from a stack: the sagittal (or axial) reformat beside
/// each native tile. Nearest neighbour, like ``PlaneReslicer``: every display pixel shows the voxel
/// of the plane nearest along the stack's normal (when the point lies within half that plane's
/// extent, ``StackGeometry/planeExtent(_:fallback:)``) and, on it, the nearest voxel centre. So each
/// grey is a true voxel value, tilted stacks (gantry tilt) and uneven plane spacing land where the
/// planes really are, and a point between the stack's first and last plane is never invented.
/// Pixels outside the stack, on padding, or on planes that were not decoded are black.
public enum PlaneReformat {
    /// The result: grey pixels and, per mask asked for, one flag per pixel (row-major).
    public struct Sampled: Sendable {
        public let image: RGBImage
        public let inside: [[Bool]]
    }

    /// Samples a square of `side` mm centred on `centre`, `pixels × pixels`, display x along `right`
    /// and display y along `down` (unit LPS directions).
    public static func sample(
        volume: HUVolume, centre: PatientPoint, right: PatientPoint, down: PatientPoint, side: Double, pixels: Int,
        window: DisplayWindow, masks: [LesionMask]
    ) -> Sampled {
        let g = volume.geometry
        let s = side / Double(pixels)
        var image = RGBImage(width: pixels, height: pixels)
        var inside = masks.map { _ in [Bool](repeating: false, count: pixels * pixels) }
        let origin = centre - (side / 2) * right - (side / 2) * down
        let z = g.normalPositions
        guard !z.isEmpty else { return Sampled(image: image, inside: inside) }
        for k in 0..<pixels {
            for j in 0..<pixels {
                let p = origin + ((Double(j) + 0.5) * s) * right + ((Double(k) + 0.5) * s) * down
                guard let plane = nearestPlane(p.dot(g.normal), positions: z, geometry: g, fallback: volume.singlePlaneExtent)
                else { continue }
                let c = g.planeCoordinates(of: p, plane: plane)
                let row = Int(c.row.rounded()), column = Int(c.column.rounded())
                guard row >= 0, row < g.rows, column >= 0, column < g.columns else { continue }
                if let hu = volume.planes[plane], !hu.isPadding(row: row, column: column) {
                    image[j, k] = RGBColor(grey: window.grey(hu.hu(row: row, column: column)))
                }
                for (m, mask) in masks.enumerated() where mask.contains(plane: plane, row: row, column: column) {
                    inside[m][k * pixels + j] = true
                }
            }
        }
        return Sampled(image: image, inside: inside)
    }

    /// The plane whose position along the normal is nearest `t`, if `t` lies within half its extent.
    static func nearestPlane(_ t: Double, positions z: [Double], geometry: StackGeometry, fallback: Double) -> Int? {
        var lo = 0, hi = z.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if z[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        var best = lo
        if lo > 0 && abs(z[lo - 1] - t) <= abs(z[lo] - t) { best = lo - 1 }
        let half = geometry.planeExtent(best, fallback: fallback) / 2
        return abs(z[best] - t) <= half + 1e-9 ? best : nil
    }
}
