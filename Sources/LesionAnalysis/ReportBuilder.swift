import Foundation
import ReportWriters
import ResponseClassifier
import ResultsModel

/// report.html from the results model of `analyze` or `batch`: run info, the pairs with dates and
/// intervals, one row per lesion linking to its panel (with its trend over the course), the pairs
/// that failed, warnings, and the criteria in force. It reads the document as written to
/// results.json (already pseudonymized when asked), so the page shows nothing the JSON hides.
public enum ReportBuilder {
    public static func document(_ results: ResultsDocument, command: String) -> ReportDocument {
        document(pairs: results.pairs, criteria: results.criteria, command: command, warnings: results.warnings,
                 trends: results.trends)
    }

    public static func document(pairs: [PairResult], criteria: ResponseCriteria, command: String,
                                warnings: [ResultWarning] = [], trends: [LesionTrend] = []) -> ReportDocument {
        var rows: [ReportLesionRow] = []
        var failures: [ReportFailure] = []
        var pairRows: [ReportPairRow] = []
        let trendByLesion = Dictionary(trends.map { (key($0.patientID, $0.lesionID), $0) }, uniquingKeysWith: { a, _ in a })
        for p in pairs {
            let pid = p.patientID ?? ""
            pairRows.append(ReportPairRow(patientID: pid, baselineDate: p.baseline?.studyDate, followupDate: p.followup?.studyDate,
                                          intervalDays: p.intervalDays, status: p.status.rawValue, lesionCount: p.lesions.count))
            if p.status != .ok { failures.append(ReportFailure(patientID: pid, status: p.status.rawValue, message: p.error ?? "")) }
            for f in p.failures {
                failures.append(ReportFailure(patientID: pid, status: "lesion failed",
                                              message: "\(f.lesionID.map { "\($0): " } ?? "")\(f.file): \(f.message)"))
            }
            for l in p.lesions {
                let c = l.classification
                let trend = trendByLesion[key(p.patientID, l.lesionID)].map(points) ?? pairTrend(p, l)
                rows.append(ReportLesionRow(
                    patientID: pid, lesionID: l.lesionID, baselineDate: p.baseline?.studyDate,
                    followupDate: p.followup?.studyDate, intervalDays: p.intervalDays, phenotype: c.phenotype,
                    baselineMeanHU: l.baseline?.statistics.mean, followupMeanHU: l.followup?.statistics.mean,
                    deltaMeanHU: l.delta?.meanHU, deltaMeanPercent: l.delta?.meanPercent, deltaCoreMeanHU: l.deltaCore?.meanHU,
                    thresholdHU: c.thresholdHU, baselineVolumeML: l.baseline?.statistics.volumeML,
                    followupVolumeML: l.followup?.statistics.volumeML, response: c.response, confidence: c.confidence,
                    flags: c.flags, reference: reference(p, adjusted: c.referenceAdjustedDeltaMeanHU), trend: trend,
                    picture: p.pictures[l.lesionID]))
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
        let pairWarnings = pairs.flatMap { p in p.warnings.map { (p.patientID ?? "?", $0) } }
        var codes: [String] = []
        for w in warnings + pairWarnings.map(\.1) where !codes.contains(w.code.rawValue) { codes.append(w.code.rawValue) }
        return ReportDocument(
            title: "LesionDensity — \(command)", runInfo: runInfo, criteria: criteriaFields, pairs: pairRows, lesions: rows,
            failures: failures, warnings: warnings.map(\.description) + pairWarnings.map { "\($0.0): \($0.1)" },
            warningCodes: codes)
    }

    private static func key(_ patientID: String?, _ lesionID: String) -> String {
        "\(patientID ?? "")\u{0}\(LesionMatching.key(lesionID))"
    }

    /// A course's trend: mean HU at every time point.
    private static func points(_ t: LesionTrend) -> [ReportTrendPoint] {
        t.timePoints.map { ReportTrendPoint(studyDate: $0.studyDate ?? "", daysFromFirst: $0.daysFromFirst, meanHU: $0.statistics?.mean) }
    }

    /// Without a course trend: the pair's two time points.
    private static func pairTrend(_ p: PairResult, _ l: LesionPairResult) -> [ReportTrendPoint] {
        [ReportTrendPoint(studyDate: p.baseline?.studyDate ?? "", daysFromFirst: 0, meanHU: l.baseline?.statistics.mean),
         ReportTrendPoint(studyDate: p.followup?.studyDate ?? "", daysFromFirst: p.intervalDays, meanHU: l.followup?.statistics.mean)]
    }

    /// "T12 ref: 250.0 → 262.0 HU (Δ +12.0), adjusted Δ −2.0 HU", or nil without a reference ROI.
    private static func reference(_ p: PairResult, adjusted: Double?) -> String? {
        guard let r = p.reference else { return nil }
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "–" }
        func s(_ x: Double?) -> String { x.map { String(format: "%+.1f", $0) } ?? "–" }
        var text = "\(r.lesionID): \(f(r.baseline.statistics.mean)) → \(f(r.followup.statistics.mean)) HU (Δ \(s(r.delta.meanHU)))"
        if let adjusted { text += ", adjusted Δ \(s(adjusted)) HU" }
        return text
    }
}
