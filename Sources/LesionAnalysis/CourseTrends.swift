import ResponseClassifier
import ResultsModel

/// Each lesion's density over a patient's course of three or more time points (`trends`, trend.csv),
/// from the pairs run: one row
/// per lesion per time point (ordered by StudyDate), its STATS where it was measured, and the
/// response of the pair from the previous and from the first time point when such a pair was run
/// (`--pairing consecutive` gives the former, `baseline` the latter).
public enum CourseTrends {
    public static func trends(_ pairs: [PairResult]) -> [LesionTrend] {
        var patients: [String] = []
        var byPatient: [String: [PairResult]] = [:]
        for p in pairs where p.status == .ok {
            let id = p.patientID ?? ""
            if byPatient[id] == nil { patients.append(id) }
            byPatient[id, default: []].append(p)
        }
        return patients.flatMap { trends(patient: $0, byPatient[$0] ?? []) }
    }

    static func trends(patient: String, _ pairs: [PairResult]) -> [LesionTrend] {
        // The time points, once each, in StudyDate order.
        var points: [TimePointInfo] = []
        for p in pairs {
            for t in [p.baseline, p.followup].compactMap({ $0 }) where !points.contains(where: { $0.seriesInstanceUID == t.seriesInstanceUID }) {
                points.append(t)
            }
        }
        points.sort { ($0.studyDate ?? "", $0.seriesInstanceUID) < ($1.studyDate ?? "", $1.seriesInstanceUID) }
        // A trend is written for a course of three or more time points (DESIGN.md); a pair's own
        // result already shows two.
        guard points.count >= 3, let first = points.first else { return [] }
        // Lesions in the order the pairs list them.
        var keys: [String] = [], labels: [String: String] = [:]
        for p in pairs {
            for l in p.lesions where labels[LesionMatching.key(l.lesionID)] == nil {
                keys.append(LesionMatching.key(l.lesionID))
                labels[LesionMatching.key(l.lesionID)] = l.lesionID
            }
        }
        func pair(_ b: TimePointInfo, _ f: TimePointInfo) -> PairResult? {
            pairs.first { $0.baseline?.seriesInstanceUID == b.seriesInstanceUID && $0.followup?.seriesInstanceUID == f.seriesInstanceUID }
        }
        func lesion(_ key: String, in p: PairResult?) -> LesionPairResult? {
            p?.lesions.first { LesionMatching.key($0.lesionID) == key }
        }
        return keys.map { key in
            var phenotype: LesionPhenotype?
            let rows: [TrendTimePoint] = points.enumerated().map { i, t in
                var measured: MeasuredROI?
                for p in pairs {
                    guard let l = lesion(key, in: p) else { continue }
                    if p.baseline?.seriesInstanceUID == t.seriesInstanceUID, let b = l.baseline { measured = measured ?? b }
                    if p.followup?.seriesInstanceUID == t.seriesInstanceUID, let f = l.followup { measured = measured ?? f }
                    if l.baseline != nil { phenotype = phenotype ?? l.classification.phenotype }
                }
                let previous = i > 0 ? lesion(key, in: pair(points[i - 1], t))?.classification.response : nil
                let fromFirst = i > 0 ? lesion(key, in: pair(first, t))?.classification.response : nil
                return TrendTimePoint(studyDate: t.studyDate, daysFromFirst: StudyDates.days(from: first.studyDate, to: t.studyDate),
                                      seriesInstanceUID: t.seriesInstanceUID, source: measured?.source, statistics: measured?.statistics,
                                      core: measured?.core, responseFromPrevious: previous, responseFromFirst: fromFirst,
                                      flags: measured?.flags ?? [])
            }
            let fallback = pairs.lazy.compactMap { lesion(key, in: $0)?.classification.phenotype }.first ?? .indeterminate
            return LesionTrend(patientID: patient, lesionID: labels[key] ?? key, phenotype: phenotype ?? fallback, timePoints: rows)
        }
    }
}
