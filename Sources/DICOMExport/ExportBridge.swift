internal import CDICOMExportBridge
import Foundation

/// A failure writing a DICOM output: the file and what went wrong.
public struct DICOMExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The object being written (its output path).
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// C strings that stay valid until the arena goes away: the bridge's structs point into it.
final class CStringArena {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    /// A NUL-terminated copy of `text`.
    func callAsFunction(_ text: String) -> UnsafePointer<CChar> {
        let pointer = strdup(text)!
        pointers.append(pointer)
        return UnsafePointer(pointer)
    }

    /// `nil` stays `nil`.
    func optional(_ text: String?) -> UnsafePointer<CChar>? { text.map { self($0) } }

    /// An array of C strings (valid as long as the arena).
    func array(_ texts: [String]) -> UnsafePointer<UnsafePointer<CChar>> {
        let buffer = UnsafeMutablePointer<UnsafePointer<CChar>>.allocate(capacity: max(texts.count, 1))
        for (index, text) in texts.enumerated() { buffer[index] = self(text) }
        arrays.append(buffer)
        return UnsafePointer(buffer)
    }

    private var arrays: [UnsafeMutablePointer<UnsafePointer<CChar>>] = []

    deinit {
        pointers.forEach { free($0) }
        arrays.forEach { $0.deallocate() }
    }
}

/// Runs one bridge call; a status other than CDICOMExportBridge_OK becomes a ``DICOMExportError`` naming `file`.
func bridgeCall(file: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> CDICOMExportBridge_status) throws {
    let capacity = 1024
    var message = [CChar](repeating: 0, count: capacity)
    let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress!, capacity) }
    guard status == CDICOMExportBridge_OK else {
        let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        throw DICOMExportError(file: file, message: text.isEmpty ? "DCMTK status \(status.rawValue)" : text)
    }
}

extension CStringArena {
    func code(_ code: CodedConcept) -> CDICOMExportBridge_code {
        CDICOMExportBridge_code(value: self(code.value), scheme: self(code.scheme), meaning: self(code.meaning))
    }

    func seriesRef(_ series: CTSeriesReference) -> CDICOMExportBridge_series_ref {
        CDICOMExportBridge_series_ref(
            study_instance_uid: self(series.studyInstanceUID), series_instance_uid: self(series.seriesInstanceUID),
            frame_of_reference_uid: self(series.frameOfReferenceUID), sop_class_uid: self(series.sopClassUID),
            sop_instance_uids: array(series.uniqueInstanceUIDs), instance_count: series.uniqueInstanceUIDs.count)
    }

    func objectInfo(_ identity: ObjectIdentity, sourceFile: String) -> CDICOMExportBridge_object_info {
        CDICOMExportBridge_object_info(
            source_ct_file: self(sourceFile), sop_instance_uid: self(identity.sopInstanceUID),
            series_instance_uid: self(identity.seriesInstanceUID), series_number: Int32(identity.seriesNumber),
            series_description: self(identity.seriesDescription), date: self(identity.date), time: self(identity.time),
            manufacturer: self(ObjectIdentity.manufacturer), software_version: self(identity.softwareVersion),
            pseudonym_patient_id: optional(identity.pseudonym), pseudonym_patient_name: optional(identity.pseudonym))
    }
}

/// The DCMTK version DICOMExport writes with, e.g. "3.6.7".
public var dicomExportDCMTKVersion: String { String(cString: CDICOMExportBridge_dcmtk_version()) }
