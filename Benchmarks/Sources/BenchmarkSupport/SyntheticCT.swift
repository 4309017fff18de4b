import DensityKernel
import VolumeModel

/// A deterministic synthetic axial CT (512×512 planes, 0.7×0.7 mm pixels, 1 mm slices) generated in
/// memory, with lesion-like sphere masks and a whole-volume mask — the benchmark counterpart of
/// ../shared/bench/gen_volume.py (padding −2000 outside a circular field of view, air −1000, soft
/// tissue ~40 HU, lungs ~−850, a vertebra 200–1200 HU, a lesion ~35 HU; noise from a hash).
public struct SyntheticCT: Sendable {
    public static let size = 512
    public static let pixelSpacing = 0.7
    public static let sliceGap = 1.0

    public let volume: HUVolume
    public let planeCount: Int

    public init(planes: Int) {
        planeCount = planes
        let n = Self.size
        let geometry = StackGeometry(
            rows: n, columns: n, imageOrientationPatient: [1, 0, 0, 0, 1, 0],
            pixelSpacing: (Self.pixelSpacing, Self.pixelSpacing),
            planePositions: (0..<planes).map { PatientPoint(0, 0, Double($0) * Self.sliceGap) })
        var decoded: [Int: HUPlane] = [:]
        for k in 0..<planes {
            var values = [Int16](repeating: 0, count: n * n)
            for r in 0..<n {
                for c in 0..<n { values[r * n + c] = Self.hu(plane: k, row: r, column: c, planes: planes) }
            }
            decoded[k] = HUPlane(rows: n, columns: n, storage: .int16(values), padding: nil)
        }
        volume = HUVolume(geometry: geometry, planes: decoded)
    }

    /// Centre of the sphere masks (plane, row, column) in voxels: the lesion in the vertebra's body.
    public var sphereCentre: (plane: Int, row: Int, column: Int) { (planeCount / 2, 300, 256) }

    /// The voxels whose centres lie within `radiusMM` of ``sphereCentre`` (clipped to the volume).
    public func sphereMask(radiusMM: Double) -> LesionMask {
        let (k0, r0, c0) = sphereCentre
        let inPlane = Int(radiusMM / Self.pixelSpacing), across = Int(radiusMM / Self.sliceGap)
        let box = VoxelBox(
            planes: max(0, k0 - across)..<min(planeCount, k0 + across + 1),
            rows: max(0, r0 - inPlane)..<min(Self.size, r0 + inPlane + 1),
            columns: max(0, c0 - inPlane)..<min(Self.size, c0 + inPlane + 1))
        var inside = [UInt8](repeating: 0, count: box.voxelCount)
        var i = 0
        for k in box.planes {
            for r in box.rows {
                for c in box.columns {
                    let dz = Double(k - k0) * Self.sliceGap
                    let dy = Double(r - r0) * Self.pixelSpacing, dx = Double(c - c0) * Self.pixelSpacing
                    if dx * dx + dy * dy + dz * dz <= radiusMM * radiusMM { inside[i] = 1 }
                    i += 1
                }
            }
        }
        return LesionMask(label: "r\(Int(radiusMM))", source: ROISource(kind: .sphere, file: "synthetic"), box: box, inside: inside)
    }

    /// Every voxel of the volume.
    public func wholeMask() -> LesionMask {
        let box = VoxelBox(planes: 0..<planeCount, rows: 0..<Self.size, columns: 0..<Self.size)
        return LesionMask(
            label: "whole", source: ROISource(kind: .box, file: "synthetic"), box: box,
            inside: [UInt8](repeating: 1, count: box.voxelCount))
    }

    /// HU of one voxel: tissue classes by position plus hash noise.
    static func hu(plane k: Int, row r: Int, column c: Int, planes: Int) -> Int16 {
        let x = (Double(c) - 255.5) / 256, y = (Double(r) - 255.5) / 256
        if x * x + y * y > 1 { return -2000 }  // outside the field of view
        let h = hash(UInt64(k) << 40 | UInt64(r) << 20 | UInt64(c))
        let noise = Double(Int(h & 0xFFFF) + Int((h >> 16) & 0xFFFF) + Int((h >> 32) & 0xFFFF)) / 65536 - 1.5  // ~ sd 0.5
        let bx = x / 0.8, by = (y - 0.05) / 0.6
        if bx * bx + by * by > 1 { return Int16(-1000 + 20 * noise) }
        let lx = (abs(x) - 0.35) / 0.22, ly = (y + 0.05) / 0.35
        if lx * lx + ly * ly < 1 { return Int16(-850 + 60 * noise) }
        let vx = Double(c - 256), vy = Double(r - 300)
        let lesion = vx * vx + vy * vy < 400 && abs(k - planes / 2) < 14
        if lesion { return Int16(35 + 60 * noise) }
        if vx * vx + vy * vy < 45 * 45 { return Int16(700 + 1000 * noise) }  // vertebra, 200–1200
        return Int16(40 + 24 * noise)
    }

    private static func hash(_ v: UInt64) -> UInt64 {
        var z = v &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
