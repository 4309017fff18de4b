/// The Patient Module attributes of one DICOM file (PS3.3 C.7.1.1), read back through DCMTK.
///
/// `--store-to` with `--pseudonymize` checks each object with this before it leaves the machine:
/// what is sent must carry the pseudonym, whatever the writer intended (Docs/PACS.md).
public struct PatientAttributes: Sendable, Equatable {
    /// PatientID (0010,0020); nil when absent or empty.
    public var patientID: String?
    /// PatientName (0010,0010) as DICOM text (`^`-separated components); nil when absent or empty.
    public var patientName: String?
    /// PatientBirthDate (0010,0030), `YYYYMMDD`; nil when absent or empty.
    public var patientBirthDate: String?

    /// Reads the three attributes of `path` (headers only, stopping before Pixel Data).
    /// - Throws: ``DICOMError`` `.notDICOM` or `.unreadable`, naming the file.
    public static func read(file path: String) throws -> PatientAttributes {
        let file = try DICOMFile(path: path, headersOnly: true)
        return PatientAttributes(patientID: file.string(DICOMTag.patientID), patientName: file.string(DICOMTag.patientName),
                                 patientBirthDate: file.string(DICOMTag.patientBirthDate))
    }
}
