/// The functional groups of a multi-frame object (Enhanced CT, SEG, Label Map SEG; PS3.3 C.7.6.16):
/// the one lookup every reader uses for every macro of a frame. A macro may sit in the frame's item
/// of PerFrameFunctionalGroupsSequence or in the one item of SharedFunctionalGroupsSequence
/// (C.7.6.16.1: "shall not be present in both"); the per-frame item is searched first, then the
/// shared one, so either layout reads (highdicom, dcmqi and TCIA files put a single segment's
/// SegmentIdentificationSequence in the shared item, dcmqi#428).
struct FunctionalGroups {
    let file: DICOMFile

    /// The paths of `attribute` (a keyword, or a nested path such as
    /// "SourceImageSequence[0].ReferencedSOPInstanceUID") inside `macro` for frame `frame` (zero-based):
    /// the per-frame item first, then the shared item.
    static func paths(frame: Int, macro: String, attribute: String) -> [String] {
        [
            "PerFrameFunctionalGroupsSequence[\(frame)].\(macro)[0].\(attribute)",
            "SharedFunctionalGroupsSequence[0].\(macro)[0].\(attribute)",
        ]
    }

    /// The attribute's text (per-frame first, then shared); nil when neither holds it.
    func string(frame: Int, _ macro: String, _ attribute: String) -> String? {
        for path in Self.paths(frame: frame, macro: macro, attribute: attribute) {
            if let value = file.string(path) { return value }
        }
        return nil
    }

    /// The attribute's numbers (per-frame first, then shared); nil when neither holds numbers.
    func doubles(frame: Int, _ macro: String, _ attribute: String) -> [Double]? {
        for path in Self.paths(frame: frame, macro: macro, attribute: attribute) {
            if let values = file.doubles(path) { return values }
        }
        return nil
    }

    /// The attribute's first value as an integer (per-frame first, then shared).
    func int(frame: Int, _ macro: String, _ attribute: String) -> Int? {
        doubles(frame: frame, macro, attribute)?.first.flatMap { $0.rounded() == $0 && abs($0) < 1e15 ? Int($0) : nil }
    }
}
