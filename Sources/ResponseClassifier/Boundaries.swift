// Comparisons against thresholds. Inputs are computed in binary floating point (130.2 − 100.2 is
// 29.999999999999986), so each comparison allows `boundarySlack`: a value equal to a threshold when
// worked out by hand reaches it. The slack is far below any HU or fraction that matters.

/// Numeric slack of every threshold comparison, in the compared value's unit (HU, fraction, %).
let boundarySlack = 1e-9

/// `value ≥ threshold`, allowing ``boundarySlack``.
func reaches(_ value: Double, _ threshold: Double) -> Bool {
    value >= threshold - boundarySlack
}

/// `value > threshold`, allowing ``boundarySlack``.
func exceeds(_ value: Double, _ threshold: Double) -> Bool {
    value > threshold + boundarySlack
}
