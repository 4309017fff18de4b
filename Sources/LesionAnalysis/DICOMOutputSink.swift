import DICOMExport
import DICOMImport
import Foundation
import ReportWriters
import ResultsModel
import VolumeModel

/// Where a run's DICOM outputs go (`--out DIR` → `DIR/dicom/`; Docs/Outputs.md "DICOM outputs";
/// Docs/Outputs.md): per patient and time point an Enhanced SR (TID 1500) and a SEG of the ROIs
/// that were not a SEG already, per computed transform a REG. Folder and file names are built from
/// the PatientID as the results report it (the pseudonym with `--pseudonymize`), sanitized.
///
/// A time point that is the follow-up of a pair carries that pair's responses; one that is only a
/// baseline carries none. An object that cannot be written is a warning (`dicom_not_written`),
/// never a changed number.
public final class DICOMOutputSink: @unchecked Sendable {
    public let outFolder: String
    private let pseudonymized: Bool
    private let reportedPatientID: @Sendable (String?) -> String?
    private let exporter = DICOMExporter(softwareVersion: ToolDescription.version)
    private let lock = NSLock()
    /// Held while an SR and its SEG are written, so that two pairs sharing a time point never
    /// interleave their files.
    private let writing = NSLock()
    private var written: [String: DICOMOutputRecord] = [:]
    private var order: [String] = []
    /// The PatientID written into each object (the pseudonym with `--pseudonymize`), by file.
    private var patientIDs: [String: String] = [:]
    /// SeriesInstanceUIDs whose SR was written, and whether as a pair's follow-up.
    private var roles: [String: Bool] = [:]
    private var problemList: [ResultWarning] = []

    /// - Parameters:
    ///   - pseudonymized: PatientID/PatientName replaced by `reportedPatientID`, PatientBirthDate emptied.
    ///   - reportedPatientID: the PatientID as results show it.
    public init(outFolder: String, pseudonymized: Bool,
                reportedPatientID: @escaping @Sendable (String?) -> String? = { $0 }) {
        self.outFolder = outFolder
        self.pseudonymized = pseudonymized
        self.reportedPatientID = reportedPatientID
    }

    /// The objects written (results.json `dicom_outputs`), paths relative to the output folder.
    public var records: [DICOMOutputRecord] {
        lock.lock(); defer { lock.unlock() }
        return order.compactMap { written[$0] }
    }

    /// Objects that could not be written (`dicom_not_written`), each naming the file and the reason.
    public var problems: [ResultWarning] {
        lock.lock(); defer { lock.unlock() }
        return problemList
    }

    /// Writes the SR and SEG of both time points of a finished pair.
    func add(_ result: PairResult, baseline: TimePointMeasurement, followup: TimePointMeasurement) {
        let byKey = Dictionary(result.lesions.map { (LesionMatching.key($0.lesionID), $0) }, uniquingKeysWith: { a, _ in a })
        writing.lock(); defer { writing.unlock() }
        if roles[baseline.stack.seriesInstanceUID] == nil {
            roles[baseline.stack.seriesInstanceUID] = false
            writeTimePoint(baseline, patientID: result.patientID, lesions: byKey, isFollowup: false)
        }
        roles[followup.stack.seriesInstanceUID] = true
        writeTimePoint(followup, patientID: result.patientID, lesions: byKey, isFollowup: true)
    }

    /// Writes one computed rigid transform (a lesion's local registration) as a Spatial
    /// Registration object `dicom/<patient>/REG_<baseline>_to_<follow-up>_<lesion>.dcm` whose own
    /// frame of reference is the baseline's (PS3.3 C.20.2.1.1; DESIGN.md). Called once per
    /// computed transform; identity and REG inputs are never written.
    /// - Parameters:
    ///   - baseline: the series whose frame the REG is expressed in (the fixed image).
    ///   - followup: the series the transform maps from (the moving image).
    ///   - baselineFromFollowup: row-major 4×4, LPS mm, mapping follow-up points to baseline points.
    /// - Returns: the REG's path relative to the output folder (for `registration.file`), or nil
    ///   when it could not be written (then a `dicom_not_written` warning says why).
    public func addRegistration(patientID: String?, lesionID: String, baseline: ImageStack, followup: ImageStack,
                                baselineFromFollowup: [Double]) -> String? {
        let reported = reportedPatientID(patientID)
        let name = "REG_\(timePointName(baseline))_to_\(timePointName(followup))_\(PictureNames.sanitize(lesionID))"
        let relative = "\(patientFolder(reported))/\(name).dcm"
        do {
            let registration = RegistrationExport(
                baseline: try Self.reference(baseline), followup: try Self.reference(followup),
                baselineFromFollowup: baselineFromFollowup, pseudonym: pseudonymized ? reported : nil)
            try createFolder(for: relative)
            let file = try exporter.write(registration, path: absolute(relative))
            record(relative, file.sopClassUID, patientID: reported)
            return relative
        } catch {
            report(relative, error)
            return nil
        }
    }

