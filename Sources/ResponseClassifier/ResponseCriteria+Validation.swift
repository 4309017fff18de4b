// Range checks of a `criteria` object, each failure naming its key (CriteriaError.invalidValue).

extension ResponseCriteria {
    /// Checks that every threshold is usable and the thresholds agree with each other.
    ///
    /// Rules: every number finite and within ±``largestMagnitude``; floors of the minimum change > 0 HU; relative terms, margins, limits,
    /// tolerances, days and counts ≥ 0; `lytic_below_hu` < `sclerotic_above_hu` < `dense_from_hu`;
    /// `reference_lytic_floor_hu` ≤ `lytic_below_hu`; fractions within 0…1 and
    /// `phenotype_minor_fraction` ≤ `phenotype_major_fraction` (otherwise a lesion could be lytic and
    /// sclerotic at once); the mismatch floor and relative term at least the matched ones (a mismatch
    /// raises the threshold, Docs/Classification.md); `size_increase_volume_pct` > 0 and
    /// `size_decrease_volume_pct` within (0, 100].
    /// - Throws: ``CriteriaError/invalidValue(key:reason:)`` for the first rule broken, in key order.
    /// The largest magnitude of any threshold (HU, %, mL, mm, kV, days, voxels): 10⁶.
    public static let largestMagnitude = 1e6

    public func validate() throws(CriteriaError) {
        for key in CodingKeys.allCases {
            try check(key)
        }
    }

    private func check(_ key: CodingKeys) throws(CriteriaError) {
        func fail(_ reason: String) -> CriteriaError {
            .invalidValue(key: key.rawValue, reason: reason)
        }
        func finite(_ value: Double) throws(CriteriaError) {
            guard value.isFinite else { throw fail("must be a finite number") }
            // HU, %, mL, mm and kV thresholds beyond ±10⁶ mean nothing for CT (a stored value maps to
            // at most ±10⁶ HU, Docs/Robustness.md) and would overflow the arithmetic done with them.
            guard abs(value) <= Self.largestMagnitude else {
                throw fail("must lie within ±\(numberText(Self.largestMagnitude)), not \(numberText(value))")
            }
        }
        func number(_ value: Double, atLeast low: Double, above: Bool = false) throws(CriteriaError) {
            try finite(value)
            if above, value <= low { throw fail("must be greater than \(numberText(low)), not \(numberText(value))") }
            if !above, value < low { throw fail("must be at least \(numberText(low)), not \(numberText(value))") }
        }
        func fraction(_ value: Double) throws(CriteriaError) {
            guard value.isFinite, (0...1).contains(value) else {
                throw fail("must be a fraction within 0…1, not \(numberText(value))")
            }
        }
        func wholeNumber(_ value: Int) throws(CriteriaError) {
            guard value >= 0 else { throw fail("must be at least 0, not \(value)") }
            guard value <= Int(Self.largestMagnitude) else {
                throw fail("must be at most \(numberText(Self.largestMagnitude)), not \(value)")
            }
        }
        /// Fails unless `holds`, the relation `words` between `value` and the value of key `other`.
        func relation(
            _ value: Double, _ holds: Bool, _ words: String, _ other: CodingKeys, _ otherValue: Double
        ) throws(CriteriaError) {
            guard holds else {
                throw fail("(\(numberText(value))) must be \(words) \(other.rawValue) (\(numberText(otherValue)))")
            }
        }
        switch key {
        case .lyticBelowHU:
            try finite(lyticBelowHU)
            try relation(lyticBelowHU, lyticBelowHU < scleroticAboveHU, "below", .scleroticAboveHU, scleroticAboveHU)
        case .scleroticAboveHU: try finite(scleroticAboveHU)
        case .denseFromHU:
            try finite(denseFromHU)
            try relation(denseFromHU, denseFromHU > scleroticAboveHU, "above", .scleroticAboveHU, scleroticAboveHU)
        case .referenceShiftsBands: return
        case .referenceLyticMarginHU: try number(referenceLyticMarginHU, atLeast: 0)
        case .referenceLyticFloorHU:
            try finite(referenceLyticFloorHU)
            try relation(
                referenceLyticFloorHU, referenceLyticFloorHU <= lyticBelowHU, "at most", .lyticBelowHU, lyticBelowHU)
        case .referenceScleroticMarginHU: try number(referenceScleroticMarginHU, atLeast: 0)
        case .phenotypeMajorFraction: try fraction(phenotypeMajorFraction)
        case .phenotypeMinorFraction:
            try fraction(phenotypeMinorFraction)
            try relation(
                phenotypeMinorFraction, phenotypeMinorFraction <= phenotypeMajorFraction, "at most",
                .phenotypeMajorFraction, phenotypeMajorFraction)
        case .minChangeFloorHU: try number(minChangeFloorHU, atLeast: 0, above: true)
        case .minChangeRelativePct: try number(minChangeRelativePct, atLeast: 0)
        case .mismatchMinChangeFloorHU:
            try finite(mismatchMinChangeFloorHU)
            try relation(
                mismatchMinChangeFloorHU, mismatchMinChangeFloorHU >= minChangeFloorHU, "at least",
                .minChangeFloorHU, minChangeFloorHU)
        case .mismatchMinChangeRelativePct:
            try finite(mismatchMinChangeRelativePct)
            try relation(
                mismatchMinChangeRelativePct, mismatchMinChangeRelativePct >= minChangeRelativePct, "at least",
                .minChangeRelativePct, minChangeRelativePct)
        case .mixedFractionChange: try fraction(mixedFractionChange)
        case .markedFillInScleroticFraction: try fraction(markedFillInScleroticFraction)
        case .flareWindowDays: try wholeNumber(flareWindowDays)
        case .noChangeNotBeforeDays: try wholeNumber(noChangeNotBeforeDays)
        case .earlyLysisBeforeDays: try wholeNumber(earlyLysisBeforeDays)
        case .sizeIncreaseVolumePct: try number(sizeIncreaseVolumePct, atLeast: 0, above: true)
        case .sizeDecreaseVolumePct:
            try number(sizeDecreaseVolumePct, atLeast: 0, above: true)
            guard sizeDecreaseVolumePct <= 100 else {
                throw fail("must be at most 100, not \(numberText(sizeDecreaseVolumePct))")
            }
        case .smallROIMinVoxels: try wholeNumber(smallROIMinVoxels)
        case .smallROIMinVolumeML: try number(smallROIMinVolumeML, atLeast: 0)
        case .metalAboveHU: try finite(metalAboveHU)
        case .referenceUnstableAboveHU: try number(referenceUnstableAboveHU, atLeast: 0)
        case .coreMinRetainedFraction: try fraction(coreMinRetainedFraction)
        case .kvpToleranceKV: try number(kvpToleranceKV, atLeast: 0)
        case .sliceThicknessToleranceMM: try number(sliceThicknessToleranceMM, atLeast: 0)
        case .registrationMinSimilarity:
            guard registrationMinSimilarity.isFinite, (-1...1).contains(registrationMinSimilarity) else {
                throw fail("must be a correlation within −1…1, not \(numberText(registrationMinSimilarity))")
            }
        case .registrationMaxTranslationMM: try number(registrationMaxTranslationMM, atLeast: 0)
        case .registrationMaxRotationDeg: try number(registrationMaxRotationDeg, atLeast: 0)
        }
    }
}
