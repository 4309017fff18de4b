import Testing
import ResponseClassifier

/// One row of the response table: baseline and follow-up ROI, protocols, expected word.
struct ResponseCase: Sendable, CustomTestStringConvertible {
    var name: String
    var baseline: RegionDensity
    var followup: RegionDensity
    var protocols = matchedProtocols
    var expected: DensityResponse
    var testDescription: String { "\(name) → \(expected.rawValue)" }
}

/// clinical.md §4.5, every row on both sides of its threshold, default criteria.
@Suite("Response table (clinical.md §4.5)")
struct ResponseTableTests {
    static let lytic: [ResponseCase] = [
        // Lytic, mean 50 HU: threshold max(30, 15 % × 50 = 7.5) = 30 HU.
        .init(name: "lytic Δ +30.0", baseline: lyticBaseline, followup: region(mean: 80), expected: .remineralizing),
        .init(name: "lytic Δ +29.9", baseline: lyticBaseline, followup: region(mean: 79.9), expected: .stable),
        .init(name: "lytic Δ −30.0", baseline: lyticBaseline, followup: region(mean: 20),
              expected: .progressingLysis),
        .init(name: "lytic Δ −29.9", baseline: lyticBaseline, followup: region(mean: 20.1), expected: .stable),
        .init(name: "lytic Δ 0", baseline: lyticBaseline, followup: lyticBaseline, expected: .stable),
        // Decimal means whose difference is 30 by hand but 29.999999999999986 in binary.
        .init(name: "lytic 100.2 → 130.2", baseline: region(mean: 100.2, lytic: 0.8), followup: region(mean: 130.2),
              expected: .remineralizing),
        // Negative baseline mean −300 HU: threshold max(30, 15 % × |−300| = 45) = 45 HU.
        .init(name: "lytic −300, Δ +45.0", baseline: region(mean: -300, lytic: 0.9), followup: region(mean: -255),
              expected: .remineralizing),
        .init(name: "lytic −300, Δ +44.9", baseline: region(mean: -300, lytic: 0.9), followup: region(mean: -255.1),
              expected: .stable),
    ]

    static let sclerotic: [ResponseCase] = [
        // Sclerotic, mean 400 HU: threshold max(30, 15 % × 400 = 60) = 60 HU (relative term wins).
        .init(name: "sclerotic Δ −60.0", baseline: scleroticBaseline, followup: region(mean: 340),
              expected: .demineralizing),
        .init(name: "sclerotic Δ −59.9", baseline: scleroticBaseline, followup: region(mean: 340.1),
              expected: .stable),
        .init(name: "sclerotic Δ +60.0", baseline: scleroticBaseline, followup: region(mean: 460),
              expected: .increasingSclerosis),
        .init(name: "sclerotic Δ +59.9", baseline: scleroticBaseline, followup: region(mean: 459.9),
              expected: .stable),
        // 30 HU is not enough once |baseline| > 200 HU: at 600 HU the threshold is 90 HU.
        .init(name: "sclerotic 600, Δ −30", baseline: region(mean: 600, sclerotic: 0.9), followup: region(mean: 570),
              expected: .stable),
        .init(name: "sclerotic 600, Δ −89.9", baseline: region(mean: 600, sclerotic: 0.9),
              followup: region(mean: 510.1),
              expected: .stable),
        .init(name: "sclerotic 600, Δ −90", baseline: region(mean: 600, sclerotic: 0.9), followup: region(mean: 510),
              expected: .demineralizing),
        // At exactly 200 HU both terms are 30 HU; at 201 HU the relative term (30.15) wins.
        .init(name: "sclerotic 200, Δ −30", baseline: region(mean: 200, sclerotic: 0.9), followup: region(mean: 170),
              expected: .demineralizing),
        .init(name: "sclerotic 201, Δ −30", baseline: region(mean: 201, sclerotic: 0.9), followup: region(mean: 171),
              expected: .stable),
    ]

