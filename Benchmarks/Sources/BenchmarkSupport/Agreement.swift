import DensityKernel

/// Names of the statistics on which the kernel's result `a` and the scalar reference's `b`
/// disagree: counts, volume, extremes, percentiles and fractions must be identical (integer HU make
/// them exact in both); moments must agree within 1e-9 · max(1, |a|, |b|) (relative, or absolute near
/// zero where a relative test means nothing).
public func disagreements(_ a: DensityStatistics, _ b: DensityStatistics) -> [String] {
    let exact: [(String, KeyPath<DensityStatistics, Double?>)] = [
        ("median", \.median), ("p5", \.p5), ("p10", \.p10), ("p25", \.p25), ("p75", \.p75), ("p90", \.p90),
        ("p95", \.p95), ("iqr", \.interquartileRange), ("min", \.minimum), ("max", \.maximum), ("range", \.range),
        ("fraction_lytic", \.fractionLytic), ("fraction_intermediate", \.fractionIntermediate),
        ("fraction_sclerotic", \.fractionSclerotic), ("fraction_dense", \.fractionDense),
    ]
    let moments: [(String, KeyPath<DensityStatistics, Double?>)] = [
        ("mean", \.mean), ("sd", \.standardDeviation), ("sd_sample", \.sampleStandardDeviation),
        ("skewness", \.skewness), ("excess_kurtosis", \.excessKurtosis), ("mad", \.meanAbsoluteDeviation),
        ("robust_mad", \.robustMeanAbsoluteDeviation), ("median_ad", \.medianAbsoluteDeviation),
        ("cov", \.coefficientOfVariation), ("qcod", \.quartileCoefficientOfDispersion), ("energy", \.energy),
        ("rms", \.rootMeanSquare),
    ]
    var bad = exact.filter { a[keyPath: $0.1] != b[keyPath: $0.1] }.map(\.0)
    bad += moments.filter { !agree(a[keyPath: $0.1], b[keyPath: $0.1]) }.map(\.0)
    if a.voxelCount != b.voxelCount { bad.append("voxel_count") }
    if a.volumeML != b.volumeML { bad.append("volume_ml") }
    if a.voxelsAboveMetalThreshold != b.voxelsAboveMetalThreshold { bad.append("voxels_above_3000_hu") }
    if a.paddingVoxelsExcluded != b.paddingVoxelsExcluded { bad.append("padding_voxels_excluded") }
    if a.resegmentedVoxelsExcluded != b.resegmentedVoxelsExcluded { bad.append("resegmented_voxels_excluded") }
    return bad
}

private func agree(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (a?, b?): return abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    default: return false
    }
}
