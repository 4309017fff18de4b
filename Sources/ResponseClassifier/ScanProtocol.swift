/// The acquisition attributes of one CT series that shift HU for reasons other than the lesion
/// (clinical.md §1.3, §4.1.5). Each is nil when the attribute is absent or empty in the series.
public struct ScanProtocol: Sendable, Equatable {
    /// KVP (0018,0060): peak tube voltage in kV. A kVp change moves bone HU by ≈ 10 % (Ataei 2022).
    public var kvp: Double?
    /// ConvolutionKernel (0018,1210), several values joined by "\". Kernels move bone HU by −31…+64 HU.
    public var convolutionKernel: String?
    /// SliceThickness (0018,0050) in mm.
    public var sliceThicknessMM: Double?
    /// ContrastBolusAgent (0018,0010). Absent, empty, "NONE" or "NO" means no contrast; contrast adds
    /// +13…+26 HU to trabecular bone (Pompe 2015, Grünewald).
    public var contrastBolusAgent: String?
    /// Manufacturer (0008,0070).
    public var manufacturer: String?
    /// ManufacturerModelName (0008,1090).
    public var manufacturerModelName: String?

    public init(
        kvp: Double? = nil, convolutionKernel: String? = nil, sliceThicknessMM: Double? = nil,
        contrastBolusAgent: String? = nil, manufacturer: String? = nil, manufacturerModelName: String? = nil
    ) {
        self.kvp = kvp
        self.convolutionKernel = convolutionKernel
        self.sliceThicknessMM = sliceThicknessMM
        self.contrastBolusAgent = contrastBolusAgent
        self.manufacturer = manufacturer
        self.manufacturerModelName = manufacturerModelName
    }
}

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

    /// CONTRACT.md's pair warning, e.g. `protocol_mismatch: ConvolutionKernel B70f vs B30f`.
    public var warning: String {
        "protocol_mismatch: \(attribute.rawValue) \(baseline) vs \(followup)"
    }
}
