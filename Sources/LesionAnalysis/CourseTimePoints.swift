import DICOMImport
import DensityKernel
import Foundation
import LesionROI
import ResponseClassifier
import ResultsModel
import VolumeModel

/// One time point of a patient's course as a pair sees it: its series and the ROI files drawn on it.
public struct CourseTimePoint: Sendable {
    public var path: String
    /// The series found by a header scan (batch), or nil to scan `path`.
    public var series: SeriesSelection.Candidate?
    public var seriesUID: String?
    /// ROI files drawn on this time point (none: its lesions are carried from where they were drawn).
    public var roiFiles: [String]

    public init(path: String, series: SeriesSelection.Candidate? = nil, seriesUID: String? = nil, roiFiles: [String]) {
        self.path = path
        self.series = series
        self.seriesUID = seriesUID
        self.roiFiles = roiFiles
    }
}

/// A pair asked for the same series as baseline and follow-up (a usage error).
struct SameSeriesError: Error, CustomStringConvertible {
    let description: String
}

/// The time points a pair needs (its two, and in a course the others its ROIs come from), each with
/// the ROIs drawn on it; and the carrying of every lesion onto a time point that lacks it, directly
/// from the earliest time point where it was drawn (DESIGN.md, Longitudinal correspondence).
struct CourseTimePoints {
    struct Stage {
        var point: CourseTimePoint
        var stack: ImageStack
        var info: TimePointInfo
        var fileWarnings: [String]
        /// The ROIs drawn here, placed on this stack.
        var own: TimePointMeasurement.Placed
        /// The same ROIs by matching key, with the rule that carries them.
        var drawn: [String: DrawnROI]
        /// `unmatched_component` warnings of matching this time point's label-map components to
        /// earlier ones (ComponentCorrespondence.swift).
        var componentWarnings: [ResultWarning] = []
    }

    /// An ROI carried from one time point to another (or why not), by "origin>target>key", so that
    /// matching components and placing lesions register each lesion once.
    typealias Carry = Result<(ROIPlacement, CarriedROI?), LesionFailure>?
    var carries: [String: Carry] = [:]

    var stages: [Stage]
    let baselineIndex: Int
    let followupIndex: Int
    let registrations: [SpatialRegistration]
    let request: PairRequest
    /// Sphere/box files serving every time point: without a transform they are placed directly
    /// (flagged `frame_of_reference_mismatch` across frames).
    let sharedFiles: Set<String>
    var warnings: [String] = []

    /// Opens the pair's time points (the whole course when the request has one).
    /// - Throws: ``SameSeriesError`` when baseline and follow-up are one series; any reading error.
    init(_ request: PairRequest) throws {
        self.request = request
        var points: [CourseTimePoint]
        if request.course.isEmpty {
            let shared = !request.eachTimePointHasOwnSegmentation
            points = [CourseTimePoint(path: request.baselinePath, series: request.baselineSeries, seriesUID: request.baselineSeriesUID,
                                      roiFiles: request.baselineROIs),
                      CourseTimePoint(path: request.followupPath, series: request.followupSeries, seriesUID: request.followupSeriesUID,
                                      roiFiles: shared ? [] : request.followupROIs ?? [])]
            baselineIndex = 0
            followupIndex = 1
            sharedFiles = shared ? Set(request.baselineROIs.filter(ROIFiles.isJSON)) : []
        } else {
            points = request.course
            baselineIndex = request.courseIndices.baseline
            followupIndex = request.courseIndices.followup
            // Discovery's sphere/box files are in patient coordinates and may serve any time point.
            sharedFiles = Set(points.flatMap(\.roiFiles).filter(ROIFiles.isJSON))
        }
        var candidates: [(SeriesSelection.Candidate, [String])] = []
        var registrationFiles = request.registrationFiles
        for p in points {
            if let known = p.series { candidates.append((known, [])); continue }
            let (list, index) = try SeriesSelection.candidates(in: p.path)
            candidates.append((try SeriesSelection.choose(list, path: p.path, uid: p.seriesUID, all: false, index: index)[0], SeriesSelection.fileWarnings(index)))
            registrationFiles += index.otherObjects.filter { $0.sopClassUID == SOPClass.spatialRegistration }.map(\.path)
        }
        let b = candidates[baselineIndex].0, f = candidates[followupIndex].0
        if b.uid == f.uid {
            throw SameSeriesError(description: "\(points[followupIndex].path): the follow-up is the baseline's series \(b.uid); give two different series")
        }
        var stages: [Stage] = []
        for (p, (candidate, fileWarnings)) in zip(points, candidates) {
            let stack = try DICOMSeries.assemble(candidate)
            let own = TimePointMeasurement.place(p.roiFiles, on: stack, fractionalThreshold: request.fractionalThreshold,
                                                 labelMaps: request.labelMaps)
            var drawn: [String: DrawnROI] = [:]
            var spheres: [String: [GeometricROI]] = [:]
            for placement in own.placements {
                let m = placement.mask
                let key = LesionMatching.key(m.label)
                if m.source.kind == .sphere || m.source.kind == .box {
                    if spheres[m.source.file] == nil { spheres[m.source.file] = (try? InputFiles.sphereBoxROIs(m.source.file)) ?? [] }
                    if let roi = spheres[m.source.file]?.first(where: { LesionMatching.key($0.id) == key }) {
                        drawn[key] = .geometric(roi, source: m.source)
                        continue
                    }
                }
                drawn[key] = .mask(m, stack.geometry)
            }
            stages.append(Stage(point: p, stack: stack, info: TimePointInfo(stack: stack, path: p.path), fileWarnings: fileWarnings,
                                own: own, drawn: drawn))
        }
        self.stages = stages
        let (regs, regWarnings) = FrameLink.readRegistrations(Array(Set(registrationFiles)).sorted())
        registrations = regs
        warnings = regWarnings
        matchComponents(through: max(baselineIndex, followupIndex))
    }

