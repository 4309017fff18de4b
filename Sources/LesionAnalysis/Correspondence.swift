import DICOMImport
import Foundation
import ResponseClassifier
import ResultsModel
import VolumeModel

/// A computed rigid registration around one lesion (the Registration module's engine, ITK): the time
/// point where the ROI was drawn is the fixed image, the other the moving image.
public protocol LesionRegistering: Sendable {
    /// The planes of each stack a registration around `lesionBoxMM` (fixed patient coordinates, LPS
    /// mm) reads; only these are decoded.
    func planesNeeded(fixed: StackGeometry, moving: StackGeometry, lesionBoxMM: (PatientPoint, PatientPoint)) -> (fixed: [Int], moving: [Int])

    /// Registers `moving` onto `fixed` locally around `lesionBoxMM`.
    /// - Parameters:
    ///   - fixed: HU planes of the fixed time point (at least those of ``planesNeeded(fixed:moving:lesionBoxMM:)``).
    ///   - moving: HU planes of the moving time point, likewise.
    /// - Returns: `movingFromFixed`, the 16 values (row-major 4 × 4) of the rigid transform mapping fixed
    ///   points to moving points (ITK's convention); the normalized cross-correlation (−1…1) of the
    ///   registered boxes; the box registered (fixed LPS mm).
    /// - Throws: an error whose description names why the registration cannot run (too little overlap,
    ///   no bone in the box).
    func register(fixed: HUVolume, moving: HUVolume, lesionBoxMM: (PatientPoint, PatientPoint)) throws
        -> (movingFromFixed: [Double], similarity: Double, boxMM: (PatientPoint, PatientPoint))
}

extension LesionRegistering {
    /// The planes within `marginMM` (fixed) and `marginMM` + `searchMM` (moving, same coordinates) of the box.
    public func planesNeeded(fixed: StackGeometry, moving: StackGeometry, lesionBoxMM box: (PatientPoint, PatientPoint),
                             marginMM: Double, searchMM: Double) -> (fixed: [Int], moving: [Int]) {
        let m = PatientPoint(repeating: marginMM), w = PatientPoint(repeating: marginMM + searchMM)
        return (CourseTimePoints.planes(fixed, (box.0 - m, box.1 + m)), CourseTimePoints.planes(moving, (box.0 - w, box.1 + w)))
    }

    public func planesNeeded(fixed: StackGeometry, moving: StackGeometry, lesionBoxMM: (PatientPoint, PatientPoint)) -> (fixed: [Int], moving: [Int]) {
        planesNeeded(fixed: fixed, moving: moving, lesionBoxMM: lesionBoxMM, marginMM: 30, searchMM: 20)
    }
}

/// How an ROI drawn on one time point was carried to another, with its transform and quality
/// check (reported as ``RegistrationResult``).
public struct RegistrationRecord: Sendable {
    public typealias Method = RegistrationResult.Method

    public var method: Method
    /// The REG read (or written for this transform), else nil.
    public var file: String?
    /// `baselineFromFollowup` (DESIGN.md): maps follow-up patient points to baseline patient points
    /// (while carrying, the target-to-origin transform; the pair puts it in baseline/follow-up terms).
    var baselineFromFollowup: RigidTransform
    /// NCC of the registered boxes (−1…1), nil for identity and REG.
    public var similarity: Double?
    /// The registration box in baseline LPS (mm), nil for identity and REG.
    public var boxMM: (PatientPoint, PatientPoint)?
    /// The quality check failed (`registration_uncertain`).
    public var uncertain = false

    /// Translation of `baselineFromFollowup` (mm).
    public var translationMM: PatientPoint { baselineFromFollowup.translation }
    /// Rotation angle of `baselineFromFollowup` (degrees).
    public var rotationDeg: Double { baselineFromFollowup.rotationAngleDegrees }

    /// The `registration` object.
    public var result: RegistrationResult {
        let t = translationMM
        return RegistrationResult(method: method, file: file, translationMM: [t.x, t.y, t.z], rotationDegrees: rotationDeg,
                                  similarity: similarity, boxMM: boxMM.map { [[$0.0.x, $0.0.y, $0.0.z], [$0.1.x, $0.1.y, $0.1.z]] })
    }

    /// The quality check (Docs/Longitudinal.md): similarity at least `registration_min_similarity`
    /// (computed registrations), the displacement of `centre` (baseline mm) at most
    /// `registration_max_translation_mm`, the rotation at most `registration_max_rotation_deg`.
    mutating func check(centre: PatientPoint, criteria: ResponseCriteria) {
        let moved = (baselineFromFollowup.inverse.apply(centre) - centre).length
        uncertain = (similarity.map { !($0 >= criteria.registrationMinSimilarity) } ?? false)
            || !(moved <= criteria.registrationMaxTranslationMM) || !(rotationDeg <= criteria.registrationMaxRotationDeg)
    }
}

/// An ROI measured on a time point where it was not drawn.
public struct CarriedROI: Sendable {
    /// StudyDate (ISO) of the time point where the ROI was drawn.
    public var fromStudyDate: String?
    public var registration: RegistrationRecord
    /// The course position of the time point where the ROI was drawn.
    var originIndex: Int
    /// Maps this time point's patient points to those of the time point where the ROI was drawn.
    var originFromTarget: RigidTransform