    static let mixed: [ResponseCase] = [
        // Mixed, f_lytic 0.40, f_sclerotic 0.40, mean 300 HU: threshold 45 HU; fraction change 0.15.
        // Row 1: Δf_lytic ≤ −0.15 and Δ ≥ +thr → remineralizing.
        .init(name: "mixed Δf_L −0.15, Δ +45", baseline: mixedBaseline,
              followup: region(mean: 345, lytic: 0.25, sclerotic: 0.40), expected: .remineralizing),
        .init(name: "mixed Δf_L −0.14, Δ +45", baseline: mixedBaseline,
              followup: region(mean: 345, lytic: 0.26, sclerotic: 0.40), expected: .notClassifiable),
        .init(name: "mixed Δf_L −0.15, Δ +44.9", baseline: mixedBaseline,
              followup: region(mean: 344.9, lytic: 0.25, sclerotic: 0.40), expected: .stable),
        // Row 2: Δf_lytic ≥ +0.15, or Δ ≤ −thr with f_lytic rising → progressing lysis.
        .init(name: "mixed Δf_L +0.15, Δ 0", baseline: mixedBaseline,
              followup: region(mean: 300, lytic: 0.55, sclerotic: 0.40), expected: .progressingLysis),
        .init(name: "mixed Δf_L +0.14, Δ 0", baseline: mixedBaseline,
              followup: region(mean: 300, lytic: 0.54, sclerotic: 0.40), expected: .stable),
        .init(name: "mixed Δ −45, Δf_L +0.01", baseline: mixedBaseline,
              followup: region(mean: 255, lytic: 0.41, sclerotic: 0.40), expected: .progressingLysis),
        .init(name: "mixed Δ −44.9, Δf_L +0.01", baseline: mixedBaseline,
              followup: region(mean: 255.1, lytic: 0.41, sclerotic: 0.40), expected: .stable),
        .init(name: "mixed Δ −45, Δf_L 0", baseline: mixedBaseline,
              followup: region(mean: 255, lytic: 0.40, sclerotic: 0.40), expected: .notClassifiable),
        // Row 3: Δf_sclerotic ≤ −0.15 and f_lytic not rising → demineralizing.
        .init(name: "mixed Δf_S −0.15, Δf_L 0, Δ −20", baseline: mixedBaseline,
              followup: region(mean: 280, lytic: 0.40, sclerotic: 0.25), expected: .demineralizing),
        .init(name: "mixed Δf_S −0.14, Δf_L 0, Δ −20", baseline: mixedBaseline,
              followup: region(mean: 280, lytic: 0.40, sclerotic: 0.26), expected: .stable),
        .init(name: "mixed Δf_S −0.15, Δf_L +0.01, Δ −20", baseline: mixedBaseline,
              followup: region(mean: 280, lytic: 0.41, sclerotic: 0.25), expected: .stable),
        .init(name: "mixed Δf_S −0.15, Δf_L −0.05, Δ −45", baseline: mixedBaseline,
              followup: region(mean: 255, lytic: 0.35, sclerotic: 0.25), expected: .demineralizing),
        // Fractions whose difference is −0.15 by hand but −0.14999999999999997 in binary.
        .init(name: "mixed f_L 0.35 → 0.20, Δ +45", baseline: region(mean: 300, lytic: 0.35, sclerotic: 0.40),
              followup: region(mean: 345, lytic: 0.20, sclerotic: 0.40), expected: .remineralizing),
        .init(name: "mixed f_S 0.35 → 0.20, Δf_L 0", baseline: region(mean: 300, lytic: 0.40, sclerotic: 0.35),
              followup: region(mean: 290, lytic: 0.40, sclerotic: 0.20), expected: .demineralizing),
        // Row 4: otherwise stable, or not classifiable for a real change the band rules do not explain.
        .init(name: "mixed Δ +100, fractions unchanged", baseline: mixedBaseline,
              followup: region(mean: 400, lytic: 0.40, sclerotic: 0.40), expected: .notClassifiable),
        .init(name: "mixed Δ +10, fractions unchanged", baseline: mixedBaseline,
              followup: region(mean: 310, lytic: 0.40, sclerotic: 0.40), expected: .stable),
    ]

    static let indeterminate: [ResponseCase] = [
        .init(name: "indeterminate Δ +100", baseline: indeterminateBaseline, followup: region(mean: 300),
              expected: .notClassifiable),
        // DESIGN.md's decision list: below the threshold the density did not change, whatever the phenotype.
        .init(name: "indeterminate Δ 0", baseline: indeterminateBaseline, followup: indeterminateBaseline,
              expected: .stable),
        // Mean 200 HU: threshold max(30 HU, 15 % × 200 = 30 HU) = 30 HU.
        .init(name: "indeterminate Δ +29.9", baseline: indeterminateBaseline,
              followup: region(mean: 229.9, lytic: 0.10, sclerotic: 0.10), expected: .stable),
        .init(name: "indeterminate Δ −30", baseline: indeterminateBaseline,
              followup: region(mean: 170, lytic: 0.10, sclerotic: 0.10), expected: .notClassifiable),
    ]

