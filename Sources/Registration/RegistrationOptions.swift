import VolumeModel

/// How a local rigid registration is run. Defaults and their reasons are in Docs/Longitudinal.md
/// ("Registration").
public struct RegistrationOptions: Sendable, Equatable {
    /// The similarity measure ITK optimises.
    public enum Metric: String, Sendable, Equatable {
        /// Normalized cross-correlation (ITK CorrelationImageToImageMetricv4): CT against CT is one
        /// modality, HU of the same tissue agree up to an offset and a scale (kernel, kVp), which
        /// the correlation ignores; the lesion's own change is under 1 % of the box.
        case normalizedCorrelation = "correlation"
        /// Mattes mutual information (Mattes et al., IEEE TMI 22(1):120–128, 2003). With linear
        /// interpolation it has grid-aligned false optima (Pluim et al., Med Phys 27(7), 2000): on
        /// the synthetic trunk with 2.5 mm follow-up planes it settled 2 mm off where the
        /// correlation found the motion within 0.05 mm (Docs/Longitudinal.md).
        case mattesMutualInformation = "mattes_mi"
    }

    public var metric: Metric = .normalizedCorrelation
    /// Margin in mm added on every side of the lesion's box to form the registered baseline box,
    /// so that the bone around the lesion (vertebral cortex, posterior elements, rib heads) drives
    /// the registration rather than the lesion, whose density is expected to change.
    public var marginMM = 30.0
    /// Extra margin in mm of the follow-up region around the baseline box (in follow-up
    /// coordinates, starting from the identity), so the baseline box still lies inside the
    /// follow-up region after a motion of up to this size.
    public var searchMarginMM = 20.0
    /// Target voxel size in mm of each resolution level, coarsest first (0 = native).
    public var levelSpacingMM: [Double] = [4, 2, 0]
    /// Gaussian smoothing sigma in mm of each level, coarsest first.
    public var smoothingSigmaMM: [Double] = [2, 1, 0]
    /// Maximum optimizer iterations per level (RegularStepGradientDescentOptimizerv4).
    public var iterationsPerLevel = 200
    /// First step of the optimizer, mm of translation (halved at every change of direction).
    public var maximumStepMM = 2.0
    /// The optimizer stops when its step falls below this (mm).
    public var minimumStepMM = 0.01
    /// Factor the optimizer's step is multiplied by at each change of direction (0…1). ITK's
    /// example value 0.5 stopped early, 2 mm off, in 1 of 6 synthetic cases; 0.7 found all six
    /// within 0.12 mm for ~1.6× the iterations (Docs/Longitudinal.md).
    public var relaxationFactor = 0.7
    /// When the first run ends with a similarity below this, it is run once more from the bone
    /// centroids' shift with a slower relaxation (0.85), and the result of higher similarity kept:
    /// a local optimum of a box costs a second run, never a wrong transform reported as good.
    /// 0 turns the second run off.
    public var retryBelowSimilarity = 0.9
    /// Fraction of the baseline box's voxels sampled for the metric (regular grid, fixed seed):
    /// 5 % (about 20 000 of a 78 mm box at native resolution) is as accurate as 25 % on the
    /// synthetic trunk and 3× faster (registration-bench).
    public var samplingFraction = 0.05
    /// Mattes MI histogram bins.
    public var histogramBins = 50
    /// HU above which a voxel counts as bone (trabecular bone ≈ 150–300 HU, cortex > 700 HU;
    /// soft tissue and contrast-enhanced vessels stay mostly below 200 HU).
    public var boneThresholdHU = 200.0
    /// Fewest bone voxels the baseline box must hold.
    public var minimumBoneVoxels = 200
    /// Smallest fraction of the baseline box that must map into the follow-up region.
    public var minimumOverlap = 0.5
    /// Start from the translation between the bone centroids of the two boxes instead of the identity.
    public var initializeFromBoneCentroid = false
    /// A starting transform (e.g. from a neighbouring lesion or a DICOM REG) instead of the
    /// identity; the follow-up region is then placed around the baseline box carried by it.
    public var initialBaselineFromFollowup: RigidTransform?
    /// Most voxels of the baseline box or of the follow-up region that are registered at their own
    /// resolution. A larger region is copied as block means of fx × fy × fz voxels (the finest
    /// axis in mm grows first) so that it holds at most this many, and ITK's three levels run on
    /// that grid (its finest level is then the block size, not the native voxel). The reason is
    /// memory: ITK holds each image as 4-byte floats several times over (the copy, each level's
    /// smoothed image, the shrunk image): carrying an ROI over a whole 300 × 512² series (157 MB of
    /// int16) peaked at 3.3 GB without this budget, 0.95 GB with it. 32 M voxels (128 MB
    /// per float copy) holds the follow-up region of a 15 cm lesion box at 0.7 × 0.7 × 1 mm with
    /// the default margins, so lesion-sized boxes are registered exactly as before
    /// (Docs/Longitudinal.md, "Registration").
    public var maximumRegisteredVoxels = 32_000_000
    /// Threads ITK may use (0 = ITK's default: all cores).
    public var threads = 0
    /// The checks a result must pass to be trusted.
    public var quality = RegistrationQualityCriteria()

    public init() {}
}

/// The quality check of a computed registration (DESIGN.md: a failed check sets
/// `registration_uncertain`, confidence low). Every threshold is overridable through `--criteria`.
public struct RegistrationQualityCriteria: Sendable, Equatable {
    /// Lowest normalized cross-correlation of the registered boxes. Boxes of bone and soft tissue
    /// that are aligned correlate at ≥ 0.9 even when the lesion changed; a box off by a few mm
    /// falls to 0.5–0.8 (Docs/Longitudinal.md, "Registration").
    public var minimumSimilarity = 0.8
    /// Largest displacement in mm of the box centre (the lesion) between the frames. Patients are
    /// repositioned on the table by centimetres, not decimetres; beyond this, the result more likely
    /// locked onto a neighbouring vertebra (one level ≈ 25–35 mm in the thoracolumbar spine).
    public var maximumTranslationMM = 50.0
    /// Largest rotation in degrees. Supine trunk CTs differ by a few degrees; a larger angle in a
    /// local box usually means the optimiser turned onto a symmetric structure.
    public var maximumRotationDegrees = 15.0

    public init(minimumSimilarity: Double = 0.8, maximumTranslationMM: Double = 50, maximumRotationDegrees: Double = 15) {
        self.minimumSimilarity = minimumSimilarity
        self.maximumTranslationMM = maximumTranslationMM
        self.maximumRotationDegrees = maximumRotationDegrees
    }

    /// The reasons `result` fails this check (empty when it passes).
    public func problems(similarity: Double, displacementMM: Double, rotationDegrees: Double) -> [String] {
        var problems: [String] = []
        if !(similarity >= minimumSimilarity) {
            problems.append("similarity \(rounded(similarity, 3)) below \(rounded(minimumSimilarity, 3))")
        }
        if !(displacementMM <= maximumTranslationMM) {
            problems.append("translation \(rounded(displacementMM, 1)) mm above \(rounded(maximumTranslationMM, 1)) mm")
        }
        if !(rotationDegrees <= maximumRotationDegrees) {
            problems.append("rotation \(rounded(rotationDegrees, 2))° above \(rounded(maximumRotationDegrees, 2))°")
        }
        return problems
    }

    private func rounded(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return String(x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return String((x * scale).rounded() / scale)
    }
}
