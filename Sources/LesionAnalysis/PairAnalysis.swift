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
    /// How label maps are read (`--labels`, `--split-components`).
    public var labelMaps = LabelMapOptions()
    /// Series already found by a header scan (batch): used instead of scanning the paths again.
    public var baselineSeries: SeriesSelection.Candidate?
    public var followupSeries: SeriesSelection.Candidate?
    /// Whether each time point has its own segmentation (size flags are meaningful only then): true
    /// when the follow-up's ROI files are given and differ from the baseline's.
    public var eachTimePointHasOwnSegmentation: Bool {
        guard let followupROIs, !followupROIs.isEmpty else { return false }
        return Set(followupROIs) != Set(baselineROIs)
    }

    /// Problems with other files (`unreadable_file`, `skipped_file`) to report with this pair.
    public var fileWarnings: [String] = []

    /// The patient's whole course, in time order, when the pair is part of one (batch); empty for a
    /// lone pair. Lesions missing at a time point are carried from the earliest time point where they
    /// were drawn, and the phenotype comes from the first time point.
    public var course: [CourseTimePoint] = []
    /// Positions of the pair's baseline and follow-up in ``course``.
    public var courseIndices: (baseline: Int, followup: Int) = (0, 1)
    /// DICOM Spatial Registration objects (REG) that may link the time points' frames of reference.
    public var registrationFiles: [String] = []
    /// Compute a registration where neither the frame of reference nor a REG links two time points
    /// (`--no-register` turns this off; a REG and the identity are still used).
    public var register = true
    /// The engine of computed registrations: ITK's local rigid registration (nil: none; such lesions fail, named).
    public var registrar: (any LesionRegistering)? = ITKLesionRegistrar()

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
    /// `error` and a message naming the file and the reason (``PairResult/isUsageError`` when the
    /// request itself is wrong, e.g. one series given as baseline and follow-up).
    /// - Parameters:
    ///   - pictures: where to draw one panel per lesion (nil: no pictures).
    ///   - dicom: where to write the SR and SEG of the pair's time points (nil: none).
    public static func run(_ request: PairRequest, pictures: PictureSink? = nil, dicom: DICOMOutputSink? = nil) -> PairResult {
        var course: CourseTimePoints
        func known(_ c: SeriesSelection.Candidate?) -> TimePointInfo? {
            c.map { TimePointInfo(header: $0.planes[0], seriesInstanceUID: $0.uid, path: $0.folder) }
        }
        do { course = try CourseTimePoints(request) } catch {
            var failed = PairResult.failed(.error, "\(error)", patientID: request.baselineSeries?.planes[0].patientID,
                                           baseline: known(request.baselineSeries), followup: known(request.followupSeries))
            failed.isUsageError = error is SameSeriesError
            return failed
        }
        let bi = course.baselineIndex, fi = course.followupIndex
        let bInfo = course.stages[bi].info, fInfo = course.stages[fi].info
        if let pb = bInfo.patientID, let pf = fInfo.patientID, pb != pf {
            return .failed(.error, "\(request.followupPath): belongs to PatientID \(pf), the baseline \(request.baselinePath) to \(pb); a pair must be one patient",
                           patientID: pb, baseline: bInfo, followup: fInfo)
        }
        let keys = course.lesionKeys
        let bands0 = request.criteria.bands(referenceMedianHU: nil)
        let bPlaced = course.placed(at: bi, keys: keys), fPlaced = course.placed(at: fi, keys: keys)
        var b = measure(course.stages[bi], bPlaced, bands: bands0, request: request)
        var f = measure(course.stages[fi], fPlaced, bands: bands0, request: request)
        var warnings = b.warnings.map { $0.at("baseline") } + f.warnings.map { $0.at("follow-up") }
            + (request.fileWarnings + course.warnings).map(ResultWarning.init(rendered:))
            + (bi > 0 ? course.stages[bi].componentWarnings : []) + course.stages[fi].componentWarnings
        for (stage, role) in [(course.stages[bi], "baseline"), (course.stages[fi], "follow-up")] {
            if let w = TimePointDate(stage.stack.reference)?.warning(studyInstanceUID: stage.info.studyInstanceUID, role: role) {
                warnings.append(ResultWarning(rendered: w))
            }
        }
        if course.stages[fi].point.roiFiles.isEmpty, !fPlaced.carried.isEmpty {
            // Expected, not a fault: one ROI file serving both time points is the documented normal case.
            warnings.append(ResultWarning(.noFollowupROIs, "the follow-up study \(fInfo.studyInstanceUID ?? "?") has no ROI object of its own: "
                + "its lesions were carried \(CarriedROI.origins(fPlaced.carried.values)) (expected when one ROI file serves both time points)"))
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
        let first = bi == 0 ? nil : firstPhenotypes(&course, keys: keys, request: request)
        let correspondence = PairCorrespondence(baselineIndex: bi, followupIndex: fi, mismatched: bPlaced.mismatched.union(fPlaced.mismatched))
        let lesions = matchAndClassify(b, f, context: context, criteria: request.criteria, firstPhenotypes: first,
                                       correspondence: correspondence)
        var result = PairResult(
            patientID: bInfo.patientID, baseline: bInfo, followup: fInfo,
            intervalDays: StudyDates.days(from: bInfo.studyDate, to: fInfo.studyDate), daysFromTherapyStart: days,
            status: .ok, error: nil, warnings: warnings, lesions: lesions,
            failures: b.failures.map { $0.at("baseline") } + f.failures.map { $0.at("follow-up") },
            reference: referenceResult(b, f), bands: bands)
        if lesions.isEmpty, let first = result.failures.first {
            // Nothing could be measured: the pair failed (each lesion stays named under `errors`).
            result.status = .error
            result.error = "no lesion could be measured: \(first.line)"
        }
        if let pictures { drawPictures(&result, b, f, sink: pictures) }
        if let dicom, result.status == .ok {
            dicom.add(result, baseline: b, followup: f)
            writeRegistrations(&result, b, f, correspondence: correspondence, sink: dicom)
        }
        return result
    }

    /// Each computed transform of the pair as a REG in `DIR/dicom/` (DICOMOutputSink), named in the
    /// lesion's `registration.file`; identity and REG inputs are not written.
    static func writeRegistrations(_ result: inout PairResult, _ b: TimePointMeasurement, _ f: TimePointMeasurement,
                                   correspondence: PairCorrespondence, sink: DICOMOutputSink) {
        func measured(_ m: TimePointMeasurement, _ key: String) -> LesionMeasurement? {
            m.lesions.first { LesionMatching.key($0.label) == key }
        }
        for i in result.lesions.indices where result.lesions[i].registration?.method == .itkRigid {
            let key = LesionMatching.key(result.lesions[i].lesionID)
            guard let record = correspondence.record(measured(b, key), measured(f, key)) else { continue }
            let file = sink.addRegistration(
                patientID: result.patientID, lesionID: result.lesions[i].lesionID, baseline: b.stack, followup: f.stack,
                baselineFromFollowup: record.baselineFromFollowup.matrix4x4)
            result.lesions[i].registration?.file = file
        }
    }

    /// Measures one time point's placed ROIs with the bands in force.
    static func measure(_ stage: CourseTimePoints.Stage, _ placed: TimePointMeasurement.Placed, bands: HUBands,
                        request: PairRequest) -> TimePointMeasurement {
        var thresholds = TimePointMeasurement.FlagThresholds()
        thresholds.smallROIVoxels = request.criteria.smallROIMinVoxels
        thresholds.smallROIVolumeML = request.criteria.smallROIMinVolumeML
        thresholds.metalHU = request.criteria.metalAboveHU
        return TimePointMeasurement.measure(stack: stage.stack, path: stage.point.path, placed: placed,
                                            options: densityOptions(bands: bands, request: request), thresholds: thresholds,
                                            fileWarnings: stage.fileWarnings, coreRetainedFraction: request.criteria.coreMinRetainedFraction)
    }

    /// The phenotype of each lesion at the course's first time point (DESIGN.md: its core ROI when it
    /// has one, else the full ROI, with the bands in force there, shifted by a reference ROI measured there).
    static func firstPhenotypes(_ course: inout CourseTimePoints, keys: [String], request: PairRequest) -> [String: LesionPhenotype] {
        let bands0 = request.criteria.bands(referenceMedianHU: nil)
        var m = measure(course.stages[0], course.placed(at: 0, keys: keys), bands: bands0, request: request)
        let referenceMedian = m.lesions.first(where: \.mask.isReference)?.statistics.median
        let bands = request.criteria.bands(referenceMedianHU: referenceMedian)
        if bands != bands0 {
            m = m.remeasured(options: densityOptions(bands: bands, request: request), coreRetainedFraction: request.criteria.coreMinRetainedFraction)
        }
        var phenotypes: [String: LesionPhenotype] = [:]
        for l in m.lesions where !l.mask.isReference {
            let region = l.core ?? l.statistics
            phenotypes[LesionMatching.key(l.label)] = LesionPhenotype(fractionLytic: region.fractionLytic ?? 0,
                                                                     fractionSclerotic: region.fractionSclerotic ?? 0, criteria: request.criteria)
        }
        return phenotypes
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