    static let protocolCases: [ResponseCase] = [
        // Kernel differs: threshold max(50, 20 %). Lytic 50 HU → 50 HU; sclerotic 400 HU → 80 HU.
        .init(name: "kernel mismatch, lytic Δ +49.9", baseline: lyticBaseline, followup: region(mean: 99.9),
              protocols: kernelMismatch, expected: .stable),
        .init(name: "kernel mismatch, lytic Δ +50", baseline: lyticBaseline, followup: region(mean: 100),
              protocols: kernelMismatch, expected: .remineralizing),
        .init(name: "kernel mismatch, sclerotic Δ −79.9", baseline: scleroticBaseline, followup: region(mean: 320.1),
              protocols: kernelMismatch, expected: .stable),
        .init(name: "kernel mismatch, sclerotic Δ −80", baseline: scleroticBaseline, followup: region(mean: 320),
              protocols: kernelMismatch, expected: .demineralizing),
        // Contrast and kVp (or kernel) differ: indeterminate (protocol), whatever the phenotype or Δ.
        .init(name: "contrast + kVp, lytic Δ +200", baseline: lyticBaseline, followup: region(mean: 250),
              protocols: contrastAndKVPMismatch, expected: .indeterminateProtocol),
        .init(name: "contrast + kVp, sclerotic Δ 0", baseline: scleroticBaseline, followup: scleroticBaseline,
              protocols: contrastAndKVPMismatch, expected: .indeterminateProtocol),
        .init(name: "contrast + kVp, indeterminate phenotype", baseline: indeterminateBaseline,
              followup: indeterminateBaseline, protocols: contrastAndKVPMismatch, expected: .indeterminateProtocol),
        .init(name: "contrast + kernel, lytic Δ +200", baseline: lyticBaseline, followup: region(mean: 250),
              protocols: ProtocolComparison(
                baseline: ctProtocol(contrast: "Iomeron"), followup: ctProtocol(kernel: "B30f"),
                criteria: ResponseCriteria()),
              expected: .indeterminateProtocol),
        // Contrast alone: only the raised threshold (50 HU at a 50 HU lytic baseline).
        .init(name: "contrast only, lytic Δ +60", baseline: lyticBaseline, followup: region(mean: 110),
              protocols: ProtocolComparison(baseline: ctProtocol(), followup: ctProtocol(contrast: "Omnipaque"),
                                            criteria: ResponseCriteria()),
              expected: .remineralizing),
        .init(name: "contrast only, lytic Δ +40", baseline: lyticBaseline, followup: region(mean: 90),
              protocols: ProtocolComparison(baseline: ctProtocol(), followup: ctProtocol(contrast: "Omnipaque"),
                                            criteria: ResponseCriteria()),
              expected: .stable),
        // kVp and kernel without a contrast difference: comparable, raised threshold.
        .init(name: "kVp + kernel, lytic Δ +60", baseline: lyticBaseline, followup: region(mean: 110),
              protocols: ProtocolComparison(baseline: ctProtocol(), followup: ctProtocol(kvp: 100, kernel: "B30f"),
                                            criteria: ResponseCriteria()),
              expected: .remineralizing),
    ]

    @Test("Lytic rows", arguments: lytic) func lyticRows(_ row: ResponseCase) { check(row) }
    @Test("Sclerotic rows", arguments: sclerotic) func scleroticRows(_ row: ResponseCase) { check(row) }
    @Test("Mixed rows (band-fraction rules)", arguments: mixed) func mixedRows(_ row: ResponseCase) { check(row) }
    @Test("Indeterminate rows", arguments: indeterminate) func indeterminateRows(_ row: ResponseCase) { check(row) }
    @Test("Protocol rows", arguments: protocolCases) func protocolRows(_ row: ResponseCase) { check(row) }

    private func check(_ row: ResponseCase) {
        let result = classifyBoth(row.baseline, row.followup, context: PairContext(protocols: row.protocols))
        #expect(result.response == row.expected)
    }

    @Test("threshold_hu is max(floor, relative × |baseline mean|), raised on mismatch", arguments: [
        // (baseline mean, mismatch, expected threshold)
        (50.0, false, 30.0),
        (200.0, false, 30.0),
        (201.0, false, 30.15),
        (400.0, false, 60.0),
        (-300.0, false, 45.0),
        (0.0, false, 30.0),
        (50.0, true, 50.0),
        (250.0, true, 50.0),
        (400.0, true, 80.0),
        (1000.0, true, 200.0),
    ])
    func threshold(mean: Double, mismatch: Bool, expected: Double) {
        let threshold = ResponseCriteria().minimumChangeHU(baselineMeanHU: mean, protocolMismatch: mismatch)
        #expect(abs(threshold - expected) < 1e-9)
    }

    @Test("threshold_hu of a result comes from the baseline classification ROI and the protocols")
    func thresholdInResult() {
        #expect(classifyBoth(scleroticBaseline, scleroticBaseline).thresholdHU == 60)
        let mismatched = classifyBoth(
            scleroticBaseline, scleroticBaseline, context: PairContext(protocols: kernelMismatch))
        #expect(mismatched.thresholdHU == 80)
    }
}
