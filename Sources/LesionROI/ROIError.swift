/// Why an ROI could not be put on the CT grid. Each case names the file, the lesion and the reason.
public struct ROIError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The ROI file cannot be read or parsed.
        case invalidFile
        /// The ROI lies wholly outside the CT volume.
        case outsideVolume
        /// The ROI holds no voxel.
        case empty
        /// Two lesions of one time point have matching labels.
        case duplicateLabel
        /// The ROI and the CT do not share a FrameOfReferenceUID, or refer to another series.
        case foreignReference
    }

    public let kind: Kind
    /// The ROI file, as given.
    public let file: String
    /// The lesion label, when one lesion is concerned.
    public let lesion: String?
    public let message: String

    public init(_ kind: Kind, file: String, lesion: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.lesion = lesion
        self.message = message
    }

    public var description: String {
        lesion.map { "\(file): lesion \($0): \(message)" } ?? "\(file): \(message)"
    }
}
