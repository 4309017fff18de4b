/// A warning of a series, a pair or a run: a fixed code and a message naming what it concerns,
/// written as `code: message` (Docs/Outputs.md lists every code).
public struct ResultWarning: Sendable, Equatable, CustomStringConvertible {
    /// A warning code: lower-case snake_case, stable across versions.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let protocolMismatch = Code(rawValue: "protocol_mismatch")
        public static let unreadableFile = Code(rawValue: "unreadable_file")
        public static let skippedFile = Code(rawValue: "skipped_file")
        public static let duplicateInstance = Code(rawValue: "duplicate_instance")
        public static let localizerExcluded = Code(rawValue: "localizer_excluded")
        public static let severalStacks = Code(rawValue: "several_stacks")
        public static let nonUniformSpacing = Code(rawValue: "non_uniform_spacing")
        public static let gantryTilt = Code(rawValue: "gantry_tilt")
        public static let rescaleType = Code(rawValue: "rescale_type")
        public static let unpairedSeries = Code(rawValue: "unpaired_series")
        public static let bandsShifted = Code(rawValue: "bands_shifted")
        public static let frameOfReference = Code(rawValue: "frame_of_reference")
        public static let roiNote = Code(rawValue: "roi_note")
        public static let pictureNotDrawn = Code(rawValue: "picture_not_drawn")
        public static let stopped = Code(rawValue: "stopped")
        public static let studyDateFallback = Code(rawValue: "study_date_fallback")
        public static let noFollowupROIs = Code(rawValue: "no_followup_rois")
        public static let roiGeometryOnly = Code(rawValue: "roi_geometry_only")
        public static let qformSformDisagree = Code(rawValue: "qform_sform_disagree")
        public static let contoursOffPlane = Code(rawValue: "contours_off_plane")
        public static let ownOutputSkipped = Code(rawValue: "own_output_skipped")
        /// A label-map component (`--split-components`) overlaps no component of the other time
        /// point after the transform, or the components could not be matched for want of one.
        public static let unmatchedComponent = Code(rawValue: "unmatched_component")
        /// A DICOM output (SR, SEG, REG) could not be written; the numbers are unaffected.
        public static let dicomNotWritten = Code(rawValue: "dicom_not_written")
        /// `--store-to`: a DICOM output was not stored on the node (refused, not sent, no association).
        public static let dicomNotStored = Code(rawValue: "dicom_not_stored")
        /// `--store-to`: the node stored a DICOM output with a warning status (B000, B006, B007).
        public static let dicomStoredWithWarning = Code(rawValue: "dicom_stored_with_warning")
        /// A text of a lower layer that carries no code of its own.
        public static let note = Code(rawValue: "note")
    }

    public var code: Code
    /// What the warning concerns (a file, an attribute and its values).
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Reads the `code: message` text that lower layers (DICOMImport, ResponseClassifier) write; a
    /// text without a snake_case code before `: ` becomes a ``Code/note``.
    public init(rendered text: String) {
        if let colon = text.range(of: ": "),
           !text[..<colon.lowerBound].isEmpty,
           text[..<colon.lowerBound].allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }) {
            self.init(Code(rawValue: String(text[..<colon.lowerBound])), String(text[colon.upperBound...]))
        } else {
            self.init(.note, text)
        }
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// The same warning with the time point named (`… (baseline)`).
    public func at(_ timePoint: String) -> ResultWarning { ResultWarning(code, "\(message) (\(timePoint))") }
}
