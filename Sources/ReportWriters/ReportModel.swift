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

/// One lesion row of report.html's table, in Docs/Outputs.md's words and units.
public struct ReportLesionRow: Sendable {
    /// Docs/Outputs.md `patient_id` (pseudonymized when asked).
    public var patientID: String
    /// Docs/Outputs.md `lesion_id`.
    public var lesionID: String
    /// Docs/Outputs.md `phenotype`, or nil when there is none (a lesion outlined at follow-up only).
    public var phenotype: LesionPhenotype?
    /// Full-ROI `mean_hu` at each time point, or nil.
    public var baselineMeanHU: Double?
    public var followupMeanHU: Double?
    /// `delta.mean_hu` and `delta.mean_pct`, or nil.
    public var deltaMeanHU: Double?
    public var deltaMeanPercent: Double?
    public var response: DensityResponse
    public var confidence: Confidence
    public var flags: [ResponseFlag]
    /// The panel's path relative to report.html (e.g. `pictures/P001_L1.png`; see ``PictureNames``),
    /// or nil when no picture was drawn.
    public var picture: String?

    public init(
        patientID: String, lesionID: String, phenotype: LesionPhenotype?, baselineMeanHU: Double?,
        followupMeanHU: Double?, deltaMeanHU: Double?, deltaMeanPercent: Double?, response: DensityResponse,
        confidence: Confidence, flags: [ResponseFlag], picture: String?
    ) {
        self.patientID = patientID
        self.lesionID = lesionID
        self.phenotype = phenotype
        self.baselineMeanHU = baselineMeanHU
        self.followupMeanHU = followupMeanHU
        self.deltaMeanHU = deltaMeanHU
        self.deltaMeanPercent = deltaMeanPercent
        self.response = response
        self.confidence = confidence
        self.flags = flags
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

/// Everything report.html shows. Build it from results.json's data; every string is escaped when
/// written, so DICOM values may contain anything.
public struct ReportDocument: Sendable {
    public var title: String
    /// Run information: tool and DCMTK versions, command, input root, date of the run, window, …
    public var runInfo: [ReportField]
    /// Docs/Outputs.md `criteria`: every threshold in force, as key and value text.
    public var criteria: [ReportField]
    public var lesions: [ReportLesionRow]
    public var failures: [ReportFailure]
    /// Pair-level warnings (Docs/Outputs.md `warnings`), as "patient: warning" lines.
    public var warnings: [String]

    public init(
        title: String, runInfo: [ReportField], criteria: [ReportField], lesions: [ReportLesionRow],
        failures: [ReportFailure], warnings: [String] = []
    ) {
        self.title = title
        self.runInfo = runInfo
        self.criteria = criteria
        self.lesions = lesions
        self.failures = failures
        self.warnings = warnings
    }
}
