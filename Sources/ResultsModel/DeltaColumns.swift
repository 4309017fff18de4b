import DensityKernel

/// The `delta` and `delta_core` objects: follow-up minus baseline (``DensityDelta``: HU, %, mL,
/// fractions 0…1; `mean_hu_ci95` the Welch interval of Δmean with n_eff = n / 8, z = 1.96).
public enum DeltaColumns {
    /// The delta keys in order.
    public static var columns: [ResultColumn<DensityDelta>] {
        [
            .init("mean_hu", .hu, \.meanHU),
            .init("mean_pct", .percent, \.meanPercent),
            .init("median_hu", .hu, \.medianHU),
            .init("volume_ml", .ml, \.volumeML),
            .init("volume_pct", .percent, \.volumePercent),
            .init("fraction_lytic", .fraction, \.fractionLytic),
            .init("fraction_sclerotic", .fraction, \.fractionSclerotic),
            .init(ci95Key, .hu) { d in
                d.meanHUCI95.map { .array([.number(Optional($0.lowerBound)), .number(Optional($0.upperBound))]) } ?? .null
            },
        ]
    }

    static let ci95Key = "mean_hu_ci95"

    /// The CSV stems: the same keys, `mean_hu_ci95` split into `mean_hu_ci95_lo` and `_hi`.
    public static var csvColumns: [ResultColumn<DensityDelta>] {
        columns.flatMap { c -> [ResultColumn<DensityDelta>] in
            guard c.key == ci95Key else { return [c] }
            return [.init(ci95Key + "_lo", .hu) { .number($0.meanHUCI95?.lowerBound) },
                    .init(ci95Key + "_hi", .hu) { .number($0.meanHUCI95?.upperBound) }]
        }
    }
}
