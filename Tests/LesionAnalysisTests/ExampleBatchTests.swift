import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import Testing
import _TestSupport

/// `batch` on the committed Fixtures/example (the README's first command). Every expected value is
/// worked out by hand from the design in ExampleExport.swift / ExamplePatients.swift: plateaus with a
/// ±10 HU checkerboard that cancels in every ROI, so a mean is the voxel-weighted mean of the plateaus.
/// Boxes span planes 6…9: a 10 × 10 box has 400 voxels of 2 mm³ (0.8 mL), its core 8 × 8 × 4 = 256.
@Suite("Bundled example export (Fixtures/example)")
struct ExampleBatchTests {
    static let root = SharedData.fixture("example")

    /// The batch, planned and run once for every test.
    static let batch: Result<(plan: BatchPlan, results: [PairResult]), Error> = Result {
        let plan = try BatchPlan.discover(root: root, pairing: .baseline, criteria: ResponseCriteria())
        return (plan, BatchRunner().run(plan, workers: 2))
    }

    func pair(_ patientID: String) throws -> PairResult {
        let results = try Self.batch.get().results
        return try #require(results.first { $0.patientID == patientID }, "no pair for \(patientID)")
    }

    func lesion(_ id: String, of pair: PairResult) throws -> LesionPairResult {
        try #require(pair.lesions.first { $0.lesionID == id }, "no lesion \(id) in \(pair.patientID ?? "?")")
    }

    /// Asserts a compared lesion: baseline → follow-up mean of the full ROI, Δ of the full and core
    /// ROIs, threshold and labels.
    func expectCompared(
        _ l: LesionPairResult, means: (Double, Double), delta: Double, deltaCore: Double, threshold: Double,
        phenotype: LesionPhenotype, byMean: PhenotypeByMean, response: DensityResponse, flags: [ResponseFlag] = []
    ) {
        let c = l.classification
        #expect(close(l.baseline?.statistics.mean, means.0) && close(l.followup?.statistics.mean, means.1), "\(l.lesionID) means")
        #expect(close(l.delta?.meanHU, delta) && close(l.deltaCore?.meanHU, deltaCore), "\(l.lesionID) Δ")
        #expect(close(c.thresholdHU, threshold), "\(l.lesionID) threshold")
        #expect(c.classifiedOn == .core && c.phenotype == phenotype && c.phenotypeByMean == byMean, "\(l.lesionID) phenotype")
        #expect(c.response == response, "\(l.lesionID) response")
        #expect(c.flags == flags && c.confidence == .normal, "\(l.lesionID) flags")
    }

    @Test("Four patients, five pairs, all ok; every bad file attached to the pair it concerns")
    func pairs() throws {
        let (plan, results) = try Self.batch.get()
        #expect(results.map(\.patientID) == ["PAT-A", "PAT-B", "PAT-C", "PAT-D", "PAT-D"])
        #expect(results.map(\.status) == [.ok, .ok, .ok, .ok, .ok])
        // 2024-01-10 → 2024-04-10: 21 + 29 + 31 + 10 = 91; 2024-02-05 → 2024-05-06: 24 + 31 + 30 + 6 = 91;
        // 2024-03-01 → 2024-06-03: 30 + 30 + 31 + 3 = 94 days.
        // PAT-D (ExamplePatientD): 2024-01-10 → 2024-04-12 = 93 days, → 2024-08-15 = 218 days.
        #expect(results.map(\.intervalDays) == [91, 91, 94, 93, 218])
        #expect(results.allSatisfy { $0.failures.isEmpty && $0.error == nil })
        #expect(plan.unpaired.isEmpty && plan.warnings.isEmpty)
        #expect(results.map { $0.lesions.count } == [4, 2, 1, 2, 2])
    }

    @Test("Patient A (SEG at each time point): remineralizing, demineralizing, stable, new")
    func patientA() throws {
        let p = try pair("PAT-A")
        #expect(p.warnings.isEmpty)
        // L1: 40 → 160 HU, Δ +120 (+300 %), threshold max(30, 0.15 × 40 = 6) = 30.
        let l1 = try lesion("L1 lytic", of: p)
        expectCompared(l1, means: (40, 160), delta: 120, deltaCore: 120, threshold: 30,
                       phenotype: .lytic, byMean: .lytic, response: .remineralizing)
        #expect(close(l1.delta?.meanPercent, 300))
        // 10 × 10 × 4 voxels of 2 mm³; core 8 × 8 × 4; SD of ±10 is 10; both time points outlined alike,
        // so no size flag although each has its own segmentation.
        #expect(l1.baseline?.statistics.voxelCount == 400 && close(l1.baseline?.statistics.volumeML, 0.8))
        #expect(l1.baseline?.core?.voxelCount == 256 && close(l1.baseline?.statistics.standardDeviation, 10))
        #expect(close(l1.delta?.volumeML, 0))
        // L2: 900 → 650, Δ −250, threshold max(30, 0.15 × 900) = 135.
        expectCompared(try lesion("L2 sclerotic", of: p), means: (900, 650), delta: -250, deltaCore: -250, threshold: 135,
                       phenotype: .sclerotic, byMean: .sclerotic, response: .demineralizing)
        // L3: 600 → 610, Δ +10 < max(30, 0.15 × 600) = 90.
        expectCompared(try lesion("L3 sclerotic", of: p), means: (600, 610), delta: 10, deltaCore: 10, threshold: 90,
                       phenotype: .sclerotic, byMean: .sclerotic, response: .stable)
        // L4: outlined at follow-up only, 50 HU: new, lytic, nothing compared.
        let l4 = try lesion("L4 new", of: p)
        #expect(l4.baseline == nil && l4.delta == nil && close(l4.followup?.statistics.mean, 50))
        #expect(l4.classification.response == .new && l4.classification.phenotype == .lytic)
        #expect(l4.classification.phenotypeByMean == .lytic && l4.classification.classifiedOn == .core)
        #expect(l4.classification.thresholdHU == nil && l4.classification.flags.isEmpty)
    }

