import DICOMImport
import Foundation
import ResponseClassifier
import ResultsModel

/// How studies of a patient form pairs (`--pairing`).
public enum PairingMode: String, Sendable, CaseIterable {
    /// The earliest study against each later one.
    case baseline
    /// Each study against the next.
    case consecutive
}

/// One planned pair: ready to run, or already decided (`no_rois`, `ambiguous`, `error`).
public struct PlannedPair: Sendable {
    public var patientID: String
    public var request: PairRequest?
    /// The outcome when the pair cannot run.
    public var decided: PairResult?
    /// Where the pair was listed (`pairs.csv row 3`) for a manifest row, so that its failure is named
    /// even when the series' PatientID cannot be read.
    public var origin: String? = nil
}

/// Everything `batch` will do, decided before anything is computed.
public struct BatchPlan: Sendable {
    public var pairs: [PlannedPair]
    public var unpaired: [UnpairedStudy]
    /// Run-level problems (`skipped_file`, `unreadable_file`) not tied to one pair.
    public var warnings: [String]
    /// Per patient, the folders its shard scans and its series' plane counts (``PatientScope``); nil
    /// for a manifest, or when the root is a single file.
    public var scopes: [String: PatientScope]? = nil

    /// Plans a batch over an export tree: discovery (headers only, in parallel), studies per
    /// patient, the series of each study, and pairs.
    /// - Throws: ``DICOMError`` when `root` does not exist.
    ///   - excluding: folders not searched (the `--out` folder when it lies inside `root`).
    ///   - folders: when given, only the files directly in these folders (relative to `root`) are
    ///     scanned (``Discovery/index(_:folders:)``): a shard of a written plan.
    public static func discover(root: String, pairing: PairingMode, criteria: ResponseCriteria,
                                therapyStart: String? = nil, excluding: [String] = [], folders: [String]? = nil) throws -> BatchPlan {
        let index = try folders.map { try Discovery.index(root, folders: $0) } ?? Discovery.index(root, excluding: excluding)
        let (patients, roiWarnings) = BatchStudies.studies(index)
        // File problems, each with the folder it lies in.
        let fileProblems: [(folder: String, warning: String)] =
            index.unreadableFiles.map { (($0.path as NSString).deletingLastPathComponent, "unreadable_file: \($0.path): \($0.message)") }
            + index.skippedFiles.map { (($0 as NSString).deletingLastPathComponent, "skipped_file: \($0): not a DICOM file") }
            + index.nonRegularFiles.map {
                (($0 as NSString).deletingLastPathComponent, "skipped_file: \($0): not a regular file (named pipe or device), not opened")
            }
        let ownOutputs = index.ownOutputs.map {
            "own_output_skipped: \($0.path): \(SOPClass.name($0.sopClassUID)) written by LesionDensity, not used as an input"
        }
        var plan = BatchPlan(pairs: [], unpaired: [], warnings: roiWarnings + ownOutputs)
        let registrations = registrationFiles(index)
        plan.scopes = PatientScope.of(index, root: root, registrations: registrations)
        var attached: Set<String> = []
        for pid in patients.keys.sorted() {
            let all = patients[pid] ?? []
            let studies = all.filter { $0.placedAt != nil }
            // A study without any date cannot be placed in the course: its pairs are refused.
            for undated in all where undated.placedAt == nil && all.count > 1 {
                let folder = undated.chosen?.folder ?? undated.series.first?.folder ?? "?"
                plan.pairs.append(PlannedPair(patientID: pid, request: nil, decided: .failed(
                    .error, TimePointDate.missingMessage(studyInstanceUID: undated.studyInstanceUID, folder: folder),
                    patientID: pid, baseline: studies.first.flatMap(Self.info), followup: Self.info(undated))))
            }
            if all.count == 1 {
                plan.unpaired.append(UnpairedStudy(patientID: pid, studyDate: Inspection.isoDate(all[0].studyDate),
                                                   studyInstanceUID: all[0].studyInstanceUID, reason: "only one study"))
                continue
            }
            if studies.count < 2 { continue }
            let course = Course(studies, registrations: registrations[pid, default: []] + registrations["", default: []])
            let couples: [(StudyEntry, StudyEntry)] = pairing == .baseline
                ? studies.dropFirst().map { (studies[0], $0) }
                : (1..<studies.count).map { (studies[$0 - 1], studies[$0]) }
            for (b, f) in couples {
                // A file problem in a folder holding planes of either series goes with the pair.
                let folders = Set([b.chosen, f.chosen].compactMap { $0 }.flatMap { $0.planes.map { ($0.path as NSString).deletingLastPathComponent } })
                let mine = fileProblems.filter { folders.contains($0.folder) }.map(\.warning)
                attached.formUnion(mine)
                plan.pairs.append(planPair(pid, b, f, course: course, criteria: criteria, therapyStart: therapyStart, fileWarnings: mine))
            }
        }
        plan.warnings += fileProblems.map(\.warning).filter { !attached.contains($0) }
        return plan
    }

