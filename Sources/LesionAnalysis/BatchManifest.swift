import Foundation
import ResponseClassifier
import ResultsModel
import SwiftCSV

/// `batch --manifest FILE.csv|json` (Docs/Outputs.md "Manifest"): pairs listed by the user instead of discovered.
/// Columns / keys: `patient_id, baseline_series, followup_series, baseline_rois, followup_rois`, and
/// optionally `therapy_start` (YYYY-MM-DD, that patient's therapy start, overriding `--therapy-start`);
/// paths relative to the manifest; several ROI files joined by `;`; `followup_rois` empty = the
/// baseline ROI files serve both time points.
public enum BatchManifest {
    /// - Throws: ``AnalysisError`` or ``JSONInputError`` naming the manifest and the row or column at fault (exit 2).
    public static func plan(file: String, criteria: ResponseCriteria, therapyStart: String? = nil) throws -> BatchPlan {
        let rows = try read(file)
        func resolve(_ p: String) -> String {
            let t = p.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("/") { return t }
            let rel = (file as NSString).deletingLastPathComponent
            return rel.isEmpty ? t : (rel as NSString).appendingPathComponent(t)
        }
        var pairs: [PlannedPair] = []
        for (n, row) in rows.enumerated() {
            func field(_ key: String) -> String { (row[key] ?? "").trimmingCharacters(in: .whitespaces) }
            let pid = field("patient_id")
            for key in ["baseline_series", "followup_series", "baseline_rois"] where field(key).isEmpty {
                throw AnalysisError("\(file): row \(n + 1) (patient \(pid)): \(key) is empty")
            }
            // `therapy_start` (optional): this patient's own therapy date, overriding --therapy-start.
            let ownStart = field("therapy_start")
            if !ownStart.isEmpty && StudyDates.date(ownStart) == nil {
                throw AnalysisError("\(file): row \(n + 1) (patient \(pid)): therapy_start \"\(ownStart)\" is not a date YYYY-MM-DD")
            }
            func list(_ key: String) -> [String] { field(key).split(separator: ";").map { resolve(String($0)) }.filter { !$0.isEmpty } }
            let request = PairRequest(baselinePath: resolve(field("baseline_series")), followupPath: resolve(field("followup_series")),
                                      baselineROIs: list("baseline_rois"),
                                      followupROIs: field("followup_rois").isEmpty ? nil : list("followup_rois"),
                                      criteria: criteria, therapyStart: ownStart.isEmpty ? therapyStart : ownStart)
            pairs.append(PlannedPair(patientID: pid, request: request, decided: nil, origin: "\(file) row \(n + 1)"))
        }
        return BatchPlan(pairs: pairs, unpaired: [], warnings: [])
    }

    static let columns = ["patient_id", "baseline_series", "followup_series", "baseline_rois", "followup_rois"]

    /// The manifest's rows as column → text.
    static func read(_ file: String) throws -> [[String: String]] {
        if file.lowercased().hasSuffix(".json") { return try InputFiles.manifestRows(file) }
        let csv: CSV<Named>
        do { csv = try CSV<Named>(url: URL(fileURLWithPath: file), delimiter: .comma) } catch {
            throw AnalysisError("\(file): cannot read the manifest as CSV (\(error))")
        }
        let missing = columns.filter { $0 != "followup_rois" && !csv.header.contains($0) }
        guard missing.isEmpty else { throw AnalysisError("\(file): missing column(s) \(missing.joined(separator: ", "))") }
        return csv.rows
    }
}
