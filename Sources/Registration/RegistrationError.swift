/// Why a registration could not run or gave no usable transform. The message names the lesion's
/// box problem in words a user can act on; a batch reports it as that lesion's error and goes on.
public struct RegistrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The box holds too few bone voxels (HU above the bone threshold) to register on.
        case noBone
        /// Too little of the baseline box lies in the follow-up image (before or after registering).
        case tooLittleOverlap
        /// The box does not reach into the image, or covers too few planes, rows or columns.
        case boxOutsideImage
        /// A plane the box needs has not been decoded (see ``LocalRigidRegistration/planesNeeded``).
        case planesNotDecoded
        /// The options or the inputs are invalid (NaN, non-positive sizes).
        case invalidInput
        /// ITK stopped with an exception or ran out of memory.
        case failed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "registration failed: \(message)" }
}
