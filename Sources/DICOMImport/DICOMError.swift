/// Why a DICOM file, series or ROI object could not be used. Every case names the file (or
/// series) and the problem, so a batch can report it and go on.
public struct DICOMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in kinds a caller can act on.
    public enum Kind: String, Sendable, Equatable {
        /// Not a DICOM file at all (skipped, counted).
        case notDICOM
        /// A DICOM file that cannot be read (truncated, corrupt, unreadable).
        case unreadable
        /// Pixel data in a transfer syntax DCMTK cannot decode (JPEG 2000).
        case unsupportedTransferSyntax
        /// A required attribute is absent or malformed.
        case missingAttribute
        /// An attribute's value is not a number, not finite, or outside the limits of
        /// ``HeaderLimits`` (the message names the attribute and the value).
        case invalidValue
        /// The series cannot form a volume (conflicting planes, no planes, …).
        case invalidSeries
    }

    public let kind: Kind
    /// The file or folder concerned, as given by the user.
    public let path: String
    public let message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
