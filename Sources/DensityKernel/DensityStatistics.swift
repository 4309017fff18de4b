/// The density statistics of one ROI at one time point: Docs/Outputs.md's STATS object without `core`
/// (the caller measures the eroded core ROI with a second call).
///
/// Definitions follow the IBSI "intensity-based statistical features" (IBSI 1 reference manual,
/// Zwanenburg et al., Radiology 2020;295:328; the feature ids are IBSI's codes). Let X₁ … X_N be
/// the HU of the N voxels measured (ROI voxels minus padding minus voxels outside the
/// re-segmentation range) and μ their mean.
/// - Variance: IBSI's population form, σ² = Σ(Xᵢ − μ)² / N; ``sampleStandardDeviation`` divides by
///   N − 1 for users comparing with tools that do.
/// - Percentiles: linear interpolation between closest ranks (numpy's default, Hyndman–Fan type 7):
///   with the values sorted ascending X₍₀₎ ≤ … ≤ X₍N−1₎ and h = (N − 1)·p,
///   P_p = X₍⌊h⌋₎ + (h − ⌊h⌋)·(X₍⌊h⌋+1₎ − X₍⌊h⌋₎). They are exact: integer-HU planes go through an
///   exact 1-HU histogram, non-integer HU through the sorted values — never a binned approximation.
/// - A statistic that cannot be computed is `nil` (never NaN): everything but the counts and the
///   volume when N = 0, ``sampleStandardDeviation`` when N < 2, skewness and kurtosis when σ = 0,
///   the coefficient of variation when μ = 0, the quartile coefficient of dispersion when
///   P25 + P75 = 0.
public struct DensityStatistics: Sendable, Equatable {
    /// N, the number of voxels measured (voxels). Docs/Outputs.md `voxel_count`.
    public var voxelCount: Int
    /// Volume of the measured voxels (mL): Σ over planes of (voxels measured in the plane × that
    /// plane's voxel volume in mm³) / 1000, Docs/Outputs.md's volume rule (`HUVolume.voxelVolumeMM3`).
    /// Docs/Outputs.md `volume_ml`.
    public var volumeML: Double
    /// Mean μ = ΣXᵢ / N (HU). IBSI Q4LE. Docs/Outputs.md `mean_hu`.
    public var mean: Double?
    /// Population standard deviation σ = √(Σ(Xᵢ − μ)² / N) (HU); σ² is IBSI ECT3 (variance).
    /// Docs/Outputs.md `sd_hu`.
    public var standardDeviation: Double?
    /// Sample standard deviation s = √(Σ(Xᵢ − μ)² / (N − 1)) (HU), `nil` when N < 2.
    /// Docs/Outputs.md `sd_sample_hu`.
    public var sampleStandardDeviation: Double?
    /// Median = P50 (HU). IBSI Y12H. Docs/Outputs.md `median_hu`.
    public var median: Double?
    /// 5th percentile (HU), type 7. Docs/Outputs.md `p5_hu`.
    public var p5: Double?
    /// 10th percentile (HU), type 7. IBSI QG58. Docs/Outputs.md `p10_hu`.
    public var p10: Double?
    /// 25th percentile (HU), type 7. Docs/Outputs.md `p25_hu`.
    public var p25: Double?
    /// 75th percentile (HU), type 7. Docs/Outputs.md `p75_hu`.
    public var p75: Double?
    /// 90th percentile (HU), type 7. IBSI 8DWT. Docs/Outputs.md `p90_hu`.
    public var p90: Double?
    /// 95th percentile (HU), type 7. Docs/Outputs.md `p95_hu`.
    public var p95: Double?
    /// Interquartile range P75 − P25 (HU). IBSI SALO. Docs/Outputs.md `iqr_hu`.
    public var interquartileRange: Double?
    /// Smallest value (HU). IBSI 1GSF. Docs/Outputs.md `min_hu`.
    public var minimum: Double?
    /// Largest value (HU). IBSI 84IY. Docs/Outputs.md `max_hu`.
    public var maximum: Double?
    /// Range max − min (HU). IBSI 2OJQ. Docs/Outputs.md `range_hu`.
    public var range: Double?
    /// Skewness (Σ(Xᵢ − μ)³ / N) / σ³ (dimensionless, population moments). IBSI KE2A.
    /// Docs/Outputs.md `skewness`.
    public var skewness: Double?
    /// Excess kurtosis (Σ(Xᵢ − μ)⁴ / N) / σ⁴ − 3 (dimensionless, population moments; 0 for a normal
    /// distribution). IBSI IPH6. Docs/Outputs.md `excess_kurtosis`.
    public var excessKurtosis: Double?
    /// Mean absolute deviation Σ|Xᵢ − μ| / N (HU). IBSI 4FUA. Docs/Outputs.md `mean_absolute_deviation_hu`.
    public var meanAbsoluteDeviation: Double?
    /// Robust mean absolute deviation (HU): the mean absolute deviation, about their own mean, of the
    /// voxels with P10 ≤ Xᵢ ≤ P90. IBSI 1128. Docs/Outputs.md `robust_mean_absolute_deviation_hu`.
    public var robustMeanAbsoluteDeviation: Double?
    /// Median absolute deviation Σ|Xᵢ − median| / N (HU) — IBSI's definition, a mean of absolute
    /// deviations from the median, not the median of them. IBSI N72L.
    /// Docs/Outputs.md `median_absolute_deviation_hu`.
    public var medianAbsoluteDeviation: Double?
    /// Coefficient of variation σ / μ (dimensionless). IBSI 7TET. Docs/Outputs.md `coefficient_of_variation`.
    public var coefficientOfVariation: Double?
    /// Quartile coefficient of dispersion (P75 − P25) / (P75 + P25) (dimensionless). IBSI 9S40.
    /// Docs/Outputs.md `quartile_coefficient_of_dispersion`.
    public var quartileCoefficientOfDispersion: Double?
    /// Energy ΣXᵢ² (HU²; IBSI's form, without a voxel-volume factor). IBSI N8CA. Docs/Outputs.md `energy_hu2`.
    public var energy: Double?
    /// Root mean square √(ΣXᵢ² / N) (HU). IBSI 5ZWQ. Docs/Outputs.md `rms_hu`.
    public var rootMeanSquare: Double?
    /// Fraction of measured voxels with HU < ``DensityOptions/lyticBelow`` (0…1).
    /// Docs/Outputs.md `fraction_lytic`.
    public var fractionLytic: Double?
    /// Fraction with ``DensityOptions/lyticBelow`` ≤ HU ≤ ``DensityOptions/scleroticAbove`` (0…1).
    /// Docs/Outputs.md `fraction_intermediate`.
    public var fractionIntermediate: Double?
    /// Fraction with HU > ``DensityOptions/scleroticAbove`` (0…1), dense voxels included.
    /// Docs/Outputs.md `fraction_sclerotic`.
    public var fractionSclerotic: Double?
    /// Fraction with HU ≥ ``DensityOptions/denseFrom`` (0…1). Docs/Outputs.md `fraction_dense`.
    public var fractionDense: Double?
    /// Measured voxels with HU > ``DensityOptions/metalAbove`` (voxels). Docs/Outputs.md `voxels_above_3000_hu`.
    public var voxelsAboveMetalThreshold: Int
    /// ROI voxels that are padding (PixelPaddingValue), excluded from everything else (voxels).
    /// Docs/Outputs.md `padding_voxels_excluded`.
    public var paddingVoxelsExcluded: Int
    /// ROI voxels (not padding) outside ``DensityOptions/resegmentationRange``, excluded (voxels).
    /// Docs/Outputs.md `resegmented_voxels_excluded`.
    public var resegmentedVoxelsExcluded: Int

