/// The codes LesionDensity's SR and SEG carry (documented in Docs/Outputs.md, "DICOM outputs").
///
/// Standard codes where DICOM or SNOMED CT has the concept; the phenotype and response words of
/// Docs/Outputs.md, which no standard vocabulary has, in the private coding scheme ``privateScheme``
/// (a designator beginning with "99" is private, PS3.16 8.2), declared in the SR's
/// CodingSchemeIdentificationSequence.
public enum ExportCodes {
    /// Private coding scheme designator of LesionDensity's own concepts.
    public static let privateScheme = "99LSDNS"
    public static let privateSchemeName = "LesionDensity bone lesion density vocabulary"

    /// Procedure reported (TID 1500 Row 4, CID 100).
    public static let procedure = CodedConcept("25045-6", "LN", "CT unspecified body region")
    /// Finding (TID 1411 Row 3b) and SegmentedPropertyType of a lesion: a metastasis.
    public static let finding = CodedConcept("14799000", "SCT", "Neoplasm, Secondary")
    /// SegmentedPropertyCategory (CID 7150).
    public static let category = CodedConcept("49755003", "SCT", "Morphologically Altered Structure")
    /// Finding site (TID 1419 Row 2) and AnatomicRegion of the segment.
    public static let findingSite = CodedConcept("272673000", "SCT", "Bone")
    /// Concept name of the phenotype evaluation and its values.
    public static let phenotypeConcept = CodedConcept("PHENOTYPE", privateScheme, "Lesion density phenotype")
    /// Concept name of the response evaluation and its values.
    public static let responseConcept = CodedConcept("RESPONSE", privateScheme, "Lesion density response")
    /// RegistrationTypeCodeSequence of the follow-up item of our REG (CID 7100).
    public static let imageContentBasedAlignment = CodedConcept("125024", "DCM", "Image Content-based Alignment")

    /// CodeValue (SH, at most 16 characters) of each phenotype word of Docs/Outputs.md.
    public static let phenotypeValues: [String: String] = [
        "lytic": "LYTIC", "sclerotic": "SCLEROTIC", "mixed": "MIXED", "indeterminate": "INDETERMINATE",
    ]

    /// CodeValue of each RESPONSE word of Docs/Outputs.md.
    public static let responseValues: [String: String] = [
        "remineralizing": "REMINERALIZING", "demineralizing": "DEMINERALIZING", "stable": "STABLE",
        "progressing lysis": "PROG_LYSIS", "increasing sclerosis": "INCR_SCLEROSIS",
        "not classifiable": "NOT_CLASSIFIABLE", "indeterminate (protocol)": "INDET_PROTOCOL", "new": "NEW",
        "no longer outlined": "NOT_OUTLINED",
    ]

    /// The value code of a phenotype word; nil for a word outside the vocabulary.
    public static func phenotype(_ word: String) -> CodedConcept? {
        phenotypeValues[word].map { CodedConcept($0, privateScheme, word) }
    }

    /// The value code of a response word; nil for a word outside the vocabulary.
    public static func response(_ word: String) -> CodedConcept? {
        responseValues[word].map { CodedConcept($0, privateScheme, word) }
    }
}
