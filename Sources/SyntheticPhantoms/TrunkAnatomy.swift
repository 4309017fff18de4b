import Foundation
import VolumeModel

/// The analytic anatomy of ``TrunkPhantom``: a trunk section with a lumbar-like spine, evaluated
/// at any point (anatomy coordinates = baseline patient coordinates, LPS mm). Every structure has a
/// soft edge 1 mm wide (a linear ramp of occupancy across the surface), so sampling at voxel
/// centres gives partial-volume edges without resampling anything.
///
/// Structures, painted in this order (HU): air −1000; body (ellipse 150 × 110 mm half-axes)
/// subcutaneous fat −100, inside it soft tissue 40; aorta (r 12 mm) 50; five vertebrae of
/// different heights (24–31 mm) and body radii, 7 mm discs (80 HU) between them: cortex shell 2 mm
/// of 1000 HU around trabecular bone of 250 HU; each vertebra's arch (pedicles, lamina with the
/// spinal canal 20 HU carved out, spinous process, transverse processes) of 700 HU; a pair of
/// ribs per vertebra (tubes r 5 mm: cortex 900 HU, marrow 300 HU) from the transverse processes
/// curving forward and down; then the lesions (spheres of a designed HU per time point).
public struct TrunkAnatomy: Sendable {
    /// One vertebra: its body's centre (x, y) and z range, body half-axes.
    public struct Vertebra: Sendable {
        public let zLow: Double, zHigh: Double
        public let radiusX: Double, radiusY: Double
        public var zCentre: Double { (zLow + zHigh) / 2 }
    }

    /// x and y of every vertebral body's axis (mm).
    public static let spineX = 0.0, spineY = 50.0
    public let vertebrae: [Vertebra]

    public init() {
        let heights = [24.0, 26, 27, 29, 31], radii = [(21.0, 17.0), (22, 17.5), (23, 18), (24, 18.5), (25, 19)]
        var z = -85.0
        var list: [Vertebra] = []
        for i in 0..<heights.count {
            list.append(Vertebra(zLow: z, zHigh: z + heights[i], radiusX: radii[i].0, radiusY: radii[i].1))
            z += heights[i] + 7
        }
        vertebrae = list
    }

    /// Occupancy of a surface at signed distance `d` (mm; negative inside): 1 inside, 0 outside,
    /// linear across the 1 mm edge.
    @inline(__always) static func occupancy(_ d: Double) -> Double { min(1, max(0, 0.5 - d)) }

    @inline(__always) static func paint(_ hu: inout Double, _ value: Double, _ d: Double) {
        let a = occupancy(d)
        if a > 0 { hu += a * (value - hu) }
    }

    /// Signed distance (mm, approximate away from the surface) to an elliptic cylinder along z.
    @inline(__always) static func ellipticCylinder(_ x: Double, _ y: Double, _ z: Double, cx: Double, cy: Double,
                                                   ax: Double, ay: Double, z0: Double, z1: Double) -> Double {
        let u = (x - cx) / ax, v = (y - cy) / ay
        let s = (u * u + v * v).squareRoot()
        let radial = (s - 1) * min(ax, ay)
        let axial = max(z0 - z, z - z1)
        return max(radial, axial)
    }

    /// Exact signed distance to an axis-aligned box (centre, half sizes).
    @inline(__always) static func box(_ x: Double, _ y: Double, _ z: Double, _ c: (Double, Double, Double),
                                      _ h: (Double, Double, Double)) -> Double {
        let qx = abs(x - c.0) - h.0, qy = abs(y - c.1) - h.1, qz = abs(z - c.2) - h.2
        let ox = max(qx, 0), oy = max(qy, 0), oz = max(qz, 0)
        return (ox * ox + oy * oy + oz * oz).squareRoot() + min(max(qx, max(qy, qz)), 0)
    }

