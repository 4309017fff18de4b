import ResponseClassifier

/// One-line explanations of the flags and warning codes report.html shows (Docs/Outputs.md has
/// the full text of each).
public enum ReportGlossary {
    /// What `flag` means, in one line (a flag added without an entry here reads "see
    /// Docs/Outputs.md"; a test requires an entry for every flag).
    public static func explanation(_ flag: ResponseFlag) -> String {
        flags[flag] ?? "See the flags in Docs/Outputs.md."
    }

    /// Whether `flag` has its own line here.
    public static func explains(_ flag: ResponseFlag) -> Bool { flags[flag] != nil }

    private static let flags: [ResponseFlag: String] = [
        .incomplete: "The ROI touches the edge of the field of view or the first/last plane, or extends outside the scan.",
        .smallROI: "Too few voxels (< 100) or too small a volume (< 0.5 mL) for a stable mean.",
        .metalSuspected: "A voxel above the metal edge (3000 HU by default): metal or its streaks.",
        .paddingInROI: "Padding voxels (PixelPaddingValue) lay inside the ROI; they were excluded and counted.",
        .protocolMismatch: "kVp, kernel, slice thickness, contrast or scanner differ between the scans: a larger threshold applies.",
        .referenceUnstable: "The reference (normal-bone) ROI itself changed by more than its stability limit.",
        .possibleFlare: "Increasing sclerosis within the flare window after therapy start: may be healing response, not progression.",
        .earlyFollowUp: "The follow-up came too soon after therapy start to call the label final; re-image.",
        .sizeIncrease: "Volume grew by at least the size-increase limit (own segmentation at each time point).",
        .sizeDecrease: "Volume shrank by at least the size-decrease limit (own segmentation at each time point).",
        .phenotypeMethodsDisagree: "The phenotype from the band fractions and the phenotype from the mean HU disagree.",
        .markedFillIn: "A remineralizing lytic lesion that is mostly sclerotic at follow-up: possible complete fill-in.",
        .resampledROI: "The ROI was resampled onto the CT grid it is measured on.",
        .propagatedROI: "The ROI of one time point was drawn on another and carried over by a transform.",
        .registrationUncertain: "The transform that carried the ROI failed its quality check.",
        .frameOfReferenceMismatch: "Different frames of reference and no transform used: the ROI may not sit on the same anatomy.",
        .contoursOffPlane: "RTSTRUCT contours lay off the CT planes: joined on one plane, or not used when too far from every plane.",
    ]

    /// What warning `code` means, in one line, or nil for a code without an entry here.
    public static func explanation(warning code: String) -> String? {
        warnings[code]
    }

    private static let warnings: [String: String] = [
        "protocol_mismatch": "An acquisition attribute (kVp, kernel, slice thickness, contrast, scanner) differs between the scans.",
        "unreadable_file": "A file under the input could not be read as DICOM; it was skipped.",
        "skipped_file": "A file that is not part of any series or ROI object was ignored.",
        "duplicate_instance": "Two files hold the same SOPInstanceUID; one was used.",
        "localizer_excluded": "A localizer (scout) image was left out of the volume.",
        "several_stacks": "The series holds several stacks; the largest was used.",
        "non_uniform_spacing": "The planes are unevenly spaced; each plane's own position was used.",
        "gantry_tilt": "The planes are tilted (gantry tilt); voxel positions use each plane's ImagePositionPatient.",
        "rescale_type": "RescaleType is not HU; values were still read with RescaleSlope and RescaleIntercept.",
        "unpaired_series": "A CT series of a study was not paired (no ROI object refers to it).",
        "bands_shifted": "The HU bands were shifted by the reference ROI's baseline median.",
        "frame_of_reference": "One ROI file serves both time points, but the series have different frames of reference.",
        "roi_note": "A remark about how an ROI was placed or read.",
        "picture_not_drawn": "A lesion's panel could not be drawn; its numbers are unaffected.",
        "stopped": "The run was interrupted; what finished was kept.",
        "study_date_fallback": "StudyDate was empty; another date attribute ordered the time points.",
        "no_followup_rois": "The follow-up has no ROI object of its own: its lesions were carried from the time point where they were drawn (expected when one ROI file serves both time points).",
        "roi_geometry_only": "The ROI object carries geometry only; it was placed by patient coordinates.",
        "qform_sform_disagree": "A NIfTI label map's qform and sform disagree; the sform was used.",
        "contours_off_plane": "RTSTRUCT contours lie between CT planes; they were assigned to the nearest plane.",
        "dicom_not_written": "A DICOM output (SR, SEG, REG) could not be written; the other results are unaffected.",
        "dicom_not_stored": "A DICOM output was not stored on the PACS given with --store-to (refused, or held back); the others were sent.",
        "dicom_stored_with_warning": "The PACS stored a DICOM output with a warning status (e.g. attributes coerced).",
        "own_output_skipped": "A DICOM object written by LesionDensity itself was not read as input.",
        "note": "A remark without a code of its own.",
    ]
}