    /// "from 2024-01-10 by registration": the dates the ROIs were drawn on and how they were
    /// carried (same frame of reference, a DICOM REG, or a computed registration), each once.
    static func origins(_ carried: some Collection<CarriedROI>) -> String {
        let dates = Set(carried.map { $0.fromStudyDate ?? "an undated time point" }).sorted()
        let ways = Set(carried.map(\.registration.method)).sorted { $0.rawValue < $1.rawValue }.map { method in
            switch method {
            case .identity: "in the same frame of reference"
            case .dicomREG: "through a DICOM REG"
            case .itkRigid: "by registration"
            }
        }
        return "from \(dates.joined(separator: ", ")) \(ways.joined(separator: " or "))"
    }
}

/// Where the transform between two time points comes from (DESIGN.md, Longitudinal correspondence):
/// the same FrameOfReferenceUID (identity); a REG linking the two frames; else a computed registration
/// per lesion, unless `--no-register`.
enum FrameLink {
    case identity
    case dicomReg(originFromTarget: RigidTransform, file: String)
    case compute
    case none

    /// The link from `target`'s frame to `origin`'s.
    static func find(origin: String?, target: String?, registrations: [SpatialRegistration], register: Bool) -> FrameLink {
        if let origin, let target, origin == target { return .identity }
        if origin == nil && target == nil { return .identity }
        if let origin, let target {
            for reg in registrations {
                if let t = transform(reg, to: origin, from: target) { return .dicomReg(originFromTarget: t, file: reg.path) }
            }
        }
        return register ? .compute : .none
    }

    /// `toFromFrom` from a REG holding both frames: each item's matrix maps its frame into the REG's
    /// frame (PS3.3 C.20.2.1.1), so toFromFrom = M_to⁻¹ · M_from; the REG's own frame needs no item.
    static func transform(_ reg: SpatialRegistration, to: String, from: String) -> RigidTransform? {
        func matrix(_ frame: String) -> RigidTransform? {
            if let item = reg.items.first(where: { $0.frameOfReferenceUID == frame }) {
                guard (item.matrixType ?? "RIGID").uppercased() == "RIGID", let m = item.matrix else { return nil }
                return RigidTransform(matrix4x4: m, tolerance: 1e-3)
            }
            return reg.frameOfReferenceUID == frame ? .identity : nil
        }
        guard let mTo = matrix(to), let mFrom = matrix(from) else { return nil }
        return mTo.inverse.after(mFrom)
    }

    /// The REG objects among `paths` that are not this product's own (Manufacturer `LesionDensity`).
    static func readRegistrations(_ paths: [String]) -> (objects: [SpatialRegistration], warnings: [String]) {
        var objects: [SpatialRegistration] = [], warnings: [String] = []
        for path in paths {
            do {
                let reg = try SpatialRegistrationReader.read(path: path)
                if reg.manufacturer != "LesionDensity" { objects.append(reg) }
            } catch {
                warnings.append("unreadable_file: \(path): \(error)")
            }
        }
        return (objects, warnings)
    }
}

/// What a pair knows about how each lesion's ROIs were obtained: its time points' course positions
/// and the lesions placed across frames without a transform.
struct PairCorrespondence {
    var baselineIndex = 0
    var followupIndex = 1
    /// Matching keys of lesions placed across two frames without any transform.
    var mismatched: Set<String> = []

    /// `lesion` with `registration` and the flags `propagated_roi`, `registration_uncertain` and
    /// `frame_of_reference_mismatch` set from how each time point's ROI was obtained. The transform is
    /// put in baseline/follow-up terms (`baselineFromFollowup`).
    func attach(_ lesion: LesionPairResult, _ b: LesionMeasurement?, _ f: LesionMeasurement?) -> LesionPairResult {
        var l = lesion
        var flags: Set<ResponseFlag> = []
        if let record = record(b, f) {
            l.registration = record.result
            flags.insert(.propagatedROI)
            if record.uncertain { flags.insert(.registrationUncertain) }
        }
        if mismatched.contains(LesionMatching.key(lesion.lesionID)) { flags.insert(.frameOfReferenceMismatch) }
        l.classification = l.classification.adding(flags)
        return l
    }

    /// How the lesion's ROIs reached the pair's time points, in baseline/follow-up terms; nil when
    /// each was drawn there.
    func record(_ b: LesionMeasurement?, _ f: LesionMeasurement?) -> RegistrationRecord? {
        let bc = b?.carried, fc = f?.carried
        var record: RegistrationRecord?
        if let fc {
            var r = fc.registration
            if fc.originIndex == baselineIndex {
                r.baselineFromFollowup = fc.originFromTarget
            } else if let bc, bc.originIndex == fc.originIndex {
                r.baselineFromFollowup = bc.originFromTarget.inverse.after(fc.originFromTarget)
            } else {
                r.baselineFromFollowup = fc.originFromTarget
            }
            r.uncertain = fc.registration.uncertain || (bc?.registration.uncertain ?? false)
            record = r
        } else if let bc {
            var r = bc.registration
            r.baselineFromFollowup = bc.originFromTarget.inverse
            record = r
        }
        return record
    }
}
