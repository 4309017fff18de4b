import Testing
import ResponseClassifier
import VolumeModel

@Suite("Protocol comparison (clinical.md §4.1.5)")
struct ProtocolComparisonTests {
    static func warnings(_ baseline: ScanProtocol, _ followup: ScanProtocol) -> [String] {
        ProtocolComparison(baseline: baseline, followup: followup, criteria: ResponseCriteria()).warnings
    }

    @Test("Each difference becomes a protocol_mismatch warning naming the attribute and both values",
          arguments: [
        (ctProtocol(kernel: "B70f"), ctProtocol(kernel: "B30f"), ["protocol_mismatch: ConvolutionKernel B70f vs B30f"]),
        (ctProtocol(kvp: 120), ctProtocol(kvp: 100), ["protocol_mismatch: KVP 120 vs 100"]),
        (ctProtocol(kvp: 120), ctProtocol(kvp: 120.6), ["protocol_mismatch: KVP 120 vs 120.6"]),
        (ctProtocol(sliceMM: 1), ctProtocol(sliceMM: 1.25), ["protocol_mismatch: SliceThickness 1 vs 1.25"]),
        (ctProtocol(sliceMM: 2.5), ctProtocol(sliceMM: 2.61), ["protocol_mismatch: SliceThickness 2.5 vs 2.61"]),
        (ctProtocol(contrast: nil), ctProtocol(contrast: "Omnipaque 350"),
         ["protocol_mismatch: ContrastBolusAgent none vs Omnipaque 350"]),
        (ctProtocol(contrast: " Iomeron "), ctProtocol(contrast: "NONE"),
         ["protocol_mismatch: ContrastBolusAgent Iomeron vs none"]),
        (ctProtocol(manufacturer: "GE MEDICAL SYSTEMS"), ctProtocol(manufacturer: "SIEMENS"),
         ["protocol_mismatch: Manufacturer GE MEDICAL SYSTEMS vs SIEMENS"]),
        (ctProtocol(model: "SOMATOM Force"), ctProtocol(model: "Sensation 64"),
         ["protocol_mismatch: ManufacturerModelName SOMATOM Force vs Sensation 64"]),
    ])
    func oneDifference(baseline: ScanProtocol, followup: ScanProtocol, expected: [String]) {
        #expect(Self.warnings(baseline, followup) == expected)
    }

    @Test("Equal values within tolerance, case and white space are no difference", arguments: [
        (ctProtocol(), ctProtocol()),
        (ctProtocol(kernel: "  B30f"), ctProtocol(kernel: "b30F ")),
        (ctProtocol(manufacturer: "SIEMENS "), ctProtocol(manufacturer: "Siemens")),
        (ctProtocol(model: "SOMATOM  Force"), ctProtocol(model: "somatom force")),
        (ctProtocol(kvp: 120), ctProtocol(kvp: 120.4)),
        (ctProtocol(sliceMM: 0.6), ctProtocol(sliceMM: 0.625)),
        (ctProtocol(sliceMM: 2.5), ctProtocol(sliceMM: 2.6)),
        (ctProtocol(contrast: "Omnipaque"), ctProtocol(contrast: "Iomeron")),
        (ctProtocol(contrast: "NONE"), ctProtocol(contrast: nil)),
        (ctProtocol(contrast: ""), ctProtocol(contrast: " no ")),
        (ctProtocol(kvp: nil, kernel: nil, sliceMM: nil, manufacturer: nil, model: nil),
         ctProtocol(kvp: nil, kernel: nil, sliceMM: nil, manufacturer: nil, model: nil)),
    ])
    func noDifference(baseline: ScanProtocol, followup: ScanProtocol) {
        #expect(Self.warnings(baseline, followup) == [])
    }

    @Test("A value present at one time point only is a difference shown as (missing)", arguments: [
        (ctProtocol(manufacturer: "GE"), ctProtocol(manufacturer: nil),
         "protocol_mismatch: Manufacturer GE vs (missing)"),
        (ctProtocol(kvp: nil), ctProtocol(kvp: 120), "protocol_mismatch: KVP (missing) vs 120"),
        (ctProtocol(kernel: "B70f"), ctProtocol(kernel: "   "),
         "protocol_mismatch: ConvolutionKernel B70f vs (missing)"),
        (ctProtocol(sliceMM: nil), ctProtocol(sliceMM: 3), "protocol_mismatch: SliceThickness (missing) vs 3"),
    ])
    func missingOnOneSide(baseline: ScanProtocol, followup: ScanProtocol, expected: String) {
        #expect(Self.warnings(baseline, followup) == [expected])
    }

    @Test("Several differences are listed in DICOM tag order")
    func order() {
        let baseline = ctProtocol(
            kvp: 120, kernel: "B70f", sliceMM: 1, contrast: nil, manufacturer: "SIEMENS", model: "Force")
        let followup = ctProtocol(kvp: 100, kernel: "FC30", sliceMM: 5, contrast: "Omnipaque", manufacturer: "TOSHIBA",
                                  model: "Aquilion")
        #expect(Self.warnings(baseline, followup) == [
            "protocol_mismatch: Manufacturer SIEMENS vs TOSHIBA",
            "protocol_mismatch: ManufacturerModelName Force vs Aquilion",
            "protocol_mismatch: ContrastBolusAgent none vs Omnipaque",
            "protocol_mismatch: SliceThickness 1 vs 5",
            "protocol_mismatch: KVP 120 vs 100",
            "protocol_mismatch: ConvolutionKernel B70f vs FC30",
        ])
    }

    @Test("Density is indeterminate only when contrast and kVp or kernel both differ", arguments: [
        (ctProtocol(kvp: 100, contrast: "Omnipaque"), true),
        (ctProtocol(kernel: "B30f", contrast: "Omnipaque"), true),
        (ctProtocol(kvp: 100, kernel: "B30f", contrast: "Omnipaque"), true),
        (ctProtocol(kvp: nil, contrast: "Omnipaque"), true),
        (ctProtocol(contrast: "Omnipaque"), false),
        (ctProtocol(kvp: 100, kernel: "B30f"), false),
        (ctProtocol(sliceMM: 5, contrast: "Omnipaque"), false),
        (ctProtocol(contrast: "Omnipaque", manufacturer: "GE"), false),
        (ctProtocol(), false),
    ])
    func indeterminate(followup: ScanProtocol, expected: Bool) {
        let comparison = ProtocolComparison(baseline: ctProtocol(), followup: followup, criteria: ResponseCriteria())
        #expect(comparison.makesDensityIndeterminate == expected)
        #expect(comparison.isMismatch == (followup != ctProtocol()))
    }

    @Test("The tolerances come from the criteria")
    func tolerancesFromCriteria() {
        var criteria = ResponseCriteria()
        criteria.sliceThicknessToleranceMM = 0
        criteria.kvpToleranceKV = 20
        let comparison = ProtocolComparison(
            baseline: ctProtocol(kvp: 120, sliceMM: 0.6), followup: ctProtocol(kvp: 100, sliceMM: 0.625),
            criteria: criteria)
        #expect(comparison.warnings == ["protocol_mismatch: SliceThickness 0.6 vs 0.625"])
    }
}
