import ReportWriters

/// The `measure --json` document (CONTRACT.md).
public enum MeasureDocument {
    /// One series' document.
    /// - Parameter resegmentationRange: the IBSI re-segmentation range in force (recorded), or nil.
    public static func json(_ m: TimePointMeasurement, resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([
            ("schema_version", .int(ToolInfo.schemaVersion)), ("tool", ToolInfo.json),
            ("resegmentation_range_hu", resegmentationRange.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            ("series", seriesJSON(m)),
            ("lesions", .array(m.lesions.map(lesionJSON))),
            ("errors", .array(m.failures.map { f in
                .object([("lesion_id", .string(f.lesionID)), ("file", .string(f.file)), ("message", .string(f.message))])
            })),
        ])
    }

    /// Several series (`--all-series`): `{"schema_version", "tool", "results": [...]}`.
    /// - Parameter errors: series that could not be measured, as (path, message); listed under `errors`.
    public static func json(all: [TimePointMeasurement], errors: [(String, String)] = [],
                            resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([("schema_version", .int(ToolInfo.schemaVersion)), ("tool", ToolInfo.json),
                 ("results", .array(all.map { json($0, resegmentationRange: resegmentationRange) })),
                 ("errors", errorsJSON(errors))])
    }

    /// The document of a series that could not be measured at all: `series` null, no lesions, and
    /// the reasons under `errors` (`lesion_id` null, `file` the series path).
    public static func failure(path: String, messages: [String], resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([
            ("schema_version", .int(ToolInfo.schemaVersion)), ("tool", ToolInfo.json),
            ("resegmentation_range_hu", resegmentationRange.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            ("series", .null), ("lesions", .array([])), ("errors", errorsJSON(messages.map { (path, $0) })),
        ])
    }

    static func errorsJSON(_ errors: [(String, String)]) -> JSONValue {
        .array(errors.map { .object([("lesion_id", .null), ("file", .string($0.0)), ("message", .string($0.1))]) })
    }

    static func seriesJSON(_ m: TimePointMeasurement) -> JSONValue {
        .object([
            ("series_instance_uid", .string(m.stack.seriesInstanceUID)), ("path", .string(m.path)),
            ("planes", .int(m.stack.geometry.planeCount)), ("warnings", .array(m.warnings.map { .string($0) })),
        ])
    }

    static func lesionJSON(_ l: LesionMeasurement) -> JSONValue {
        .object([
            ("lesion_id", .string(l.label)), ("source", SourceJSON.json(l.mask.source)),
            ("statistics", StatisticsJSON.json(l.statistics, core: l.core)),
            ("flags", .array(l.flags.map { .string($0) })),
        ])
    }
}
