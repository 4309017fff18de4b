import Foundation
import LesionAnalysis
import ReportWriters
import ResponseClassifier
import ResultsModel
import Testing
import _TestSupport

/// `batch` over real data: discovery and pairing, the manifest path, shards and merge.
@Suite("Batch", .enabled(if: SharedData.isAvailable, "../shared/data is absent: batch tests skipped"))
struct BatchTests {
    @Test("ct_series: PLASTIC's two studies pair with status no_rois; the single GE study is listed, not failed")
    func discovery() throws {
        let plan = try BatchPlan.discover(root: SharedData.data("ct_series"), pairing: .baseline, criteria: .init())
        let results = BatchRunner().run(plan, workers: 2)
        #expect(results.count == 1)
        #expect(results[0].patientID == "PLASTIC" && results[0].status == .noROIs)
        #expect(plan.unpaired.map(\.reason) == ["only one study"])
        // pair_rois/rois.json lies in a folder without a CT series: reported, ignored.
        #expect(plan.warnings.contains { $0.hasPrefix("skipped_file: \(SharedData.data("ct_series/pair_rois/rois.json"))") })
    }

    @Test("A manifest naming the Philips studies and pair_rois gives the same rows as analyze")
    func manifestEqualsAnalyze() throws {
        let folder = try SharedData.temporaryFolder("manifest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = folder + "/pairs.csv"
        try """
            patient_id,baseline_series,followup_series,baseline_rois,followup_rois
            PLASTIC,\(SharedData.data("ct_series/philips_plastic_head_study1_5mm")),\(SharedData.data("ct_series/philips_plastic_head_study2_tilt_minus18_subset")),\(SharedData.data("ct_series/pair_rois/rois.json")),

            """.write(toFile: manifest, atomically: true, encoding: .utf8)
        let plan = try BatchManifest.plan(file: manifest, criteria: .init())
        let batch = BatchRunner().run(plan, workers: 1)
        let analyze = PairAnalysis.run(PairRequest(
            baselinePath: SharedData.data("ct_series/philips_plastic_head_study1_5mm"),
            followupPath: SharedData.data("ct_series/philips_plastic_head_study2_tilt_minus18_subset"),
            baselineROIs: [SharedData.data("ct_series/pair_rois/rois.json")]))
        #expect(ResultsCSV.text(batch) == ResultsCSV.text([analyze]))
        #expect(batch.first?.lesions.count == 3)
    }

    @Test("A manifest with a missing column is an error naming the file and the column")
    func badManifest() throws {
        let folder = try SharedData.temporaryFolder("manifest")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "patient_id,baseline_series\nP1,a\n".write(toFile: folder + "/m.csv", atomically: true, encoding: .utf8)
        #expect {
            _ = try BatchManifest.plan(file: folder + "/m.csv", criteria: .init())
        } throws: { "\($0)".contains("m.csv") && "\($0)".contains("followup_series") }
    }

    @Test("Shards split the patients and merge back to the whole run")
    func shardsMerge() throws {
        let plan = try BatchPlan.discover(root: SharedData.data(""), pairing: .baseline, criteria: .init())
        let whole = BatchRunner().run(plan, workers: 2)
        var folders: [String] = []
        defer { for f in folders { try? FileManager.default.removeItem(atPath: f) } }
        for k in 1...3 {
            let part = plan.shard(k, of: 3)
            let results = BatchRunner().run(part, workers: 1)
            let folder = try SharedData.temporaryFolder("shard")
            folders.append(folder)
            let document = RunDocument.batch(results, plan: part, criteria: .init(), resegmentationRange: nil, pictures: nil,
                                             pseudonym: nil, notRun: 0, stopReason: "")
            try ResultsFiles.write(document, to: folder, command: "batch", report: false)
        }
        let merged = try ResultsMerge.merge(folders)
        let rows = merged.csvText.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst()
        let wholeRows = ResultsCSV.text(whole).components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst()
        #expect(Set(rows) == Set(wholeRows))
        #expect(merged.pairs.count == whole.count)
    }
}

@Suite("Ordered JSON parser")
struct JSONParserTests {
    @Test("Parses what it writes, keeping member order and escapes")
    func roundTrip() throws {
        let v = JSONValue.object([("z", .int(1)), ("a", .array([.number(2.5), .null, .bool(true), .string("é\"\n")]))])
        #expect(try JSONValue.parse(v.serialized()) == v)
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse("{\"a\": }") }
    }
}
