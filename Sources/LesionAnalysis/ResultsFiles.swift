import Foundation
import ReportWriters
import ResultsModel

/// Writes the result files of `analyze` and `batch` into an output folder, each atomically:
/// results.json, results.csv, trend.csv and, when pictures were drawn, report.html.
public enum ResultsFiles {
    /// - Parameters:
    ///   - command: `analyze` or `batch`, shown in report.html.
    ///   - report: whether to write report.html (pictures were drawn).
    /// - Throws: a file-system error naming the folder when a file cannot be written.
    public static func write(_ document: ResultsDocument, to out: String, command: String, report: Bool) throws {
        try AtomicFile.write(document.jsonText, to: (out as NSString).appendingPathComponent("results.json"))
        try AtomicFile.write(document.csvText, to: (out as NSString).appendingPathComponent("results.csv"))
        try AtomicFile.write(TrendCSV.text(document.trends), to: (out as NSString).appendingPathComponent("trend.csv"))
        if report {
            let doc = ReportBuilder.document(document, command: command)
            try ReportHTML.write(doc, to: (out as NSString).appendingPathComponent("report.html"))
        }
    }
}
