import Foundation
import ResultsModel

/// The readable table of `measure`: one row per lesion, HU rounded to 0.1.
public enum MeasureTable {
    /// The table; control characters of values read from files are escaped (``TerminalText``).
    public static func text(_ m: SeriesMeasurementResult) -> String { TerminalText.escaped(rawText(m)) }

    static func rawText(_ m: SeriesMeasurementResult) -> String {
        var out = "Series \(m.seriesInstanceUID) (\(m.path)), \(m.planes) planes\n"
        for w in m.warnings { out += "  ! \(w)\n" }
        let header = ["lesion", "voxels", "mL", "mean HU", "SD", "median", "P10", "P90", "min", "max", "lytic", "scler.", "flags"]
        var rows: [[String]] = [header]
        for l in m.lesions {
            let s = l.statistics
            rows.append([
                l.label, String(s.voxelCount), f(s.volumeML, 3), f(s.mean), f(s.standardDeviation), f(s.median), f(s.p10),
                f(s.p90), f(s.minimum), f(s.maximum), pct(s.fractionLytic), pct(s.fractionSclerotic),
                l.flags.map(\.rawValue).joined(separator: ","),
            ])
        }
        out += TextTable.render(rows)
        for e in m.failures { out += "  ERROR \(e.tableLine)\n" }
        return out
    }

    static func f(_ x: Double?, _ digits: Int = 1) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "–" }
    static func pct(_ x: Double?) -> String { x.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
}

/// Column-aligned plain text (numbers right-aligned).
enum TextTable {
    /// Each cell's control characters (line feeds included) are escaped before the widths are taken.
    static func render(_ rows: [[String]]) -> String {
        let rows = rows.map { $0.map { ControlCharacters.escaped($0) } }
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for (n, r) in rows.enumerated() {
            let cells = r.enumerated().map { i, c -> String in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                let numeric = n > 0 && Double(c.replacingOccurrences(of: "%", with: "")) != nil
                return numeric ? pad + c : c + pad
            }
            out += "  " + cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
            if n == 0 { out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}
