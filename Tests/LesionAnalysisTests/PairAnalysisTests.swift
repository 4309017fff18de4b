import Foundation
import LesionAnalysis
import ResponseClassifier
import Testing
import _TestSupport

/// `analyze` on real pairs and the pair case, against independently computed values.
@Suite("Pair analysis", .enabled(if: SharedData.isAvailable && SharedData.casesAvailable, "../shared is absent: pair tests skipped"))
struct PairAnalysisTests {
    static let baseline = SharedData.data("ct_series/philips_plastic_head_study1_5mm")
    static let followup = SharedData.data("ct_series/philips_plastic_head_study2_tilt_minus18_subset")

    @Test("Real Philips pair: deltas of expected.json, protocol_mismatch, inserts not classifiable, plastic bone stable")
    func realPair() throws {
        let r = PairAnalysis.run(PairRequest(baselinePath: Self.baseline, followupPath: Self.followup,
                                             baselineROIs: [SharedData.data("ct_series/pair_rois/rois.json")]))
        #expect(r.status == .ok && r.error == nil)
        #expect(r.patientID == "PLASTIC" && r.intervalDays == 0)
        #expect(r.warnings.map(\.description).contains("protocol_mismatch: SliceThickness 5 vs 2.5"))
        // Δ mean / Δ median / Δ volume computed with pydicom + numpy (pair_rois/expected.json).
        let expected: [String: (mean: Double, median: Double, volume: Double)] = [
            "L1": (-4.268911, -5, 0.096116), "L2": (-5.272211, -5, -0.042107), "L3": (-21.775829, -21, -0.029721),
        ]
        for (id, e) in expected {
            let l = try #require(r.lesions.first { $0.lesionID == id })
            let d = try #require(l.delta)
            #expect(abs((d.meanHU ?? .nan) - e.mean) <= 1e-3, "\(id) Δmean")
            #expect(d.medianHU == e.median, "\(id) Δmedian")
            #expect(abs(d.volumeML - e.volume) <= 1e-5, "\(id) Δvolume")
            #expect(l.classification.flags.contains(.protocolMismatch))
        }
        for id in ["L1", "L2"] {
            let c = try #require(r.lesions.first { $0.lesionID == id }).classification
            // |Δ| ≈ 4–5 HU, far below the threshold: stable, the phenotype still reported (DESIGN.md decisions).
            #expect(c.phenotype == .indeterminate && c.response == .stable, "\(id)")
        }
        let lesion3 = try #require(r.lesions.first { $0.lesionID == "L3" })
        let l3 = lesion3.classification
        #expect(l3.phenotype == .sclerotic && l3.response == .stable)
        // Mismatched protocols raise the floor to max(50 HU, 20 % of the classification ROI's
        // baseline mean, ~745 HU) ≈ 149 HU.
        let classifiedMean = try #require(l3.classifiedOn == .core ? lesion3.baseline?.core?.mean : lesion3.baseline?.statistics.mean)
        #expect(abs((l3.thresholdHU ?? 0) - 0.2 * abs(classifiedMean)) < 1e-9)
    }

    @Test("The same series as baseline and follow-up is refused as a usage error naming the series")
    func sameSeriesSEG() throws {
        let ct = SharedData.data("seg/dcmqi_ct_3slice/ct")
        let r = PairAnalysis.run(PairRequest(baselinePath: ct, followupPath: ct,
                                             baselineROIs: [SharedData.data("seg/dcmqi_ct_3slice/partial_overlaps.dcm")]))
        #expect(r.status == .error && r.isUsageError)
        #expect(r.error?.contains("the follow-up is the baseline's series") == true)
        #expect(r.lesions.isEmpty)
    }

    @Test("Case 24: signed baseline, unsigned follow-up: +150 HU, compared in HU")
    func signedUnsigned() throws {
        let root = SharedData.cases("24-pair-signed-vs-unsigned")
        let r = PairAnalysis.run(PairRequest(baselinePath: root + "/baseline", followupPath: root + "/followup",
                                             baselineROIs: [root + "/roi.json"]))
        let l = try #require(r.lesions.first)
        #expect(abs((l.delta?.meanHU ?? 0) - 150) < 1e-9)
        #expect(l.delta?.medianHU == 150)
    }

    @Test("A missing ROI file and a truncated CT file give messages naming the file")
    func badInputs() throws {
        let r = PairAnalysis.run(PairRequest(baselinePath: Self.baseline, followupPath: Self.followup,
                                             baselineROIs: ["/nonexistent/rois.json"]))
        #expect(r.failures.contains { $0.file == "/nonexistent/rois.json" && $0.message.contains("cannot read") })
        #expect(r.status == .error && r.error?.contains("/nonexistent/rois.json") == true)
        let missing = PairAnalysis.run(PairRequest(baselinePath: "/nonexistent/ct", followupPath: Self.followup,
                                                   baselineROIs: [SharedData.data("ct_series/pair_rois/rois.json")]))
        #expect(missing.status == .error && missing.error?.contains("/nonexistent/ct") == true)
    }

    @Test("An ROI of another patient is refused, naming the file and both PatientIDs")
    func foreignFrameOfReference() throws {
        // The dcmqi liver SEG belongs to another patient (99000) and frame of reference than the phantom (PLASTIC).
        let seg = SharedData.data("seg/dcmqi_ct_3slice/liver.dcm")
        let r = PairAnalysis.run(PairRequest(baselinePath: Self.baseline, followupPath: Self.followup, baselineROIs: [seg]))
        #expect(r.lesions.isEmpty)
        #expect(r.failures.contains { $0.file == seg && $0.message.contains("PatientID 99000") && $0.message.contains("PLASTIC") })
    }
}
