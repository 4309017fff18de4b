import Testing
import ResponseClassifier

@Suite("Classification ROI, one-sided lesions, reference-adjusted Δ (DESIGN.md decisions)")
struct ClassificationTests {
    // Full ROI: lytic 50 → 60 HU (stable). Core ROI: lytic 40 → 100 HU (Δ +60, remineralizing).
    static let baseline = TimePointDensity(
        full: region(mean: 50, lytic: 0.8), core: region(mean: 40, lytic: 0.9, voxels: 600, volumeML: 3))
    static let followup = TimePointDensity(
        full: region(mean: 60, lytic: 0.7), core: region(mean: 100, lytic: 0.5, voxels: 600, volumeML: 3))
    static let plain = PairContext(protocols: matchedProtocols)

    static func pair(
        _ baseline: TimePointDensity, _ followup: TimePointDensity, in context: PairContext = plain,
        criteria: ResponseCriteria = ResponseCriteria()
    ) -> LesionClassification {
        classify(.both(baseline: baseline, followup: followup), in: context, criteria: criteria)
    }

    @Test("The core ROI is classified when both time points have one")
    func coreWhenBoth() {
        let result = Self.pair(Self.baseline, Self.followup)
        #expect(result.classifiedOn == .core)
        #expect(result.response == .remineralizing)
        #expect(result.thresholdHU == 30)
    }

    @Test("The full ROI is classified when a time point lacks a core", arguments: [
        (TimePointDensity(full: baseline.full), followup),
        (baseline, TimePointDensity(full: followup.full)),
    ])
    func fullOtherwise(baseline: TimePointDensity, followup: TimePointDensity) {
        let result = Self.pair(baseline, followup)
        #expect(result.classifiedOn == .full)
        #expect(result.response == .stable)
    }

    @Test("The phenotype comes from the baseline classification ROI")
    func phenotypeFromBaselineCore() {
        // Core: sclerotic fractions; full: lytic fractions.
        let baseline = TimePointDensity(
            full: region(mean: 50, lytic: 0.8), core: region(mean: 500, lytic: 0.05, sclerotic: 0.9))
        let followup = TimePointDensity(full: region(mean: 50, lytic: 0.8), core: region(mean: 500, sclerotic: 0.9))
        let result = Self.pair(baseline, followup)
        #expect(result.phenotype == .sclerotic)
        #expect(result.phenotypeByMean == .sclerotic)
    }

    @Test("small_roi judges the full ROI, not the smaller core")
    func smallROIOnFullROI() {
        let core = region(mean: 50, lytic: 0.8, voxels: 60, volumeML: 0.3)
        let tp = TimePointDensity(full: region(mean: 50, lytic: 0.8, voxels: 120, volumeML: 0.6), core: core)
        let result = Self.pair(tp, tp)
        #expect(result.classifiedOn == .core)
        #expect(result.flags == [])
    }

    @Test("A lesion at one time point only is new or no longer outlined, with no threshold", arguments: [
        (LesionObservation.followupOnly(timePoint(region(mean: 500, lytic: 0.05, sclerotic: 0.8))),
         DensityResponse.new, LesionPhenotype.sclerotic),
        (.baselineOnly(timePoint(region(mean: 50, lytic: 0.8))), .noLongerOutlined, .lytic),
    ])
    func oneSided(observation: LesionObservation, response: DensityResponse, phenotype: LesionPhenotype) {
        let reference = ReferenceDensity(baselineMeanHU: 200, followupMeanHU: 300, baselineMedianHU: 150)
        let context = PairContext(
            protocols: contrastAndKVPMismatch, daysFromTherapyStart: 10, reference: reference,
            eachTimePointHasOwnSegmentation: true)
        let result = classify(observation, in: context, criteria: ResponseCriteria())
        #expect(result.response == response)
        #expect(result.phenotype == phenotype)
        #expect(result.thresholdHU == nil)
        #expect(result.referenceAdjustedDeltaMeanHU == nil)
        #expect(result.classifiedOn == .full)
        #expect(result.flags == [])
        #expect(result.confidence == .normal)
    }

    @Test("A one-sided lesion keeps its own validity flags and uses its core when it has one")
    func oneSidedFlags() {
        let only = TimePointDensity(
            full: region(mean: 50, lytic: 0.8, voxels: 80), core: region(mean: 45, lytic: 0.9, voxels: 45),
            isIncomplete: true)
        let result = classify(.followupOnly(only), in: Self.plain, criteria: ResponseCriteria())
        #expect(result.classifiedOn == .core)
        #expect(result.flags == [.incomplete, .smallROI])
        #expect(result.confidence == .low)
    }

    @Test("reference_adjusted_delta_mean_hu = Δ lesion (classification ROI) − Δ reference")
    func referenceAdjustedDelta() {
        // Core Δ = 100 − 40 = +60 HU; reference Δ = 215 − 200 = +15 HU → +45 HU.
        let reference = ReferenceDensity(baselineMeanHU: 200, followupMeanHU: 215, baselineMedianHU: 150)
        let context = PairContext(protocols: matchedProtocols, reference: reference)
        let result = Self.pair(Self.baseline, Self.followup, in: context)
        #expect(result.referenceAdjustedDeltaMeanHU == 45)
        #expect(result.response == .remineralizing)
        let withoutReference = Self.pair(Self.baseline, Self.followup)
        #expect(withoutReference.referenceAdjustedDeltaMeanHU == nil)
    }

    @Test("Overridden criteria change the label")
    func criteriaOverride() {
        var criteria = ResponseCriteria()
        criteria.minChangeFloorHU = 70
        criteria.mismatchMinChangeFloorHU = 70
        // Core Δ +60 HU is below a 70 HU floor.
        let result = Self.pair(Self.baseline, Self.followup, criteria: criteria)
        #expect(result.thresholdHU == 70)
        #expect(result.response == .stable)
    }

    @Test("The fixed words are CONTRACT.md's")
    func words() {
        #expect(DensityResponse.allCases.map(\.rawValue) == [
            "remineralizing", "demineralizing", "stable", "progressing lysis", "increasing sclerosis",
            "not classifiable", "indeterminate (protocol)", "new", "no longer outlined",
        ])
        #expect(ResponseFlag.allCases.map(\.rawValue) == [
            "incomplete", "small_roi", "metal_suspected", "padding_in_roi", "protocol_mismatch",
            "reference_unstable", "possible_flare", "early_follow_up", "size_increase", "size_decrease",
            "phenotype_methods_disagree", "marked_fill_in", "resampled_roi", "propagated_roi", "registration_uncertain",
            "frame_of_reference_mismatch",
            "contours_off_plane",
        ])
        #expect(LesionPhenotype.allCases.map(\.rawValue) == ["lytic", "sclerotic", "mixed", "indeterminate"])
        #expect(PhenotypeByMean.allCases.map(\.rawValue) == ["lytic", "sclerotic", "intermediate"])
        #expect(Confidence.allCases.map(\.rawValue) == ["normal", "low"])
        #expect(ClassifiedROI.allCases.map(\.rawValue) == ["core", "full"])
    }
}
