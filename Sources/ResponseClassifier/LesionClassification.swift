/// The classifier's answer for one lesion: Docs/Outputs.md's per-lesion keys from `classified_on` to
/// `flags`, plus `reference_adjusted_delta_mean_hu`.
public struct LesionClassification: Sendable, Equatable {
    /// `classified_on`: the ROI that phenotype, threshold and response come from.
    public let classifiedOn: ClassifiedROI
    /// `phenotype`, from the band fractions of the baseline classification ROI (the follow-up's for a
    /// lesion outlined at follow-up only).
    public let phenotype: LesionPhenotype
    /// `phenotype_by_mean`, from the mean of the same ROI and the ``HUBands`` in force.
    public let phenotypeByMean: PhenotypeByMean
    /// `threshold_hu`: the minimum meaningful change applied, HU; nil for a lesion outlined at one
    /// time point only (nothing was compared).
    public let thresholdHU: Double?
    /// `response`.
    public let response: DensityResponse
    /// `flags`, without repeats, in ``ResponseFlag`` declaration order.
    public var flags: [ResponseFlag]
    /// `reference_adjusted_delta_mean_hu`: Δ mean of the classification ROI minus Δ mean of the
    /// reference ROI, HU (Cureus 2020 "control-adjusted" change [LIT]); reported, never used for the
    /// label. Nil without a reference ROI or for a lesion outlined at one time point only.
    public let referenceAdjustedDeltaMeanHU: Double?

    public init(classifiedOn: ClassifiedROI, phenotype: LesionPhenotype, phenotypeByMean: PhenotypeByMean, thresholdHU: Double?,
                response: DensityResponse, flags: [ResponseFlag], referenceAdjustedDeltaMeanHU: Double?) {
        self.classifiedOn = classifiedOn
        self.phenotype = phenotype
        self.phenotypeByMean = phenotypeByMean
        self.thresholdHU = thresholdHU
        self.response = response
        self.flags = flags
        self.referenceAdjustedDeltaMeanHU = referenceAdjustedDeltaMeanHU
    }

    /// The same classification with `more` flags added (kept unique, in declaration order).
    public func adding(_ more: Set<ResponseFlag>) -> LesionClassification {
        var copy = self
        copy.flags = Set(flags).union(more).sorted()
        return copy
    }

    /// `confidence`: low when any of ``ResponseFlag/lowerConfidence`` is set; the label is kept.
    public var confidence: Confidence {
        flags.contains(where: ResponseFlag.lowerConfidence.contains) ? .low : .normal
    }
}
