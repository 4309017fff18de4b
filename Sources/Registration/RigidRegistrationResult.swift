import VolumeModel

/// A rigid transform found between a baseline and a follow-up box, with what tells how far to
/// trust it.
public struct RigidRegistrationResult: Sendable {
    /// Maps follow-up patient coordinates (LPS, mm) to baseline patient coordinates: the inverse
    /// of the `followupFromBaseline` ITK returns with the baseline fixed and the follow-up moving
    /// (DESIGN.md "Longitudinal correspondence"; results.json reports this direction).
    public let baselineFromFollowup: RigidTransform
    /// The baseline box registered (the lesion's box plus the margin, clipped to the baseline
    /// image), baseline LPS mm: Docs/Outputs.md's `box_mm`.
    public let box: PatientBox
    /// Normalized cross-correlation (−1…1) of the baseline box and the follow-up resampled
    /// (trilinear) through the transform, over the voxels that map inside the follow-up region.
    public let similarity: Double
    /// Fraction of the baseline box's voxels that map inside the follow-up region.
    public let overlap: Double
    /// The metric's final value at the finest level (ITK's sign: lower is better).
    public let metricValue: Double
    /// Optimizer iterations over all levels.
    public let iterations: Int
    /// Voxels above the bone threshold in the baseline box.
    public let boneVoxels: Int
    /// Why the quality check failed (empty: passed). See ``RegistrationQualityCriteria``.
    public let qualityProblems: [String]

    /// `baselineFromFollowup.inverse`: maps baseline points to follow-up points.
    public var followupFromBaseline: RigidTransform { baselineFromFollowup.inverse }
    /// Whether the quality check passed (else the lesion is `registration_uncertain`).
    public var passedQualityCheck: Bool { qualityProblems.isEmpty }
    /// Rotation angle of the transform in degrees.
    public var rotationDegrees: Double { baselineFromFollowup.rotationAngleDegrees }
    /// How far the box centre moves between the frames (mm): the displacement of the lesion.
    public var displacementMM: Double { followupFromBaseline.displacement(at: box.center) }

    public init(
        baselineFromFollowup: RigidTransform, box: PatientBox, similarity: Double, overlap: Double, metricValue: Double,
        iterations: Int, boneVoxels: Int, qualityProblems: [String]
    ) {
        self.baselineFromFollowup = baselineFromFollowup
        self.box = box
        self.similarity = similarity
        self.overlap = overlap
        self.metricValue = metricValue
        self.iterations = iterations
        self.boneVoxels = boneVoxels
        self.qualityProblems = qualityProblems
    }

    /// The same result checked against other criteria (e.g. those of `--criteria`).
    public func checked(against criteria: RegistrationQualityCriteria) -> RigidRegistrationResult {
        RigidRegistrationResult(
            baselineFromFollowup: baselineFromFollowup, box: box, similarity: similarity, overlap: overlap,
            metricValue: metricValue, iterations: iterations, boneVoxels: boneVoxels,
            qualityProblems: criteria.problems(similarity: similarity, displacementMM: displacementMM,
                                               rotationDegrees: rotationDegrees))
    }
}
