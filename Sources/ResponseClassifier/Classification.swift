// One lesion's phenotype, threshold, response and flags (Docs/Classification.md; DESIGN.md decisions).

/// Classifies one lesion of a pair.
///
/// - Classification ROI: the core when every measured time point has one, else the full ROI.
/// - Phenotype and `phenotype_by_mean` from the baseline classification ROI, with the bands in force
///   (``ResponseCriteria/bands(referenceMedianHU:)`` with the reference's baseline median).
/// - Both time points: Δ = follow-up − baseline mean of the classification ROI; threshold from the
///   baseline mean (``ResponseCriteria/minimumChangeHU(baselineMeanHU:protocolMismatch:)``); the word
///   from the phenotype (see `densityResponse`), replaced by `indeterminate (protocol)` when contrast and
///   kVp or kernel differ.
/// - One time point: `new` or `no longer outlined`; phenotype from that time point; no threshold.
/// - Flags: see ``timePointFlags(_:criteria:)`` for either time point, then `protocol_mismatch`,
///   `reference_unstable`, `possible_flare`, `early_follow_up`, `size_increase`/`size_decrease`,
///   `phenotype_methods_disagree`, `marked_fill_in` for a compared lesion (rules at each helper).
///
/// In a course of three or more time points, `phenotypeAtFirstTimePoint` is the lesion's phenotype
/// at its first time point (DESIGN.md, Longitudinal correspondence): the response is read against it,
/// while the threshold still comes from this pair's baseline mean; the pair's own baseline phenotype
/// is the `phenotype` of a classification without it.
public func classify(
    _ observation: LesionObservation, in context: PairContext, criteria: ResponseCriteria,
    phenotypeAtFirstTimePoint: LesionPhenotype? = nil
) -> LesionClassification {
    let bands = criteria.bands(referenceMedianHU: context.reference?.baselineMedianHU)
    switch observation {
    case .both(let baseline, let followup):
        return classifyPair(baseline, followup, context, criteria, bands, phenotypeAtFirstTimePoint)
    case .baselineOnly(let only):
        return classifySingle(only, response: .noLongerOutlined, criteria, bands)
    case .followupOnly(let only):
        return classifySingle(only, response: .new, criteria, bands)
    }
}

/// The flags one time point raises by itself (also for `measure`), each from the full ROI:
/// `incomplete` (the ROI touches the FOV edge or the first/last plane, or extends outside);
/// `small_roi` (fewer than `small_roi_min_voxels` voxels or less than `small_roi_min_volume_ml`);
/// `metal_suspected` (a voxel above `metal_above_hu`); `padding_in_roi` (a padding voxel was excluded);
/// `resampled_roi`; `contours_off_plane` (RTSTRUCT contours off the CT planes, Docs/Outputs.md).
public func timePointFlags(_ timePoint: TimePointDensity, criteria: ResponseCriteria) -> Set<ResponseFlag> {
    var flags: Set<ResponseFlag> = []
    let full = timePoint.full
    if timePoint.isIncomplete { flags.insert(.incomplete) }
    if full.voxelCount < criteria.smallROIMinVoxels || !reaches(full.volumeML, criteria.smallROIMinVolumeML) {
        flags.insert(.smallROI)
    }
    if exceeds(full.maxHU, criteria.metalAboveHU) { flags.insert(.metalSuspected) }
    if timePoint.paddingVoxelsExcluded > 0 { flags.insert(.paddingInROI) }
    if timePoint.roiResampled { flags.insert(.resampledROI) }
    if timePoint.contoursOffPlane { flags.insert(.contoursOffPlane) }
    return flags
}

private func classifySingle(
    _ timePoint: TimePointDensity, response: DensityResponse, _ criteria: ResponseCriteria, _ bands: HUBands
) -> LesionClassification {
    let region = timePoint.core ?? timePoint.full
    let phenotype = LesionPhenotype(
        fractionLytic: region.fractionLytic, fractionSclerotic: region.fractionSclerotic, criteria: criteria)
    let byMean = PhenotypeByMean(meanHU: region.meanHU, bands: bands)
    var flags = timePointFlags(timePoint, criteria: criteria)
    if phenotype.agreeingMeanClass != byMean { flags.insert(.phenotypeMethodsDisagree) }
    return LesionClassification(
        classifiedOn: timePoint.core == nil ? .full : .core, phenotype: phenotype, phenotypeByMean: byMean,
        thresholdHU: nil, response: response, flags: flags.sorted(), referenceAdjustedDeltaMeanHU: nil)
}

