import Foundation
import LesionAnalysis
import ResultsModel
import Testing
import _TestSupport

/// The bundled example's results.json, results.csv and `measure --json` against the files written by
/// the tool before the results model existed (Golden/, generated from main with
/// `lesion-density batch Fixtures/example` and `measure --series Fixtures/example-measure/ct`).
/// Every key that existed then must still be there, in the same order, with the same value; new keys
/// and changed values are allowed only where Docs/Outputs.md ("Schema version 1 additions") lists them.
@Suite("Golden results of the bundled example")
struct GoldenExampleTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Keys added by the schema version 1 additions.
    static let addedKeys: Set<String> = [
        "phenotype_at_pair_baseline", "registration", "reference", "trends", "dicom_outputs", "shard",
        "label_value", "component", "from_study_date",
        "registration_min_similarity", "registration_max_translation_mm", "registration_max_rotation_deg",
    ]
    /// Warning codes added by the schema version 1 additions.
    static let addedWarningCodes = ["study_date_fallback", "no_followup_rois", "roi_geometry_only", "qform_sform_disagree",
                                    "contours_off_plane", "own_output_skipped"]
    static let addedCSVColumns = [
        "baseline_study_instance_uid", "baseline_series_instance_uid", "followup_study_instance_uid",
        "followup_series_instance_uid", "phenotype_at_pair_baseline", "registration_method", "registration_translation_mm",
        "registration_rotation_deg", "registration_similarity", "reference_baseline_mean_hu", "reference_followup_mean_hu",
        "reference_delta_mean_hu",
    ]
    static let addedFlags: Set<String> = ["propagated_roi", "registration_uncertain", "frame_of_reference_mismatch", "contours_off_plane"]

    /// Paths as the tool run from the package root writes them.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: SharedData.packageRoot + "/", with: "")
    }

    static func goldenText(_ name: String) throws -> String {
        try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("results.json and results.csv of `batch Fixtures/example` keep every key, order and value")
    func batchResults() throws {
        let plan = try BatchPlan.discover(root: SharedData.fixture("example"), pairing: .baseline, criteria: .init())
        // Patient D (a course carried by registration) was added with the schema version 1 additions.
        let results = BatchRunner().run(plan, workers: 2).filter { $0.patientID != ExamplePatientD.patientID }
        let document = RunDocument.batch(results, plan: plan, criteria: .init(), resegmentationRange: nil, pictures: nil,
                                         pseudonym: nil, notRun: 0, stopReason: "")
        var problems: [String] = []
        GoldenComparison.compare(try JSONValue.parse(try Self.goldenText("example-results.json")),
                                 try JSONValue.parse(Self.relative(document.jsonText)), path: "$", problems: &problems)
        compareCSV(golden: try Self.goldenText("example-results.csv"), new: Self.relative(document.csvText), problems: &problems)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("`measure --json` of Fixtures/example-measure keeps every key, order and value")
    func measureDocument() throws {
        let outcome = MeasureWorkflow.run(path: SharedData.fixture("example-measure/ct"),
                                          roiFiles: [SharedData.fixture("example-measure/rois.json")], uid: nil, all: false,
                                          resegmentationRange: nil, fractionalThreshold: 0.5)
        var problems: [String] = []
        GoldenComparison.compare(try JSONValue.parse(try Self.goldenText("example-measure.json")),
                                 try JSONValue.parse(Self.relative(outcome.document.serialized())), path: "$", problems: &problems)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    func compareCSV(golden: String, new: String, problems: inout [String]) {
        let g = GoldenComparison.csvRows(golden), n = GoldenComparison.csvRows(new)
        guard let gh = g.first, let nh = n.first else { problems.append("CSV without header"); return }
        if Array(nh.prefix(gh.count)) != gh { problems.append("CSV columns before the additions differ") }
        if Array(nh.dropFirst(gh.count)) != Self.addedCSVColumns { problems.append("CSV appended columns: \(nh.dropFirst(gh.count))") }
        if g.count != n.count { problems.append("CSV rows: \(g.count - 1) before, \(n.count - 1) now") }
        for (row, (gr, nr)) in zip(g, n).enumerated().dropFirst() {
            for (i, column) in gh.enumerated() where i < nr.count && gr[i] != nr[i] {
                if !GoldenComparison.allowedChange(key: column, golden: .string(gr[i]), new: .string(nr[i])) {
                    problems.append("CSV row \(row) \(column): \(gr[i]) → \(nr[i])")
                }
            }
        }
    }
}

/// Key-by-key comparison of a golden document with a new one.
enum GoldenComparison {
    static func compare(_ golden: JSONValue, _ new: JSONValue, path: String, problems: inout [String]) {
        switch (golden, new) {
        case (.object(let g), .object(let n)):
            let goldenKeys = g.map(\.0), newKeys = n.map(\.0)
            if newKeys.filter({ goldenKeys.contains($0) }) != goldenKeys { problems.append("\(path): key order or keys changed: \(newKeys)") }
            for extra in newKeys where !goldenKeys.contains(extra) && !GoldenExampleTests.addedKeys.contains(extra) {
                problems.append("\(path): new key \(extra) not among the additions")
            }
            for (key, value) in g {
                guard let other = n.first(where: { $0.0 == key })?.1 else { continue }
                if !allowedChange(key: key, golden: value, new: other) { compare(value, other, path: path + "." + key, problems: &problems) }
            }
        case (.array(let g), .array(let n)):
            if g.count != n.count { problems.append("\(path): \(g.count) items before, \(n.count) now"); return }
            for (i, (a, b)) in zip(g, n).enumerated() { compare(a, b, path: "\(path)[\(i)]", problems: &problems) }
        default:
            if golden != new { problems.append("\(path): \(golden.serialized(pretty: false)) → \(new.serialized(pretty: false))") }
        }
    }

    /// The changes of meaning the additions list: `response` `not classifiable` → `stable` (an
    /// indeterminate phenotype below the threshold), a source kind → `propagated`, flags gaining the
    /// new flag words.
    static func allowedChange(key: String, golden: JSONValue, new: JSONValue) -> Bool {
        if golden == new { return true }
        switch key {
        case "response": return golden == .string("not classifiable") && new == .string("stable")
        case "kind": return new == .string("propagated")
        case "warnings":
            // The golden warnings, in order, with only warnings of the new codes added.
            let g = words(golden), n = words(new)
            return n.filter { w in !GoldenExampleTests.addedWarningCodes.contains { w.hasPrefix($0 + ": ") } } == g
        case "flags":
            let g = words(golden), n = words(new)
            return Set(g).isSubset(of: Set(n)) && Set(n).subtracting(g).isSubset(of: GoldenExampleTests.addedFlags)
        default: return false
        }
    }

    static func words(_ v: JSONValue) -> [String] {
        switch v {
        case .array(let items): items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        case .string(let s): s.split(separator: ";").map(String.init)
        default: []
        }
    }

    /// RFC 4180 rows (quoted fields, doubled quotes, CRLF).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\r\n" || next == "\n" { row.append(field); rows.append(row); row = []; field = "" }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { row.append(field); field = "" } else if c == "\r\n" || c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
