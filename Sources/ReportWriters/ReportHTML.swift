import ResponseClassifier
import ResultsModel

/// report.html: one self-contained page for a run (inline CSS and a few lines of inline JavaScript
/// to sort the tables; no network, no server): run information, the pairs with their dates and
/// intervals, a table of every lesion (dates, means, Δ HU, Δ %, Δ core, threshold, volumes,
/// phenotype, response, confidence, flags each with a one-line explanation, the reference ROI, a
/// trend chart over the course, a large thumbnail linking to the full panel), the pairs that
/// failed, the warnings, a glossary of the flags and warning codes, and the criteria in force.
/// Readable on a laptop and printable (print styles: landscape, no hints, rows kept whole).
///
/// Every text comes from DICOM values or file names: it is HTML-escaped (`&`, `<`, `>`, `"`, `'`)
/// in element content and attributes alike, and control characters are written visibly (`\x1B`).
/// Each lesion value carries `data-key`, the results.json key it shows (relative to the lesion, or
/// `baseline.`/`followup.` for the pair's time points), numeric values the full number in
/// `data-value`, and sortable cells their sort key in `data-sort`.
public enum ReportHTML {
    /// The page as text.
    public static func render(_ document: ReportDocument) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>\(ReportStyle.css)</style>
            </head>
            <body>
            <h1>\(escape(document.title))</h1>

