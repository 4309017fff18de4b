import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import DICOMImport
import Testing
import VolumeModel
import _TestSupport

/// A lesion drawn on one time point, measured on another (Docs/Longitudinal.md). The scene: 40 × 40
/// × 12 voxels of 1 × 1 × 2 mm, bone at 250 HU, lesion L1 a sphere (centre (15, 15, 10) mm, r 6 mm)
/// at 50 HU → 90 HU (Δ +40 by design), L2 (centre (28, 26, 10) mm, r 5 mm) at 600 HU at both. The
/// follow-up's anatomy lies 5 mm further along +x in its own frame (its own FrameOfReferenceUID
/// unless said otherwise), so baselineFromFollowup is a translation by (−5, 0, 0) mm.
@Suite("Longitudinal correspondence")
struct CorrespondenceTests {
    static let l1 = PatientPoint(15, 15, 10), l2 = PatientPoint(28, 26, 10)
    static let shift = PatientPoint(5, 0, 0)

    /// Writes one time point: HU at voxel centre p are those of the baseline design at p − `shift`.
    static func scan(_ folder: String, followup: Bool, sameFrame: Bool = false, date: String = "20240110",
                     studyDate: String? = nil, extra: [String: String] = [:]) throws {
        try timePoint(folder, study: followup ? 2 : 1, frame: followup && !sameFrame ? 2 : 1,
                      studyDate: studyDate ?? (followup ? "20240410" : date), shift: followup && !sameFrame ? shift : .zero,
                      l1HU: followup ? 90 : 50, extra: extra)
    }

    /// One time point of the scene: study `study` (UIDs 2.25.61.<study>…), frame of reference
    /// 2.25.61.<frame>.9, anatomy displaced by `shift` (mm), L1 at `l1HU`.
    static func timePoint(_ folder: String, study: Int, frame: Int, studyDate: String, shift: PatientPoint, l1HU: Int,
                          extra: [String: String] = [:]) throws {
        var ct = SyntheticCT()
        ct.rows = 40; ct.columns = 40; ct.planes = 12
        ct.studyInstanceUID = "2.25.61.\(study)"
        ct.seriesInstanceUID = "2.25.61.\(study).1"
        ct.frameOfReferenceUID = "2.25.61.\(frame).9"
        ct.studyDate = studyDate
        ct.extra = extra
        ct.hu = { k, r, c in
            let p = PatientPoint(Double(c), Double(r), Double(k) * 2) - shift
            if (p - Self.l1).length <= 6 { return l1HU }
            if (p - Self.l2).length <= 5 { return 600 }
            return 250
        }
        try ct.write(to: folder)
    }

    static let spheres = """
        {"lesions": [{"id": "L1", "center_mm": [15, 15, 10], "radius_mm": 6}, {"id": "L2", "center_mm": [28, 26, 10], "radius_mm": 5}]}
        """

    func lesion(_ id: String, _ r: PairResult) throws -> LesionPairResult {
        try #require(r.lesions.first { $0.lesionID == id }, "no lesion \(id): \(r.error ?? "") \(r.failures)")
    }

    @Test("A REG linking the two frames carries the baseline spheres: Δ +40 HU, source propagated, dicom_reg −5 mm")
    func dicomREG() throws {
        let root = try SharedData.temporaryFolder("reg")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.scan(root + "/b", followup: false)
        try Self.scan(root + "/f", followup: true)
        try Self.spheres.write(toFile: root + "/b/rois.json", atomically: true, encoding: .utf8)
        // The REG's own frame is the baseline's; the follow-up item maps follow-up points into it.
        try SyntheticREG(frameOfReferenceUID: "2.25.61.1.9", items: [
            ("2.25.61.1.9", SyntheticREG.translation((0, 0, 0)), "RIGID"),
            ("2.25.61.2.9", SyntheticREG.translation((-5, 0, 0)), "RIGID"),
        ]).write(to: root + "/f/reg.dcm")
        let r = PairAnalysis.run(PairRequest(baselinePath: root + "/b", followupPath: root + "/f", baselineROIs: [root + "/b/rois.json"]))
        let a = try lesion("L1", r), b = try lesion("L2", r)
        #expect(a.delta?.meanHU == 40 && a.baseline?.statistics.voxelCount == a.followup?.statistics.voxelCount)
        #expect(b.delta?.meanHU == 0)
        #expect(a.classification.flags.contains(.propagatedROI) && a.classification.confidence == .normal)
        #expect(a.registration?.method == .dicomREG && a.registration?.file == root + "/f/reg.dcm")
        #expect(a.registration?.translationMM == [-5, 0, 0] && a.registration?.rotationDegrees == 0)
        #expect(a.followup?.source.kind == .propagated && a.followup?.source.fromStudyDate == "2024-01-10")
        #expect(a.baseline?.source.kind == .sphere)
    }

