import Foundation
import ResultsModel
import ResultsModel

/// The readable table of `analyze` and `batch`: one block per pair, one row per lesion.
public enum PairTable {
    /// The table; control characters of values read from files are escaped (``TerminalText``).
    public static func text(_ pairs: [PairResult]) -> String {
        TerminalText.escaped(rawText(pairs))
    }

    static func rawText(_ pairs: [PairResult]) -> String {
        var out = ""
        for p in pairs {
            let dates = "\(p.baseline?.studyDate ?? "?") → \(p.followup?.studyDate ?? "?")"
            out += "Patient \(p.patientID ?? "?")  \(dates)\(p.intervalDays.map { " (\($0) days)" } ?? "")  status \(p.status.rawValue)\n"
            if let e = p.errorBeyondFailures { out += "  ERROR \(e)\n" }
            for w in p.warnings { out += "  ! \(w)\n" }
            guard !p.lesions.isEmpty else {
                for e in p.failures { out += "  ERROR \(e.tableLine)\n" }
                out += "\n"
                continue
            }
            // Δ HU and Δ % are the full ROI's (Docs/Outputs.md `delta`); the response compares the
            // classified ROI's Δ (`classified_on`, the core when both time points have one) with the threshold.
            var rows = [["lesion", "phenotype", "mean HU", "Δ HU", "Δ %", "Δ core", "threshold", "response", "confidence", "flags"]]
            for l in p.lesions {
                let c = l.classification
                let mean = "\(f(l.baseline?.statistics.mean)) → \(f(l.followup?.statistics.mean))"
                rows.append([
                    l.lesionID, c.phenotype.rawValue, mean, signed(l.delta?.meanHU), signed(l.delta?.meanPercent),
                    signed(l.deltaCore?.meanHU),
                    c.thresholdHU.map { String(format: "%.0f", $0) } ?? "–", c.response.rawValue, c.confidence.rawValue,
                    c.flags.map(\.rawValue).joined(separator: ","),
                ])
            }
            out += TextTable.render(rows)
            for e in p.failures { out += "  ERROR \(e.tableLine)\n" }
            out += "\n"
        }
        return out
    }

    static func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "–" }
    static func signed(_ x: Double?) -> String { x.map { String(format: "%+.1f", $0) } ?? "–" }
}
