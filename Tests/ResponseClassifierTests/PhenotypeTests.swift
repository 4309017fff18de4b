import Testing
import ResponseClassifier

@Suite("Phenotype (clinical.md §4.3, DESIGN.md)")
struct PhenotypeTests {
    @Test("Band fractions give the phenotype, both sides of 0.50 and 0.15", arguments: [
        // (f_lytic, f_sclerotic, expected)
        (0.50, 0.14, LesionPhenotype.lytic),
        (0.49, 0.14, .indeterminate),
        (0.50, 0.15, .mixed),
        (1.00, 0.00, .lytic),
        (0.14, 0.50, .sclerotic),
        (0.14, 0.49, .indeterminate),
        (0.15, 0.50, .mixed),
        (0.00, 1.00, .sclerotic),
        (0.15, 0.15, .mixed),
        (0.14, 0.15, .indeterminate),
        (0.15, 0.14, .indeterminate),
        (0.85, 0.15, .mixed),
        (0.30, 0.30, .mixed),
        (0.00, 0.00, .indeterminate),
        (0.45, 0.10, .indeterminate),
    ])
    func byFractions(lytic: Double, sclerotic: Double, expected: LesionPhenotype) {
        let phenotype = LesionPhenotype(
            fractionLytic: lytic, fractionSclerotic: sclerotic, criteria: ResponseCriteria())
        #expect(phenotype == expected)
    }

    @Test("The mean gives phenotype_by_mean: lytic < 100 HU, sclerotic > 350 HU", arguments: [
        (99.9, PhenotypeByMean.lytic),
        (100.0, .intermediate),
        (350.0, .intermediate),
        (350.1, .sclerotic),
        (-50.0, .lytic),
        (1500.0, .sclerotic),
        (226.0, .intermediate),
    ])
    func byMean(mean: Double, expected: PhenotypeByMean) {
        let bands = ResponseCriteria().bands(referenceMedianHU: nil)
        #expect(PhenotypeByMean(meanHU: mean, bands: bands) == expected)
    }

    @Test("A reference median shifts the bands: lytic clamp(m − 60, 30, 100), sclerotic max(350, m + 200)",
          arguments: [
        // (reference median, lytic edge, sclerotic edge)
        (200.0, 100.0, 400.0),
        (160.0, 100.0, 360.0),
        (150.0, 90.0, 350.0),
        (170.0, 100.0, 370.0),
        (120.0, 60.0, 350.0),
        (90.0, 30.0, 350.0),
        (80.0, 30.0, 350.0),
        (300.0, 100.0, 500.0),
    ])
    func referenceBands(median: Double, lytic: Double, sclerotic: Double) {
        let bands = ResponseCriteria().bands(referenceMedianHU: median)
        #expect(bands == HUBands(lyticBelowHU: lytic, scleroticAboveHU: sclerotic, denseFromHU: 1000))
    }

    @Test("Without a reference, or with reference_shifts_bands false, the criteria edges apply")
    func unshiftedBands() {
        let plain = HUBands(lyticBelowHU: 100, scleroticAboveHU: 350, denseFromHU: 1000)
        var criteria = ResponseCriteria()
        #expect(criteria.bands(referenceMedianHU: nil) == plain)
        criteria.referenceShiftsBands = false
        #expect(criteria.bands(referenceMedianHU: 300) == plain)
    }

    @Test("phenotype_by_mean uses the reference-shifted bands")
    func classificationUsesShiftedBands() {
        // Mean 380 HU: sclerotic by mean with the 350 HU edge; with a 200 HU reference the edge is 400.
        let lesion = region(mean: 380, lytic: 0.05, sclerotic: 0.80)
        let plain = classifyBoth(lesion, lesion)
        #expect(plain.phenotypeByMean == .sclerotic)
        let reference = ReferenceDensity(baselineMeanHU: 200, followupMeanHU: 200, baselineMedianHU: 200)
        let context = PairContext(protocols: matchedProtocols, reference: reference)
        let shifted = classifyBoth(lesion, lesion, context: context)
        #expect(shifted.phenotypeByMean == .intermediate)
        #expect(shifted.flags.contains(.phenotypeMethodsDisagree))
    }

    @Test("phenotype_methods_disagree when the two methods name different classes", arguments: [
        // (baseline ROI, disagree): mixed and indeterminate agree with intermediate by mean.
        (region(mean: 50, lytic: 0.8, sclerotic: 0.05), false),
        (region(mean: 150, lytic: 0.8, sclerotic: 0.05), true),
        (region(mean: 600, lytic: 0.05, sclerotic: 0.8), false),
        (region(mean: 300, lytic: 0.05, sclerotic: 0.8), true),
        (region(mean: 200, lytic: 0.4, sclerotic: 0.4), false),
        (region(mean: 50, lytic: 0.4, sclerotic: 0.4), true),
        (region(mean: 200, lytic: 0.1, sclerotic: 0.1), false),
        (region(mean: 400, lytic: 0.1, sclerotic: 0.1), true),
    ])
    func methodsDisagree(baseline: RegionDensity, disagree: Bool) {
        let result = classifyBoth(baseline, baseline)
        #expect(result.flags.contains(.phenotypeMethodsDisagree) == disagree)
    }
}
