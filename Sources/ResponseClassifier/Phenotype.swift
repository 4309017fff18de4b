// Phenotype by band fractions and by mean (Docs/Classification.md; DESIGN.md "Phenotype").

extension LesionPhenotype {
    /// The phenotype from the band fractions of one ROI (the baseline classification ROI).
    ///
    /// With major M = `phenotype_major_fraction` (0.50) and minor m = `phenotype_minor_fraction` (0.15):
    /// lytic if f_lytic ≥ M and f_sclerotic < m; sclerotic if f_sclerotic ≥ M and f_lytic < m; mixed if
    /// both ≥ m; otherwise indeterminate. [ENG]
    public init(fractionLytic: Double, fractionSclerotic: Double, criteria: ResponseCriteria) {
        let major = criteria.phenotypeMajorFraction
        let minor = criteria.phenotypeMinorFraction
        let lyticMajor = reaches(fractionLytic, major), lyticMinor = reaches(fractionLytic, minor)
        let scleroticMajor = reaches(fractionSclerotic, major), scleroticMinor = reaches(fractionSclerotic, minor)
        self = if lyticMajor && !scleroticMinor {
            .lytic
        } else if scleroticMajor && !lyticMinor {
            .sclerotic
        } else if lyticMinor && scleroticMinor {
            .mixed
        } else {
            .indeterminate
        }
    }

    /// The by-mean class this phenotype agrees with: lytic and sclerotic their namesakes; mixed and
    /// indeterminate (mostly 100–350 HU, or components averaging out) intermediate. [ENG]
    var agreeingMeanClass: PhenotypeByMean {
        switch self {
        case .lytic: .lytic
        case .sclerotic: .sclerotic
        case .mixed, .indeterminate: .intermediate
        }
    }
}

extension PhenotypeByMean {
    /// The class of a mean HU: lytic below the lytic edge, sclerotic above the sclerotic edge,
    /// intermediate between (both edges included). [ENG; DESIGN.md decision "phenotype_by_mean"]
    public init(meanHU: Double, bands: HUBands) {
        self = if !reaches(meanHU, bands.lyticBelowHU) {
            .lytic
        } else if exceeds(meanHU, bands.scleroticAboveHU) {
            .sclerotic
        } else {
            .intermediate
        }
    }
}
