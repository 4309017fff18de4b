import VolumeModel

/// A sphere or box lesion given in patient coordinates (Docs/Outputs.md "Sphere/box ROI files";
/// read by ResultsModel's `SphereBoxFile`).
public struct GeometricROI: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        /// Centre (LPS, mm) and radius (mm). A voxel belongs when the distance from its centre to
        /// the sphere's centre is ≤ radius.
        case sphere(center: PatientPoint, radiusMM: Double)
        /// Two opposite corners (LPS, mm) of an axis-aligned box. A voxel belongs when every
        /// coordinate of its centre lies within the box, inclusive.
        case box(PatientPoint, PatientPoint)
    }

    /// The lesion id, trimmed of leading/trailing white space.
    public let id: String
    public let shape: Shape
    /// A normal-bone reference ROI (`"reference": true`).
    public let isReference: Bool

    public init(id: String, shape: Shape, isReference: Bool = false) {
        self.id = id
        self.shape = shape
        self.isReference = isReference
    }
}
