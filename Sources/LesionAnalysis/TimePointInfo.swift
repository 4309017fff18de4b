import DICOMImport
import ResultsModel

extension TimePointInfo {
    /// The time point of an assembled series.
    init(stack: ImageStack, path: String) {
        self.init(header: stack.reference, seriesInstanceUID: stack.seriesInstanceUID, path: path)
    }

    /// The time point of a series known by one plane's header (batch planning).
    init(header r: PlaneHeader, seriesInstanceUID: String, path: String) {
        self.init(patientID: r.patientID, studyDate: Inspection.isoDate(r.studyDate), studyInstanceUID: r.studyInstanceUID,
                  seriesInstanceUID: seriesInstanceUID, path: path, scanProtocol: r.scanProtocol,
                  frameOfReferenceUID: r.frameOfReferenceUID)
    }
}
