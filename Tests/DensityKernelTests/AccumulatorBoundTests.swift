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

    /// A DICOM row has at most 65535 columns: each of the 8 SIMD lanes sums ≤ 8192 values in `Int32`.
    @Test(arguments: [Int16.min, Int16.max])
    func widestRowAtTheExtremes(_ value: Int16) throws {
        let width = 65535
        let (volume, mask) = Fixtures.row([Int16](repeating: value, count: width))
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == width && s.mean == Double(value) && s.median == Double(value))
        #expect(s.energy == Double(Int64(width) * Int64(value) * Int64(value)))
        let m = try measureMoments(in: volume, mask: mask)
        #expect(m.sum == Double(Int64(width) * Int64(value)))
    }
}
