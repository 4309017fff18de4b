import DensityKernel

/// CONTRACT.md's STATS object from the kernel's statistics, keys in the contract's order.
public enum StatisticsJSON {
    /// The STATS keys in order (also the CSV column stems), `core` excluded.
    public static let keys = [
        "voxel_count", "volume_ml", "mean_hu", "sd_hu", "sd_sample_hu", "median_hu", "p5_hu", "p10_hu", "p25_hu",
        "p75_hu", "p90_hu", "p95_hu", "iqr_hu", "min_hu", "max_hu", "range_hu", "skewness", "excess_kurtosis",
        "mean_absolute_deviation_hu", "robust_mean_absolute_deviation_hu", "median_absolute_deviation_hu",
        "coefficient_of_variation", "quartile_coefficient_of_dispersion", "energy_hu2", "rms_hu",
        "fraction_lytic", "fraction_intermediate", "fraction_sclerotic", "fraction_dense", "voxels_above_3000_hu",
        "padding_voxels_excluded", "resegmented_voxels_excluded",
    ]

    /// The values of ``keys`` for `s`, in order.
    public static func values(_ s: DensityStatistics) -> [JSONValue] {
        [
            .int(s.voxelCount), .number(s.volumeML), .number(s.mean), .number(s.standardDeviation),
            .number(s.sampleStandardDeviation), .number(s.median), .number(s.p5), .number(s.p10), .number(s.p25),
            .number(s.p75), .number(s.p90), .number(s.p95), .number(s.interquartileRange), .number(s.minimum),
            .number(s.maximum), .number(s.range), .number(s.skewness), .number(s.excessKurtosis),
            .number(s.meanAbsoluteDeviation), .number(s.robustMeanAbsoluteDeviation), .number(s.medianAbsoluteDeviation),
            .number(s.coefficientOfVariation), .number(s.quartileCoefficientOfDispersion), .number(s.energy),
            .number(s.rootMeanSquare), .number(s.fractionLytic), .number(s.fractionIntermediate),
            .number(s.fractionSclerotic), .number(s.fractionDense), .int(s.voxelsAboveMetalThreshold),
            .int(s.paddingVoxelsExcluded), .int(s.resegmentedVoxelsExcluded),
        ]
    }

    /// The STATS object; `core` is the eroded ROI's STATS or `null`.
    public static func json(_ s: DensityStatistics, core: DensityStatistics?) -> JSONValue {
        var members = Array(zip(keys, values(s)))
        members.append(("core", core.map { json($0, core: nil).withoutKey("core") } ?? .null))
        return .object(members)
    }
}

extension JSONValue {
    /// An object without the member `key` (other values unchanged).
    func withoutKey(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.0 != key })
    }
}
