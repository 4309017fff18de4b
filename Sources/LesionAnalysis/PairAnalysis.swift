import DICOMImport
import DensityKernel
import Foundation
import ResponseClassifier
import ResultsModel
import VolumeModel

/// What to analyse: two time points of one patient and their ROIs.
public struct PairRequest: Sendable {
    public var baselinePath: String
    public var followupPath: String
    /// ROI files of the baseline (sphere/box JSON, SEG, RTSTRUCT).
    public var baselineROIs: [String]
    /// ROI files of the follow-up; nil: the baseline files serve both time points (same coordinates).
    public var followupROIs: [String]?
    public var baselineSeriesUID: String?
    public var followupSeriesUID: String?
    public var criteria: ResponseCriteria
    /// Therapy start (`YYYY-MM-DD`), for `days_from_therapy_start`, `possible_flare`, `early_follow_up`.
    public var therapyStart: String?
    /// IBSI re-segmentation range (HU), or nil.
    public var resegmentationRange: ClosedRange<Double>?
    /// FRACTIONAL SEG pixels are kept at ≥ this fraction of MaximumFractionalValue (DESIGN.md: 0.5).
    public var fractionalThreshold = 0.5
    /// Series already found by a header scan (batch): used instead of scanning the paths again.
    public var baselineSeries: SeriesSelection.Candidate?
    public var followupSeries: SeriesSelection.Candidate?
    /// Whether each time point has its own segmentation (size flags are meaningful only then): true
    /// when the follow-up's ROI files are given and differ from the baseline's.
    public var eachTimePointHasOwnSegmentation: Bool {
        guard let followupROIs else { return false }
        return Set(followupROIs) != Set(baselineROIs)
    }

    /// Problems with other files (`unreadable_file`, `skipped_file`) to report with this pair.
    public var fileWarnings: [String] = []

    public init(baselinePath: String, followupPath: String, baselineROIs: [String], followupROIs: [String]? = nil,
                criteria: ResponseCriteria = .init(), therapyStart: String? = nil) {
        self.baselinePath = baselinePath
        self.followupPath = followupPath
        self.baselineROIs = baselineROIs
        self.followupROIs = followupROIs
        self.criteria = criteria
        self.therapyStart = therapyStart
    }
}

/// `analyze`: one pair of scans — both series measured (decoding only the planes the ROIs touch),
/// lesions matched by label (Docs/Outputs.md), deltas computed, every lesion classified.
public enum PairAnalysis {
    /// Runs the analysis. Never throws: a pair that cannot be analysed comes back with status
    /// `error` and a message naming the file and the reason.
    /// - Parameter pictures: where to draw one panel per lesion (nil: no pictures).
    public static func run(_ request: PairRequest, pictures: PictureSink? = nil) -> PairResult {
        let baseline: (TimePointMeasurement, ImageStack)
        let followup: (TimePointMeasurement, ImageStack)
        let bands0 = request.criteria.bands(referenceMedianHU: nil)
        do {
            baseline = try measure(path: request.baselinePath, uid: request.baselineSeriesUID, known: request.baselineSeries,
                                   rois: request.baselineROIs, bands: bands0, request: request)
            followup = try measure(path: request.followupPath, uid: request.followupSeriesUID, known: request.followupSeries,
                                   rois: request.followupROIs ?? request.baselineROIs, bands: bands0, request: request)
        } catch {
            return .failed(.error, "\(error)")
        }
        var b = baseline.0, f = followup.0
        let bInfo = TimePointInfo(stack: baseline.1, path: request.baselinePath)
        let fInfo = TimePointInfo(stack: followup.1, path: request.followupPath)
        if let pb = bInfo.patientID, let pf = fInfo.patientID, pb != pf {
            return .failed(.error, "\(request.followupPath): belongs to PatientID \(pf), the baseline \(request.baselinePath) to \(pb); a pair must be one patient",
                           patientID: pb, baseline: bInfo, followup: fInfo)
        }
        var warnings = b.warnings.map { $0.at("baseline") } + f.warnings.map { $0.at("follow-up") }
            + request.fileWarnings.map(ResultWarning.init(rendered:))
        if !request.eachTimePointHasOwnSegmentation, let fb = bInfo.frameOfReferenceUID, let ff = fInfo.frameOfReferenceUID, fb != ff {
            warnings.append(ResultWarning(.frameOfReference, "one ROI file serves both time points but the series have different FrameOfReferenceUIDs (\(fb) vs \(ff)); patient coordinates may not correspond"))
        }

        // A reference ROI shifts the HU bands when the criteria say so (Docs/Classification.md).
        let reference = referenceDensity(b, f)
        let bands = request.criteria.bands(referenceMedianHU: reference?.baselineMedianHU)
        if bands != bands0 {
            let options = densityOptions(bands: bands, request: request)
            b = b.remeasured(options: options, coreRetainedFraction: request.criteria.coreMinRetainedFraction)
            f = f.remeasured(options: options, coreRetainedFraction: request.criteria.coreMinRetainedFraction)
            warnings.append(ResultWarning(.bandsShifted, "lytic < \(fmt(bands.lyticBelowHU)) HU, sclerotic > \(fmt(bands.scleroticAboveHU)) HU, from the reference ROI's baseline median \(fmt(reference?.baselineMedianHU ?? 0)) HU"))
        }

        let comparison = ProtocolComparison(baseline: bInfo.scanProtocol, followup: fInfo.scanProtocol, criteria: request.criteria)
        warnings += comparison.warnings.map(ResultWarning.init(rendered:))
        let days = request.therapyStart.flatMap { StudyDates.days(from: $0, to: fInfo.studyDate) }
        let context = PairContext(protocols: comparison, daysFromTherapyStart: days, reference: reference,
                                  eachTimePointHasOwnSegmentation: request.eachTimePointHasOwnSegmentation)
        let lesions = matchAndClassify(b, f, context: context, criteria: request.criteria)
        var result = PairResult(
            patientID: bInfo.patientID, baseline: bInfo, followup: fInfo,
            intervalDays: StudyDates.days(from: bInfo.studyDate, to: fInfo.studyDate), daysFromTherapyStart: days,
            status: .ok, error: nil, warnings: warnings, lesions: lesions,
            failures: b.failures.map { $0.at("baseline") } + f.failures.map { $0.at("follow-up") },
            reference: referenceResult(b, f), bands: bands)
        if lesions.isEmpty, let first = result.failures.first {
            // Nothing could be measured: the pair failed (each lesion stays named under `errors`).
            result.status = .error
            result.error = "no lesion could be measured: \(first.file): \(first.lesionID.map { "lesion \($0): " } ?? "")\(first.message)"
        }
        if let pictures { drawPictures(&result, b, f, sink: pictures) }
        return result
    }

