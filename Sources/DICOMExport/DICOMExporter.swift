internal import CDICOMExportBridge
import Foundation
import VolumeModel

/// SOP Class UIDs of the objects we write (PS3.4 B.5).
public enum ExportSOPClass {
    public static let enhancedSR = "1.2.840.10008.5.1.4.1.1.88.22"
    public static let segmentation = "1.2.840.10008.5.1.4.1.1.66.4"
    public static let spatialRegistration = "1.2.840.10008.5.1.4.1.1.66.1"
}

/// A DICOM object we wrote: the path given and its SOP Class (results.json `dicom_outputs`).
public struct DICOMOutputFile: Sendable, Equatable {
    public let file: String
    public let sopClassUID: String

    public init(file: String, sopClassUID: String) {
        self.file = file
        self.sopClassUID = sopClassUID
    }
}

/// One patient's time point: the CT measured and its lesions.
public struct TimePointExport: Sendable {
    /// PatientID as the outputs carry it (the pseudonym with `--pseudonymize`): the tracking UIDs
    /// derive from it.
    public var patientID: String
    /// Whether PatientID/PatientName are replaced by ``patientID`` and PatientBirthDate emptied.
    public var pseudonymized: Bool
    /// StudyDate as `YYYY-MM-DD` (the SR's Time Point, TID 1502), if known.
    public var studyDate: String?
    public var ct: CTSeriesReference
    public var lesions: [LesionExport]

    public init(patientID: String, pseudonymized: Bool, studyDate: String?, ct: CTSeriesReference,
                lesions: [LesionExport]) {
        self.patientID = patientID
        self.pseudonymized = pseudonymized
        self.studyDate = studyDate
        self.ct = ct
        self.lesions = lesions
    }
}

/// A computed rigid transform between a patient's baseline and follow-up frames of reference.
public struct RegistrationExport: Sendable {
    public var baseline: CTSeriesReference
    public var followup: CTSeriesReference
    /// Row-major 4×4 (LPS mm) mapping follow-up patient points to baseline patient points.
    public var baselineFromFollowup: [Double]
    /// Non-nil: PatientID and PatientName become this and PatientBirthDate is emptied.
    public var pseudonym: String?

    public init(baseline: CTSeriesReference, followup: CTSeriesReference, baselineFromFollowup: [Double],
                pseudonym: String?) {
        self.baseline = baseline
        self.followup = followup
        self.baselineFromFollowup = baselineFromFollowup
        self.pseudonym = pseudonym
    }
}

/// Writes LesionDensity's DICOM outputs (Docs/Outputs.md "DICOM outputs"; Docs/Outputs.md): per time
/// point an Enhanced SR (TID 1500) and a SEG of the ROIs that were not a SEG already; per computed
/// transform a Spatial Registration. Every object has new SOP Instance and Series Instance UIDs,
/// Manufacturer ``ObjectIdentity/manufacturer``, and is written atomically.
public struct DICOMExporter: Sendable {
    /// SeriesNumber of our SR, SEG and REG series.
    public static let reportSeriesNumber = 9901, segmentationSeriesNumber = 9902, registrationSeriesNumber = 9903

    public let softwareVersion: String

    public init(softwareVersion: String) {
        self.softwareVersion = softwareVersion
    }

    /// Writes the time point's SEG (when a lesion is a mask) to `segmentationPath` and its SR to
    /// `reportPath`; lesions without voxels or values are left out of both.
    /// - Returns: the files written (SEG first, then SR).
    /// - Throws: ``DICOMExportError`` naming the file when DCMTK cannot write it.
    public func write(_ timePoint: TimePointExport, reportPath: String, segmentationPath: String) throws
        -> [DICOMOutputFile]
    {
        var written: [DICOMOutputFile] = []
        let pseudonym = timePoint.pseudonymized ? timePoint.patientID : nil
        var segments: [Int: ExistingSegment] = [:]
        let masks = timePoint.lesions.enumerated().compactMap { item -> (Int, LesionMask)? in
            if case .mask(let mask) = item.element.region, mask.voxelCount > 0 { return (item.offset, mask) }
            return nil
        }
        if !masks.isEmpty {
            let identity = ObjectIdentity(seriesNumber: Self.segmentationSeriesNumber,
                                          seriesDescription: "LesionDensity lesion ROIs",
                                          softwareVersion: softwareVersion, pseudonym: pseudonym)
            let numbers = try SegmentationWriter.write(
                masks.map { (timePoint.lesions[$0.0].lesionID, $0.1) }, patientID: timePoint.patientID,
                ct: timePoint.ct, identity: identity, path: segmentationPath)
            for ((index, _), number) in zip(masks, numbers) {
                segments[index] = ExistingSegment(
                    studyInstanceUID: timePoint.ct.studyInstanceUID, seriesInstanceUID: identity.seriesInstanceUID,
                    sopClassUID: ExportSOPClass.segmentation, sopInstanceUID: identity.sopInstanceUID,
                    segmentNumber: number)
            }
            written.append(DICOMOutputFile(file: segmentationPath, sopClassUID: ExportSOPClass.segmentation))
        }
        for (index, lesion) in timePoint.lesions.enumerated() {
            if case .existingSegment(let segment) = lesion.region { segments[index] = segment }
        }
        let identity = ObjectIdentity(seriesNumber: Self.reportSeriesNumber,
                                      seriesDescription: "LesionDensity measurement report",
                                      softwareVersion: softwareVersion, pseudonym: pseudonym)
        try MeasurementReportWriter.write(timePoint, segments: segments, identity: identity, path: reportPath)
        written.append(DICOMOutputFile(file: reportPath, sopClassUID: ExportSOPClass.enhancedSR))
        return written
    }

    /// Writes one Spatial Registration object (PS3.3 A.39) to `path`: its own frame of reference is
    /// the baseline's; the follow-up item's matrix is `baselineFromFollowup` (PS3.3 C.20.2.1.1).
    /// - Throws: ``DICOMExportError`` when the matrix is not rigid (orthonormal rotation, last row
    ///   0 0 0 1) or the file cannot be written.
    public func write(_ registration: RegistrationExport, path: String) throws -> DICOMOutputFile {
        guard registration.baselineFromFollowup.count == 16 else {
            throw DICOMExportError(file: path, message: "the registration matrix needs 16 values")
        }
        let identity = ObjectIdentity(seriesNumber: Self.registrationSeriesNumber,
                                      seriesDescription: "LesionDensity registration",
                                      softwareVersion: softwareVersion, pseudonym: registration.pseudonym)
        let arena = CStringArena()
        var info = arena.objectInfo(identity, sourceFile: registration.baseline.sourceFile)
        var baseline = arena.seriesRef(registration.baseline)
        var followup = arena.seriesRef(registration.followup)
        var type = arena.code(ExportCodes.imageContentBasedAlignment)
        try bridgeCall(file: path) { message, size in
            registration.baselineFromFollowup.withUnsafeBufferPointer { matrix in
                CDICOMExportBridge_registration_write(&info, &baseline, &followup, matrix.baseAddress!, &type, path, message, size)
            }
        }
        return DICOMOutputFile(file: path, sopClassUID: ExportSOPClass.spatialRegistration)
    }
}
