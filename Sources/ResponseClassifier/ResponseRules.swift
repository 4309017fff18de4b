// The response word from the baseline phenotype and the change (Docs/Classification.md, [ENG] wording with
// the MDA mapping [LIT]). Timing and size context are flags, set in Classification.swift.

/// The change of one lesion's classification ROI between the two time points.
struct DensityChange {
    /// Δ mean = follow-up − baseline, HU.
    var deltaMeanHU: Double
    /// The minimum meaningful change in force, HU
    /// (``ResponseCriteria/minimumChangeHU(baselineMeanHU:protocolMismatch:)``).
    var thresholdHU: Double
    /// Δ fraction_lytic, follow-up − baseline.
    var deltaFractionLytic: Double
    /// Δ fraction_sclerotic, follow-up − baseline.
    var deltaFractionSclerotic: Double

    /// Δ ≥ +threshold.
    var rose: Bool { reaches(deltaMeanHU, thresholdHU) }
    /// Δ ≤ −threshold.
    var fell: Bool { reaches(-deltaMeanHU, thresholdHU) }
}

/// The response word before the protocol override.
///
/// - lytic: Δ ≥ +thr remineralizing; Δ ≤ −thr progressing lysis; else stable.
/// - sclerotic: Δ ≤ −thr demineralizing; Δ ≥ +thr increasing sclerosis; else stable.
/// - mixed, first rule that holds, with c = `mixed_fraction_change` (0.15):
///   1. Δf_lytic ≤ −c and Δ ≥ +thr: remineralizing (fill-in of the lytic component);
///   2. Δf_lytic ≥ +c, or Δ ≤ −thr with f_lytic rising (Δf_lytic > 0): progressing lysis;
///   3. Δf_sclerotic ≤ −c and f_lytic not rising: demineralizing;
///   4. otherwise stable when |Δ| < thr, else not classifiable (Docs/Classification.md's "stable / indeterminate":
///      a real change the band rules do not explain is not called stable).
/// - indeterminate: stable when |Δ| < thr (the density did not change, whatever the phenotype),
///   else not classifiable (the direction cannot be read without a phenotype) — DESIGN.md's decision
///   list; the phenotype is still reported.
func densityResponse(
    phenotype: LesionPhenotype, change: DensityChange, criteria: ResponseCriteria
) -> DensityResponse {
    switch phenotype {
    case .lytic:
        if change.rose { return .remineralizing }
        if change.fell { return .progressingLysis }
        return .stable
    case .sclerotic:
        if change.fell { return .demineralizing }
        if change.rose { return .increasingSclerosis }
        return .stable
    case .mixed:
        return mixedResponse(change, fractionChange: criteria.mixedFractionChange)
    case .indeterminate:
        return change.rose || change.fell ? .notClassifiable : .stable
    }
}

private func mixedResponse(_ change: DensityChange, fractionChange: Double) -> DensityResponse {
    let lyticFell = reaches(-change.deltaFractionLytic, fractionChange)
    let lyticRose = reaches(change.deltaFractionLytic, fractionChange)
    let lyticRising = exceeds(change.deltaFractionLytic, 0)
    let scleroticFell = reaches(-change.deltaFractionSclerotic, fractionChange)
    if lyticFell && change.rose { return .remineralizing }
    if lyticRose || (change.fell && lyticRising) { return .progressingLysis }
    if scleroticFell && !lyticRising { return .demineralizing }
    return change.rose || change.fell ? .notClassifiable : .stable
}