private func classifyPair(
    _ baseline: TimePointDensity, _ followup: TimePointDensity, _ context: PairContext,
    _ criteria: ResponseCriteria, _ bands: HUBands, _ phenotypeAtFirstTimePoint: LesionPhenotype?
) -> LesionClassification {
    let (classifiedOn, before, after): (ClassifiedROI, RegionDensity, RegionDensity) =
        if let baselineCore = baseline.core, let followupCore = followup.core {
            (.core, baselineCore, followupCore)
        } else {
            (.full, baseline.full, followup.full)
        }
    let pairPhenotype = LesionPhenotype(
        fractionLytic: before.fractionLytic, fractionSclerotic: before.fractionSclerotic, criteria: criteria)
    let phenotype = phenotypeAtFirstTimePoint ?? pairPhenotype
    let byMean = PhenotypeByMean(meanHU: before.meanHU, bands: bands)
    let change = DensityChange(
        deltaMeanHU: after.meanHU - before.meanHU,
        thresholdHU: criteria.minimumChangeHU(
            baselineMeanHU: before.meanHU, protocolMismatch: context.protocols.isMismatch),
        deltaFractionLytic: after.fractionLytic - before.fractionLytic,
        deltaFractionSclerotic: after.fractionSclerotic - before.fractionSclerotic)
    let response = context.protocols.makesDensityIndeterminate
        ? .indeterminateProtocol
        : densityResponse(phenotype: phenotype, change: change, criteria: criteria)

    var flags = timePointFlags(baseline, criteria: criteria).union(timePointFlags(followup, criteria: criteria))
    if context.protocols.isMismatch { flags.insert(.protocolMismatch) }
    if let reference = context.reference, exceeds(abs(reference.deltaMeanHU), criteria.referenceUnstableAboveHU) {
        flags.insert(.referenceUnstable)
    }
    flags.formUnion(timingFlags(response, daysFromTherapyStart: context.daysFromTherapyStart, criteria))
    if context.eachTimePointHasOwnSegmentation {
        flags.formUnion(sizeFlags(baseline.full.volumeML, followup.full.volumeML, criteria))
    }
    if phenotype.agreeingMeanClass != byMean { flags.insert(.phenotypeMethodsDisagree) }
    if phenotype == .lytic, response == .remineralizing,
        reaches(after.fractionSclerotic, criteria.markedFillInScleroticFraction) {
        flags.insert(.markedFillIn)
    }
    return LesionClassification(
        classifiedOn: classifiedOn, phenotype: phenotype, phenotypeByMean: byMean,
        thresholdHU: change.thresholdHU, response: response, flags: flags.sorted(),
        referenceAdjustedDeltaMeanHU: context.reference.map { change.deltaMeanHU - $0.deltaMeanHU })
}

/// Therapy-timing flags, only when a therapy start is known and precedes the follow-up (t ≥ 0 days):
/// `possible_flare` for increasing sclerosis at t ≤ `flare_window_days`; `early_follow_up` for stable at
/// t < `no_change_not_before_days` and for progressing lysis at t < `early_lysis_before_days`.
private func timingFlags(
    _ response: DensityResponse, daysFromTherapyStart: Int?, _ criteria: ResponseCriteria
) -> Set<ResponseFlag> {
    guard let days = daysFromTherapyStart, days >= 0 else { return [] }
    switch response {
    case .increasingSclerosis where days <= criteria.flareWindowDays: return [.possibleFlare]
    case .stable where days < criteria.noChangeNotBeforeDays: return [.earlyFollowUp]
    case .progressingLysis where days < criteria.earlyLysisBeforeDays: return [.earlyFollowUp]
    default: return []
    }
}

/// Size flags from the full ROI volumes: change = 100 × (follow-up − baseline) / baseline %;
/// `size_increase` at change ≥ `size_increase_volume_pct`, `size_decrease` at change ≤
/// −`size_decrease_volume_pct`.
private func sizeFlags(_ baselineML: Double, _ followupML: Double, _ criteria: ResponseCriteria) -> Set<ResponseFlag> {
    guard baselineML > 0 else { return [] }
    let changePct = 100 * (followupML - baselineML) / baselineML
    if reaches(changePct, criteria.sizeIncreaseVolumePct) { return [.sizeIncrease] }
    if reaches(-changePct, criteria.sizeDecreaseVolumePct) { return [.sizeDecrease] }
    return []
}