    /// The study and series of a time point, for a pair decided without running.
    static func info(_ s: StudyEntry) -> TimePointInfo? {
        guard let c = s.chosen ?? s.series.first else { return nil }
        return TimePointInfo(header: c.planes[0], seriesInstanceUID: c.uid, path: c.folder)
    }

    /// A patient's dated studies as one course: the time points with a chosen series.
    struct Course {
        var studies: [StudyEntry]
        var points: [CourseTimePoint]
        var registrations: [String]
        init(_ all: [StudyEntry], registrations: [String]) {
            studies = all.filter { $0.chosen != nil }
            points = studies.map { CourseTimePoint(path: $0.chosen?.folder ?? "", series: $0.chosen, roiFiles: $0.roiFiles) }
            self.registrations = registrations
        }
        var hasROIs: Bool { studies.contains { !$0.roiFiles.isEmpty } }
        func index(_ s: StudyEntry) -> Int? { studies.firstIndex { $0.studyInstanceUID == s.studyInstanceUID } }
    }

    /// The Spatial Registration objects of the index by PatientID (those without one under ""); a REG
    /// that cannot be read is left out (it is read again, and named, by the pair).
    static func registrationFiles(_ index: DICOMIndex) -> [String: [String]] {
        var byPatient: [String: [String]] = [:]
        for o in index.otherObjects where o.sopClassUID == SOPClass.spatialRegistration {
            let reg = try? SpatialRegistrationReader.read(path: o.path)
            byPatient[reg?.patientID ?? "", default: []].append(o.path)
        }
        return byPatient
    }

    static func planPair(_ pid: String, _ b: StudyEntry, _ f: StudyEntry, course: Course, criteria: ResponseCriteria,
                         therapyStart: String?, fileWarnings: [String]) -> PlannedPair {
        var decided: PairResult?
        if let a = b.ambiguity ?? f.ambiguity {
            decided = .failed(.ambiguous, a, patientID: pid, baseline: Self.info(b), followup: Self.info(f))
        } else if !course.hasROIs {
            decided = .failed(.noROIs, "no ROIs found for either study (SEG, RTSTRUCT or rois.json beside the series)",
                              patientID: pid, baseline: Self.info(b), followup: Self.info(f))
        }
        if var d = decided {
            d.intervalDays = StudyDates.days(from: d.baseline?.studyDate, to: d.followup?.studyDate)
            d.warnings = (fileWarnings + b.unpairedWarnings + f.unpairedWarnings).map(ResultWarning.init(rendered:))
            return PlannedPair(patientID: pid, request: nil, decided: d)
        }
        guard let bs = b.chosen, let fs = f.chosen, let bi = course.index(b), let fi = course.index(f) else {
            return PlannedPair(patientID: pid, request: nil, decided: .failed(.error, "no CT series", patientID: pid))
        }
        // Each time point keeps the ROIs drawn on it; a lesion missing at one is carried from the
        // earliest time point of the course where it was drawn (DESIGN.md, Longitudinal correspondence).
        var request = PairRequest(baselinePath: bs.folder, followupPath: fs.folder, baselineROIs: b.roiFiles,
                                  followupROIs: f.roiFiles, criteria: criteria, therapyStart: therapyStart)
        request.baselineSeries = bs
        request.followupSeries = fs
        request.course = course.points
        request.courseIndices = (bi, fi)
        request.registrationFiles = course.registrations
        request.fileWarnings = fileWarnings + b.unpairedWarnings + f.unpairedWarnings
        return PlannedPair(patientID: pid, request: request, decided: nil)
    }

    /// The `k`-th (1-based) of `n` shards of the patients balanced by estimated work (`--shard K/N`
    /// without `--plan`): ``ShardPlan``'s deterministic split, so every node computes the same one.
    public func shard(_ k: Int, of n: Int) -> BatchPlan {
        let plan = ShardPlan(self, shards: n)
        return plan.slice(k, from: self, shardOf: plan.shardOfPatient)
    }
}
