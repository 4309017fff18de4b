import Testing
import VolumeModel
@testable import DensityKernel

@Suite struct DensityDeltaTests {
    static func statistics(_ values: [Int16], extent: Double = 1) throws -> DensityStatistics {
        let (volume, mask) = Fixtures.row(values, extent: extent)
        return try measureDensity(in: volume, mask: mask)
    }

    /// Baseline 0, 100, 200, 300 (mean 150, median 150, s² = 50000/3, 4 mL with 1000 mm³ voxels);
    /// follow-up 100, 200, 300, 400, 500 (mean 300, s² = 25000, 5 mL).
    @Test func changesAndWelchInterval() throws {
        let baseline = try Self.statistics([0, 100, 200, 300], extent: 1000)
        let followUp = try Self.statistics([100, 200, 300, 400, 500], extent: 1000)
        let d = DensityDelta(baseline: baseline, followUp: followUp)
        #expect(d.meanHU == 150 && d.meanPercent == 100)
        #expect(d.medianHU == 150 && d.medianPercent == 100)
        #expect(d.volumeML == 1 && d.volumePercent == 25)
        #expect(d.fractionLytic == -0.25)       // 1/4 → 0/5
        #expect(d.fractionSclerotic == 0.4)     // 0/4 → 2/5 (400, 500)
        #expect(close(d.fractionIntermediate, -0.15)) // 3/4 → 3/5
        // n_eff = 4/8 and 5/8: SE² = (50000/3)/0.5 + 25000/0.625 = 33333.33 + 40000.
        let half = 1.96 * (50000.0 / 3 / 0.5 + 25000 / 0.625).squareRoot()
        let ci = try #require(d.meanHUCI95)
        #expect(close(ci.lowerBound, 150 - half) && close(ci.upperBound, 150 + half))
    }

    @Test func relativeChangeNeedsABaseline() throws {
        let nearZero = try Self.statistics([0, 1])   // mean 0.5 HU
        let followUp = try Self.statistics([40, 60])
        let d = DensityDelta(baseline: nearZero, followUp: followUp)
        #expect(d.meanHU == 49.5 && d.meanPercent == nil)
        let single = try Self.statistics([7])
        #expect(DensityDelta(baseline: single, followUp: followUp).meanHUCI95 == nil)
        let empty = DensityStatistics.empty(paddingVoxelsExcluded: 0, resegmentedVoxelsExcluded: 0)
        let gone = DensityDelta(baseline: empty, followUp: followUp)
        #expect(gone.meanHU == nil && gone.volumePercent == nil && gone.volumeML == followUp.volumeML)
    }
}
