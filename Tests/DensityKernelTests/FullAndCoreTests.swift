import Testing
import VolumeModel
@testable import DensityKernel

/// `measureDensity(in:mask:core:)`: the ROI and its core ROI in one pass equal what the scalar
/// reference gives for each mask alone.
@Suite struct FullAndCoreTests {
    /// One 5 × 5 plane, voxel (r, c) = 10·r² + c HU; the ROI is the whole plane, the core its inner
    /// 3 × 3 (the box border eroded). ROI: N = 25, ΣX = 5·10·(0 + 1 + 4 + 9 + 16) + 5·(0 + … + 4) = 1550,
    /// mean 62, median 42 (rank 12 of 0…4, 10…14, 40…44, 90…94, 160…164). Core: N = 9,
    /// ΣX = 3·10·(1 + 4 + 9) + 3·(1 + 2 + 3) = 438, median 42 (of 11…13, 41…43, 91…93), min 11, max 93.
    @Test func handComputedPlane() throws {
        let values = (0..<5).flatMap { r in (0..<5).map { c in Int16(10 * r * r + c) } }
        let volume = Fixtures.volume(rows: 5, columns: 5, planes: [.int16(values)])
        let box = VoxelBox(planes: 0..<1, rows: 0..<5, columns: 0..<5)
        let inner = (0..<25).map { i -> UInt8 in (1...3).contains(i / 5) && (1...3).contains(i % 5) ? 1 : 0 }
        let both = try measureDensity(in: volume, mask: Fixtures.fullMask(box), core: Fixtures.mask(box, inner))
        #expect(both.full.voxelCount == 25 && both.full.mean == 62 && both.full.median == 42)
        #expect(both.full.minimum == 0 && both.full.maximum == 164)
        #expect(both.core.voxelCount == 9 && both.core.mean == 438.0 / 9 && both.core.median == 42)
        #expect(both.core.minimum == 11 && both.core.maximum == 93)
    }

    /// Random volumes (integer and non-integer planes, padding, re-segmentation, rows wider than a
    /// chunk of the one-pass loop) and a random sub-mask of each ROI as its core, same box.
    @Test(arguments: [false, true])
    func equalsReferenceForBoth(floatPlanes: Bool) throws {
        var rng = SplitMix64(seed: floatPlanes ? 12 : 11)
        for iteration in 0..<150 {
            let (volume, mask, options) = PropertyTests.randomCase(&rng, floatPlanes: floatPlanes)
            let coreBytes = mask.inside.map { $0 != 0 && Bool.random(using: &rng) ? $0 : 0 }
            let core = Fixtures.mask(mask.box, coreBytes)
            let both = try measureDensity(in: volume, mask: mask, core: core, options: options)
            let full = try DensityReference.measure(in: volume, mask: mask, options: options)
            let inner = try DensityReference.measure(in: volume, mask: core, options: options)
            #expect(PropertyTests.disagreements(both.full, full).isEmpty, "ROI, case \(iteration)")
            #expect(PropertyTests.disagreements(both.core, inner).isEmpty, "core, case \(iteration)")
            // Bit for bit what two separate kernel calls give.
            #expect(both.full == (try measureDensity(in: volume, mask: mask, options: options)))
            #expect(both.core == (try measureDensity(in: volume, mask: core, options: options)))
        }
    }

    /// A plane of 600 rows × 40 columns is visited in chunks of 409 rows (16 Ki voxels): two chunks,
    /// the second partial. All voxels 7 HU, core = the rows ≥ 300 (12,000 voxels).
    @Test func chunkedPlane() throws {
        let rows = 600, columns = 40
        let volume = Fixtures.volume(rows: rows, columns: columns, planes: [.int16([Int16](repeating: 7, count: rows * columns))])
        let box = VoxelBox(planes: 0..<1, rows: 0..<rows, columns: 0..<columns)
        let inner = (0..<(rows * columns)).map { UInt8($0 >= 300 * columns ? 1 : 0) }
        let both = try measureDensity(in: volume, mask: Fixtures.fullMask(box), core: Fixtures.mask(box, inner))
        #expect(both.full.voxelCount == 24_000 && both.full.mean == 7 && both.full.volumeML == 24)
        #expect(both.core.voxelCount == 12_000 && both.core.median == 7 && both.core.volumeML == 12)
    }
}