    @Test("Patient B (RTSTRUCT, kernel B70f vs B30f): mixed lesion fills in; the raised threshold keeps L2 stable")
    func patientB() throws {
        let p = try pair("PAT-B")
        #expect(p.warnings.map(\.description) == ["protocol_mismatch: ConvolutionKernel B70f vs B30f"])
        // M1, rows split 40 HU | 600 HU. Full: 6:6 rows → 320, 3:9 rows → (3 × 40 + 9 × 600) / 12 = 460, Δ +140.
        // Core (rows 11…20): 5:5 → 320, 2:8 → (2 × 40 + 8 × 600) / 10 = 488, Δ +168; threshold with the
        // mismatch max(50, 0.20 × 320) = 64; Δf_lytic (core) 0.2 − 0.5 = −0.3 ≤ −0.15: rule 1, remineralizing.
        let m1 = try lesion("M1 mixed", of: p)
        expectCompared(m1, means: (320, 460), delta: 140, deltaCore: 168, threshold: 64,
                       phenotype: .mixed, byMean: .intermediate, response: .remineralizing, flags: [.protocolMismatch])
        #expect(m1.baseline?.statistics.voxelCount == 576 && close(m1.baseline?.statistics.volumeML, 1.152))
        #expect(close(m1.deltaCore?.fractionLytic, -0.3) && close(m1.delta?.fractionLytic, -0.25))
        #expect(close(m1.deltaCore?.fractionSclerotic, 0.3))
        // L2: 30 → 70, Δ +40: below the raised max(50, 0.20 × 30) = 50 (above the matched 30).
        expectCompared(try lesion("L2 lytic", of: p), means: (30, 70), delta: 40, deltaCore: 40, threshold: 50,
                       phenotype: .lytic, byMean: .lytic, response: .stable, flags: [.protocolMismatch])
    }

    @Test("Patient C (rois.json for both time points): stable lytic lesion, reference-adjusted Δ, bad files named")
    func patientC() throws {
        let p = try pair("PAT-C")
        let truncated = (Self.root as NSString).appendingPathComponent(ExampleExport.PatientC.truncatedFile)
        let text = (Self.root as NSString).appendingPathComponent(ExampleExport.PatientC.textFile)
        #expect(p.warnings.count == 4)
        #expect(p.warnings.contains { $0.description.hasPrefix("no_followup_rois: ") })
        #expect(p.warnings.contains { $0.description.hasPrefix("unreadable_file: \(truncated): ") })
        #expect(p.warnings.map(\.description).contains("skipped_file: \(text): not a DICOM file"))
        // Reference baseline median 250: lytic edge clamp(250 − 60, 30, 100) = 100, sclerotic max(350, 450) = 450.
        #expect(p.warnings.contains { $0.description.hasPrefix("bands_shifted: lytic < 100 HU, sclerotic > 450 HU") })
        #expect(p.bands?.lyticBelowHU == 100 && p.bands?.scleroticAboveHU == 450)
        // L1: sphere r = 6 mm, 436 voxels (lattice count), core 302; 50 → 60, Δ +10 (+20 %) < max(30, 7.5) = 30.
        let l1 = try lesion("L1 lytic", of: p)
        // The follow-up has no ROI file: the baseline's sphere is carried by the identity (one frame of reference).
        expectCompared(l1, means: (50, 60), delta: 10, deltaCore: 10, threshold: 30,
                       phenotype: .lytic, byMean: .lytic, response: .stable, flags: [.propagatedROI])
        #expect(l1.registration?.method == .identity && l1.registration?.translationMM == [0, 0, 0])
        #expect(l1.followup?.source.kind == .propagated && l1.followup?.source.fromStudyDate == "2024-03-01")
        #expect(l1.baseline?.source.kind == .sphere)
        #expect(l1.baseline?.statistics.voxelCount == 436 && l1.followup?.statistics.voxelCount == 436)
        #expect(l1.baseline?.core?.voxelCount == 302 && close(l1.delta?.meanPercent, 20))
        // Reference 250 → 262 (Δ +12 ≤ 30, stable reference): adjusted Δ = 10 − 12 = −2.
        #expect(close(l1.classification.referenceAdjustedDeltaMeanHU, -2))
    }

    @Test("The generator writes exactly the committed files (deterministic, up to date)")
    func generatorMatchesCommittedFiles() throws {
        let folder = try SharedData.temporaryFolder("example")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExampleExport.write(to: folder)
        let written = try files(under: folder), committed = try files(under: Self.root)
        #expect(written.keys.sorted() == committed.keys.sorted())
        for (name, data) in written { #expect(committed[name] == data, "\(name) differs from Fixtures/example") }
    }

    private func files(under root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: root) {
            let path = (root as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return out
    }
}

/// Equal within 1e-9 (hand values are exact; binary rounding is not).
private func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-9 * max(1, abs(b))
}
