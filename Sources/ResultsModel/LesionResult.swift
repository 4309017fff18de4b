import DensityKernel
import ResponseClassifier
import VolumeModel

/// One ROI measured at one time point, as the results report it: its label, where it came from,
/// the STATS of the full ROI and of its core, and the flags known at one time point.
public struct MeasuredROI: Sendable {
    /// The label as written in the source (SegmentLabel, ROIName, sphere/box `id`), trimmed.
    public var label: String
    /// `source` (`baseline_source` / `followup_source` in a pair).
    public var source: ROISource
    /// STATS of the full ROI (HU, mL, voxels; ``DensityStatistics``).
    public var statistics: DensityStatistics
    /// STATS of the core ROI (eroded by one voxel in-plane), nil when the erosion kept too little.
    public var core: DensityStatistics?
    /// Flags known at one time point (`incomplete`, `small_roi`, `metal_suspected`, `padding_in_roi`,
    /// `resampled_roi`).
    public var flags: [ResponseFlag]

    public init(label: String, source: ROISource, statistics: DensityStatistics, core: DensityStatistics?, flags: [ResponseFlag]) {
        self.label = label
        self.source = source
        self.statistics = statistics
        self.core = core
        self.flags = flags
    }

    /// The STATS object with `core`.
    public var statisticsJSON: JSONValue { StatisticsColumns.json(statistics, core: core) }
}

/// A lesion (or reference ROI) that could not be measured (`errors[]`: `lesion_id`, `file`, `message`).
public struct LesionFailure: Sendable, Error {
    /// The label, nil when the failure concerns a whole file.
    public var lesionID: String?
    public var file: String
    /// What went wrong, naming the value at fault.
    public var message: String

    public init(lesionID: String?, file: String, message: String) {
        self.lesionID = lesionID
        self.file = file
        self.message = message
    }

    public var json: JSONValue {
        .object([("lesion_id", .string(lesionID)), ("file", .string(file)), ("message", .string(message))])
    }

    /// One line: `FILE: lesion ID: message` (`FILE: message` for a whole file).
    public var line: String { "\(file): \(lesionID.map { "lesion \($0): " } ?? "")\(message)" }
    /// The readable tables' form: `lesion ID: FILE: message` (`FILE: message` for a whole file).
    public var tableLine: String { "\(lesionID.map { "lesion \($0): " } ?? "")\(file): \(message)" }

    /// The same failure with the time point named (`… (baseline)`).
    public func at(_ timePoint: String) -> LesionFailure {
        LesionFailure(lesionID: lesionID, file: file, message: "\(message) (\(timePoint))")
    }
}

/// How the ROI of one time point was carried onto another (`registration`; Docs/Outputs.md). The
/// transform maps follow-up patient coordinates (LPS, mm) to baseline patient coordinates
/// (`baselineFromFollowup`).
public struct RegistrationResult: Sendable, Equatable {
    /// `method`.
    public enum Method: String, Sendable, CaseIterable {
        /// Same FrameOfReferenceUID: no transform.
        case identity
        /// A DICOM Spatial Registration object (PS3.3 C.20.2, rigid MatrixRegistrationSequence).
        case dicomREG = "dicom_reg"
        /// A rigid registration computed with ITK in a box around the lesion.
        case itkRigid = "itk_rigid"
    }

    public var method: Method
    /// The REG file used (read, or written by LesionDensity), nil when none.
    public var file: String?
    /// Translation of the transform (mm, LPS), three values.
    public var translationMM: [Double]
    /// Angle of the rotation (degrees).
    public var rotationDegrees: Double
    /// Normalized cross-correlation of the registered boxes (−1…1); nil for identity and REG.
    public var similarity: Double?
    /// The registration box in baseline LPS (mm): two corners, nil when not computed in a box.
    public var boxMM: [[Double]]?

    public init(method: Method, file: String? = nil, translationMM: [Double] = [0, 0, 0], rotationDegrees: Double = 0,
                similarity: Double? = nil, boxMM: [[Double]]? = nil) {
        self.method = method
        self.file = file
        self.translationMM = translationMM
        self.rotationDegrees = rotationDegrees
        self.similarity = similarity
        self.boxMM = boxMM
    }

    public var json: JSONValue {
        .object([
            ("method", .string(method.rawValue)), ("file", .string(file)),
            ("translation_mm", .array(translationMM.map { .number(Optional($0)) })),
            ("rotation_deg", .number(Optional(rotationDegrees))), ("similarity", .number(similarity)),
            ("box_mm", boxMM.map { .array($0.map { .array($0.map { .number(Optional($0)) }) }) } ?? .null),
        ])
    }
}

/// One lesion of a pair: both time points (or one), the deltas and the classification
/// (`pairs[].lesions[]`).
public struct LesionPairResult: Sendable {
    /// `lesion_id`: the baseline label (the follow-up's for a follow-up-only lesion).
    public var lesionID: String
    /// The baseline measurement (`baseline_source`, `baseline`), nil when outlined at follow-up only.
    public var baseline: MeasuredROI?
    /// The follow-up measurement (`followup_source`, `followup`), nil when outlined at baseline only.
    public var followup: MeasuredROI?
    /// Follow-up minus baseline, full ROI (`delta`).
    public var delta: DensityDelta?
    /// Follow-up minus baseline, core ROI (`delta_core`), when both time points have one.
    public var deltaCore: DensityDelta?
    /// `classified_on` … `flags` and `reference_adjusted_delta_mean_hu`. Its `phenotype` is the one
    /// of the lesion's first time point in the patient's course.
    public var classification: LesionClassification
    /// `phenotype_at_pair_baseline`: the phenotype at this pair's own baseline (nil for a lesion
    /// outlined at follow-up only).
    public var phenotypeAtPairBaseline: LesionPhenotype?
    /// `registration`: nil when each time point's ROI was drawn on that time point.
    public var registration: RegistrationResult?

    public init(lesionID: String, baseline: MeasuredROI?, followup: MeasuredROI?, delta: DensityDelta?,
                deltaCore: DensityDelta?, classification: LesionClassification,
                phenotypeAtPairBaseline: LesionPhenotype? = nil, registration: RegistrationResult? = nil) {
        self.lesionID = lesionID
        self.baseline = baseline
        self.followup = followup
        self.delta = delta
        self.deltaCore = deltaCore
        self.classification = classification
        self.phenotypeAtPairBaseline = phenotypeAtPairBaseline
        self.registration = registration
    }
}

/// The reference (normal-bone) ROI of a pair (`reference`): its STATS at both time points and
/// their delta; the reference-adjusted delta of each lesion is computed from it.
public struct ReferenceResult: Sendable {
    public var lesionID: String
    public var baseline: MeasuredROI
    public var followup: MeasuredROI
    public var delta: DensityDelta

    public init(lesionID: String, baseline: MeasuredROI, followup: MeasuredROI, delta: DensityDelta) {
        self.lesionID = lesionID
        self.baseline = baseline
        self.followup = followup
        self.delta = delta
    }

    public var json: JSONValue {
        .object([
            ("lesion_id", .string(lesionID)), ("baseline", baseline.statisticsJSON), ("followup", followup.statisticsJSON),
            ("delta", DeltaColumns.columns.object(delta)),
        ])
    }
}
