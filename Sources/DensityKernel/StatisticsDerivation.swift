extension DensityStatistics {
    /// The statistics of an ROI with no measured voxel: counts and volume, every other value `nil`.
    static func empty(paddingVoxelsExcluded: Int, resegmentedVoxelsExcluded: Int) -> DensityStatistics {
        DensityStatistics(
            voxelCount: 0, volumeML: 0, mean: nil, standardDeviation: nil, sampleStandardDeviation: nil,
            median: nil, p5: nil, p10: nil, p25: nil, p75: nil, p90: nil, p95: nil, interquartileRange: nil,
            minimum: nil, maximum: nil, range: nil, skewness: nil, excessKurtosis: nil,
            meanAbsoluteDeviation: nil, robustMeanAbsoluteDeviation: nil, medianAbsoluteDeviation: nil,
            coefficientOfVariation: nil, quartileCoefficientOfDispersion: nil, energy: nil, rootMeanSquare: nil,
            fractionLytic: nil, fractionIntermediate: nil, fractionSclerotic: nil, fractionDense: nil,
            voxelsAboveMetalThreshold: 0, paddingVoxelsExcluded: paddingVoxelsExcluded,
            resegmentedVoxelsExcluded: resegmentedVoxelsExcluded)
    }

    /// Every statistic from the measured values.
    /// - Parameters:
    ///   - runs: the measured values (ascending distinct values with counts).
    ///   - sum: ΣXᵢ (HU), exact for integer HU (an `Int64` sum converted once).
    ///   - sumOfSquares: ΣXᵢ² (HU²), exact for integer HU up to one final rounding.
    ///   - volumeML: volume of the measured voxels (mL).
    /// Centred moments are summed over the runs about the mean (Σ c·(v − μ)ᵏ), which is stable where
    /// the textbook ΣX² − Nμ² form cancels.
    init(
        runs: ValueRuns, sum: Double, sumOfSquares: Double, volumeML: Double,
        paddingVoxelsExcluded: Int, resegmentedVoxelsExcluded: Int, options: DensityOptions
    ) {
        let n = runs.total
        guard n > 0, let minimum = runs.values.first, let maximum = runs.values.last else {
            self = .empty(
                paddingVoxelsExcluded: paddingVoxelsExcluded, resegmentedVoxelsExcluded: resegmentedVoxelsExcluded)
            return
        }
        let count = Double(n)
        let mean = sum / count
        let isFlat = minimum == maximum
        let m2 = isFlat ? 0 : runs.sum { ($0 - mean) * ($0 - mean) } / count
        let sd = m2.squareRoot()
        let median = runs.percentile(0.5)
        let p10 = runs.percentile(0.10), p25 = runs.percentile(0.25)
        let p75 = runs.percentile(0.75), p90 = runs.percentile(0.90)

        voxelCount = n
        self.volumeML = volumeML
        self.mean = mean
        standardDeviation = sd
        sampleStandardDeviation = n > 1 ? (m2 * count / (count - 1)).squareRoot() : nil
        self.median = median
        p5 = runs.percentile(0.05)
        self.p10 = p10
        self.p25 = p25
        self.p75 = p75
        self.p90 = p90
        p95 = runs.percentile(0.95)
        interquartileRange = p75 - p25
        self.minimum = minimum
        self.maximum = maximum
        range = maximum - minimum
        if isFlat {
            skewness = nil
            excessKurtosis = nil
        } else {
            let m3 = runs.sum { let d = $0 - mean; return d * d * d } / count
            let m4 = runs.sum { let d = ($0 - mean) * ($0 - mean); return d * d } / count
            skewness = m3 / (m2 * sd)
            excessKurtosis = m4 / (m2 * m2) - 3
        }
        meanAbsoluteDeviation = runs.sum { abs($0 - mean) } / count
        robustMeanAbsoluteDeviation = Self.robustMeanAbsoluteDeviation(runs, from: p10, to: p90)
        medianAbsoluteDeviation = runs.sum { abs($0 - median) } / count
        coefficientOfVariation = mean == 0 ? nil : sd / mean
        quartileCoefficientOfDispersion = p75 + p25 == 0 ? nil : (p75 - p25) / (p75 + p25)
        energy = sumOfSquares
        rootMeanSquare = (sumOfSquares / count).squareRoot()
        let lytic = runs.count { $0 < options.lyticBelow }
        let sclerotic = runs.count { $0 > options.scleroticAbove }
        fractionLytic = Double(lytic) / count
        fractionIntermediate = Double(n - lytic - sclerotic) / count
        fractionSclerotic = Double(sclerotic) / count
        fractionDense = Double(runs.count { $0 >= options.denseFrom }) / count
        voxelsAboveMetalThreshold = runs.count { $0 > options.metalAbove }
        self.paddingVoxelsExcluded = paddingVoxelsExcluded
        self.resegmentedVoxelsExcluded = resegmentedVoxelsExcluded
    }

    /// IBSI 1128: mean |X − μ₁₀₋₉₀| over the voxels with P10 ≤ X ≤ P90, μ₁₀₋₉₀ their mean; `nil` when
    /// no voxel lies in [P10, P90] (possible for N = 2, where both percentiles fall between the values).
    private static func robustMeanAbsoluteDeviation(_ runs: ValueRuns, from p10: Double, to p90: Double) -> Double? {
        var n = 0, s = 0.0
        for i in runs.values.indices where runs.values[i] >= p10 && runs.values[i] <= p90 {
            n += runs.counts[i]
            s += Double(runs.counts[i]) * runs.values[i]
        }
        guard n > 0 else { return nil }
        let subsetMean = s / Double(n)
        var deviation = 0.0
        for i in runs.values.indices where runs.values[i] >= p10 && runs.values[i] <= p90 {
            deviation += Double(runs.counts[i]) * abs(runs.values[i] - subsetMean)
        }
        return deviation / Double(n)
    }
}
