/// The voxel HU bands in force for one pair (Docs/Classification.md; DESIGN.md decision "Bands").
///
/// A voxel is lytic when HU < ``lyticBelowHU``, intermediate when ``lyticBelowHU`` ≤ HU ≤
/// ``scleroticAboveHU``, sclerotic when HU > ``scleroticAboveHU``; dense (≥ ``denseFromHU``) voxels are
/// sclerotic too and also counted apart. The band fractions handed to the classifier
/// (``RegionDensity``) must be computed with these edges.
public struct HUBands: Sendable, Equatable {
    /// Voxels below this (HU) are lytic.
    public let lyticBelowHU: Double
    /// Voxels above this (HU) are sclerotic.
    public let scleroticAboveHU: Double
    /// Voxels at or above this (HU) are counted in `fraction_dense`.
    public let denseFromHU: Double

    public init(lyticBelowHU: Double, scleroticAboveHU: Double, denseFromHU: Double) {
        self.lyticBelowHU = lyticBelowHU
        self.scleroticAboveHU = scleroticAboveHU
        self.denseFromHU = denseFromHU
    }
}

extension ResponseCriteria {
    /// The bands in force, shifted by a reference normal-bone ROI when one is given.
    ///
    /// Without a reference, or with `reference_shifts_bands` false: the `criteria` edges. With a
    /// reference whose baseline median is m (Docs/Classification.md, [ENG]):
    /// - lytic edge = clamp(m − `reference_lytic_margin_hu`, `reference_lytic_floor_hu`, `lytic_below_hu`)
    /// - sclerotic edge = max(`sclerotic_above_hu`, m + `reference_sclerotic_margin_hu`)
    ///
    /// so 80 HU osteoporotic bone is not lytic everywhere and a 300 HU young vertebra not sclerotic.
    /// The dense edge never shifts (a reference median above 800 HU, not normal trabecular bone, would
    /// lift the sclerotic edge above it).
    /// - Parameter referenceMedianHU: the reference ROI's median at baseline, in HU, or nil.
    public func bands(referenceMedianHU: Double?) -> HUBands {
        guard referenceShiftsBands, let median = referenceMedianHU else {
            return HUBands(lyticBelowHU: lyticBelowHU, scleroticAboveHU: scleroticAboveHU, denseFromHU: denseFromHU)
        }
        let lytic = min(max(median - referenceLyticMarginHU, referenceLyticFloorHU), lyticBelowHU)
        let sclerotic = max(scleroticAboveHU, median + referenceScleroticMarginHU)
        return HUBands(lyticBelowHU: lytic, scleroticAboveHU: sclerotic, denseFromHU: denseFromHU)
    }
}
