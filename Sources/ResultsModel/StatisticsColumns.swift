import DensityKernel

/// The STATS object: one ROI at one time point (Docs/Outputs.md "STATS"). Definitions, IBSI feature
/// ids and units are those of ``DensityStatistics``; the band fractions use the bands in force
/// (recorded under `criteria`).
public enum StatisticsColumns {
    /// The STATS keys in order, `core` excluded (also the CSV column stems).
    public static var columns: [ResultColumn<DensityStatistics>] {
        [
            .init("voxel_count", .voxels, \.voxelCount),
            .init("volume_ml", .ml, \.volumeML),
            .init("mean_hu", .hu, \.mean),
            .init("sd_hu", .hu, \.standardDeviation),
            .init("sd_sample_hu", .hu, \.sampleStandardDeviation),
            .init("median_hu", .hu, \.median),
            .init("p5_hu", .hu, \.p5),
            .init("p10_hu", .hu, \.p10),
            .init("p25_hu", .hu, \.p25),
            .init("p75_hu", .hu, \.p75),
            .init("p90_hu", .hu, \.p90),
            .init("p95_hu", .hu, \.p95),
            .init("iqr_hu", .hu, \.interquartileRange),
            .init("min_hu", .hu, \.minimum),
            .init("max_hu", .hu, \.maximum),
            .init("range_hu", .hu, \.range),
            .init("skewness", .dimensionless, \.skewness),
            .init("excess_kurtosis", .dimensionless, \.excessKurtosis),
            .init("mean_absolute_deviation_hu", .hu, \.meanAbsoluteDeviation),
            .init("robust_mean_absolute_deviation_hu", .hu, \.robustMeanAbsoluteDeviation),
            .init("median_absolute_deviation_hu", .hu, \.medianAbsoluteDeviation),
            .init("coefficient_of_variation", .dimensionless, \.coefficientOfVariation),
            .init("quartile_coefficient_of_dispersion", .dimensionless, \.quartileCoefficientOfDispersion),
            .init("energy_hu2", .hu2, \.energy),
            .init("rms_hu", .hu, \.rootMeanSquare),
            .init("fraction_lytic", .fraction, \.fractionLytic),
            .init("fraction_intermediate", .fraction, \.fractionIntermediate),
            .init("fraction_sclerotic", .fraction, \.fractionSclerotic),
            .init("fraction_dense", .fraction, \.fractionDense),
            .init("voxels_above_3000_hu", .voxels, \.voxelsAboveMetalThreshold),
            .init("padding_voxels_excluded", .voxels, \.paddingVoxelsExcluded),
            .init("resegmented_voxels_excluded", .voxels, \.resegmentedVoxelsExcluded),
        ]
    }

    /// The STATS keys with the core ROI's: `key` then `core_key` (the CSV's flattened STATS).
    public static var flattenedColumns: [ResultColumn<MeasuredROI>] {
        columns.prefixed("") { (m: MeasuredROI) in m.statistics } + columns.prefixed("core_") { (m: MeasuredROI) in m.core }
    }

    /// The STATS object; `core` is the eroded ROI's STATS or `null`.
    public static func json(_ s: DensityStatistics, core: DensityStatistics?) -> JSONValue {
        guard case .object(var members) = columns.object(s) else { return .null }
        members.append(("core", core.map { columns.object($0) } ?? .null))
        return .object(members)
    }
}
