import Foundation
import ReportWriters
import ResponseClassifier

/// Writes the result files of `analyze` and `batch` into an output folder, each atomically:
/// results.json, results.csv and, when pictures were drawn, report.html.
public enum ResultsFiles {
    /// - Throws: a file-system error naming the folder when a file cannot be written.
    public static func write(to out: String, document: JSONValue, pairs: [PairResult], criteria: ResponseCriteria,
                             command: String, warnings: [String], report: Bool) throws {
        try AtomicFile.write(document.serialized() + "\n", to: (out as NSString).appendingPathComponent("results.json"))
        try AtomicFile.write(ResultsCSV.text(pairs), to: (out as NSString).appendingPathComponent("results.csv"))
        if report {
            let doc = ReportBuilder.document(pairs: pairs, criteria: criteria, command: command, warnings: warnings)
            try ReportHTML.write(doc, to: (out as NSString).appendingPathComponent("report.html"))
        }
    }
}
