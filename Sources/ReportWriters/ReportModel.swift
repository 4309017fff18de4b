import ResponseClassifier

/// One key/value line of report.html (run information, criteria in force).
public struct ReportField: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// One time point of a lesion's trend (mean HU over every time point of its course).
public struct ReportTrendPoint: Sendable, Equatable {
    /// StudyDate `YYYY-MM-DD`.
    public var studyDate: String
    /// Days from the first time point of the course.
    public var daysFromFirst: Int?
    /// Full-ROI `mean_hu`, nil when not measured there.
    public var meanHU: Double?

    public init(studyDate: String, daysFromFirst: Int?, meanHU: Double?) {
        self.studyDate = studyDate
        self.daysFromFirst = daysFromFirst
        self.meanHU = meanHU
    }
}

/// One lesion row of report.html's table, in Docs/Outputs.md's words and units.
public struct ReportLesionRow: Sendable {
    /// `patient_id` (pseudonymized when asked).
    public var patientID: String
    /// `lesion_id`.
    public var lesionID: String
    /// The pair's StudyDates (`baseline.study_date`, `followup.study_date`) and `interval_days`.
    public var baselineDate: String?
    public var followupDate: String?
    public var intervalDays: Int?
    /// `phenotype`, or nil when there is none (a lesion outlined at follow-up only).
    public var phenotype: LesionPhenotype?
    /// Full-ROI `mean_hu` at each time point, or nil.
    public var baselineMeanHU: Double?
    public var followupMeanHU: Double?
    /// `delta.mean_hu` and `delta.mean_pct`, or nil.
    public var deltaMeanHU: Double?
    public var deltaMeanPercent: Double?
    /// `delta_core.mean_hu`, or nil.
    public var deltaCoreMeanHU: Double?
    /// `threshold_hu`: the minimum meaningful |Δ| in HU, or nil.
    public var thresholdHU: Double?
    /// Full-ROI `volume_ml` at each time point, or nil.
    public var baselineVolumeML: Double?
    public var followupVolumeML: Double?
    public var response: DensityResponse
    public var confidence: Confidence
    public var flags: [ResponseFlag]
    /// The pair's reference ROI as one line (label, mean HU at both time points, its Δ), or nil.
    public var reference: String?
    /// The lesion's mean HU over every time point of its course (`trends`); drawn when ≥ 2 points.
    public var trend: [ReportTrendPoint]
    /// The panel's path relative to report.html (e.g. `pictures/P001_L1.png`; see ``PictureNames``),
    /// or nil when no picture was drawn.
    public var picture: String?

    public init(
        patientID: String, lesionID: String, baselineDate: String? = nil, followupDate: String? = nil,
        intervalDays: Int? = nil, phenotype: LesionPhenotype?, baselineMeanHU: Double?, followupMeanHU: Double?,
        deltaMeanHU: Double?, deltaMeanPercent: Double?, deltaCoreMeanHU: Double? = nil, thresholdHU: Double? = nil,
        baselineVolumeML: Double? = nil, followupVolumeML: Double? = nil, response: DensityResponse,
        confidence: Confidence, flags: [ResponseFlag], reference: String? = nil, trend: [ReportTrendPoint] = [],
        picture: String?
    ) {
        self.patientID = patientID
        self.lesionID = lesionID
        self.baselineDate = baselineDate
        self.followupDate = followupDate
        self.intervalDays = intervalDays
        self.phenotype = phenotype
        self.baselineMeanHU = baselineMeanHU
        self.followupMeanHU = followupMeanHU
        self.deltaMeanHU = deltaMeanHU
        self.deltaMeanPercent = deltaMeanPercent
        self.deltaCoreMeanHU = deltaCoreMeanHU
        self.thresholdHU = thresholdHU
        self.baselineVolumeML = baselineVolumeML
        self.followupVolumeML = followupVolumeML
        self.response = response
        self.confidence = confidence
        self.flags = flags
        self.reference = reference
        self.trend = trend
        self.picture = picture
    }
}

/// A pair that was not measured (Docs/Outputs.md `status` other than `ok`), with its error.
public struct ReportFailure: Sendable, Equatable {
    public var patientID: String
    /// Docs/Outputs.md `status`: `error`, `no_rois` or `ambiguous`.
    public var status: String
    /// Docs/Outputs.md `error`: the message naming the file and the reason.
    public var message: String

    public init(patientID: String, status: String, message: String) {
        self.patientID = patientID
        self.status = status
        self.message = message
    }
}

/// One pair of report.html's pair table: who, the two StudyDates, the interval, the status.
public struct ReportPairRow: Sendable, Equatable {
    public var patientID: String
    public var baselineDate: String?
    public var followupDate: String?
    public var intervalDays: Int?
    /// `status`: `ok`, `error`, `no_rois` or `ambiguous`.
    public var status: String
    public var lesionCount: Int

    public init(patientID: String, baselineDate: String?, followupDate: String?, intervalDays: Int?, status: String,
                lesionCount: Int) {
        self.patientID = patientID
        self.baselineDate = baselineDate
        self.followupDate = followupDate
        self.intervalDays = intervalDays
        self.status = status
        self.lesionCount = lesionCount
    }
}

/// Everything report.html shows. Build it from the results model; every string is escaped when
/// written, so DICOM values may contain anything.
public struct ReportDocument: Sendable {
    public var title: String
    /// Run information: tool version, command, date of the run, …
    public var runInfo: [ReportField]
    /// `criteria`: every threshold in force, as key and value text.
    public var criteria: [ReportField]
    public var pairs: [ReportPairRow]
    public var lesions: [ReportLesionRow]
    public var failures: [ReportFailure]
    /// Run and pair warnings (`warnings`), as "patient: code: message" lines.
    public var warnings: [String]
    /// The warning codes that occur, explained in the glossary.
    public var warningCodes: [String]

    public init(
        title: String, runInfo: [ReportField], criteria: [ReportField], pairs: [ReportPairRow] = [],
        lesions: [ReportLesionRow], failures: [ReportFailure], warnings: [String] = [], warningCodes: [String] = []
    ) {
        self.title = title
        self.runInfo = runInfo
        self.criteria = criteria
        self.pairs = pairs
        self.lesions = lesions
        self.failures = failures
        self.warnings = warnings
        self.warningCodes = warningCodes
    }
}
