import SyntheticDICOM

/// The Patient (PS3.3 C.7.1.1) and General Study (C.7.2.1) attributes every synthetic object of one
/// study carries: a CT series (``SyntheticCT``) and the SEG, RTSTRUCT or REG made on it copy the
/// same values (`seg.study = ct.study`), as a modality and a workstation do, so a PACS lists the study
/// with one date whichever instance it indexes. Type 2 attributes without a value are written
/// present and empty; StudyInstanceUID is Type 1.
public struct SyntheticStudy: Sendable, Equatable {
    public var patientID = "SYN001"
    public var patientName = "SYNTHETIC^PHANTOM"
    /// PatientBirthDate, YYYYMMDD or empty.
    public var patientBirthDate = ""
    /// PatientSex: M, F, O or empty.
    public var patientSex = ""
    public var studyInstanceUID = "2.25.1000"
    /// StudyDate, YYYYMMDD.
    public var studyDate = "20240110"
    /// StudyTime, HHMMSS.
    public var studyTime = "090000"
    public var studyID = "1"
    public var accessionNumber = ""
    public var referringPhysicianName = ""
    public var studyDescription = "SYNTHETIC STUDY"

    public init() {}

    /// (tag, value) of each attribute, in tag order.
    public var fields: [(String, String)] {
        [("0008,0020", studyDate), ("0008,0030", studyTime), ("0008,0050", accessionNumber),
         ("0008,0090", referringPhysicianName), ("0008,1030", studyDescription), ("0010,0010", patientName),
         ("0010,0020", patientID), ("0010,0030", patientBirthDate), ("0010,0040", patientSex),
         ("0020,000D", studyInstanceUID), ("0020,0010", studyID)]
    }

    /// Sets every attribute of ``fields`` on `writer`.
    /// - Throws: ``DICOMError`` naming the attribute when DCMTK refuses a value.
    public func write(to writer: DICOMWriter) throws {
        for (tag, value) in fields { try writer.set(tag, value) }
    }
}
