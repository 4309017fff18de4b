import DensityKernel
import ResponseClassifier

/// The keys of a lesion of a pair, each defined once: the JSON lesion object (``jsonColumns``) and
/// the CSV row (``ResultsCSV``) pick from these.
public enum LesionColumns {
    public typealias Column = ResultColumn<LesionPairResult>

    public static let lesionID = Column("lesion_id", .text, \.lesionID)
    public static let baselineSource = Column("baseline_source", .object) { $0.baseline.map { SourceJSON.json($0.source) } ?? .null }
    public static let followupSource = Column("followup_source", .object) { $0.followup.map { SourceJSON.json($0.source) } ?? .null }
    public static let baseline = Column("baseline", .object) { $0.baseline?.statisticsJSON ?? .null }
    public static let followup = Column("followup", .object) { $0.followup?.statisticsJSON ?? .null }
    public static let delta = Column("delta", .object) { $0.delta.map { DeltaColumns.columns.object($0) } ?? .null }
    public static let deltaCore = Column("delta_core", .object) { $0.deltaCore.map { DeltaColumns.columns.object($0) } ?? .null }
    public static let referenceAdjustedDelta = Column("reference_adjusted_delta_mean_hu", .hu) {
        .number($0.classification.referenceAdjustedDeltaMeanHU)
    }
    public static let classifiedOn = Column("classified_on", .text) { .string($0.classification.classifiedOn.rawValue) }
    public static let phenotype = Column("phenotype", .text) { .string($0.classification.phenotype.rawValue) }
    public static let phenotypeByMean = Column("phenotype_by_mean", .text) { .string($0.classification.phenotypeByMean.rawValue) }
    public static let phenotypeAtPairBaseline = Column("phenotype_at_pair_baseline", .text) { .string($0.phenotypeAtPairBaseline?.rawValue) }
    public static let threshold = Column("threshold_hu", .hu) { .number($0.classification.thresholdHU) }
    public static let response = Column("response", .text) { .string($0.classification.response.rawValue) }
    public static let confidence = Column("confidence", .text) { .string($0.classification.confidence.rawValue) }
    public static let flags = Column("flags", .list) { .array($0.classification.flags.map { .string($0.rawValue) }) }
    public static let registration = Column("registration", .object) { $0.registration?.json ?? .null }

    /// The lesion object of `pairs[].lesions[]`, in order.
    public static var jsonColumns: [Column] {
        [lesionID, baselineSource, followupSource, baseline, followup, delta, deltaCore, referenceAdjustedDelta,
         classifiedOn, phenotype, phenotypeByMean, phenotypeAtPairBaseline, threshold, response, confidence, flags,
         registration]
    }

    /// The columns of a registration in results.csv (`registration_` + key).
    public static var registrationCSVColumns: [ResultColumn<RegistrationResult>] {
        [
            .init("method", .text) { .string($0.method.rawValue) },
            .init("translation_mm", .list) { .array($0.translationMM.map { .number(Optional($0)) }) },
            .init("rotation_deg", .degrees, \.rotationDegrees),
            .init("similarity", .dimensionless, \.similarity),
        ]
    }
}

/// The keys of a time point of a pair (`baseline` / `followup`).
public enum TimePointColumns {
    public static var columns: [ResultColumn<TimePointInfo>] {
        [
            .init("study_date", .date, \.studyDate),
            .init("study_instance_uid", .uid, \.studyInstanceUID),
            .init("series_instance_uid", .uid, \.seriesInstanceUID),
            .init("path", .path, \.path),
            .init("protocol", .object) { ProtocolJSON.json($0.scanProtocol) },
        ]
    }
}

/// The keys of a pair (`pairs[]`).
public enum PairColumns {
    public typealias Column = ResultColumn<PairResult>

    public static let patientID = Column("patient_id", .text, \.patientID)
    public static let intervalDays = Column("interval_days", .days, \.intervalDays)
    public static let status = Column("status", .text) { .string($0.status.rawValue) }
    public static let error = Column("error", .text, \.error)
    public static let warnings = Column("warnings", .list) { .array($0.warnings.map { .string($0.description) }) }

    /// The pair object, in order.
    public static var jsonColumns: [Column] {
        [
            patientID,
            .init("baseline", .object) { $0.baseline.map { TimePointColumns.columns.object($0) } ?? .null },
            .init("followup", .object) { $0.followup.map { TimePointColumns.columns.object($0) } ?? .null },
            intervalDays,
            .init("days_from_therapy_start", .days, \.daysFromTherapyStart),
            status, error, warnings,
            .init("lesions", .list) { .array($0.lesions.map { LesionColumns.jsonColumns.object($0) }) },
            .init("errors", .list) { .array($0.failures.map(\.json)) },
            .init("reference", .object) { $0.reference?.json ?? .null },
        ]
    }
}
