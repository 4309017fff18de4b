#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VolumeModel

/// The peers' data set (../shared/bench/gen_volume.py in `$CTBENCH_DIR`): vol.i16 (512×512×300
/// little-endian int16 HU, plane-major) and mask_{r15,r60,all}.u8 (uint8, same shape), so the kernel
/// can be timed on exactly the bytes density_ref.c and density_numpy.py read. Spacing 0.7×0.7×1.0 mm.
public enum PeerData {
    public static let shape = (planes: 300, rows: 512, columns: 512)

    /// The volume, or nil when the file is missing or short.
    public static func volume(directory: String) -> HUVolume? {
        let (p, r, c) = shape
        guard let raw: [Int16] = read("\(directory)/vol.i16", count: p * r * c) else { return nil }
        let geometry = StackGeometry(
            rows: r, columns: c, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.7, 0.7),
            planePositions: (0..<p).map { PatientPoint(0, 0, Double($0)) })
        var planes: [Int: HUPlane] = [:]
        for k in 0..<p {
            planes[k] = HUPlane(rows: r, columns: c, storage: .int16(Array(raw[(k * r * c)..<((k + 1) * r * c)])), padding: nil)
        }
        return HUVolume(geometry: geometry, planes: planes)
    }

    /// Mask `name` (r15, r60, all) cropped to its bounding box, or nil when missing.
    public static func mask(directory: String, name: String) -> LesionMask? {
        let (p, r, c) = shape
        guard let dense: [UInt8] = read("\(directory)/mask_\(name).u8", count: p * r * c) else { return nil }
        var lo = (p, r, c), hi = (-1, -1, -1)
        for k in 0..<p {
            for y in 0..<r {
                for x in 0..<c where dense[(k * r + y) * c + x] != 0 {
                    lo = (min(lo.0, k), min(lo.1, y), min(lo.2, x))
                    hi = (max(hi.0, k), max(hi.1, y), max(hi.2, x))
                }
            }
        }
        guard hi.0 >= 0 else { return nil }
        let box = VoxelBox(planes: lo.0..<(hi.0 + 1), rows: lo.1..<(hi.1 + 1), columns: lo.2..<(hi.2 + 1))
        var inside: [UInt8] = []
        inside.reserveCapacity(box.voxelCount)
        for k in box.planes {
            for y in box.rows { inside += dense[((k * r + y) * c + box.columns.lowerBound)..<((k * r + y) * c + box.columns.upperBound)] }
        }
        return LesionMask(label: name, source: ROISource(kind: .seg, file: "mask_\(name).u8"), box: box, inside: inside)
    }

    private static func read<T>(_ path: String, count: Int) -> [T]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = fread(buffer.baseAddress, MemoryLayout<T>.stride, count, file)
        }
        return out.count == count ? out : nil
    }
}
