import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import Testing
import VolumeModel
import _TestSupport

/// Every key the code writes is described in Docs/Outputs.md: the keys of the bundled example's
/// results.json (its criteria included), of a `measure --json` and of `inspect --json`, and every
/// results.csv column (a STATS/DELTA column by its documented prefix and key).
@Suite("Docs/Outputs.md documents every key written")
struct DocumentedKeysTests {
    static let doc: String = (try? String(contentsOfFile: SharedData.packageRoot + "/Docs/Outputs.md", encoding: .utf8)) ?? ""

    static func documented(_ key: String) -> Bool { doc.contains("`\(key)`") }

    /// Every object key in `v`, with the path where it was first seen.
    static func keys(_ v: JSONValue, _ path: String = "$", into out: inout [String: String]) {
        switch v {
        case .object(let members):
            for (k, x) in members {
                if out[k] == nil { out[k] = path + "." + k }
                keys(x, path + "." + k, into: &out)
            }
        case .array(let items): for x in items { keys(x, path + "[]", into: &out) }
        default: break
        }
    }

    static func undocumented(_ v: JSONValue) -> [String] {
        var found: [String: String] = [:]
        keys(v, into: &found)
        return found.filter { !documented($0.key) }.map(\.value).sorted()
    }

    @Test("Docs/Outputs.md is there")
    func present() { #expect(Self.doc.count > 10_000) }

    @Test("Every key of the example's results.json (with a reference ROI, a registration and a trend) is documented")
    func resultsKeys() throws {
        let plan = try BatchPlan.discover(root: SharedData.fixture("example"), pairing: .baseline, criteria: .init())
        var document = RunDocument.batch(BatchRunner().run(plan, workers: 2), plan: plan, criteria: .init(), resegmentationRange: nil,
                                         pictures: nil, pseudonym: nil, notRun: 0, stopReason: "", shard: "1/1")
        // Objects the example leaves null or empty until the longitudinal work fills them, filled
        // here so that their keys are walked too.
        document.pairs[0].lesions[0].registration = RegistrationResult(method: .itkRigid, boxMM: [[0, 0, 0], [1, 1, 1]])
        let tp = TrendTimePoint(studyDate: "2024-01-10", daysFromFirst: 0, seriesInstanceUID: "1.2",
                                source: document.pairs[0].lesions[0].baseline?.source.propagated(fromStudyDate: "2024-01-10"),
                                statistics: document.pairs[0].lesions[0].baseline?.statistics, core: nil,
                                responseFromPrevious: nil, responseFromFirst: nil, flags: [])
        document.trends = [LesionTrend(patientID: "P", lesionID: "L1", phenotype: .lytic, timePoints: [tp])]
        document.dicomOutputs = [DICOMOutputRecord(file: "dicom/x.dcm", sopClassUID: "1.2")]
        let missing = Self.undocumented(document.json)
        #expect(missing.isEmpty, "not in Docs/Outputs.md: \(missing)")
        let columns = ResultsCSV.header.filter { column in
            if Self.documented(column) { return false }
            for prefix in ["baseline_core_", "followup_core_", "baseline_", "followup_", "delta_core_", "delta_"] where column.hasPrefix(prefix) {
                let stem = String(column.dropFirst(prefix.count))
                if Self.documented(stem) || Self.documented(stem.replacingOccurrences(of: "_lo", with: "").replacingOccurrences(of: "_hi", with: "")) { return false }
            }
            return true
        }
        #expect(columns.isEmpty, "results.csv columns not in Docs/Outputs.md: \(columns)")
    }

    @Test("Every key of a measure document and of inspect --json is documented")
    func measureAndInspectKeys() throws {
        let outcome = MeasureWorkflow.run(path: SharedData.fixture("example-measure/ct"), roiFiles: [SharedData.fixture("example-measure/rois.json")],
                                          uid: nil, all: false, resegmentationRange: -1000...3000, fractionalThreshold: 0.5)
        let all = MeasureWorkflow.run(path: SharedData.fixture("example-measure/ct"), roiFiles: [SharedData.fixture("example-measure/rois.json")],
                                      uid: nil, all: true, resegmentationRange: nil, fractionalThreshold: 0.5)
        #expect(Self.undocumented(outcome.document).isEmpty, "\(Self.undocumented(outcome.document))")
        #expect(Self.undocumented(all.document).isEmpty, "\(Self.undocumented(all.document))")
        let inspection = try Inspection.run(path: SharedData.fixture("example"))
        #expect(Self.undocumented(inspection.json).isEmpty, "\(Self.undocumented(inspection.json))")
    }

    @Test("Every warning code and flag word the code knows is documented")
    func words() {
        // Every code declared in ResultWarning.Code (read from its source, so a code added there is checked too).
        let source = (try? String(contentsOfFile: SharedData.packageRoot + "/Sources/ResultsModel/ResultWarning.swift", encoding: .utf8)) ?? ""
        let codes = source.components(separatedBy: "Code(rawValue: \"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(codes.count >= 20)
        #expect(codes.filter { !Self.documented($0) }.isEmpty, "\(codes.filter { !Self.documented($0) })")
        let words = ResponseFlag.allCases.map(\.rawValue) + DensityResponse.allCases.map(\.rawValue)
            + LesionPhenotype.allCases.map(\.rawValue) + PhenotypeByMean.allCases.map(\.rawValue) + Confidence.allCases.map(\.rawValue)
            + ClassifiedROI.allCases.map(\.rawValue) + PairStatus.allCases.map(\.rawValue) + ROISource.Kind.allCases.map(\.rawValue)
            + RegistrationResult.Method.allCases.map(\.rawValue)
        let missingWords = words.filter { !Self.documented($0) }
        #expect(missingWords.isEmpty, "\(missingWords)")
    }
}
