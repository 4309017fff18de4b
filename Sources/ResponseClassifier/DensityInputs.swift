// What the classifier is given. LesionAnalysis maps the density kernel's statistics into these
// types, so this module needs no other module.

/// Density statistics of one ROI (full or core) at one time point (Docs/Outputs.md STATS keys).
public struct RegionDensity: Sendable, Equatable {
    /// `voxel_count`: voxels inside the ROI, padding excluded.
    public var voxelCount: Int
    /// `volume_ml`: ROI volume in millilitres.
    public var volumeML: Double
    /// `mean_hu`: mean attenuation in HU.
    public var meanHU: Double
    /// `max_hu`: the highest voxel value in HU.
    public var maxHU: Double
    /// `fraction_lytic`: share (0…1) of voxels below the lytic edge of the ``HUBands`` in force.
    public var fractionLytic: Double
    /// `fraction_sclerotic`: share (0…1) of voxels above the sclerotic edge of the ``HUBands`` in force.
    public var fractionSclerotic: Double

    public init(
        voxelCount: Int, volumeML: Double, meanHU: Double, maxHU: Double,
        fractionLytic: Double, fractionSclerotic: Double
    ) {
        self.voxelCount = voxelCount
        self.volumeML = volumeML
        self.meanHU = meanHU
        self.maxHU = maxHU
        self.fractionLytic = fractionLytic
        self.fractionSclerotic = fractionSclerotic
    }
}

/// One lesion at one time point: its full ROI, its core ROI when kept, and what was seen measuring it.
public struct TimePointDensity: Sendable, Equatable {
    /// Statistics of the full ROI.
    public var full: RegionDensity
    /// Statistics of the core ROI (eroded one voxel in-plane), or nil when the erosion kept fewer than
    /// `core_min_retained_fraction` of the voxels.
    public var core: RegionDensity?
    /// The ROI touches the field-of-view edge or the first/last plane, or extends outside the volume.
    public var isIncomplete: Bool
    /// `padding_voxels_excluded`: padding voxels (PixelPaddingValue) found inside the ROI.
    public var paddingVoxelsExcluded: Int
    /// The ROI was resampled onto this CT's grid.
    public var roiResampled: Bool
    /// RTSTRUCT contours lay off this CT's planes (joined by union, or not used).
    public var contoursOffPlane: Bool

    public init(
        full: RegionDensity, core: RegionDensity? = nil, isIncomplete: Bool = false,
        paddingVoxelsExcluded: Int = 0, roiResampled: Bool = false, contoursOffPlane: Bool = false
    ) {
        self.contoursOffPlane = contoursOffPlane
        self.full = full
        self.core = core
        self.isIncomplete = isIncomplete
        self.paddingVoxelsExcluded = paddingVoxelsExcluded
        self.roiResampled = roiResampled
    }
}

/// One lesion across the pair: measured at both time points or outlined at one only.
public enum LesionObservation: Sendable, Equatable {
    /// Outlined, matched by label, at baseline and follow-up.
    case both(baseline: TimePointDensity, followup: TimePointDensity)
    /// Outlined at baseline only: reported as ``DensityResponse/noLongerOutlined``.
    case baselineOnly(TimePointDensity)
    /// Outlined at follow-up only: reported as ``DensityResponse/new``.
    case followupOnly(TimePointDensity)
}

/// The optional normal-bone reference ROI of a pair (an uninvolved, unirradiated vertebral body;
/// Docs/Classification.md, the control vertebra of Cureus 2020).
public struct ReferenceDensity: Sendable, Equatable {
    /// Mean HU of the reference ROI at baseline.
    public var baselineMeanHU: Double
    /// Mean HU of the reference ROI at follow-up.
    public var followupMeanHU: Double
    /// Median HU of the reference ROI at baseline; shifts the bands (``ResponseCriteria/bands(referenceMedianHU:)``).
    public var baselineMedianHU: Double

    public init(baselineMeanHU: Double, followupMeanHU: Double, baselineMedianHU: Double) {
        self.baselineMeanHU = baselineMeanHU
        self.followupMeanHU = followupMeanHU
        self.baselineMedianHU = baselineMedianHU
    }

    /// Δ of the reference mean, follow-up − baseline, in HU.
    public var deltaMeanHU: Double { followupMeanHU - baselineMeanHU }
}

/// What is known about the pair as a whole, shared by all its lesions.
public struct PairContext: Sendable, Equatable {
    /// The two scans' acquisition attributes, compared.
    public var protocols: ProtocolComparison
    /// Days from therapy start to the follow-up study (`days_from_therapy_start`), or nil when no
    /// therapy start was given. Negative when the follow-up preceded therapy.
    public var daysFromTherapyStart: Int?
    /// The reference ROI, or nil.
    public var reference: ReferenceDensity?
    /// Each time point has its own segmentation. False when one ROI file serves both scans: the volume
    /// is then the same by construction and the size flags are not set (Docs/Classification.md notes).
    public var eachTimePointHasOwnSegmentation: Bool

    public init(
        protocols: ProtocolComparison, daysFromTherapyStart: Int? = nil,
        reference: ReferenceDensity? = nil, eachTimePointHasOwnSegmentation: Bool = false
    ) {
        self.protocols = protocols
        self.daysFromTherapyStart = daysFromTherapyStart
        self.reference = reference
        self.eachTimePointHasOwnSegmentation = eachTimePointHasOwnSegmentation
    }
}
