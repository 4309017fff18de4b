// The classifier's fixed words. Each raw value is the exact word Docs/Outputs.md prescribes for
// results.json and results.csv; a change to one breaks readers and raises `schema_version`.

/// Lesion phenotype from voxel band fractions (Docs/Outputs.md `phenotype`; rules in Docs/Classification.md).
public enum LesionPhenotype: String, Codable, CaseIterable, Sendable {
    /// Mostly lytic voxels, few sclerotic ones.
    case lytic
    /// Mostly sclerotic voxels, few lytic ones.
    case sclerotic
    /// Both a lytic and a sclerotic component.
    case mixed
    /// None of the above, e.g. mostly 100–350 HU (infiltrative lesion, marrow replacement without
    /// bone change, or a misplaced ROI). Its response is ``DensityResponse/stable`` when |Δ| is
    /// below the threshold, else ``DensityResponse/notClassifiable``.
    case indeterminate
}

/// Lesion phenotype from the mean HU alone (Docs/Outputs.md `phenotype_by_mean`; Docs/Classification.md), the
/// way the literature reports lesions (lytic 116 HU vs sclerotic 444 HU group means).
public enum PhenotypeByMean: String, Codable, CaseIterable, Sendable {
    /// Mean below the lytic edge (default 100 HU).
    case lytic
    /// Mean above the sclerotic edge (default 350 HU).
    case sclerotic
    /// Mean between the two edges, both included.
    case intermediate
}

/// The density response of one lesion (Docs/Outputs.md RESPONSE; mapping to the MDA criteria in
/// Docs/Classification.md). Context such as a possible flare goes into ``ResponseFlag``, never into the word.
public enum DensityResponse: String, Codable, CaseIterable, Sendable {
    /// Lytic (or mixed) lesion gaining density: fill-in or sclerosis (MDA partial response).
    case remineralizing
    /// Sclerotic (or mixed) lesion losing density (MDA partial response, "decrease in blastic lesion").
    case demineralizing
    /// No change of at least the minimum meaningful change (MDA stable disease).
    case stable
    /// Lytic (or mixed) lesion losing density or gaining lytic voxels (MDA progression analogue).
    case progressingLysis = "progressing lysis"
    /// Sclerotic lesion gaining density: flare or progression; HU alone cannot decide.
    case increasingSclerosis = "increasing sclerosis"
    /// Indeterminate phenotype with |Δ| at or above the threshold, or a mixed lesion whose change the
    /// band rules do not interpret.
    case notClassifiable = "not classifiable"
    /// Contrast and kVp or kernel differ between the scans: density is not comparable.
    case indeterminateProtocol = "indeterminate (protocol)"
    /// Outlined at follow-up only.
    case new
    /// Outlined at baseline only.
    case noLongerOutlined = "no longer outlined"
}

/// A qualifier of one lesion's result (Docs/Outputs.md FLAG). Declaration order is output order.
public enum ResponseFlag: String, Codable, CaseIterable, Comparable, Sendable {
    /// The ROI touches the field-of-view edge or the first/last plane, or extends outside the volume.
    case incomplete
    /// The ROI has too few voxels or too small a volume for a stable mean.
    case smallROI = "small_roi"
    /// A voxel above the metal edge (default 3000 HU): metal or its streaks.
    case metalSuspected = "metal_suspected"
    /// Padding voxels (PixelPaddingValue) lay inside the ROI and were excluded.
    case paddingInROI = "padding_in_roi"
    /// At least one compared acquisition attribute differs between the scans.
    case protocolMismatch = "protocol_mismatch"
    /// The reference (normal-bone) ROI itself changed by more than its stability limit.
    case referenceUnstable = "reference_unstable"
    /// Increasing sclerosis within the flare window after therapy start.
    case possibleFlare = "possible_flare"
    /// The follow-up came too soon after therapy start to call the label final; re-image.
    case earlyFollowUp = "early_follow_up"
    /// Volume grew by at least the size-increase limit (own segmentation at each time point).
    case sizeIncrease = "size_increase"
    /// Volume shrank by at least the size-decrease limit (own segmentation at each time point).
    case sizeDecrease = "size_decrease"
    /// ``LesionPhenotype`` and ``PhenotypeByMean`` disagree.
    case phenotypeMethodsDisagree = "phenotype_methods_disagree"
    /// A remineralizing lytic lesion that is mostly sclerotic at follow-up: possible complete fill-in.
    case markedFillIn = "marked_fill_in"
    /// The ROI was resampled onto the CT grid it is measured on.
    case resampledROI = "resampled_roi"
    /// The ROI of at least one time point was drawn on another time point and carried over by a
    /// transform (identity for the same frame of reference, a DICOM REG, or a computed registration).
    case propagatedROI = "propagated_roi"
    /// The transform that carried the ROI failed its quality check (similarity, plausible bounds).
    case registrationUncertain = "registration_uncertain"
    /// The two time points lie in different frames of reference and no transform was used
    /// (`--no-register` and no REG): patient coordinates of one say nothing about the other.
    case frameOfReferenceMismatch = "frame_of_reference_mismatch"
    /// RTSTRUCT contours lay off the CT planes: contours of different planes joined on one CT
    /// plane by union, or contours not used (farther than half the plane gap from every plane).
    case contoursOffPlane = "contours_off_plane"

    /// Flags that make ``Confidence/low`` (Docs/Outputs.md `confidence`; Docs/Classification.md last row).
    public static let lowerConfidence: Set<ResponseFlag> = [
        .incomplete, .smallROI, .metalSuspected, .referenceUnstable, .registrationUncertain, .frameOfReferenceMismatch,
    ]

    public static func < (a: Self, b: Self) -> Bool {
        order(of: a) < order(of: b)
    }

    private static func order(of flag: Self) -> Int {
        allCases.firstIndex(of: flag) ?? allCases.count
    }
}

/// How far a label can be trusted (Docs/Outputs.md `confidence`).
public enum Confidence: String, Codable, CaseIterable, Sendable {
    case normal
    /// Any of ``ResponseFlag/lowerConfidence`` is set; the label is kept.
    case low
}

/// Which ROI the phenotype, threshold and response were computed on (Docs/Outputs.md `classified_on`).
public enum ClassifiedROI: String, Codable, CaseIterable, Sendable {
    /// The core ROI (eroded by one voxel in-plane), used when every measured time point has one.
    case core
    /// The full ROI.
    case full
}
