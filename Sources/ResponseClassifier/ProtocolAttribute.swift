/// A compared attribute; the raw value is its DICOM keyword, as written in warnings.
/// Declaration order (tag order) is the order of the warnings.
public enum ProtocolAttribute: String, CaseIterable, Sendable {
    /// (0008,0070)
    case manufacturer = "Manufacturer"
    /// (0008,1090)
    case manufacturerModelName = "ManufacturerModelName"
    /// (0018,0010), compared as presence of contrast, not by agent name.
    case contrastBolusAgent = "ContrastBolusAgent"
    /// (0018,0050)
    case sliceThickness = "SliceThickness"
    /// (0018,0060)
    case kvp = "KVP"
    /// (0018,1210)
    case convolutionKernel = "ConvolutionKernel"
}

/// One attribute that differs between baseline and follow-up, with both values as shown to the user.
public struct ProtocolDifference: Sendable, Equatable {
    public let attribute: ProtocolAttribute
    /// The baseline value: the number or the trimmed text, `none` for no contrast, `(missing)` when absent.
    public let baseline: String
    /// The follow-up value, shown like ``baseline``.
    public let followup: String

    /// Docs/Outputs.md's pair warning, e.g. `protocol_mismatch: ConvolutionKernel B70f vs B30f`.
    public var warning: String {
        "protocol_mismatch: \(attribute.rawValue) \(baseline) vs \(followup)"
    }
}
