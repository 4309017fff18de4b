/// report.html: one self-contained page for a run (inline CSS and a few lines of inline JavaScript
/// to sort the table; no network, no server): title, run information, the criteria in force, a
/// table of every lesion with a thumbnail linking to its panel (relative paths, so the output folder
/// can be moved or zipped), and the pairs that failed with their errors.
///
/// Every text comes from DICOM values or file names and is HTML-escaped (`&`, `<`, `>`, `"`, `'`),
/// in element content and attributes alike.
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
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(escape(document.title))</h1>

            """
        html += section("Run", fields: document.runInfo)
        html += lesionTable(document.lesions)
        html += failureSection(document.failures, warnings: document.warnings)
        html += section("Criteria in force", fields: document.criteria)
        html += "<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    /// Writes the page atomically to `path` (e.g. `OUT/report.html`).
    /// - Throws: a Foundation error naming the path.
    public static func write(_ document: ReportDocument, to path: String) throws {
        try AtomicFile.write(render(document), to: path)
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references: safe in element
    /// content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
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

    private static func lesionTable(_ rows: [ReportLesionRow]) -> String {
        var html = "<h2>Lesions (\(rows.count))</h2>\n"
        guard !rows.isEmpty else { return html + "<p>No lesion was measured.</p>\n" }
        html += "<p class=\"hint\">Click a column heading to sort; click a picture to open the panel.</p>\n"
        html += "<table class=\"lesions sortable\">\n<thead><tr>"
        let headings: [(String, Bool)] = [
            ("Picture", false), ("Patient", false), ("Lesion", false), ("Phenotype", false),
            ("Baseline mean HU", true), ("Follow-up mean HU", true), ("Δ HU", true), ("Δ %", true),
            ("Response", false), ("Confidence", false), ("Flags", false),
        ]
        for (title, numeric) in headings {
            html += numeric ? "<th data-type=\"number\">\(escape(title))</th>" : "<th>\(escape(title))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr class=\"\(row.confidence == .low ? "low" : "normal")\">"
            if let picture = row.picture {
                let src = escape(picture)
                html += "<td><a href=\"\(src)\"><img src=\"\(src)\" alt=\"\(escape(row.lesionID))\" loading=\"lazy\"></a></td>"
            } else {
                html += "<td class=\"none\">–</td>"
            }
            html += cell(row.patientID) + cell(row.lesionID) + cell(row.phenotype?.rawValue ?? "–")
            html += number(row.baselineMeanHU, NumberFormat.oneDecimal) + number(row.followupMeanHU, NumberFormat.oneDecimal)
            html += number(row.deltaMeanHU, NumberFormat.signed) + number(row.deltaMeanPercent, NumberFormat.signed)
            html += cell(row.response.rawValue, class: "response") + cell(row.confidence.rawValue)
            html += cell(row.flags.map(\.rawValue).joined(separator: ", "))
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
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

    private static func cell(_ text: String, class name: String? = nil) -> String {
        let attribute = name.map { " class=\"\($0)\"" } ?? ""
        return "<td\(attribute)>\(escape(text))</td>"
    }

    /// A numeric cell: shown formatted, sorted by the full value (`data-sort`; empty when nil).
    private static func number(_ x: Double?, _ format: (Double?) -> String) -> String {
        let key = x.flatMap { $0.isFinite ? "\($0)" : nil } ?? ""
        return "<td class=\"num\" data-sort=\"\(key)\">\(escape(format(x)))</td>"
    }

    private static let style = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
        h1{font-size:1.5em;margin:0 0 .5em}h2{font-size:1.15em;margin:1.5em 0 .4em}
        table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d0d0d5;padding:4px 8px;text-align:left;vertical-align:middle}
        table.fields th{background:#f0f0f3;font-weight:600}
        table.sortable th{background:#e8e8ee;cursor:pointer;user-select:none;position:sticky;top:0}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        td.num{text-align:right;font-variant-numeric:tabular-nums}td.response{font-weight:600}
        tr.low td{background:#fff6e0}td img{width:200px;display:block}.hint{color:#666;font-size:.9em}
        table.failures td:last-child{font-family:ui-monospace,monospace;white-space:pre-wrap}
        """

    /// Sorts a table by the clicked column: numbers by `data-sort` (empty cells last), text by locale.
    private static let script = """
        document.querySelectorAll('table.sortable th').forEach(function (th) {
          th.addEventListener('click', function () {
            var column = th.cellIndex, table = th.closest('table'), body = table.tBodies[0];
            var ascending = th.getAttribute('aria-sort') !== 'ascending';
            table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            var numeric = th.dataset.type === 'number', sign = ascending ? 1 : -1;
            var key = function (row) {
              var cell = row.cells[column];
              return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
            };
            Array.from(body.rows).sort(function (a, b) {
              var x = key(a), y = key(b);
              if (!numeric) { return sign * x.localeCompare(y, undefined, {numeric: true}); }
              if (x === '' || y === '') { return (x === '') - (y === ''); }
              return sign * (parseFloat(x) - parseFloat(y));
            }).forEach(function (row) { body.appendChild(row); });
          });
        });
        """
}
