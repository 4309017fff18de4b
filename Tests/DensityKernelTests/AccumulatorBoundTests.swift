import Testing
import VolumeModel
@testable import DensityKernel

/// The no-overflow claims of `Int16Accumulator` and `HUHistogram`, checked arithmetically for the
/// whole-body case and by running the widest possible row at the extremes of `Int16`.
@Suite struct AccumulatorBoundTests {
    @Test func wholeBodyMaskFitsInt64() {
        let voxels: Int64 = 512 * 512 * 2000
        let (sum, o1) = voxels.multipliedReportingOverflow(by: 3071)
        let (squares, o2) = voxels.multipliedReportingOverflow(by: 3071 * 3071)
        #expect(!o1 && !o2 && sum == 1_610_088_448_000 && squares == 4_944_581_623_808_000)
        // Even at |HU| = 32768 (2³⁰ per square) ΣX² stays below Int64.max up to 8.5·10⁹ voxels.
        #expect(Int64.max / (32768 * 32768) == 8_589_934_591)
        // A hot histogram bin never sees more than one flush period, ≤ UInt32.max voxels.
        #expect(UInt64(voxels) < UInt64(UInt32.max))
    }

    /// A DICOM row has at most 65535 columns (4096 SIMD steps); 8 such rows exceed the lanes' flush
    /// period (`Int16Lanes.flushSteps` = 16384 steps), so the lanes are flushed inside the plane.
    /// Every voxel at an extreme of `Int16`: N = 8 · 65535, ΣX = N · value, ΣX² = N · value².
    @Test(arguments: [Int16.min, Int16.max])
    func widestRowsAtTheExtremes(_ value: Int16) throws {
        let width = 65535, rows = 8, n = 8 * 65535
        let volume = Fixtures.volume(rows: rows, columns: width, planes: [.int16([Int16](repeating: value, count: n))])
        let mask = Fixtures.fullMask(VoxelBox(planes: 0..<1, rows: 0..<rows, columns: 0..<width))
        #expect(rows * (width / 16 + 1) > Int16Lanes.flushSteps)
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == n && s.mean == Double(value) && s.median == Double(value))
        #expect(s.minimum == Double(value) && s.maximum == Double(value))
        #expect(s.energy == Double(Int64(n) * Int64(value) * Int64(value)))
        let m = try measureMoments(in: volume, mask: mask)
        #expect(m.count == n && m.sum == Double(Int64(n) * Int64(value)))
        #expect(m.sumOfSquares == Double(Int64(n) * Int64(value) * Int64(value)))
    }

    /// Rows whose width is not a multiple of the 16-voxel SIMD step end with a step that overlaps the
    /// previous one; the overlapped voxels must count once. Voxel x holds 10·x HU (x = 0 … w − 1),
    /// all inside: N = w, ΣX = 10·w(w − 1)/2, ΣX² = 100·(w − 1)w(2w − 1)/6, min 0, max 10·(w − 1).
    @Test(arguments: [1, 15, 16, 17, 31, 32, 33, 47])
    func rowTailsCountOnce(_ width: Int) throws {
        let (volume, mask) = Fixtures.row((0..<width).map { Int16(10 * $0) })
        let m = try measureMoments(in: volume, mask: mask)
        let w = Int64(width)
        #expect(m.count == width && m.sum == Double(10 * w * (w - 1) / 2))
        #expect(m.sumOfSquares == Double(100 * (w - 1) * w * (2 * w - 1) / 6))
        #expect(m.minimum == 0 && m.maximum == Double(10 * (width - 1)))
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == width && s.median == Double(5 * (width - 1)))
    }

    /// Width 20: the first 16 voxels inside, of the last four only x = 17 (the overlapping step sees
    /// x = 4 … 19 and must take only x ≥ 16). Values 10·x: N = 17, ΣX = 10·(0 + … + 15) + 170 = 1370,
    /// max 170, median (rank 8 of 17) 80.
    @Test func overlappingStepTakesOnlyNewVoxels() throws {
        let width = 20
        let volume = Fixtures.volume(rows: 1, columns: width, planes: [.int16((0..<width).map { Int16(10 * $0) })])
        var inside = [UInt8](repeating: 1, count: 16) + [0, 0, 0, 0]
        inside[17] = 1
        let mask = Fixtures.mask(VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<width), inside)
        let m = try measureMoments(in: volume, mask: mask)
        #expect(m.count == 17 && m.sum == 1370 && m.maximum == 170 && m.minimum == 0)
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == 17 && s.median == 80)
    }
}
