/// results.csv: one row per lesion of every pair (long, tidy format: a pair's warnings on every row
/// of the pair); a pair without lesions gets one row with `lesion_id` empty. The columns are the key
/// tables flattened (``columns``).
public enum ResultsCSV {
    /// One CSV row: a pair and one of its lesions (nil for the row of a pair without lesions).
    public struct Row: Sendable {
        public var pair: PairResult
        public var lesion: LesionPairResult?
    }

    public typealias Column = ResultColumn<Row>

    /// The columns, in order. The columns after `error` were appended in schema version 1's
    /// additions (UIDs, phenotype at the pair's baseline, registration, reference ROI).
    public static var columns: [Column] {
        let lesion = { (c: ResultColumn<LesionPairResult>) in c.prefixed("") { (r: Row) in r.lesion } }
        let pair = { (c: ResultColumn<PairResult>) in c.prefixed("") { (r: Row) in r.pair } }
        let studyDate = TimePointColumns.columns.filter { $0.key == "study_date" }
        let uids = TimePointColumns.columns.filter { $0.unit == .uid }
        let stats = StatisticsColumns.flattenedColumns
        var columns = [pair(PairColumns.patientID), lesion(LesionColumns.lesionID)]
        columns += studyDate.prefixed("baseline_") { (r: Row) in r.pair.baseline }
        columns += studyDate.prefixed("followup_") { (r: Row) in r.pair.followup }
        columns += [pair(PairColumns.intervalDays), pair(PairColumns.status)]
        columns += [LesionColumns.phenotype, LesionColumns.phenotypeByMean, LesionColumns.response, LesionColumns.confidence,
                    LesionColumns.classifiedOn, LesionColumns.threshold].map(lesion)
        columns += stats.prefixed("baseline_") { (r: Row) in r.lesion?.baseline }
        columns += stats.prefixed("followup_") { (r: Row) in r.lesion?.followup }
        columns += DeltaColumns.csvColumns.prefixed("delta_") { (r: Row) in r.lesion?.delta }
        columns += DeltaColumns.csvColumns.prefixed("delta_core_") { (r: Row) in r.lesion?.deltaCore }
        columns += [lesion(LesionColumns.referenceAdjustedDelta), lesion(LesionColumns.flags)]
        columns += [pair(PairColumns.warnings), pair(PairColumns.error)]
        // Appended (schema version 1 additions).
        columns += uids.prefixed("baseline_") { (r: Row) in r.pair.baseline }
        columns += uids.prefixed("followup_") { (r: Row) in r.pair.followup }
        columns.append(lesion(LesionColumns.phenotypeAtPairBaseline))
        columns += LesionColumns.registrationCSVColumns.prefixed("registration_") { (r: Row) in r.lesion?.registration }
        let referenceMean = StatisticsColumns.columns.filter { $0.key == "mean_hu" }
        columns += referenceMean.prefixed("reference_baseline_") { (r: Row) in r.pair.reference?.baseline.statistics }
        columns += referenceMean.prefixed("reference_followup_") { (r: Row) in r.pair.reference?.followup.statistics }
        columns += DeltaColumns.columns.filter { $0.key == "mean_hu" }.prefixed("reference_delta_") { (r: Row) in r.pair.reference?.delta }
        return columns
    }

    /// The column names, in order.
    public static var header: [String] { columns.map(\.key) }

    /// The rows of `pairs`.
    public static func rows(_ pairs: [PairResult]) -> [Row] {
        pairs.flatMap { p in p.lesions.isEmpty ? [Row(pair: p, lesion: nil)] : p.lesions.map { Row(pair: p, lesion: $0) } }
    }

    /// The results.csv text.
    public static func text(_ pairs: [PairResult]) -> String {
        let columns = columns
        return CSVTable.render(header: columns.map(\.key), rows: rows(pairs).map { row in columns.map { CSVTable.cell($0.value(row)) } })
    }
}