    @Test("--no-register and no REG: the sphere file across two frames is flagged frame_of_reference_mismatch, confidence low")
    func noRegister() throws {
        let root = try SharedData.temporaryFolder("noreg")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.scan(root + "/b", followup: false)
        try Self.scan(root + "/f", followup: true)
        try Self.spheres.write(toFile: root + "/b/rois.json", atomically: true, encoding: .utf8)
        var request = PairRequest(baselinePath: root + "/b", followupPath: root + "/f", baselineROIs: [root + "/b/rois.json"])
        request.register = false
        let r = PairAnalysis.run(request)
        for id in ["L1", "L2"] {
            let l = try lesion(id, r)
            #expect(l.classification.flags.contains(.frameOfReferenceMismatch) && l.classification.confidence == .low, "\(id)")
            #expect(l.registration == nil && !l.classification.flags.contains(.propagatedROI))
        }
        // The sphere read in the follow-up's own coordinates misses 5 mm of the lesion: Δ is not the design's +40.
        #expect(try lesion("L1", r).delta?.meanHU != 40)
    }

    /// A registration engine that returns a fixed transform (the design's) and similarity.
    struct FixedRegistration: LesionRegistering {
        var similarity: Double
        var fail: String?
        func register(fixed: HUVolume, moving: HUVolume, lesionBoxMM box: (PatientPoint, PatientPoint)) throws
            -> (movingFromFixed: [Double], similarity: Double, boxMM: (PatientPoint, PatientPoint)) {
            if let fail { throw AnalysisError(fail) }
            let m = PatientPoint(repeating: 25)
            return ([1, 0, 0, 5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], similarity, (box.0 - m, box.1 + m))
        }
    }

    @Test("A computed registration carries each lesion; a low similarity sets registration_uncertain; a failure is a lesion error, the rest goes on")
    func computed() throws {
        let root = try SharedData.temporaryFolder("itk")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.scan(root + "/b", followup: false)
        try Self.scan(root + "/f", followup: true)
        try Self.spheres.write(toFile: root + "/b/rois.json", atomically: true, encoding: .utf8)
        var request = PairRequest(baselinePath: root + "/b", followupPath: root + "/f", baselineROIs: [root + "/b/rois.json"])
        request.registrar = FixedRegistration(similarity: 0.9)
        let good = PairAnalysis.run(request)
        let a = try lesion("L1", good)
        #expect(a.delta?.meanHU == 40 && a.registration?.method == .itkRigid && a.registration?.similarity == 0.9)
        #expect(a.registration?.translationMM == [-5, 0, 0] && a.classification.confidence == .normal)
        // The box the engine registered (here the sphere's bounds ± 25 mm), baseline LPS.
        #expect(a.registration?.boxMM == [[-16, -16, -21], [46, 46, 41]])
        // With --out, the computed transform is written as a REG whose own frame is the baseline's; read
        // back, its follow-up item maps follow-up points to baseline points: the same (−5, 0, 0) mm.
        let sink = DICOMOutputSink(outFolder: root + "/out", pseudonymized: false)
        let written = try lesion("L1", PairAnalysis.run(request, dicom: sink))
        let file = try #require(written.registration?.file)
        let reg = try SpatialRegistrationReader.read(path: root + "/out/" + file)
        #expect(reg.frameOfReferenceUID == "2.25.61.1.9")
        let item = try #require(reg.items.first { $0.frameOfReferenceUID == "2.25.61.2.9" })
        #expect(item.matrix?.enumerated().allSatisfy { abs($0.element - [1, 0, 0, -5, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1][$0.offset]) < 1e-9 } == true)
        request.registrar = FixedRegistration(similarity: 0.3)
        let doubtful = try lesion("L1", PairAnalysis.run(request))
        #expect(doubtful.classification.flags.contains(.registrationUncertain) && doubtful.classification.confidence == .low)
        request.registrar = FixedRegistration(similarity: 0.9, fail: "no bone in the box")
        let failed = PairAnalysis.run(request)
        #expect(failed.status == .ok && failed.failures.count == 2)
        #expect(failed.failures.allSatisfy { $0.message.contains("no bone in the box") })
        #expect(try lesion("L1", failed).classification.response == .noLongerOutlined)
    }

