import VolumeModel

/// The comparison of a pair's two ``ScanProtocol``s (Docs/Classification.md, §4.4).
///
/// How values compare:
/// - text (ConvolutionKernel, Manufacturer, ManufacturerModelName): trimmed, runs of white space
///   collapsed to one space, case ignored ("SIEMENS " equals "Siemens"). Kernels are compared by name,
///   not by vendor family: "B70f" vs "B75f" is a difference.
/// - KVP within `kvp_tolerance_kv`, SliceThickness within `slice_thickness_tolerance_mm` (inclusive).
/// - ContrastBolusAgent by presence: two different agents are both "contrast"; absent, empty,
///   "NONE" or "NO" is no contrast, so an agent at one time point only is a difference.
/// - Any other attribute present at one time point only is a difference (shown as `(missing)`): the
///   match cannot be confirmed, so the higher threshold applies. Absent at both is no difference.
public struct ProtocolComparison: Sendable, Equatable {
    /// The differing attributes, in ``ProtocolAttribute`` order.
    public let differences: [ProtocolDifference]

    /// Compares baseline with follow-up using the tolerances of `criteria`.
    public init(baseline: ScanProtocol, followup: ScanProtocol, criteria: ResponseCriteria) {
        differences = ProtocolAttribute.allCases.compactMap { attribute in
            Self.difference(attribute, baseline, followup, criteria)
        }
    }

    /// Any attribute differs: `protocol_mismatch`, and the raised minimum change applies.
    public var isMismatch: Bool { !differences.isEmpty }

    /// Contrast differs and so do kVp or kernel: density is not comparable, and every compared lesion's
    /// response is ``DensityResponse/indeterminateProtocol`` (Docs/Classification.md, §4.5).
    public var makesDensityIndeterminate: Bool {
        let attributes = Set(differences.map(\.attribute))
        return attributes.contains(.contrastBolusAgent)
            && (attributes.contains(.kvp) || attributes.contains(.convolutionKernel))
    }

    /// One pair warning per difference, e.g. `protocol_mismatch: KVP 120 vs 100`.
    public var warnings: [String] { differences.map(\.warning) }

    private static let missing = "(missing)"

    private static func difference(
        _ attribute: ProtocolAttribute, _ baseline: ScanProtocol, _ followup: ScanProtocol,
        _ criteria: ResponseCriteria
    ) -> ProtocolDifference? {
        switch attribute {
        case .manufacturer: text(attribute, baseline.manufacturer, followup.manufacturer)
        case .manufacturerModelName: text(attribute, baseline.model, followup.model)
        case .convolutionKernel: text(attribute, baseline.convolutionKernel, followup.convolutionKernel)
        case .contrastBolusAgent: contrast(baseline.contrastBolusAgent, followup.contrastBolusAgent)
        case .sliceThickness:
            number(attribute, baseline.sliceThicknessMM, followup.sliceThicknessMM, criteria.sliceThicknessToleranceMM)
        case .kvp: number(attribute, baseline.kvpValue, followup.kvpValue, criteria.kvpToleranceKV)
        }
    }

    /// Trimmed, white space collapsed; nil when nothing is left.
    private static func cleaned(_ value: String?) -> String? {
        guard let value else { return nil }
        let words = value.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    private static func text(_ attribute: ProtocolAttribute, _ a: String?, _ b: String?) -> ProtocolDifference? {
        let (a, b) = (cleaned(a), cleaned(b))
        if a?.lowercased() == b?.lowercased() { return nil }
        return ProtocolDifference(attribute: attribute, baseline: a ?? missing, followup: b ?? missing)
    }

    private static func number(
        _ attribute: ProtocolAttribute, _ a: Double?, _ b: Double?, _ tolerance: Double
    ) -> ProtocolDifference? {
        switch (a, b) {
        case (nil, nil): return nil
        case (let a?, let b?) where !exceeds(abs(a - b), tolerance): return nil
        default:
            return ProtocolDifference(
                attribute: attribute, baseline: a.map(numberText) ?? missing, followup: b.map(numberText) ?? missing)
        }
    }

    /// The agent's name, or nil when the value says no contrast was given.
    private static func agent(_ value: String?) -> String? {
        guard let name = cleaned(value), !["none", "no"].contains(name.lowercased()) else { return nil }
        return name
    }

    private static func contrast(_ a: String?, _ b: String?) -> ProtocolDifference? {
        let (a, b) = (agent(a), agent(b))
        if (a == nil) == (b == nil) { return nil }
        return ProtocolDifference(attribute: .contrastBolusAgent, baseline: a ?? "none", followup: b ?? "none")
    }
}
