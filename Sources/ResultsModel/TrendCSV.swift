/// trend.csv: one row per lesion per time point of a patient's course (Docs/Outputs.md "trend.csv").
public enum TrendCSV {
    /// One row: a lesion's trend and one of its time points.
    public struct Row: Sendable {
        public var trend: LesionTrend
        public var point: TrendTimePoint
    }

    /// The columns, in order.
    public static var columns: [ResultColumn<Row>] {
        [
            .init("patient_id", .text) { .string($0.trend.patientID) },
            .init("lesion_id", .text) { .string($0.trend.lesionID) },
            .init("study_date", .date) { .string($0.point.studyDate) },
            .init("days_from_first", .days) { .int($0.point.daysFromFirst) },
            .init("phenotype", .text) { .string($0.trend.phenotype.rawValue) },
            .init("mean_hu", .hu) { .number($0.point.statistics?.mean) },
            .init("core_mean_hu", .hu) { .number($0.point.core?.mean) },
            .init("median_hu", .hu) { .number($0.point.statistics?.median) },
            .init("volume_ml", .ml) { .number($0.point.statistics?.volumeML) },
            .init("source_kind", .text) { .string($0.point.source?.kind.rawValue) },
            .init("propagated", .text) { r in r.point.source.map { .bool($0.kind == .propagated) } ?? .null },
            .init("response_from_previous", .text) { .string($0.point.responseFromPrevious?.rawValue) },
            .init("response_from_first", .text) { .string($0.point.responseFromFirst?.rawValue) },
            .init("flags", .list) { .array($0.point.flags.map { .string($0.rawValue) }) },
        ]
    }

    /// The trend.csv text.
    public static func text(_ trends: [LesionTrend]) -> String {
        let columns = columns
        let rows = trends.flatMap { t in t.timePoints.map { Row(trend: t, point: $0) } }
        return CSVTable.render(header: columns.map(\.key), rows: rows.map { row in columns.map { CSVTable.cell($0.value(row)) } })
    }
}
