import VolumeModel

/// Builds test volumes and masks from literal arrays (axial planes, 1 mm spacing unless given).
enum Fixtures {
    /// A stack of `planes.count` planes of `rows × columns` voxels, plane k at z = k · `sliceGap`.
    static func volume(
        rows: Int, columns: Int, planes: [HUPlane.Storage], padding: [[UInt8]?]? = nil,
        pixelSpacing: (Double, Double) = (1, 1), sliceGap: Double = 1, singlePlaneExtent: Double = 1
    ) -> HUVolume {
        let geometry = StackGeometry(
            rows: rows, columns: columns, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: pixelSpacing,
            planePositions: planes.indices.map { PatientPoint(0, 0, Double($0) * sliceGap) })
        var decoded: [Int: HUPlane] = [:]
        for (k, storage) in planes.enumerated() {
            decoded[k] = HUPlane(rows: rows, columns: columns, storage: storage, padding: padding?[k] ?? nil)
        }
        return HUVolume(geometry: geometry, planes: decoded, singlePlaneExtent: singlePlaneExtent)
    }

    /// A mask covering `box` with the given bytes (box order: plane, row, column).
    static func mask(_ box: VoxelBox, _ inside: [UInt8]) -> LesionMask {
        LesionMask(label: "L", source: ROISource(kind: .box, file: "test"), box: box, inside: inside)
    }

    /// A mask of every voxel of `box`.
    static func fullMask(_ box: VoxelBox) -> LesionMask {
        mask(box, [UInt8](repeating: 1, count: box.voxelCount))
    }

    /// One plane of one row holding `values` (Int16), measured whole.
    static func row(_ values: [Int16], extent: Double = 1) -> (HUVolume, LesionMask) {
        let volume = Fixtures.volume(
            rows: 1, columns: values.count, planes: [.int16(values)], singlePlaneExtent: extent)
        return (volume, fullMask(VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<values.count)))
    }
}

/// A small deterministic generator (SplitMix64), so property tests replay the same cases.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// |a − b| ≤ 1e-9 · max(1, |a|, |b|): the agreement required of moments (absolute near zero, where a
/// relative test means nothing, e.g. the skewness of a symmetric sample).
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a?, b?): return abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
    default: return false
    }
}

/// Within half a unit of the last printed digit of a published value.
func matchesPrinted(_ value: Double?, _ printed: Double, decimals: Int) -> Bool {
    guard let value else { return false }
    var unit = 1.0
    for _ in 0..<decimals { unit /= 10 }
    return abs(value - printed) <= unit / 2
}
