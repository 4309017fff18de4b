import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import Testing
import VolumeModel
import _TestSupport

/// Patient D of the bundled example (ExamplePatientD.swift): three scans of the synthetic trunk, each
/// in its own frame of reference with a known rigid motion, the lesions outlined in a SEG at the first
/// scan only. Every follow-up lesion is carried by a computed registration; the design's Δ and labels
/// must come out (Δ mean within ±5 HU for lesions of radius ≥ 6 mm).
@Suite("Bundled example, patient D: a course carried by registration")
struct ExamplePatientDTests {
    static let batch: Result<[PairResult], Error> = Result {
        let plan = try BatchPlan.discover(root: SharedData.fixture("example"), pairing: .baseline, criteria: ResponseCriteria())
        var mine = plan
        mine.pairs = plan.pairs.filter { $0.patientID == ExamplePatientD.patientID }
        return BatchRunner().run(mine, workers: 2)
    }

    @Test("Both pairs ok; each lesion carried by itk_rigid within 0.5 mm of the design at its centre; Δ and labels as designed")
    func course() throws {
        let results = try Self.batch.get()
        #expect(results.map(\.status) == [.ok, .ok])
        #expect(results.map { $0.followup?.studyDate } == ["2024-04-12", "2024-08-15"])
        let phantom = ExamplePatientD.phantom
        // Designed Δ mean against the first scan, and the labels (ExamplePatientD).
        let expected: [String: [(delta: Double, response: DensityResponse)]] = [
            "L1 lytic": [(60, .remineralizing), (115, .remineralizing)],
            "L2 sclerotic": [(-70, .stable), (-160, .demineralizing)],
        ]
        for (t, pair) in results.enumerated() {
            #expect(pair.warnings.contains { $0.code == .noFollowupROIs })
            let truth = phantom.baselineFromTimePoint(t + 1)
            for (i, lesion) in phantom.lesions.enumerated() {
                let l = try #require(pair.lesions.first { $0.lesionID == lesion.id })
                let design = try #require(expected[lesion.id]?[t])
                #expect(l.registration?.method == .itkRigid, "\(lesion.id)")
                #expect(l.followup?.source.kind == .propagated && l.followup?.source.fromStudyDate == "2024-01-10")
                // The recovered baselineFromFollowup against the design: its angle within 0.5°, its
                // translation (about the LPS origin, ~100 mm from the lesions) within 2 mm.
                let r = try #require(l.registration)
                #expect(abs(r.rotationDegrees - truth.rotationAngleDegrees) <= 0.5, "\(lesion.id) rotation \(r.rotationDegrees) vs \(truth.rotationAngleDegrees)")
                let design3 = [truth.translation.x, truth.translation.y, truth.translation.z]
                #expect(zip(r.translationMM, design3).allSatisfy { abs($0 - $1) <= 2 }, "\(lesion.id) translation \(r.translationMM) vs \(design3)")
                #expect(abs((l.delta?.meanHU ?? .nan) - design.delta) <= 5, "\(lesion.id) Δ \(l.delta?.meanHU ?? .nan) vs \(design.delta)")
                #expect(l.classification.response == design.response, "\(lesion.id) \(l.classification.response)")
                #expect(l.classification.phenotype == (i == 0 ? .lytic : .sclerotic))
                #expect(l.classification.flags.contains(.propagatedROI) && !l.classification.flags.contains(.registrationUncertain))
            }
        }
        let trends = CourseTrends.trends(results)
        #expect(trends.map(\.lesionID) == ["L1 lytic", "L2 sclerotic"])
        #expect(trends.allSatisfy { $0.timePoints.count == 3 && $0.timePoints.map { $0.source?.kind } == [.seg, .propagated, .propagated] })
    }
}
