import Foundation
import LesionAnalysis
import ResultsModel
import Testing
import _TestSupport

@Suite("results.json read back (merge over typed rows)")
struct ResultsReaderTests {
    static let example: Result<ResultsDocument, Error> = Result {
        let plan = try BatchPlan.discover(root: SharedData.fixture("example"), pairing: .baseline, criteria: .init())
        return RunDocument.batch(BatchRunner().run(plan, workers: 2), plan: plan, criteria: .init(), resegmentationRange: nil,
                                 pictures: nil, pseudonym: nil, notRun: 0, stopReason: "")
    }

    @Test("The example's results.json reads back to a document that writes the same results.json and results.csv")
    func roundTrip() throws {
        let d = try Self.example.get()
        let back = try ResultsReader.read(d.jsonText, file: "results.json")
        #expect(back.jsonText == d.jsonText)
        #expect(back.csvText == d.csvText)
        #expect(back.pairs.count == 5 && back.pairs[2].reference?.lesionID == "REF" && back.trends.count == 2)
    }

    @Test("Shards merge in order; a missing shard is named by K; a pair in two shards is refused")
    func shards() throws {
        let d = try Self.example.get()
        func part(_ k: Int, _ pairs: [PairResult]) -> (source: String, document: ResultsDocument) {
            var p = d
            p.pairs = pairs
            p.shard = "\(k)/3"
            return ("s\(k)/results.json", p)
        }
        let merged = try ResultsDocument.merged([part(1, [d.pairs[0]]), part(2, [d.pairs[1]]), part(3, Array(d.pairs[2...]))])
        #expect(merged.pairs.map(\.patientID) == ["PAT-A", "PAT-B", "PAT-C", "PAT-D", "PAT-D"] && merged.shard == nil)
        #expect(merged.csvText == d.csvText)
        #expect(throws: MergeError.self) { _ = try ResultsDocument.merged([part(1, [d.pairs[0]]), part(3, [d.pairs[2]])]) }
        do { _ = try ResultsDocument.merged([part(1, [d.pairs[0]]), part(3, [d.pairs[2]])]) } catch {
            #expect("\(error)".hasPrefix("shard(s) 2/3 missing: rerun each with batch --shard K/3"))
            #expect((error as? MergeError)?.incompleteShards == [2])
        }
        var stopped = part(2, [])
        stopped.document.warnings = [ResultWarning(.stopped, "1 pair(s) not run (interrupted or --fail-fast)")]
        do {
            _ = try ResultsDocument.merged([part(1, [d.pairs[0]]), stopped, part(3, [d.pairs[2]])])
            Issue.record("a failed shard was merged")
        } catch {
            #expect("\(error)".hasPrefix("shard(s) 2/3 failed (pairs not run)"))
            #expect((error as? MergeError)?.incompleteShards == [2])
        }
        #expect { _ = try ResultsDocument.merged([part(1, []), part(1, []), part(2, []), part(3, [])]) } throws: { "\($0)".contains("1/3 is given twice") }
        #expect(throws: MergeError.self) { _ = try ResultsDocument.merged([part(1, [d.pairs[0]]), part(2, [d.pairs[0]]), part(3, [])]) }
    }

    @Test("A results.json with a wrong type or an unknown word is refused, naming the file and the key")
    func badDocuments() throws {
        let d = try Self.example.get()
        let text = d.jsonText
        func message(_ t: String) -> String {
            do { _ = try ResultsReader.read(t, file: "r.json"); return "no error" } catch { return "\(error)" }
        }
        #expect(message(text.replacingOccurrences(of: "\"response\": \"remineralizing\"", with: "\"response\": \"better\""))
            == "r.json: pairs[0].lesions[0].response: \"better\" is not one of the words of this key")
        #expect(message(text.replacingOccurrences(of: "\"voxel_count\": 400", with: "\"voxel_count\": true")).hasPrefix("r.json: pairs[0].lesions[0].baseline.voxel_count: must be"))
        #expect(message(text.replacingOccurrences(of: "\"schema_version\": 1", with: "\"schema_version\": 2")) == "r.json: schema_version: is 2, this tool reads 1")
    }
}
