import ResponseClassifier

/// results.json of `analyze` and `batch` as typed values: the tool, the criteria in force, the
/// pairs, the patients not paired, run-level warnings, lesion trends over courses, the DICOM
/// objects written and the shard. Every writer (JSON, CSV, report.html, the terminal table) reads it.
public struct ResultsDocument: Sendable {
    public var tool: ToolDescription
    /// Every threshold in force (`criteria`).
    public var criteria: ResponseCriteria
    /// The IBSI re-segmentation range in force (HU), or nil.
    public var resegmentationRange: ClosedRange<Double>?
    public var pairs: [PairResult]
    public var unpaired: [UnpairedStudy]
    /// Problems not tied to one pair.
    public var warnings: [ResultWarning]
    /// One per lesion of a course of time points (`trends`).
    public var trends: [LesionTrend]
    /// DICOM objects written under `DIR/dicom/` (`dicom_outputs`).
    public var dicomOutputs: [DICOMOutputRecord]
    /// `K/N` when written by a shard.
    public var shard: String?

    public init(tool: ToolDescription, criteria: ResponseCriteria, resegmentationRange: ClosedRange<Double>? = nil,
                pairs: [PairResult], unpaired: [UnpairedStudy] = [], warnings: [ResultWarning] = [],
                trends: [LesionTrend] = [], dicomOutputs: [DICOMOutputRecord] = [], shard: String? = nil) {
        self.tool = tool
        self.criteria = criteria
        self.resegmentationRange = resegmentationRange
        self.pairs = pairs
        self.unpaired = unpaired
        self.warnings = warnings
        self.trends = trends
        self.dicomOutputs = dicomOutputs
        self.shard = shard
    }

    /// The document's keys, in order.
    public static var columns: [ResultColumn<ResultsDocument>] {
        [
            .init("schema_version", .dimensionless) { _ in .int(ToolDescription.schemaVersion) },
            .init("tool", .object) { $0.tool.json },
            .init("criteria", .object) { CriteriaJSON.json($0.criteria) },
            .init("resegmentation_range_hu", .hu) { rangeJSON($0.resegmentationRange) },
            .init("pairs", .list) { .array($0.pairs.map { PairColumns.jsonColumns.object($0) }) },
            .init("unpaired", .list) { .array($0.unpaired.map(unpairedJSON)) },
            .init("warnings", .list) { .array($0.warnings.map { .string($0.description) }) },
            .init("trends", .list) { .array($0.trends.map(\.json)) },
            .init("dicom_outputs", .list) { .array($0.dicomOutputs.map(\.json)) },
            .init("shard", .text, \.shard),
        ]
    }

    /// The results.json value.
    public var json: JSONValue { Self.columns.object(self) }

    /// The results.json text (two-space indentation, a final newline).
    public var jsonText: String { json.serialized() + "\n" }

    /// The results.csv text.
    public var csvText: String { ResultsCSV.text(pairs) }

    static func unpairedJSON(_ u: UnpairedStudy) -> JSONValue {
        .object([("patient_id", .string(u.patientID)), ("study_date", .string(u.studyDate)),
                 ("study_instance_uid", .string(u.studyInstanceUID)), ("reason", .string(u.reason))])
    }

    /// `[lo, hi]` or null.
    public static func rangeJSON(_ r: ClosedRange<Double>?) -> JSONValue {
        r.map { .array([.number(Optional($0.lowerBound)), .number(Optional($0.upperBound))]) } ?? .null
    }
}
