import VolumeModel

/// The `source` object of an ROI (Docs/Outputs.md "source").
public enum SourceJSON {
    /// `kind`, `file`, `segment_number`, `roi_number` always; `label_value` and `component` for a
    /// label map (or an ROI propagated from one); `from_study_date` for a propagated ROI.
    public static func json(_ s: ROISource) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("kind", .string(s.kind.rawValue)), ("file", .string(s.file)),
            ("segment_number", .int(s.segmentNumber)), ("roi_number", .int(s.roiNumber)),
        ]
        if s.kind == .labelmap || s.labelValue != nil {
            members += [("label_value", .int(s.labelValue)), ("component", .int(s.component))]
        }
        if s.kind == .propagated { members.append(("from_study_date", .string(s.fromStudyDate))) }
        return .object(members)
    }
}

/// The `protocol` object of a time point or series.
public enum ProtocolJSON {
    public static var columns: [ResultColumn<ScanProtocol>] {
        [
            .init("kvp", .text, \.kvp),
            .init("convolution_kernel", .text, \.convolutionKernel),
            .init("slice_thickness_mm", .mm, \.sliceThicknessMM),
            .init("contrast_bolus_agent", .text, \.contrastBolusAgent),
            .init("manufacturer", .text, \.manufacturer),
            .init("model", .text, \.model),
        ]
    }

    public static func json(_ p: ScanProtocol) -> JSONValue { columns.object(p) }
}

/// The `tool` object and `schema_version` of every result document.
public struct ToolDescription: Sendable, Equatable {
    public static let name = "lesion-density"
    public static let version = "0.1.0"
    /// `schema_version`: raised only by a change that breaks a reader.
    public static let schemaVersion = 1

    public var name = ToolDescription.name
    public var version = ToolDescription.version
    /// The DCMTK version the tool was built with.
    public var dcmtkVersion: String

    public init(dcmtkVersion: String) { self.dcmtkVersion = dcmtkVersion }

    /// `{"name", "version", "dcmtk_version"}`.
    public var json: JSONValue {
        .object([("name", .string(name)), ("version", .string(version)), ("dcmtk_version", .string(dcmtkVersion))])
    }
}
