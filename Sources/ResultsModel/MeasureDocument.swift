/// One series measured at one time point (`measure`): what the `series` object and the
/// `lesions` and `errors` lists report.
public struct SeriesMeasurementResult: Sendable {
    public var seriesInstanceUID: String
    /// The series path as the user gave it.
    public var path: String
    /// Number of planes of the stack.
    public var planes: Int
    /// The series' warnings, then problems with other files under the path.
    public var warnings: [ResultWarning]
    /// Every ROI measured, reference ROIs included.
    public var lesions: [MeasuredROI]
    public var failures: [LesionFailure]

    public init(seriesInstanceUID: String, path: String, planes: Int, warnings: [ResultWarning], lesions: [MeasuredROI],
                failures: [LesionFailure]) {
        self.seriesInstanceUID = seriesInstanceUID
        self.path = path
        self.planes = planes
        self.warnings = warnings
        self.lesions = lesions
        self.failures = failures
    }
}

/// The `measure --json` documents (Docs/Outputs.md "measure").
public enum MeasureDocument {
    /// One series' document: `schema_version`, `tool`, `resegmentation_range_hu`, `series`, `lesions`, `errors`.
    public static func json(_ m: SeriesMeasurementResult, tool: ToolDescription, resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([
            ("schema_version", .int(ToolDescription.schemaVersion)), ("tool", tool.json),
            ("resegmentation_range_hu", ResultsDocument.rangeJSON(resegmentationRange)),
            ("series", seriesColumns.object(m)),
            ("lesions", .array(m.lesions.map { lesionColumns.object($0) })),
            ("errors", .array(m.failures.map(\.json))),
        ])
    }

    /// Several series (`--all-series`): `{"schema_version", "tool", "results": [...], "errors"}`.
    /// - Parameter errors: series that could not be measured, as (path, message).
    public static func json(all: [SeriesMeasurementResult], errors: [(String, String)] = [], tool: ToolDescription,
                            resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([("schema_version", .int(ToolDescription.schemaVersion)), ("tool", tool.json),
                 ("results", .array(all.map { json($0, tool: tool, resegmentationRange: resegmentationRange) })),
                 ("errors", errorsJSON(errors))])
    }

    /// The document of a series that could not be measured at all: `series` null, no lesions, and
    /// the reasons under `errors` (`lesion_id` null, `file` the series path).
    public static func failure(path: String, messages: [String], tool: ToolDescription,
                               resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([
            ("schema_version", .int(ToolDescription.schemaVersion)), ("tool", tool.json),
            ("resegmentation_range_hu", ResultsDocument.rangeJSON(resegmentationRange)),
            ("series", .null), ("lesions", .array([])), ("errors", errorsJSON(messages.map { (path, $0) })),
        ])
    }

    static func errorsJSON(_ errors: [(String, String)]) -> JSONValue {
        .array(errors.map { LesionFailure(lesionID: nil, file: $0.0, message: $0.1).json })
    }

    /// The `series` object.
    public static var seriesColumns: [ResultColumn<SeriesMeasurementResult>] {
        [
            .init("series_instance_uid", .uid, \.seriesInstanceUID),
            .init("path", .path, \.path),
            .init("planes", .dimensionless, \.planes),
            .init("warnings", .list) { .array($0.warnings.map { .string($0.description) }) },
        ]
    }

    /// A lesion of `lesions[]`.
    public static var lesionColumns: [ResultColumn<MeasuredROI>] {
        [
            .init("lesion_id", .text, \.label),
            .init("source", .object) { SourceJSON.json($0.source) },
            .init("statistics", .object) { $0.statisticsJSON },
            .init("flags", .list) { .array($0.flags.map { .string($0.rawValue) }) },
        ]
    }
}
