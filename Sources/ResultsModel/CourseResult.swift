import DensityKernel
import ResponseClassifier
import VolumeModel

/// One lesion across every time point of a patient's course (`trends[]`; `trend.csv`).
public struct LesionTrend: Sendable {
    public var patientID: String?
    public var lesionID: String
    /// The phenotype at the lesion's first time point.
    public var phenotype: LesionPhenotype
    /// In StudyDate order.
    public var timePoints: [TrendTimePoint]

    public init(patientID: String?, lesionID: String, phenotype: LesionPhenotype, timePoints: [TrendTimePoint]) {
        self.patientID = patientID
        self.lesionID = lesionID
        self.phenotype = phenotype
        self.timePoints = timePoints
    }
}

/// One time point of a ``LesionTrend`` (`trends[].time_points[]`).
public struct TrendTimePoint: Sendable {
    /// StudyDate, `YYYY-MM-DD`.
    public var studyDate: String?
    /// Days from the course's first StudyDate (days).
    public var daysFromFirst: Int?
    public var seriesInstanceUID: String?
    /// Where the ROI came from (`propagated` when drawn on another time point).
    public var source: ROISource?
    /// STATS of the full ROI, nil when not measured at this time point.
    public var statistics: DensityStatistics?
    /// STATS of the core ROI (`statistics.core`).
    public var core: DensityStatistics?
    public var responseFromPrevious: DensityResponse?
    public var responseFromFirst: DensityResponse?
    public var flags: [ResponseFlag]

    public init(studyDate: String?, daysFromFirst: Int?, seriesInstanceUID: String?, source: ROISource?,
                statistics: DensityStatistics?, core: DensityStatistics?, responseFromPrevious: DensityResponse?,
                responseFromFirst: DensityResponse?, flags: [ResponseFlag]) {
        self.studyDate = studyDate
        self.daysFromFirst = daysFromFirst
        self.seriesInstanceUID = seriesInstanceUID
        self.source = source
        self.statistics = statistics
        self.core = core
        self.responseFromPrevious = responseFromPrevious
        self.responseFromFirst = responseFromFirst
        self.flags = flags
    }
}

/// A DICOM object written under `DIR/dicom/` (`dicom_outputs[]`).
public struct DICOMOutputRecord: Sendable {
    /// Path of the object, relative to the output folder.
    public var file: String
    public var sopClassUID: String
    /// `AET@host:port` when sent to a PACS, else nil.
    public var storedTo: String?
    /// `stored`, `failed: …`, or nil when not sent.
    public var status: String?

    public init(file: String, sopClassUID: String, storedTo: String? = nil, status: String? = nil) {
        self.file = file
        self.sopClassUID = sopClassUID
        self.storedTo = storedTo
        self.status = status
    }
}

extension LesionTrend {
    /// The `trends[]` object.
    public var json: JSONValue {
        .object([
            ("patient_id", .string(patientID)), ("lesion_id", .string(lesionID)), ("phenotype", .string(phenotype.rawValue)),
            ("time_points", .array(timePoints.map(\.json))),
        ])
    }
}

extension TrendTimePoint {
    public var json: JSONValue {
        .object([
            ("study_date", .string(studyDate)), ("days_from_first", .int(daysFromFirst)),
            ("series_instance_uid", .string(seriesInstanceUID)), ("source", source.map(SourceJSON.json) ?? .null),
            ("statistics", statistics.map { StatisticsColumns.json($0, core: core) } ?? .null),
            ("response_from_previous", .string(responseFromPrevious?.rawValue)),
            ("response_from_first", .string(responseFromFirst?.rawValue)),
            ("flags", .array(flags.map { .string($0.rawValue) })),
        ])
    }
}

extension DICOMOutputRecord {
    public var json: JSONValue {
        .object([("file", .string(file)), ("sop_class_uid", .string(sopClassUID)), ("stored_to", .string(storedTo)),
                 ("status", .string(status))])
    }
}
