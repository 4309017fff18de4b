import Testing
import ResponseClassifier

@Suite("Flags and confidence (clinical.md §4.1, §4.4, §4.5)")
struct FlagTests {
    static func context(days: Int?) -> PairContext {
        PairContext(protocols: matchedProtocols, daysFromTherapyStart: days)
    }

    // Sclerotic 400 → 500 HU: Δ +100 ≥ 60 HU, increasing sclerosis.
    @Test("possible_flare for increasing sclerosis up to 180 days after therapy start", arguments: [
        (0, true), (90, true), (180, true), (181, false), (400, false), (-1, false), (nil, false),
    ] as [(Int?, Bool)])
    func flareWindow(days: Int?, flare: Bool) {
        let result = classifyBoth(scleroticBaseline, region(mean: 500), context: Self.context(days: days))
        #expect(result.response == .increasingSclerosis)
        #expect(result.flags.contains(.possibleFlare) == flare)
    }

    @Test("No possible_flare for other responses within the window")
    func flareOnlyForIncreasingSclerosis() {
        let lytic = classifyBoth(lyticBaseline, region(mean: 150), context: Self.context(days: 60))
        #expect(lytic.response == .remineralizing)
        #expect(!lytic.flags.contains(.possibleFlare))
        let overridden = classifyBoth(
            scleroticBaseline, region(mean: 500),
            context: PairContext(protocols: contrastAndKVPMismatch, daysFromTherapyStart: 60))
        #expect(overridden.response == .indeterminateProtocol)
        #expect(!overridden.flags.contains(.possibleFlare))
    }

    @Test("early_follow_up: stable before 56 days, progressing lysis before 90 days", arguments: [
        // (follow-up mean after a 50 HU lytic baseline, days, expected response, early)
        (60.0, 55, DensityResponse.stable, true),
        (60.0, 56, .stable, false),
        (60.0, nil, .stable, false),
        (60.0, -10, .stable, false),
        (10.0, 89, .progressingLysis, true),
        (10.0, 90, .progressingLysis, false),
        (150.0, 10, .remineralizing, false),
    ] as [(Double, Int?, DensityResponse, Bool)])
    func earlyFollowUp(followupMean: Double, days: Int?, response: DensityResponse, early: Bool) {
        let result = classifyBoth(lyticBaseline, region(mean: followupMean), context: Self.context(days: days))
        #expect(result.response == response)
        #expect(result.flags.contains(.earlyFollowUp) == early)
    }

    @Test("Size flags at +73 % and −66 % volume, only with a segmentation per time point", arguments: [
        // (baseline mL, follow-up mL, own segmentations, expected size flag)
        (10.0, 17.3, true, ResponseFlag?.some(.sizeIncrease)),
        (10.0, 17.29, true, nil),
        (10.0, 3.4, true, .sizeDecrease),
        (10.0, 3.41, true, nil),
        (10.0, 10.0, true, nil),
        (10.0, 30.0, false, nil),
        (10.0, 1.0, false, nil),
    ])
    func sizeFlags(baselineML: Double, followupML: Double, own: Bool, expected: ResponseFlag?) {
        let result = classifyBoth(
            region(mean: 50, lytic: 0.8, volumeML: baselineML), region(mean: 50, volumeML: followupML),
            context: PairContext(protocols: matchedProtocols, eachTimePointHasOwnSegmentation: own))
        let sizeFlags = result.flags.filter { $0 == .sizeIncrease || $0 == .sizeDecrease }
        #expect(sizeFlags == (expected.map { [$0] } ?? []))
    }

    @Test("marked_fill_in when a remineralizing lytic lesion reaches f_sclerotic 0.50", arguments: [
        (0.50, true), (0.49, false),
    ])
    func markedFillIn(followupSclerotic: Double, marked: Bool) {
        let result = classifyBoth(lyticBaseline, region(mean: 400, lytic: 0.2, sclerotic: followupSclerotic))
        #expect(result.response == .remineralizing)
        #expect(result.flags.contains(.markedFillIn) == marked)
    }