    /// Variance σ² (HU², population form). IBSI ECT3. Not a Docs/Outputs.md key (`sd_hu` = σ).
    public var variance: Double? { standardDeviation.map { $0 * $0 } }
}

extension DensityStatistics {
    /// The statistics of no voxels: counts and volume 0, every statistic nil. Readers of written
    /// results (ResultsModel) start from it and fill the keys they find.
    public init() {
        self.init(
            voxelCount: 0, volumeML: 0, mean: nil, standardDeviation: nil, sampleStandardDeviation: nil, median: nil, p5: nil,
            p10: nil, p25: nil, p75: nil, p90: nil, p95: nil, interquartileRange: nil, minimum: nil, maximum: nil, range: nil,
            skewness: nil, excessKurtosis: nil, meanAbsoluteDeviation: nil, robustMeanAbsoluteDeviation: nil,
            medianAbsoluteDeviation: nil, coefficientOfVariation: nil, quartileCoefficientOfDispersion: nil, energy: nil,
            rootMeanSquare: nil, fractionLytic: nil, fractionIntermediate: nil, fractionSclerotic: nil, fractionDense: nil,
            voxelsAboveMetalThreshold: 0, paddingVoxelsExcluded: 0, resegmentedVoxelsExcluded: 0)
    }
}