    @Test("Same frame: a baseline sphere is carried by the identity; a follow-up ROI drawn for a lesion wins")
    func perLesion() throws {
        let root = try SharedData.temporaryFolder("perlesion")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.scan(root + "/b", followup: false)
        try Self.scan(root + "/f", followup: true, sameFrame: true)
        try Self.spheres.write(toFile: root + "/b/rois.json", atomically: true, encoding: .utf8)
        // The follow-up outlines L2 only, as a box around its sphere.
        try #"{"lesions": [{"id": "L2", "box_mm": [[24, 22, 6], [32, 30, 14]]}]}"#.write(toFile: root + "/f/rois.json", atomically: true, encoding: .utf8)
        let r = PairAnalysis.run(PairRequest(baselinePath: root + "/b", followupPath: root + "/f", baselineROIs: [root + "/b/rois.json"],
                                             followupROIs: [root + "/f/rois.json"]))
        let a = try lesion("L1", r), b = try lesion("L2", r)
        #expect(a.registration?.method == .identity && a.classification.flags.contains(.propagatedROI) && a.delta?.meanHU == 40)
        #expect(a.followup?.source.kind == .propagated)
        #expect(b.registration == nil && b.followup?.source.kind == .box && !b.classification.flags.contains(.propagatedROI))
        #expect(!r.warnings.contains { $0.code == .noFollowupROIs })
    }

    @Test("Batch: an empty StudyDate is placed by SeriesDate (study_date_fallback); a study with no date at all is refused")
    func fallbackDate() throws {
        let root = try SharedData.temporaryFolder("dates")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The undated study was acquired first (SeriesDate 2024-01-10): it is the baseline, so Δ is +40, not −40.
        try Self.scan(root + "/P/first", followup: false, studyDate: "", extra: ["0008,0021": "20240110"])
        try Self.scan(root + "/P/second", followup: true, sameFrame: true, studyDate: "20240301")
        try Self.spheres.write(toFile: root + "/P/first/rois.json", atomically: true, encoding: .utf8)
        var third = SyntheticCT()
        third.studyInstanceUID = "2.25.61.3"; third.seriesInstanceUID = "2.25.61.3.1"; third.studyDate = ""
        try third.write(to: root + "/P/third")
        // A DICOMDIR in the tree is ignored, never a failure.
        try Data("not really a DICOMDIR".utf8).write(to: URL(fileURLWithPath: root + "/DICOMDIR"))
        let plan = try BatchPlan.discover(root: root, pairing: .baseline, criteria: .init())
        let results = BatchRunner().run(plan, workers: 1)
        let ok = try #require(results.first { $0.status == .ok })
        #expect(ok.baseline?.studyDate == "2024-01-10" && ok.followup?.studyDate == "2024-03-01" && ok.intervalDays == 51)
        #expect(ok.warnings.contains { $0.code == .studyDateFallback && $0.message.contains("SeriesDate 2024-01-10") })
        #expect(try lesion("L1", ok).delta?.meanHU == 40)
        let refused = try #require(results.first { $0.status == .error })
        #expect(refused.error?.contains("no StudyDate (0008,0020)") == true && refused.error?.contains("2.25.61.3") == true)
        #expect(results.count == 2 && plan.warnings.isEmpty)
    }
}