            """
        html += section("Run", fields: document.runInfo)
        html += pairTable(document.pairs)
        html += lesionTable(document.lesions)
        html += failureSection(document.failures, warnings: document.warnings)
        html += glossary(warningCodes: document.warningCodes)
        html += section("Criteria in force", fields: document.criteria)
        html += "<script>\(ReportStyle.script)</script>\n</body>\n</html>\n"
        return html
    }

    /// Writes the page atomically to `path` (e.g. `OUT/report.html`).
    /// - Throws: a Foundation error naming the path.
    public static func write(_ document: ReportDocument, to path: String) throws {
        try AtomicFile.write(render(document), to: path)
    }

    /// `text` with control characters written visibly (``ControlCharacters``) and `&`, `<`, `>`,
    /// `"` and `'` replaced by character references: safe in element content and in quoted
    /// attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        let visible = ControlCharacters.escaped(text)
        out.reserveCapacity(visible.utf8.count)
        for c in visible {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    private static func section(_ heading: String, fields: [ReportField]) -> String {
        guard !fields.isEmpty else { return "" }
        var html = "<h2>\(escape(heading))</h2>\n<table class=\"fields\">\n"
        for f in fields {
            html += "<tr><th>\(escape(f.key))</th><td>\(escape(f.value))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private static func pairTable(_ pairs: [ReportPairRow]) -> String {
        guard !pairs.isEmpty else { return "" }
        var html = "<h2>Pairs (\(pairs.count))</h2>\n<table class=\"pairs sortable\">\n<thead><tr>"
        html += "<th>Patient</th><th>Baseline</th><th>Follow-up</th><th data-type=\"number\">Interval (days)</th>"
        html += "<th>Status</th><th data-type=\"number\">Lesions</th></tr></thead>\n<tbody>\n"
        for p in pairs {
            html += "<tr>" + cell(p.patientID) + cell(p.baselineDate ?? "–") + cell(p.followupDate ?? "–")
            html += number(p.intervalDays.map(Double.init), "interval_days") { $0.map { String(Int($0)) } ?? "–" }
            html += cell(p.status) + number(Double(p.lesionCount), "lesions") { $0.map { String(Int($0)) } ?? "–" } + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private static let lesionHeadings: [(String, Bool)] = [
        ("Panel and trend (mean HU)", false), ("Patient", false), ("Lesion", false), ("Dates (interval, days)", false),
        ("Mean HU", true), ("Δ HU", true), ("Δ %", true), ("Δ core HU", true), ("Threshold HU", true), ("Volume mL", true),
        ("Phenotype", false), ("Response (confidence)", false), ("Flags", false), ("Reference ROI", false),
    ]

    private static func lesionTable(_ rows: [ReportLesionRow]) -> String {
        var html = "<h2>Lesions (\(rows.count))</h2>\n"
        guard !rows.isEmpty else { return html + "<p>No lesion was measured.</p>\n" }
        html += "<p class=\"hint\">Click a column heading to sort; click a picture to open the full panel. "
        html += "Pairs of values read baseline → follow-up.</p>\n"
        html += "<div class=\"wide\"><table class=\"lesions sortable\">\n<thead><tr>"
        for (title, numeric) in lesionHeadings {
            html += numeric ? "<th data-type=\"number\">\(escape(title))</th>" : "<th>\(escape(title))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows { html += lesionRow(row) }
        return html + "</tbody>\n</table></div>\n"
    }

    private static func lesionRow(_ row: ReportLesionRow) -> String {
        var html = "<tr class=\"\(row.confidence == .low ? "low" : "normal")\">"
        html += "<td class=\"panel\">"
        if let picture = row.picture {
            let src = escape(picture)
            html += "<a data-key=\"picture\" href=\"\(src)\"><img src=\"\(src)\" alt=\"panel of \(escape(row.lesionID))\"></a>"
        }
        html += "<div data-key=\"trend\">\(TrendChart.svg(row.trend, label: row.lesionID) ?? "")</div></td>"
        html += cell(row.patientID, key: "patient_id") + cell(row.lesionID, key: "lesion_id")
        html += "<td class=\"dates\" data-sort=\"\(escape(row.baselineDate ?? ""))\">" + span(row.baselineDate ?? "–", "baseline.study_date")
            + " →<br>" + span(row.followupDate ?? "–", "followup.study_date") + "<br>("
            + span(row.intervalDays.map(String.init) ?? "–", "interval_days") + " days)</td>"
        html += pair(row.baselineMeanHU, row.followupMeanHU, "mean_hu", NumberFormat.oneDecimal)
        html += number(row.deltaMeanHU, "delta.mean_hu", NumberFormat.signed)
        html += number(row.deltaMeanPercent, "delta.mean_pct", NumberFormat.signed)
        html += number(row.deltaCoreMeanHU, "delta_core.mean_hu", NumberFormat.signed)
        html += number(row.thresholdHU, "threshold_hu", NumberFormat.oneDecimal)
        html += pair(row.baselineVolumeML, row.followupVolumeML, "volume_ml", NumberFormat.twoDecimals)
        html += cell(row.phenotype?.rawValue ?? "–", key: "phenotype")
        html += "<td class=\"response\" data-sort=\"\(escape(row.response.rawValue))\">" + span(row.response.rawValue, "response")
            + "<br><span class=\"confidence\" data-key=\"confidence\" data-value=\"\(row.confidence.rawValue)\">"
            + "confidence \(row.confidence.rawValue)</span></td>"
        html += "<td data-key=\"flags\" data-sort=\"\(escape(row.flags.map(\.rawValue).joined(separator: ",")))\">"
        if !row.flags.isEmpty {
            html += "<ul class=\"flags\">"
            for f in row.flags {
                html += "<li><code>\(escape(f.rawValue))</code> <span class=\"why\">\(escape(ReportGlossary.explanation(f)))</span></li>"
            }
            html += "</ul>"
        }
        html += "</td>" + cell(row.reference ?? "–", key: "reference")
        return html + "</tr>\n"
    }

    /// A text element naming the results.json key it shows.
    private static func span(_ text: String, _ key: String) -> String {
        "<span data-key=\"\(key)\">\(escape(text))</span>"
    }

    /// Baseline and follow-up values of one key in one cell (`baseline.<key>` → `followup.<key>`),
    /// sorted by the baseline value.
    private static func pair(_ b: Double?, _ f: Double?, _ key: String, _ format: (Double?) -> String) -> String {
        func value(_ x: Double?, _ k: String) -> String {
            "<span data-key=\"\(k)\" data-value=\"\(x.flatMap { $0.isFinite ? "\($0)" : nil } ?? "")\">\(escape(format(x)))</span>"
        }
        let sortKey = b.flatMap { $0.isFinite ? "\($0)" : nil } ?? ""
        return "<td class=\"num\" data-sort=\"\(sortKey)\">\(value(b, "baseline." + key)) →<br>\(value(f, "followup." + key))</td>"
    }

    private static func failureSection(_ failures: [ReportFailure], warnings: [String]) -> String {
        var html = "<h2>Failed pairs (\(failures.count))</h2>\n"
        if failures.isEmpty {
            html += "<p>None: every pair was measured.</p>\n"
        } else {
            html += "<table class=\"failures sortable\">\n<thead><tr><th>Patient</th><th>Status</th><th>Error</th></tr></thead>\n<tbody>\n"
            for f in failures {
                html += "<tr>" + cell(f.patientID) + cell(f.status) + cell(f.message) + "</tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        guard !warnings.isEmpty else { return html }
        html += "<h2>Warnings (\(warnings.count))</h2>\n<ul class=\"warnings\">\n"
        for w in warnings { html += "<li>\(escape(w))</li>\n" }
        return html + "</ul>\n"
    }

    private static func glossary(warningCodes: [String]) -> String {
        var html = "<h2>Glossary</h2>\n<table class=\"glossary\">\n<thead><tr><th>Flag</th><th>Meaning</th></tr></thead>\n<tbody>\n"
        for f in ResponseFlag.allCases {
            html += "<tr><td><code>\(escape(f.rawValue))</code></td><td>\(escape(ReportGlossary.explanation(f)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        let explained = warningCodes.compactMap { code in ReportGlossary.explanation(warning: code).map { (code, $0) } }
        guard !explained.isEmpty else { return html }
        html += "<table class=\"glossary\">\n<thead><tr><th>Warning</th><th>Meaning</th></tr></thead>\n<tbody>\n"
        for (code, text) in explained {
            html += "<tr><td><code>\(escape(code))</code></td><td>\(escape(text))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private static func cell(_ text: String, key: String? = nil, class name: String? = nil) -> String {
        let attributes = (key.map { " data-key=\"\($0)\"" } ?? "") + (name.map { " class=\"\($0)\"" } ?? "")
        return "<td\(attributes)>\(escape(text))</td>"
    }

    /// A numeric cell: shown formatted, sorted by the full value (`data-sort`; empty when nil).
    private static func number(_ x: Double?, _ key: String, _ format: (Double?) -> String) -> String {
        let sortKey = x.flatMap { $0.isFinite ? "\($0)" : nil } ?? ""
        return "<td class=\"num\" data-key=\"\(key)\" data-sort=\"\(sortKey)\" data-value=\"\(sortKey)\">\(escape(format(x)))</td>"
    }
}
