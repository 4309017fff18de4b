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
    public static func json(all: [TimePointMeasurement], resegmentationRange: ClosedRange<Double>? = nil) -> JSONValue {
        .object([("schema_version", .int(ToolInfo.schemaVersion)), ("tool", ToolInfo.json),
                 ("results", .array(all.map { json($0, resegmentationRange: resegmentationRange) }))])
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