    @Test("Flags and confidence from either time point", arguments: [
        // (baseline, follow-up, expected flags, expected confidence)
        (timePoint(region(mean: 50, lytic: 0.8)), timePoint(region(mean: 50)), [ResponseFlag](), Confidence.normal),
        (TimePointDensity(full: region(mean: 50, lytic: 0.8), isIncomplete: true), timePoint(region(mean: 50)),
         [.incomplete], .low),
        (timePoint(region(mean: 50, lytic: 0.8)), timePoint(region(mean: 50, voxels: 99)), [.smallROI], .low),
        (timePoint(region(mean: 50, lytic: 0.8, voxels: 100)), timePoint(region(mean: 50)), [], .normal),
        (timePoint(region(mean: 50, lytic: 0.8, volumeML: 0.49)), timePoint(region(mean: 50)), [.smallROI], .low),
        (timePoint(region(mean: 50, lytic: 0.8, volumeML: 0.5)), timePoint(region(mean: 50)), [], .normal),
        (timePoint(region(mean: 50, lytic: 0.8)), timePoint(region(mean: 50, maxHU: 3000.5)), [.metalSuspected], .low),
        (timePoint(region(mean: 50, lytic: 0.8, maxHU: 3000)), timePoint(region(mean: 50)), [], .normal),
        (TimePointDensity(full: region(mean: 50, lytic: 0.8), paddingVoxelsExcluded: 3), timePoint(region(mean: 50)),
         [.paddingInROI], .normal),
        (timePoint(region(mean: 50, lytic: 0.8)), TimePointDensity(full: region(mean: 50), roiResampled: true),
         [.resampledROI], .normal),
        (TimePointDensity(full: region(mean: 50, lytic: 0.8, voxels: 10, maxHU: 4000), isIncomplete: true),
         timePoint(region(mean: 50)), [.incomplete, .smallROI, .metalSuspected], .low),
    ])
    func validityFlags(
        baseline: TimePointDensity, followup: TimePointDensity, flags: [ResponseFlag], confidence: Confidence
    ) {
        let result = classify(
            .both(baseline: baseline, followup: followup), in: PairContext(protocols: matchedProtocols),
            criteria: ResponseCriteria())
        #expect(result.response == .stable)
        #expect(result.flags == flags)
        #expect(result.confidence == confidence)
    }

    @Test("protocol_mismatch is a flag of every compared lesion; it does not lower confidence")
    func protocolMismatchFlag() {
        let result = classifyBoth(lyticBaseline, lyticBaseline, context: PairContext(protocols: kernelMismatch))
        #expect(result.flags == [.protocolMismatch])
        #expect(result.confidence == .normal)
    }

    @Test("reference_unstable when the reference mean changes by more than 30 HU", arguments: [
        (200.0, 230.0, false), (200.0, 230.5, true), (200.0, 169.5, true), (200.0, 170.0, false),
    ])
    func referenceUnstable(baselineMean: Double, followupMean: Double, unstable: Bool) {
        let reference = ReferenceDensity(
            baselineMeanHU: baselineMean, followupMeanHU: followupMean, baselineMedianHU: 150)
        let result = classifyBoth(
            lyticBaseline, lyticBaseline, context: PairContext(protocols: matchedProtocols, reference: reference))
        #expect(result.flags.contains(.referenceUnstable) == unstable)
        #expect(result.confidence == (unstable ? .low : .normal))
    }

    @Test("Flags come out once each, in CONTRACT.md's order")
    func flagOrder() {
        let baseline = TimePointDensity(
            full: region(mean: 400, lytic: 0.05, sclerotic: 0.8, voxels: 50, volumeML: 1), isIncomplete: true,
            paddingVoxelsExcluded: 1)
        let followup = TimePointDensity(
            full: region(mean: 500, voxels: 50, volumeML: 2, maxHU: 3500), isIncomplete: true)
        let reference = ReferenceDensity(baselineMeanHU: 200, followupMeanHU: 260, baselineMedianHU: 150)
        let context = PairContext(
            protocols: kernelMismatch, daysFromTherapyStart: 30, reference: reference,
            eachTimePointHasOwnSegmentation: true)
        let result = classify(.both(baseline: baseline, followup: followup), in: context, criteria: ResponseCriteria())
        // Threshold max(50, 20 % × 400) = 80 HU; Δ +100 → increasing sclerosis; volume +100 %.
        #expect(result.response == .increasingSclerosis)
        #expect(result.flags == [
            .incomplete, .smallROI, .metalSuspected, .paddingInROI, .protocolMismatch, .referenceUnstable,
            .possibleFlare, .sizeIncrease,
        ])
        #expect(result.confidence == .low)
    }
}