    /// Measures one time point with the bands in force.
    static func measure(path: String, uid: String?, known: SeriesSelection.Candidate?, rois: [String], bands: HUBands,
                        request: PairRequest) throws -> (TimePointMeasurement, ImageStack) {
        let candidate: SeriesSelection.Candidate
        var fileWarnings: [String] = []
        if let known {
            candidate = known
        } else {
            let (list, index) = try SeriesSelection.candidates(in: path)
            candidate = try SeriesSelection.choose(list, path: path, uid: uid, all: false)[0]
            fileWarnings = SeriesSelection.fileWarnings(index)
        }
        let stack = try DICOMSeries.assemble(candidate)
        let options = densityOptions(bands: bands, request: request)
        var thresholds = TimePointMeasurement.FlagThresholds()
        thresholds.smallROIVoxels = request.criteria.smallROIMinVoxels
        thresholds.smallROIVolumeML = request.criteria.smallROIMinVolumeML
        thresholds.metalHU = request.criteria.metalAboveHU
        let m = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: rois, options: options,
                                             thresholds: thresholds, fileWarnings: fileWarnings,
                                             coreRetainedFraction: request.criteria.coreMinRetainedFraction,
                                             fractionalThreshold: request.fractionalThreshold)
        return (m, stack)
    }

    /// Kernel options for the bands in force and the request's metal threshold and re-segmentation range.
    static func densityOptions(bands: HUBands, request: PairRequest) -> DensityOptions {
        var options = DensityOptions(lyticBelow: bands.lyticBelowHU, scleroticAbove: bands.scleroticAboveHU,
                                     denseFrom: bands.denseFromHU, metalAbove: request.criteria.metalAboveHU)
        options.resegmentationRange = request.resegmentationRange
        return options
    }

    /// The reference ROI measured at both time points, when one is given.
    static func referenceDensity(_ b: TimePointMeasurement, _ f: TimePointMeasurement) -> ReferenceDensity? {
        guard let rb = b.lesions.first(where: \.mask.isReference), let rf = f.lesions.first(where: { $0.mask.isReference && LesionMatching.key($0.label) == LesionMatching.key(rb.label) }),
              let mb = rb.statistics.mean, let mf = rf.statistics.mean, let median = rb.statistics.median else { return nil }
        return ReferenceDensity(baselineMeanHU: mb, followupMeanHU: mf, baselineMedianHU: median)
    }

    /// The reference ROI's STATS at both time points and their delta (`reference`), with the bands in force.
    static func referenceResult(_ b: TimePointMeasurement, _ f: TimePointMeasurement) -> ReferenceResult? {
        guard let rb = b.lesions.first(where: \.mask.isReference),
              let rf = f.lesions.first(where: { $0.mask.isReference && LesionMatching.key($0.label) == LesionMatching.key(rb.label) })
        else { return nil }
        return ReferenceResult(lesionID: rb.label, baseline: rb.result, followup: rf.result,
                               delta: DensityDelta(baseline: rb.statistics, followUp: rf.statistics))
    }

    static func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
}

