/// The acquisition and reconstruction attributes of one CT series that shift HU for reasons other
/// than the lesion (DESIGN.md "Comparability"; compared between time points by ResponseClassifier's
/// `ProtocolComparison`). Each is the value as written in the series, nil when absent or empty.
public struct ScanProtocol: Sendable, Equatable, Codable {
    /// KVP (0018,0060), peak tube voltage in kV, as written (a DICOM DS string, e.g. "120").
    public var kvp: String?
    /// ConvolutionKernel (0018,1210); several values joined by "\".
    public var convolutionKernel: String?
    /// SliceThickness (0018,0050) in mm.
    public var sliceThicknessMM: Double?
    /// ContrastBolusAgent (0018,0010). Absent, empty, "NONE" or "NO" means no contrast.
    public var contrastBolusAgent: String?
    /// Manufacturer (0008,0070).
    public var manufacturer: String?
    /// ManufacturerModelName (0008,1090).
    public var model: String?

    public init(kvp: String? = nil, convolutionKernel: String? = nil, sliceThicknessMM: Double? = nil,
                contrastBolusAgent: String? = nil, manufacturer: String? = nil, model: String? = nil) {
        self.kvp = kvp
        self.convolutionKernel = convolutionKernel
        self.sliceThicknessMM = sliceThicknessMM
        self.contrastBolusAgent = contrastBolusAgent
        self.manufacturer = manufacturer
        self.model = model
    }

    /// KVP as a number (kV), nil when absent or not a number.
    public var kvpValue: Double? {
        kvp.flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    enum CodingKeys: String, CodingKey {
        case kvp, convolutionKernel = "convolution_kernel", sliceThicknessMM = "slice_thickness_mm"
        case contrastBolusAgent = "contrast_bolus_agent", manufacturer, model
    }
}
