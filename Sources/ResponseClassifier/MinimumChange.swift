extension ResponseCriteria {
    /// The minimum meaningful change `threshold_hu` (Docs/Classification.md, [ENG]): the smallest |Δ mean| in
    /// HU that counts as a change.
    ///
    /// `max(min_change_floor_hu, min_change_relative_pct % × |baseline mean|)` (30 HU, 15 %) when the
    /// protocols match; the `mismatch_` pair (50 HU, 20 %) when they differ. The absolute floor governs
    /// low-density lesions, where a percentage of a ≈ 50 HU mean would be tiny; the relative term
    /// governs dense ones (above 200 HU with the matched defaults).
    /// - Parameters:
    ///   - baselineMeanHU: mean HU of the classification ROI at baseline.
    ///   - protocolMismatch: ``ProtocolComparison/isMismatch`` of the pair.
    public func minimumChangeHU(baselineMeanHU: Double, protocolMismatch: Bool) -> Double {
        let floor = protocolMismatch ? mismatchMinChangeFloorHU : minChangeFloorHU
        let percent = protocolMismatch ? mismatchMinChangeRelativePct : minChangeRelativePct
        return max(floor, percent * abs(baselineMeanHU) / 100)
    }
}