    private func writeTimePoint(_ m: TimePointMeasurement, patientID: String?, lesions: [String: LesionPairResult],
                                isFollowup: Bool) {
        let reported = reportedPatientID(patientID ?? m.stack.reference.patientID)
        let folder = "\(patientFolder(reported))/\(timePointName(m.stack))"
        let exports: [LesionExport] = m.lesions.compactMap { lesion in
            guard !lesion.mask.isReference, let paired = lesions[LesionMatching.key(lesion.label)] else { return nil }
            let s = lesion.statistics
            return LesionExport(
                lesionID: paired.lesionID, region: region(of: lesion), meanHU: s.mean, medianHU: s.median,
                sdHU: s.standardDeviation, minHU: s.minimum, maxHU: s.maximum, volumeML: s.volumeML,
                phenotype: paired.classification.phenotype.rawValue,
                response: isFollowup ? paired.classification.response.rawValue : nil)
        }
        guard !exports.isEmpty else { return }
        do {
            let timePoint = TimePointExport(
                patientID: reported ?? "", pseudonymized: pseudonymized,
                studyDate: Inspection.isoDate(m.stack.reference.studyDate), ct: try Self.reference(m.stack), lesions: exports)
            try createFolder(for: folder + "/SR.dcm")
            let files = try exporter.write(timePoint, reportPath: absolute(folder + "/SR.dcm"),
                                           segmentationPath: absolute(folder + "/SEG.dcm"))
            for file in files {
                record(folder + "/" + (file.file as NSString).lastPathComponent, file.sopClassUID, patientID: reported ?? "")
            }
        } catch {
            report(folder, error)
        }
    }

    /// A SEG input drawn on this CT is referenced as it is; every other ROI (sphere, box, RTSTRUCT,
    /// label map, or any ROI carried from another time point) becomes a segment of our SEG.
    private func region(of lesion: LesionMeasurement) -> LesionExport.Region {
        let mask = lesion.mask
        guard lesion.carried == nil, mask.source.kind == .seg, let number = mask.source.segmentNumber,
              case .roiObject(let header)? = try? Discovery.scan(file: mask.source.file),
              let study = header.studyInstanceUID, let series = header.seriesInstanceUID, !header.sopInstanceUID.isEmpty
        else { return .mask(mask) }
        return .existingSegment(ExistingSegment(studyInstanceUID: study, seriesInstanceUID: series,
                                                sopClassUID: SOPClass.segmentation,
                                                sopInstanceUID: header.sopInstanceUID, segmentNumber: number))
    }

    /// The CT as our writers reference it.
    static func reference(_ stack: ImageStack) throws -> CTSeriesReference {
        let first = stack.reference
        guard let study = first.studyInstanceUID, let frame = first.frameOfReferenceUID else {
            throw DICOMExportError(file: first.path, message: "the CT has no StudyInstanceUID or FrameOfReferenceUID")
        }
        let multiFrame = Set(stack.planes.map(\.sopInstanceUID)).count < stack.planes.count
        return CTSeriesReference(
            studyInstanceUID: study, seriesInstanceUID: stack.seriesInstanceUID, frameOfReferenceUID: frame,
            sopClassUID: first.sopClassUID, sourceFile: first.path,
            planes: stack.planes.map { ($0.sopInstanceUID, multiFrame ? $0.frame + 1 : 0) }, geometry: stack.geometry,
            sliceThicknessMM: first.scanProtocol.sliceThicknessMM)
    }

    /// `dicom/<PatientID>`, sanitized.
    private func patientFolder(_ reported: String?) -> String {
        "dicom/" + PictureNames.sanitize(reported ?? "unknown")
    }

    /// `<StudyDate>_<8 hex digits of the series>`: readable, and one folder per series on every rerun.
    private func timePointName(_ stack: ImageStack) -> String {
        let date = Inspection.isoDate(stack.reference.studyDate) ?? "undated"
        var hash: UInt32 = 2_166_136_261  // FNV-1a: a stable short name, not a security measure
        for byte in stack.seriesInstanceUID.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return PictureNames.sanitize(date) + "_" + String(format: "%08x", hash)
    }

    func absolute(_ relative: String) -> String { (outFolder as NSString).appendingPathComponent(relative) }

    private func createFolder(for relative: String) throws {
        try FileManager.default.createDirectory(atPath: (absolute(relative) as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
    }

    private func record(_ relative: String, _ sopClassUID: String, patientID: String?) {
        lock.lock(); defer { lock.unlock() }
        if written[relative] == nil { order.append(relative) }
        written[relative] = DICOMOutputRecord(file: relative, sopClassUID: sopClassUID)
        patientIDs[relative] = patientID
    }

    private func report(_ relative: String, _ error: Error) {
        report(ResultWarning(.dicomNotWritten, "\(relative): \(error)"))
    }

    /// Adds a run warning about the outputs (`dicom_not_written`, `dicom_not_stored`).
    func report(_ warning: ResultWarning) {
        lock.lock(); defer { lock.unlock() }
        problemList.append(warning)
    }

    /// Whether PatientID and PatientName of the objects were replaced by the pseudonym.
    var isPseudonymized: Bool { pseudonymized }

    /// The PatientID written into `file` (a ``records`` path): the pseudonym with `--pseudonymize`.
    func writtenPatientID(_ file: String) -> String? {
        lock.lock(); defer { lock.unlock() }
        return patientIDs[file]
    }

    /// Records where an object was sent and how it went (`stored_to`, `status`).
    func setStored(_ file: String, to node: String, status: String) {
        lock.lock(); defer { lock.unlock() }
        written[file]?.storedTo = node
        written[file]?.status = status
    }
}