    /// HU of the anatomy without lesions at `(x, y, z)` (anatomy coordinates, mm).
    public func hu(_ x: Double, _ y: Double, _ z: Double) -> Double {
        var hu = -1000.0
        let u = x / 150, v = y / 110
        let body = ((u * u + v * v).squareRoot() - 1) * 110
        if body > 1 { return hu }
        Self.paint(&hu, -100, body)
        Self.paint(&hu, 40, body + 14)
        let ax = x - 20, ay = y + 5
        Self.paint(&hu, 50, (ax * ax + ay * ay).squareRoot() - 12)
        let sx = Self.spineX, sy = Self.spineY
        // Discs and vertebral bodies (only the vertebrae within reach of z are evaluated).
        for (i, vb) in vertebrae.enumerated() where z > vb.zLow - 40 && z < vb.zHigh + 40 {
            if i + 1 < vertebrae.count {
                let next = vertebrae[i + 1]
                Self.paint(&hu, 80, Self.ellipticCylinder(x, y, z, cx: sx, cy: sy, ax: vb.radiusX, ay: vb.radiusY,
                                                          z0: vb.zHigh - 1, z1: next.zLow + 1))
            }
            let d = Self.ellipticCylinder(x, y, z, cx: sx, cy: sy, ax: vb.radiusX, ay: vb.radiusY, z0: vb.zLow, z1: vb.zHigh)
            if d > 1 { paintArch(&hu, x, y, z, vb); continue }
            Self.paint(&hu, 1000, d)
            Self.paint(&hu, 250, d + 2)
            paintArch(&hu, x, y, z, vb)
        }
        return hu
    }

    /// Pedicles, lamina and spinal canal, spinous and transverse processes, ribs of one vertebra.
    func paintArch(_ hu: inout Double, _ x: Double, _ y: Double, _ z: Double, _ vb: Vertebra) {
        let zc = vb.zCentre, sy = Self.spineY + vb.radiusY
        let h = (vb.zHigh - vb.zLow) * 0.3
        // Pedicles, then the lamina ring, then the canal carved out of it.
        Self.paint(&hu, 700, Self.box(x, y, z, (-11, sy + 6, zc), (4, 7, h)))
        Self.paint(&hu, 700, Self.box(x, y, z, (11, sy + 6, zc), (4, 7, h)))
        Self.paint(&hu, 700, Self.box(x, y, z, (0, sy + 17, zc), (14, 5, h)))
        let cx = x, cy = y - (sy + 9)
        Self.paint(&hu, 20, max((cx * cx + cy * cy).squareRoot() - 8, abs(z - zc) - h - 2))
        // Spinous process, pointing backwards and down.
        Self.paint(&hu, 700, Self.box(x, y + 0.3 * (z - zc), z, (0, sy + 38, zc - 4), (3.5, 17, h * 0.8)))
        // Transverse processes (the right one longer: the spine is not mirror-symmetric).
        Self.paint(&hu, 700, Self.box(x, y, z, (-27, sy + 10, zc), (13, 4.5, 5)))
        Self.paint(&hu, 700, Self.box(x, y, z, (25, sy + 10, zc + 1), (11, 4.5, 5)))
        paintRib(&hu, x, y, z, zc, side: 1)
        paintRib(&hu, x, y, z, zc, side: -1)
    }

    /// A rib: a tube of radius 5 mm along a circle about (0, 0) through the tip of the transverse
    /// process, running forward to 60° short of the midline and descending 0.25 mm per mm.
    func paintRib(_ hu: inout Double, _ x: Double, _ y: Double, _ z: Double, _ zc: Double, side: Double) {
        let tipX = side * 40, tipY = Self.spineY + 28
        let radius = (tipX * tipX + tipY * tipY).squareRoot()
        let rho = (x * x + y * y).squareRoot()
        guard abs(rho - radius) < 8 else { return }
        // Angle from the tip, measured forward (towards anterior, −y) on this side.
        let start = atan2(tipY, abs(tipX)), here = atan2(y, side * x)
        let travelled = start - here
        guard travelled > -0.05, travelled < 1.9 else { return }
        let zRib = zc - 0.25 * max(0, travelled) * radius + (side > 0 ? 2 : -2)
        let dz = z - zRib, dr = rho - radius
        let d = (dz * dz + dr * dr).squareRoot() - 5
        let cut = max(d, -travelled * radius)
        Self.paint(&hu, 900, cut)
        Self.paint(&hu, 300, cut + 2)
    }
}
