import Foundation
import ResponseClassifier
import SwiftCSV

/// `batch --manifest FILE.csv|json` (CONTRACT.md): pairs listed by the user instead of discovered.
/// Columns / keys: `patient_id, baseline_series, followup_series, baseline_rois, followup_rois`;
/// paths relative to the manifest; several ROI files joined by `;`; `followup_rois` empty = the
/// baseline ROI files serve both time points.
public enum BatchManifest {
    /// - Throws: ``AnalysisError`` naming the manifest and the row or column at fault (exit 2).
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
            func list(_ key: String) -> [String] { field(key).split(separator: ";").map { resolve(String($0)) }.filter { !$0.isEmpty } }
            let request = PairRequest(baselinePath: resolve(field("baseline_series")), followupPath: resolve(field("followup_series")),
                                      baselineROIs: list("baseline_rois"),
                                      followupROIs: field("followup_rois").isEmpty ? nil : list("followup_rois"),
                                      criteria: criteria, therapyStart: therapyStart)
            pairs.append(PlannedPair(patientID: pid, request: request, decided: nil))
        }
        return BatchPlan(pairs: pairs, unpaired: [], warnings: [])
    }

    static let columns = ["patient_id", "baseline_series", "followup_series", "baseline_rois", "followup_rois"]

    /// The manifest's rows as column → text.
    static func read(_ file: String) throws -> [[String: String]] {
        if file.lowercased().hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: file) else { throw AnalysisError("\(file): cannot read the manifest") }
            guard let list = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
                throw AnalysisError("\(file): a JSON manifest is a list of objects with keys \(columns.joined(separator: ", "))")
            }
            return try list.enumerated().map { n, object in
                if let unknown = object.keys.first(where: { !columns.contains($0) }) {
                    throw AnalysisError("\(file): entry \(n + 1) has an unknown key \"\(unknown)\"")
                }
                return object.mapValues { ($0 as? String) ?? ($0 as? [String])?.joined(separator: ";") ?? "\($0)" }
            }
        }
        let csv: CSV<Named>
        do { csv = try CSV<Named>(url: URL(fileURLWithPath: file), delimiter: .comma) } catch {
            throw AnalysisError("\(file): cannot read the manifest as CSV (\(error))")
        }
        let missing = columns.filter { $0 != "followup_rois" && !csv.header.contains($0) }
        guard missing.isEmpty else { throw AnalysisError("\(file): missing column(s) \(missing.joined(separator: ", "))") }
        return csv.rows
    }
}
