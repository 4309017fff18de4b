// Builders for classifier inputs. Every expected value in the tests is worked out by hand from
// clinical.md §4 and DESIGN.md with the default criteria; none is read back from the code.
import ResponseClassifier
import VolumeModel

/// One ROI with the given mean and band fractions; 1000 voxels, 5 mL, max 1200 HU unless told.
func region(
    mean: Double, lytic: Double = 0, sclerotic: Double = 0,
    voxels: Int = 1000, volumeML: Double = 5, maxHU: Double = 1200
) -> RegionDensity {
    RegionDensity(
        voxelCount: voxels, volumeML: volumeML, meanHU: mean, maxHU: maxHU,
        fractionLytic: lytic, fractionSclerotic: sclerotic)
}

/// A time point with a full ROI only.
func timePoint(_ full: RegionDensity) -> TimePointDensity {
    TimePointDensity(full: full)
}

/// A routine bone protocol; each argument replaces one attribute.
func ctProtocol(
    kvp: Double? = 120, kernel: String? = "B70f", sliceMM: Double? = 2.5, contrast: String? = nil,
    manufacturer: String? = "SIEMENS", model: String? = "SOMATOM Force"
) -> ScanProtocol {
    ScanProtocol(
        kvp: kvp.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }, convolutionKernel: kernel, sliceThicknessMM: sliceMM,
        contrastBolusAgent: contrast, manufacturer: manufacturer, model: model)
}

/// The comparison of two identical, fully described protocols.
let matchedProtocols = ProtocolComparison(
    baseline: ctProtocol(), followup: ctProtocol(), criteria: ResponseCriteria())

/// Only the kernel differs: a mismatch (threshold max(50 HU, 20 %)), density still comparable.
let kernelMismatch = ProtocolComparison(
    baseline: ctProtocol(), followup: ctProtocol(kernel: "B30f"), criteria: ResponseCriteria())

/// Contrast at follow-up only, and another kVp: `indeterminate (protocol)`.
let contrastAndKVPMismatch = ProtocolComparison(
    baseline: ctProtocol(), followup: ctProtocol(kvp: 100, contrast: "Omnipaque 350"), criteria: ResponseCriteria())

/// Classifies a lesion measured at both time points on full ROIs, with default criteria.
func classifyBoth(
    _ baseline: RegionDensity, _ followup: RegionDensity,
    context: PairContext = PairContext(protocols: matchedProtocols)
) -> LesionClassification {
    classify(
        .both(baseline: timePoint(baseline), followup: timePoint(followup)), in: context,
        criteria: ResponseCriteria())
}

// Baseline lesions of each phenotype (by the 0.50 / 0.15 fraction rule).
/// Lytic: f_lytic 0.80, f_sclerotic 0.05, mean 50 HU → threshold max(30, 7.5) = 30 HU.
let lyticBaseline = region(mean: 50, lytic: 0.80, sclerotic: 0.05)
/// Sclerotic: f_lytic 0.05, f_sclerotic 0.80, mean 400 HU → threshold max(30, 60) = 60 HU.
let scleroticBaseline = region(mean: 400, lytic: 0.05, sclerotic: 0.80)
/// Mixed: f_lytic 0.40, f_sclerotic 0.40, mean 300 HU → threshold max(30, 45) = 45 HU.
let mixedBaseline = region(mean: 300, lytic: 0.40, sclerotic: 0.40)
/// Indeterminate: f_lytic 0.10, f_sclerotic 0.10, mean 200 HU.
let indeterminateBaseline = region(mean: 200, lytic: 0.10, sclerotic: 0.10)
