/// Every threshold the classifier uses, with its default and source; Docs/Outputs.md's `criteria` object.
///
/// The defaults are those of Docs/Classification.md and DESIGN.md "Classification" (whose list of decisions
/// wins where Docs/Classification.md leaves a choice). Each property names its source: [LIT] a number from a cited
/// paper, [ENG] an engineering choice informed by the papers. Encoded with the snake_case keys of
/// ``CodingKeys`` (a unit is part of each key); decoding takes a partial object, keeps the default for
/// every absent key and rejects unknown keys and invalid values (``CriteriaError``).
public struct ResponseCriteria: Sendable, Equatable {
    // MARK: Voxel bands (Docs/Classification.md; DESIGN.md decision "Bands")

    /// `lytic_below_hu`: a voxel below this is lytic. Default 100 HU [ENG]: pure tumour/soft tissue is
    /// −30…+80 HU (Radiopaedia) and 100 HU is the opportunistic osteoporosis line (Pickhardt 2013, ISCD).
    public var lyticBelowHU: Double = 100
    /// `sclerotic_above_hu`: a voxel above this is sclerotic. Default 350 HU [ENG]: sclerotic lesions
    /// 444 ± 86.6 HU (Clin Exp Metastasis 2007) minus about one SD; above young normal trabecular bone.
    public var scleroticAboveHU: Double = 350
    /// `dense_from_hu`: a voxel at or above this is also counted in `fraction_dense` (cortex, enostosis,
    /// metal tail); it stays sclerotic. Default 1000 HU [ENG] from enostoses 1190 ± 239 HU (Ulano 2016).
    public var denseFromHU: Double = 1000

    // MARK: Reference-adjusted bands (Docs/Classification.md)

    /// `reference_shifts_bands`: with a reference normal-bone ROI, shift the lytic and sclerotic edges
    /// by the reference's baseline median (``bands(referenceMedianHU:)``). Default true [ENG].
    public var referenceShiftsBands: Bool = true
    /// `reference_lytic_margin_hu`: lytic edge = reference median − this, clamped to
    /// [`reference_lytic_floor_hu`, `lytic_below_hu`]. Default 60 HU [ENG].
    public var referenceLyticMarginHU: Double = 60
    /// `reference_lytic_floor_hu`: the lowest a reference-shifted lytic edge may go. Default 30 HU [ENG].
    public var referenceLyticFloorHU: Double = 30
    /// `reference_sclerotic_margin_hu`: sclerotic edge = max(`sclerotic_above_hu`, reference median +
    /// this). Default 200 HU [ENG]: keeps a 300 HU young vertebra from reading as sclerotic.
    public var referenceScleroticMarginHU: Double = 200

    // MARK: Phenotype (Docs/Classification.md; DESIGN.md "Phenotype")

    /// `phenotype_major_fraction`: the dominant band's share needed for lytic or sclerotic. Default
    /// 0.50 [ENG] (no published voxel-fraction definition exists, Docs/Classification.md).
    public var phenotypeMajorFraction: Double = 0.50
    /// `phenotype_minor_fraction`: the other band's share must stay below this for lytic or sclerotic;
    /// both bands at or above it make a mixed lesion. Default 0.15 [ENG] (≈ 10–15 % of metastases are
    /// mixed, Radiopaedia).
    public var phenotypeMinorFraction: Double = 0.15

    // MARK: Minimum meaningful change (Docs/Classification.md)

    /// `min_change_floor_hu`: absolute floor of the minimum meaningful |Δ mean| when the protocols
    /// match. Default 30 HU [ENG]: above the contrast-phase shift (+13…+26 HU, Pompe 2015) and water
    /// calibration (±5–7 HU); ≈ 1/5 of the 3-month post-RT response (+146 HU, Foerster 2015).
    public var minChangeFloorHU: Double = 30
    /// `min_change_relative_pct`: relative term, % of |baseline mean|, when the protocols match.
    /// Default 15 % [ENG]: the Choi / inverse-Choi density criterion [LIT?]; kVp alone ≈ 10 % (Ataei 2022).
    public var minChangeRelativePct: Double = 15
    /// `mismatch_min_change_floor_hu`: absolute floor when any compared protocol attribute differs.
    /// Default 50 HU [ENG] (kernel −31…+64 HU in bone-like material, Docs/Classification.md).
    public var mismatchMinChangeFloorHU: Double = 50
    /// `mismatch_min_change_relative_pct`: relative term (% of |baseline mean|) on protocol mismatch.
    /// Default 20 % [ENG] (contrast +21 % in trabecular bone, Grünewald; inter-scanner up to 20 %).
    public var mismatchMinChangeRelativePct: Double = 20

    // MARK: Response rules (Docs/Classification.md)

