import Foundation
import ReportWriters
import ResponseClassifier
import ResultsModel

/// report.html from the results of `analyze` or `batch`: run info, the criteria in force, one row
/// per lesion linking to its panel, the pairs that failed, and run-level warnings.
public enum ReportBuilder {
    public static func document(pairs: [PairResult], criteria: ResponseCriteria, command: String, warnings: [ResultWarning] = []) -> ReportDocument {
        var rows: [ReportLesionRow] = []
        var failures: [ReportFailure] = []
        for p in pairs {
            let pid = p.patientID ?? ""
            if p.status != .ok { failures.append(ReportFailure(patientID: pid, status: p.status.rawValue, message: p.error ?? "")) }
            for f in p.failures {
                failures.append(ReportFailure(patientID: pid, status: "lesion failed",
                                              message: "\(f.lesionID.map { "\($0): " } ?? "")\(f.file): \(f.message)"))
            }
            for l in p.lesions {
                let c = l.classification
                rows.append(ReportLesionRow(
                    patientID: pid, lesionID: l.lesionID, phenotype: c.phenotype,
                    baselineMeanHU: l.baseline?.statistics.mean, followupMeanHU: l.followup?.statistics.mean,
                    deltaMeanHU: l.delta?.meanHU, deltaMeanPercent: l.delta?.meanPercent, response: c.response,
                    confidence: c.confidence, flags: c.flags, picture: p.pictures[l.lesionID]))
            }
        }
        let criteriaFields: [ReportField]
        if case .object(let members) = CriteriaJSON.json(criteria) {
            criteriaFields = members.map { ReportField($0.0, CSVTable.cell($0.1)) }
        } else {
            criteriaFields = []
        }
        let runInfo = [
            ReportField("command", command), ReportField("tool", "\(ToolDescription.name) \(ToolDescription.version)"),
            ReportField("pairs", String(pairs.count)), ReportField("lesions", String(rows.count)),
            ReportField("written", ISO8601DateFormatter().string(from: Date())),
        ]
        let pairWarnings = pairs.flatMap { p in p.warnings.map { "\(p.patientID ?? "?"): \($0)" } }
        return ReportDocument(title: "LesionDensity — \(command)", runInfo: runInfo, criteria: criteriaFields,
                              lesions: rows, failures: failures, warnings: warnings.map(\.description) + pairWarnings)
    }
}