    /// The matching keys of every lesion drawn anywhere, with its label: the baseline's first, then the
    /// follow-up's, then those of other time points in time order. Reference ROIs included.
    var lesionKeys: [String] {
        var keys: [String] = []
        for i in [baselineIndex, followupIndex] + stages.indices.filter({ $0 != baselineIndex && $0 != followupIndex }) {
            for p in stages[i].own.placements {
                let key = LesionMatching.key(p.mask.label)
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }

    /// The ROIs of time point `t`: those drawn there, and every other lesion of `keys` carried from
    /// the earliest time point where it was drawn (when a transform exists), with failures named.
    mutating func placed(at t: Int, keys: [String]) -> TimePointMeasurement.Placed {
        var placed = stages[t].own
        // Carried forward in time only: before the time point where a lesion was first drawn it is `new`.
        for key in keys where stages[t].drawn[key] == nil {
            guard let o = stages.indices.first(where: { stages[$0].drawn[key] != nil }), o < t, let roi = stages[o].drawn[key] else { continue }
            switch carried(key, roi, from: o, to: t) {
            case .success(let (placement, carried)):
                placed.placements.append(placement)
                if let carried { placed.carried[key] = carried } else { placed.mismatched.insert(key) }
            case .failure(let failure):
                placed.failures.append(failure)
            case nil:
                break
            }
        }
        return placed
    }

    /// ``carry(_:from:to:)``, once per lesion `key` and pair of time points.
    mutating func carried(_ key: String, _ roi: DrawnROI, from o: Int, to t: Int) -> Carry {
        let id = "\(o)>\(t)>\(key)"
        if let known = carries[id] { return known }
        let result = carry(roi, from: o, to: t)
        carries[id] = result
        return result
    }

    /// One ROI carried from time point `o` to `t`: the placement and how it got there (nil: placed
    /// without a transform across frames); nil when no transform is available.
    private func carry(_ roi: DrawnROI, from o: Int, to t: Int) -> Result<(ROIPlacement, CarriedROI?), LesionFailure>? {
        let origin = stages[o], target = stages[t]
        let link = FrameLink.find(origin: origin.info.frameOfReferenceUID, target: target.info.frameOfReferenceUID,
                                  registrations: registrations, register: request.register)
        func failure(_ message: String) -> LesionFailure {
            LesionFailure(lesionID: roi.label, file: roi.source.file, message: message)
        }
        var record: RegistrationRecord
        switch link {
        case .identity:
            record = RegistrationRecord(method: .identity, file: nil, baselineFromFollowup: .identity)
        case .dicomReg(let originFromTarget, let file):
            record = RegistrationRecord(method: .dicomREG, file: file, baselineFromFollowup: originFromTarget)
        case .compute:
            do {
                record = try register(roi, origin: origin, target: target)
            } catch {
                return .failure(failure("cannot be carried to \(target.info.studyDate ?? target.point.path): registration failed: \(error)"))
            }
        case .none:
            guard case .geometric = roi, sharedFiles.contains(roi.source.file) else { return nil }
            return ROICarrier.carry(roi, originFromTarget: .identity, onto: target.stack.geometry)
                .map { ($0, nil) }.mapError { failure($0.message) }
        }
        let originFromTarget = record.baselineFromFollowup
        let (lo, hi) = roi.boundsMM
        record.check(centre: (lo + hi) / 2, criteria: request.criteria)
        let carried = CarriedROI(fromStudyDate: origin.info.studyDate, registration: record, originIndex: o, originFromTarget: originFromTarget)
        return ROICarrier.carry(roi, originFromTarget: originFromTarget, onto: target.stack.geometry)
            .map { ($0, carried) }.mapError { failure($0.message) }
    }

    /// A computed registration of the box around `roi` (fixed: where it was drawn).
    private func register(_ roi: DrawnROI, origin: Stage, target: Stage) throws -> RegistrationRecord {
        guard let registrar = request.registrar else {
            throw AnalysisError("no registration engine in this build, and no REG links FrameOfReferenceUID \(origin.info.frameOfReferenceUID ?? "?") to \(target.info.frameOfReferenceUID ?? "?")")
        }
        let box = roi.boundsMM
        let planes = registrar.planesNeeded(fixed: origin.stack.geometry, moving: target.stack.geometry, lesionBoxMM: box)
        let fixed = try origin.stack.loadVolume(planes: planes.fixed)
        let moving = try target.stack.loadVolume(planes: planes.moving)
        let (matrix, similarity, registered) = try registrar.register(fixed: fixed, moving: moving, lesionBoxMM: box)
        guard let movingFromFixed = RigidTransform(matrix4x4: matrix, tolerance: 1e-3) else {
            throw AnalysisError("the registration returned a transform that is not rigid")
        }
        return RegistrationRecord(method: .itkRigid, file: nil, baselineFromFollowup: movingFromFixed.inverse,
                                  similarity: similarity, boxMM: registered)
    }

    /// Planes of `g` that an axis-aligned box (LPS, mm) touches.
    static func planes(_ g: StackGeometry, _ box: (PatientPoint, PatientPoint)) -> [Int] {
        let zs = (0..<8).map { i in
            PatientPoint(i & 1 == 0 ? box.0.x : box.1.x, i & 2 == 0 ? box.0.y : box.1.y, i & 4 == 0 ? box.0.z : box.1.z).dot(g.normal)
        }
        guard let lo = zs.min(), let hi = zs.max() else { return [] }
        return g.normalPositions.indices.filter { g.normalPositions[$0] >= lo - 1e-6 && g.normalPositions[$0] <= hi + 1e-6 }
    }
}