    /// `mixed_fraction_change`: change of a band fraction (follow-up − baseline) that counts for a
    /// mixed lesion's lytic or sclerotic component. Default 0.15 [ENG].
    public var mixedFractionChange: Double = 0.15
    /// `marked_fill_in_sclerotic_fraction`: a remineralizing lytic lesion whose follow-up sclerotic
    /// fraction reaches this gets `marked_fill_in` (MDA CR "complete fill-in"). Default 0.50 [ENG].
    public var markedFillInScleroticFraction: Double = 0.50
    /// `flare_window_days`: increasing sclerosis at most this many days after therapy start gets
    /// `possible_flare`. Default 180 days [ENG, anchored on LIT]: flare 2 weeks–3 months, rarely up to
    /// 6 months (Radiopaedia; Messiou 2011); 180 rather than 90 so §4.5's two sclerotic rows leave no gap.
    public var flareWindowDays: Int = 180
    /// `no_change_not_before_days`: a `stable` label earlier than this after therapy start gets
    /// `early_follow_up`. Default 56 days [LIT]: MDA "no change" not before 8 weeks (Hamaoka 2004).
    public var noChangeNotBeforeDays: Int = 56
    /// `early_lysis_before_days`: `progressing lysis` earlier than this after therapy start gets
    /// `early_follow_up` (re-image). Default 90 days [ENG, anchored on LIT]: RCC lytic lesions can dip early after SBRT
    /// and recover (McDonald 2015).
    public var earlyLysisBeforeDays: Int = 90
    /// `size_increase_volume_pct`: volume growth (%) that sets `size_increase`. Default 73 % [ENG]:
    /// RECIST 1.1's +20 % diameter as a volume, 1.2³ = 1.73.
    public var sizeIncreaseVolumePct: Double = 73
    /// `size_decrease_volume_pct`: volume loss (%) that sets `size_decrease`. Default 66 % [ENG]:
    /// RECIST's −30 % diameter as a volume, 0.7³ = 0.34.
    public var sizeDecreaseVolumePct: Double = 66

    // MARK: Validity flags (Docs/Classification.md; DESIGN.md decision "small_roi")

    /// `small_roi_min_voxels`: a full ROI with fewer voxels gets `small_roi`. Default 100 [ENG].
    public var smallROIMinVoxels: Int = 100
    /// `small_roi_min_volume_ml`: a full ROI with a smaller volume gets `small_roi`. Default 0.5 mL
    /// [ENG]; Burns 2013 counted lesions > 0.3 cm³ [LIT].
    public var smallROIMinVolumeML: Double = 0.5
    /// `metal_above_hu`: a voxel above this sets `metal_suspected`. Default 3000 HU [ENG]: above any
    /// bone (compact bone ≈ 1000–1900 HU); motivated by pyradiomics #573.
    public var metalAboveHU: Double = 3000
    /// `reference_unstable_above_hu`: a reference ROI whose mean changes by more than this sets
    /// `reference_unstable`. Default 30 HU [ENG] (Docs/Classification.md: drift, contrast or drug effect).
    public var referenceUnstableAboveHU: Double = 30
    /// `core_min_retained_fraction`: the core ROI (eroded one voxel in-plane) is kept only when it
    /// retains at least this share of the full ROI's voxels. Default 0.5 [ENG] (Docs/Classification.md).
    public var coreMinRetainedFraction: Double = 0.5

    // MARK: Protocol comparison (Docs/Classification.md)

    /// `kvp_tolerance_kv`: KVP values closer than this are equal. Default 0.5 kV [ENG]: absorbs
    /// decimal-string rounding; real kVp steps are ≥ 10 kV.
    public var kvpToleranceKV: Double = 0.5
    /// `slice_thickness_tolerance_mm`: SliceThickness values closer than this are equal. Default
    /// 0.1 mm [ENG]: vendors' nominal widths (0.6 vs 0.625 mm) and rounding are not a protocol change.
    public var sliceThicknessToleranceMM: Double = 0.1

    // MARK: Registration quality check (Docs/Longitudinal.md)

    /// `registration_min_similarity`: a computed registration whose normalized cross-correlation of
    /// the registered boxes (−1…1) is below this sets `registration_uncertain`. Default 0.8 [ENG]:
    /// aligned boxes of bone and soft tissue correlate at ≥ 0.9 even when the lesion changed; a box
    /// off by a few mm falls to 0.5–0.8 (Docs/Longitudinal.md).
    public var registrationMinSimilarity: Double = 0.8
    /// `registration_max_translation_mm`: a transform (computed or from a REG) that moves the lesion
    /// centre by more than this sets `registration_uncertain`. Default 50 mm [ENG]: patient set-up
    /// differences between CT visits are centimetres, not decimetres.
    public var registrationMaxTranslationMM: Double = 50
    /// `registration_max_rotation_deg`: a transform whose rotation angle exceeds this sets
    /// `registration_uncertain`. Default 15° [ENG]: supine trunk CTs differ by a few degrees; a larger
    /// angle in a local box usually means the optimiser turned onto a symmetric structure.
    public var registrationMaxRotationDeg: Double = 15

    /// The defaults above.
    public init() {}
}
