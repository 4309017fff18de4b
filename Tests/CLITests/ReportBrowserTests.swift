import Foundation
import Testing
import _TestSupport

/// report.html loaded in a real browser: headless Chromium renders the page of `batch` on the
/// bundled example (one browser start, `--dump-dom`), and the lesion table of the rendered DOM is
/// compared with results.json, read here with JSONSerialization (not through the project's model).
@Suite("report.html in headless Chromium")
struct ReportBrowserTests {
    /// Debian's `chromium` (installed by .ci/run), or the path in $CHROMIUM.
    static let chromium: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test("The rendered lesion table shows results.json's values, row by row",
          .enabled(if: chromium != nil, "chromium not found (Debian package chromium; set $CHROMIUM): browser test skipped"))
    func renderedTableMatchesResults() throws {
        let chromium = try #require(Self.chromium)
        let folder = try SharedData.temporaryFolder("browser")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try ExitStatusTests.run(["batch", "Fixtures/example", "--out", folder + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let dom = try Self.dumpDOM(chromium: chromium, page: folder + "/out/report.html", profile: folder + "/profile")
        #expect(dom.contains("</html>"), "Chromium returned a DOM")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/results.json"))) as? [String: Any])
        var expected: [[String: String]] = []
        for pair in json["pairs"] as? [[String: Any]] ?? [] {
            for lesion in pair["lesions"] as? [[String: Any]] ?? [] { expected.append(Self.expectedRow(pair: pair, lesion: lesion)) }
        }
        let rows = Self.lesionRows(dom)
        #expect(expected.count == 11)  // 4 + 2 + 1 lesions, and PAT-D's 2 in each of its two pairs
        #expect(rows.count == expected.count, "\(rows.count) rendered rows, \(expected.count) lesions in results.json")
        for (row, want) in zip(rows, expected) {
            for (key, value) in want {
                let got = row[key]
                if let a = Double(value), let b = got.flatMap(Double.init) {
                    #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(want["lesion_id"] ?? "?") \(key): \(b) rendered, \(a) in results.json")
                } else {
                    #expect(got == value, "\(want["lesion_id"] ?? "?") \(key): \(got ?? "nil") rendered, \(value) in results.json")
                }
            }
            #expect(row["picture"]?.hasPrefix("pictures/") == true)
        }
    }

    /// Runs Chromium once with `--dump-dom`, stopping it by its PID after 60 s.
    static func dumpDOM(chromium: String, page: String, profile: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                             "--dump-dom", URL(fileURLWithPath: page).absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { if process.isRunning { kill(pid, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    /// What a row must show, from results.json: pair-level keys (`patient_id`, the StudyDates,
    /// `interval_days`) and the lesion's own, as text (numbers as JSON wrote them).
    static func expectedRow(pair: [String: Any], lesion: [String: Any]) -> [String: String] {
        func text(_ v: Any?) -> String {
            switch v {
            case let n as NSNumber: return "\(n.doubleValue)"
            case let s as String: return s
            case let list as [String]: return list.joined(separator: ",")
            default: return ""
            }
        }
        func at(_ o: [String: Any], _ path: String) -> Any? {
            var value: Any? = o
            for part in path.split(separator: ".") { value = (value as? [String: Any])?[String(part)] }
            return value
        }
        var row: [String: String] = [
            "patient_id": text(pair["patient_id"]), "baseline.study_date": text(at(pair, "baseline.study_date")),
            "followup.study_date": text(at(pair, "followup.study_date")), "interval_days": text(pair["interval_days"]),
        ]
        for key in ["lesion_id", "baseline.mean_hu", "followup.mean_hu", "delta.mean_hu", "delta.mean_pct", "delta_core.mean_hu",
                    "threshold_hu", "baseline.volume_ml", "followup.volume_ml", "phenotype", "response", "confidence", "flags"] {
            row[key] = text(at(lesion, key))
        }
        return row
    }

    /// The rows of the rendered lesion table: per `data-key`, its `data-value` when present (the
    /// full number), else its `data-sort` for the flags, else its text (or `href` for the picture).
    static func lesionRows(_ dom: String) -> [[String: String]] {
        guard let table = dom.range(of: "<table class=\"lesions sortable\">"),
              let end = dom.range(of: "</table>", range: table.upperBound..<dom.endIndex) else { return [] }
        let body = String(dom[table.upperBound..<end.lowerBound])
        let rowPattern = try! NSRegularExpression(pattern: "<tr class=\"(?:low|normal)\">(.*?)</tr>", options: [.dotMatchesLineSeparators])
        let element = try! NSRegularExpression(pattern: "<(?:td|span|div|a)([^>]*?)data-key=\"([^\"]+)\"([^>]*)>([^<]*)")
        func attribute(_ name: String, _ attributes: String) -> String? {
            guard let r = attributes.range(of: "\(name)=\""), let close = attributes[r.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(attributes[r.upperBound..<close])
        }
        return rowPattern.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { match in
            let row = String(body[Range(match.range(at: 1), in: body)!])
            var cells: [String: String] = [:]
            for e in element.matches(in: row, range: NSRange(row.startIndex..., in: row)) {
                let attributes = String(row[Range(e.range(at: 1), in: row)!]) + String(row[Range(e.range(at: 3), in: row)!])
                let key = String(row[Range(e.range(at: 2), in: row)!])
                let text = String(row[Range(e.range(at: 4), in: row)!]).replacingOccurrences(of: "&amp;", with: "&")
                let value = attribute("data-value", attributes) ?? (key == "flags" ? attribute("data-sort", attributes) : nil)
                    ?? (key == "picture" ? attribute("href", attributes) : nil) ?? text
                cells[key] = value == "–" ? "" : value
            }
            return cells
        }
    }
}
