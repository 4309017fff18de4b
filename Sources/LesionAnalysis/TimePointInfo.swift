import DICOMImport
import ResultsModel

extension TimePointInfo {
    /// The time point of an assembled series.
    init(stack: ImageStack, path: String) {
        self.init(header: stack.reference, seriesInstanceUID: stack.seriesInstanceUID, path: path)
    }

    /// The time point of a series known by one plane's header (batch planning).
    init(header r: PlaneHeader, seriesInstanceUID: String, path: String) {
        // StudyDate, or the fallback date the time point is placed by (TimePointDate).
        self.init(patientID: r.patientID, studyDate: TimePointDate(r)?.iso ?? Inspection.isoDate(r.studyDate), studyInstanceUID: r.studyInstanceUID,
                  seriesInstanceUID: seriesInstanceUID, path: path, scanProtocol: r.scanProtocol,
                  frameOfReferenceUID: r.frameOfReferenceUID)
    }
}
