import DICOMImport
import DensityKernel
import ResponseClassifier
import VolumeModel

/// The study and series of one time point of a pair (CONTRACT.md `baseline` / `followup`).
public struct TimePointInfo: Sendable {
    public var patientID: String?
    /// StudyDate as ISO `YYYY-MM-DD`.
    public var studyDate: String?
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String
    public var path: String
    public var scanProtocol: DICOMImport.ScanProtocol
    public var frameOfReferenceUID: String?

    init(stack: ImageStack, path: String) {
        self.init(header: stack.reference, seriesInstanceUID: stack.seriesInstanceUID, path: path)
    }

    init(header r: PlaneHeader, seriesInstanceUID: String, path: String) {
        patientID = r.patientID
        studyDate = Inspection.isoDate(r.studyDate)
        studyInstanceUID = r.studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.path = path
        scanProtocol = r.scanProtocol
        frameOfReferenceUID = r.frameOfReferenceUID
    }
}

/// CONTRACT.md pair `status`.
public enum PairStatus: String, Sendable {
    case ok, error
    case noROIs = "no_rois"
    case ambiguous
}

/// One lesion of a pair: both time points (or one), the deltas and the classification.
public struct LesionPairResult: Sendable {
    /// CONTRACT.md `lesion_id`: the baseline label (the follow-up's for a follow-up-only lesion).
    public var lesionID: String
    public var baseline: LesionMeasurement?
    public var followup: LesionMeasurement?
    /// Follow-up minus baseline, full ROI (`delta`).
    public var delta: DensityDelta?
    /// Follow-up minus baseline, core ROI (`delta_core`), when both time points have one.
    public var deltaCore: DensityDelta?
    public var classification: LesionClassification
}

/// One pair of studies analysed (CONTRACT.md `pairs[]`).
public struct PairResult: Sendable {
    public var patientID: String?
    public var baseline: TimePointInfo?
    public var followup: TimePointInfo?
    /// Calendar days between the two StudyDates.
    public var intervalDays: Int?
    /// Days from therapy start to the follow-up StudyDate.
    public var daysFromTherapyStart: Int?
    public var status: PairStatus
    public var error: String?
    public var warnings: [String]
    public var lesions: [LesionPairResult]
    /// Lesions that could not be measured at either time point (named in the output and on stderr).
    public var failures: [LesionFailure]
    /// The HU bands the fractions and phenotypes of this pair use (shifted by a reference ROI when
    /// the criteria say so).
    public var bands: HUBands?
    /// Relative path of each lesion's picture (by lesion_id), when pictures were drawn.
    public var pictures: [String: String] = [:]

    /// A pair that failed as a whole.
    public static func failed(_ status: PairStatus, _ message: String, patientID: String? = nil,
                              baseline: TimePointInfo? = nil, followup: TimePointInfo? = nil) -> PairResult {
        PairResult(patientID: patientID, baseline: baseline, followup: followup, intervalDays: nil, daysFromTherapyStart: nil,
                   status: status, error: message, warnings: [], lesions: [], failures: [], bands: nil)
    }
}
