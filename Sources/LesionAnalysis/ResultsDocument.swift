import DensityKernel
import ReportWriters
import ResponseClassifier

/// results.json of `analyze` and `batch` (CONTRACT.md): schema version, tool, criteria in force,
/// and one object per pair with its lesions.
public enum ResultsDocument {
    /// - Parameters:
    ///   - unpaired: patients listed but not paired (batch: one study only), as `unpaired`.
    ///   - warnings: run-level problems not tied to one pair (batch), as `warnings`.
    public static func json(pairs: [PairResult], criteria: ResponseCriteria, resegmentationRange: ClosedRange<Double>? = nil,
                            unpaired: [UnpairedStudy] = [], warnings: [String] = []) -> JSONValue {
        .object([
            ("schema_version", .int(ToolInfo.schemaVersion)), ("tool", ToolInfo.json),
            ("criteria", CriteriaJSON.json(criteria)),
            ("resegmentation_range_hu", resegmentationRange.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
            ("pairs", .array(pairs.map(pairJSON))),
            ("unpaired", .array(unpaired.map { u in
                .object([("patient_id", .string(u.patientID)), ("study_date", .string(u.studyDate)),
                         ("study_instance_uid", .string(u.studyInstanceUID)), ("reason", .string(u.reason))])
            })),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    static func pairJSON(_ p: PairResult) -> JSONValue {
        .object([
            ("patient_id", .string(p.patientID)),
            ("baseline", p.baseline.map(timePointJSON) ?? .null), ("followup", p.followup.map(timePointJSON) ?? .null),
            ("interval_days", .int(p.intervalDays)), ("days_from_therapy_start", .int(p.daysFromTherapyStart)),
            ("status", .string(p.status.rawValue)), ("error", .string(p.error)),
            ("warnings", .array(p.warnings.map { .string($0) })),
            ("lesions", .array(p.lesions.map(lesionJSON))),
            ("errors", .array(p.failures.map { f in
                .object([("lesion_id", .string(f.lesionID)), ("file", .string(f.file)), ("message", .string(f.message))])
            })),
        ])
    }

    static func timePointJSON(_ t: TimePointInfo) -> JSONValue {
        .object([
            ("study_date", .string(t.studyDate)), ("study_instance_uid", .string(t.studyInstanceUID)),
            ("series_instance_uid", .string(t.seriesInstanceUID)), ("path", .string(t.path)),
            ("protocol", ProtocolJSON.json(t.scanProtocol)),
        ])
    }

    static func lesionJSON(_ l: LesionPairResult) -> JSONValue {
        let c = l.classification
        return .object([
            ("lesion_id", .string(l.lesionID)),
            ("baseline_source", l.baseline.map { SourceJSON.json($0.mask.source) } ?? .null),
            ("followup_source", l.followup.map { SourceJSON.json($0.mask.source) } ?? .null),
            ("baseline", l.baseline.map { StatisticsJSON.json($0.statistics, core: $0.core) } ?? .null),
            ("followup", l.followup.map { StatisticsJSON.json($0.statistics, core: $0.core) } ?? .null),
            ("delta", l.delta.map(deltaJSON) ?? .null), ("delta_core", l.deltaCore.map(deltaJSON) ?? .null),
            ("reference_adjusted_delta_mean_hu", .number(c.referenceAdjustedDeltaMeanHU)),
            ("classified_on", .string(c.classifiedOn.rawValue)),
            ("phenotype", .string(c.phenotype.rawValue)), ("phenotype_by_mean", .string(c.phenotypeByMean.rawValue)),
            ("threshold_hu", .number(c.thresholdHU)), ("response", .string(c.response.rawValue)),
            ("confidence", .string(c.confidence.rawValue)), ("flags", .array(c.flags.map { .string($0.rawValue) })),
        ])
    }

    /// CONTRACT.md's `delta` keys, in order (also the CSV column stems).
    public static let deltaKeys = ["mean_hu", "mean_pct", "median_hu", "volume_ml", "volume_pct", "fraction_lytic", "fraction_sclerotic", "mean_hu_ci95"]

    static func deltaJSON(_ d: DensityDelta) -> JSONValue {
        .object([
            ("mean_hu", .number(d.meanHU)), ("mean_pct", .number(d.meanPercent)), ("median_hu", .number(d.medianHU)),
            ("volume_ml", .number(d.volumeML)), ("volume_pct", .number(d.volumePercent)),
            ("fraction_lytic", .number(d.fractionLytic)), ("fraction_sclerotic", .number(d.fractionSclerotic)),
            ("mean_hu_ci95", d.meanHUCI95.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
        ])
    }
}
