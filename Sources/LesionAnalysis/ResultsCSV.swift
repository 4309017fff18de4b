import DensityKernel
import ReportWriters

/// results.csv (CONTRACT.md): one row per lesion of every pair; a pair whose status is not `ok`
/// (or that has no lesion) gets one row with `lesion_id` empty.
public enum ResultsCSV {
    /// The columns, in CONTRACT.md's order.
    public static var header: [String] {
        let stats = StatisticsJSON.keys + StatisticsJSON.keys.map { "core_" + $0 }
        let delta = ResultsDocument.deltaKeys.flatMap { $0 == "mean_hu_ci95" ? ["mean_hu_ci95_lo", "mean_hu_ci95_hi"] : [$0] }
        return ["patient_id", "lesion_id", "baseline_study_date", "followup_study_date", "interval_days", "status",
                "phenotype", "phenotype_by_mean", "response", "confidence", "classified_on", "threshold_hu"]
            + stats.map { "baseline_" + $0 } + stats.map { "followup_" + $0 }
            + delta.map { "delta_" + $0 } + delta.map { "delta_core_" + $0 }
            + ["reference_adjusted_delta_mean_hu", "flags", "warnings", "error"]
    }

    public static func text(_ pairs: [PairResult]) -> String {
        var rows: [[String]] = []
        for p in pairs {
            let common = [p.patientID ?? "", p.baseline?.studyDate ?? "", p.followup?.studyDate ?? "",
                          p.intervalDays.map(String.init) ?? "", p.status.rawValue]
            let tail = [p.warnings.joined(separator: ";"), p.error ?? ""]
            if p.lesions.isEmpty {
                // patient_id, lesion_id (empty), dates, interval, status; … ; flags (empty), warnings, error.
                let middle = Array(repeating: "", count: header.count - 6 - 3)
                rows.append([common[0], ""] + common.dropFirst() + middle + [""] + tail)
                continue
            }
            for l in p.lesions {
                let c = l.classification
                var row = [common[0], l.lesionID] + common.dropFirst()
                row += [c.phenotype.rawValue, c.phenotypeByMean.rawValue, c.response.rawValue, c.confidence.rawValue,
                        c.classifiedOn.rawValue, CSVTable.cell(.number(c.thresholdHU))]
                row += stats(l.baseline) + stats(l.followup) + delta(l.delta) + delta(l.deltaCore)
                row += [CSVTable.cell(.number(c.referenceAdjustedDeltaMeanHU)), c.flags.map(\.rawValue).joined(separator: ";")] + tail
                rows.append(row)
            }
        }
        return CSVTable.render(header: header, rows: rows)
    }

    static func stats(_ m: LesionMeasurement?) -> [String] {
        let n = StatisticsJSON.keys.count
        guard let m else { return Array(repeating: "", count: 2 * n) }
        let core = m.core.map { StatisticsJSON.values($0).map(CSVTable.cell) } ?? Array(repeating: "", count: n)
        return StatisticsJSON.values(m.statistics).map(CSVTable.cell) + core
    }

    static func delta(_ d: DensityDelta?) -> [String] {
        guard let d else { return Array(repeating: "", count: ResultsDocument.deltaKeys.count + 1) }
        let values: [Double?] = [d.meanHU, d.meanPercent, d.medianHU, d.volumeML, d.volumePercent, d.fractionLytic,
                                 d.fractionSclerotic, d.meanHUCI95?.lowerBound, d.meanHUCI95?.upperBound]
        return values.map { CSVTable.cell(.number($0)) }
    }
}
