import ResponseClassifier
import VolumeModel

/// The study and series of one time point of a pair (`baseline` / `followup`).
public struct TimePointInfo: Sendable {
    /// PatientID as written (the pseudonym once pseudonymized).
    public var patientID: String?
    /// StudyDate as ISO `YYYY-MM-DD`.
    public var studyDate: String?
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String
    /// The series path as the user gave it (or as discovery found it under ROOT).
    public var path: String
    /// KVP, ConvolutionKernel, SliceThickness, ContrastBolusAgent, Manufacturer, model (`protocol`).
    public var scanProtocol: ScanProtocol
    /// FrameOfReferenceUID of the series (not written; used to decide registration).
    public var frameOfReferenceUID: String?

    public init(patientID: String?, studyDate: String?, studyInstanceUID: String?, seriesInstanceUID: String,
                path: String, scanProtocol: ScanProtocol, frameOfReferenceUID: String?) {
        self.patientID = patientID
        self.studyDate = studyDate
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.path = path
        self.scanProtocol = scanProtocol
        self.frameOfReferenceUID = frameOfReferenceUID
    }
}

/// A pair's `status`.
public enum PairStatus: String, Sendable, CaseIterable {
    case ok, error
    case noROIs = "no_rois"
    case ambiguous
}

/// One pair of studies analysed (`pairs[]`).
public struct PairResult: Sendable {
    public var patientID: String?
    public var baseline: TimePointInfo?
    public var followup: TimePointInfo?
    /// Calendar days between the two StudyDates (days).
    public var intervalDays: Int?
    /// Days from therapy start to the follow-up StudyDate (days).
    public var daysFromTherapyStart: Int?
    public var status: PairStatus
    /// Why the pair failed, naming the file and the reason; nil when `status` is `ok`.
    public var error: String?
    public var warnings: [ResultWarning]
    public var lesions: [LesionPairResult]
    /// Lesions that could not be measured at either time point (`errors`).
    public var failures: [LesionFailure]
    /// The reference ROI measured at both time points (`reference`), nil without one.
    public var reference: ReferenceResult?
    /// The HU bands the fractions and phenotypes of this pair use (shifted by a reference ROI when
    /// the criteria say so). Not written; report.html shows them.
    public var bands: HUBands?
    /// Relative path of each lesion's picture (by lesion_id), when pictures were drawn.
    public var pictures: [String: String] = [:]
    /// The request itself was wrong (e.g. one series as baseline and follow-up): `analyze` exits 2.
    /// Not written.
    public var isUsageError = false

    public init(patientID: String?, baseline: TimePointInfo?, followup: TimePointInfo?, intervalDays: Int?,
                daysFromTherapyStart: Int?, status: PairStatus, error: String?, warnings: [ResultWarning],
                lesions: [LesionPairResult], failures: [LesionFailure], reference: ReferenceResult? = nil, bands: HUBands?) {
        self.patientID = patientID
        self.baseline = baseline
        self.followup = followup
        self.intervalDays = intervalDays
        self.daysFromTherapyStart = daysFromTherapyStart
        self.status = status
        self.error = error
        self.warnings = warnings
        self.lesions = lesions
        self.failures = failures
        self.reference = reference
        self.bands = bands
    }

    /// A pair that failed as a whole.
    public static func failed(_ status: PairStatus, _ message: String, patientID: String? = nil,
                              baseline: TimePointInfo? = nil, followup: TimePointInfo? = nil) -> PairResult {
        PairResult(patientID: patientID, baseline: baseline, followup: followup, intervalDays: nil, daysFromTherapyStart: nil,
                   status: status, error: message, warnings: [], lesions: [], failures: [], bands: nil)
    }
}

/// A patient's study listed but not paired (`unpaired[]`; batch: one study only).
public struct UnpairedStudy: Sendable {
    public var patientID: String
    public var studyDate: String?
    public var studyInstanceUID: String
    public var reason: String

    public init(patientID: String, studyDate: String?, studyInstanceUID: String, reason: String) {
        self.patientID = patientID
        self.studyDate = studyDate
        self.studyInstanceUID = studyInstanceUID
        self.reason = reason
    }
}

extension PairResult {
    /// The pair's `error` unless it only restates one of its lesion failures ("no lesion could be
    /// measured: FILE: …", which the failure's own line already names): what a console or table
    /// prints besides the failures, so each problem appears once.
    public var errorBeyondFailures: String? {
        guard let error else { return nil }
        return failures.contains { error.hasSuffix($0.line) } ? nil : error
    }
}
