/// The change of one ROI's density between two time points: follow-up minus baseline
/// (Docs/Outputs.md `delta` and `delta_core`; DESIGN.md "Deltas").
///
/// Absolute changes are in the statistic's unit (HU, mL, fraction 0…1); relative changes are
/// percentages of the baseline's magnitude, `nil` when the baseline is too small to divide by
/// (|baseline| < 1 HU, or 0 mL). Every change is `nil` when either time point lacks the statistic.
public struct DensityDelta: Sendable, Equatable {
    /// Δ mean (HU). Docs/Outputs.md `mean_hu`.
    public var meanHU: Double?
    /// 100 · Δmean / |baseline mean| (%), nil when |baseline mean| < 1 HU. Docs/Outputs.md `mean_pct`.
    public var meanPercent: Double?
    /// Δ median (HU). Docs/Outputs.md `median_hu`.
    public var medianHU: Double?
    /// 100 · Δmedian / |baseline median| (%), nil when |baseline median| < 1 HU.
    public var medianPercent: Double?
    /// Δ P5, P10, P25, P75, P90, P95 (HU).
    public var p5HU: Double?, p10HU: Double?, p25HU: Double?, p75HU: Double?, p90HU: Double?, p95HU: Double?
    /// Δ volume (mL). Docs/Outputs.md `volume_ml`.
    public var volumeML: Double
    /// 100 · Δvolume / baseline volume (%), nil when the baseline volume is 0 mL. Docs/Outputs.md `volume_pct`.
    public var volumePercent: Double?
    /// Δ lytic fraction (0…1 scale). Docs/Outputs.md `fraction_lytic`.
    public var fractionLytic: Double?
    /// Δ intermediate fraction (0…1 scale).
    public var fractionIntermediate: Double?
    /// Δ sclerotic fraction (0…1 scale). Docs/Outputs.md `fraction_sclerotic`.
    public var fractionSclerotic: Double?
    /// Δ dense fraction (0…1 scale).
    public var fractionDense: Double?
    /// 95 % interval of Δmean (HU). Docs/Outputs.md `mean_hu_ci95` ([lo, hi]).
    ///
    /// Welch interval Δ ± z·√(s²_BL / n_eff,BL + s²_FU / n_eff,FU) with the sample variances s² (n − 1)
    /// and an effective sample size n_eff = n / `voxelsPerResolutionElement` (default 8) at each time
    /// point, z = 1.96. Neighbouring CT voxels are correlated, so N voxels carry fewer independent
    /// samples; N / 8 is a crude correction — an engineering choice (Docs/Classification.md [ENG]). It is
    /// reported, never used to change a label. `nil` when either time point has fewer than 2 voxels.
    public var meanHUCI95: ClosedRange<Double>?

    /// No change known: Δvolume 0 mL, every other change nil. Readers of written results
    /// (ResultsModel) start from it and fill the keys they find.
    public init() {
        volumeML = 0
    }

    /// Follow-up minus baseline.
    /// - Parameters:
    ///   - voxelsPerResolutionElement: n / n_eff (default 8, Docs/Classification.md).
    ///   - z: the normal quantile of the interval (default 1.96, two-sided 95 %).
    public init(
        baseline: DensityStatistics, followUp: DensityStatistics, voxelsPerResolutionElement: Double = 8,
        z: Double = 1.96
    ) {
        func change(_ key: KeyPath<DensityStatistics, Double?>) -> Double? {
            guard let b = baseline[keyPath: key], let f = followUp[keyPath: key] else { return nil }
            return f - b
        }
        func percent(_ key: KeyPath<DensityStatistics, Double?>) -> Double? {
            guard let b = baseline[keyPath: key], abs(b) >= 1, let d = change(key) else { return nil }
            return 100 * d / abs(b)
        }
        meanHU = change(\.mean)
        meanPercent = percent(\.mean)
        medianHU = change(\.median)
        medianPercent = percent(\.median)
        p5HU = change(\.p5)
        p10HU = change(\.p10)
        p25HU = change(\.p25)
        p75HU = change(\.p75)
        p90HU = change(\.p90)
        p95HU = change(\.p95)
        volumeML = followUp.volumeML - baseline.volumeML
        volumePercent = baseline.volumeML > 0 ? 100 * volumeML / baseline.volumeML : nil
        fractionLytic = change(\.fractionLytic)
        fractionIntermediate = change(\.fractionIntermediate)
        fractionSclerotic = change(\.fractionSclerotic)
        fractionDense = change(\.fractionDense)
        if let d = meanHU, let sb = baseline.sampleStandardDeviation, let sf = followUp.sampleStandardDeviation {
            let nb = Double(baseline.voxelCount) / voxelsPerResolutionElement
            let nf = Double(followUp.voxelCount) / voxelsPerResolutionElement
            let half = z * (sb * sb / nb + sf * sf / nf).squareRoot()
            meanHUCI95 = (d - half)...(d + half)
        } else {
            meanHUCI95 = nil
        }
    }
}
