import Foundation
import ReportWriters
import ResponseClassifier
import Testing

@Suite("report.html and picture names")
struct ReportHTMLTests {
    static func document(label: String = "L1 lytic", picture: String? = "pictures/P001_L1_lytic.png") -> ReportDocument {
        ReportDocument(
            title: "LesionDensity report",
            runInfo: [ReportField("tool", "lesion-density 0.1.0"), ReportField("window", "bone W 2000 / L 500")],
            criteria: [ReportField("lytic_below_hu", "100"), ReportField("sclerotic_above_hu", "350")],
            lesions: [
                ReportLesionRow(
                    patientID: "P001", lesionID: label, phenotype: .lytic, baselineMeanHU: 112.44, followupMeanHU: 268.9,
                    deltaMeanHU: 156.46, deltaMeanPercent: 139.2, response: .remineralizing, confidence: .normal,
                    flags: [], picture: picture),
                ReportLesionRow(
                    patientID: "P002", lesionID: "S1", phenotype: nil, baselineMeanHU: nil, followupMeanHU: 610,
                    deltaMeanHU: nil, deltaMeanPercent: nil, response: .new, confidence: .low,
                    flags: [.smallROI, .incomplete], picture: nil),
            ],
            failures: [ReportFailure(patientID: "P003", status: "error", message: "ct/IM1.dcm: JPEG 2000 <not decodable>")])
    }

    @Test("Every text from DICOM is escaped: a <script> label stays text")
    func escaping() {
        let html = ReportHTML.render(Self.document(label: "<script>alert('x')</script> & \"L1\""))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;L1&quot;"))
        #expect(html.contains("JPEG 2000 &lt;not decodable&gt;"))
        // The only script element is the page's own sorter.
        #expect(html.components(separatedBy: "<script>").count == 2)
        #expect(ReportHTML.escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
    }

    @Test("Rows link to their panel by relative path and show it as a thumbnail; numbers sort by value")
    func rows() {
        let html = ReportHTML.render(Self.document())
        #expect(html.contains(#"<a data-key="picture" href="pictures/P001_L1_lytic.png"><img src="pictures/P001_L1_lytic.png""#))
        #expect(html.contains(#"<td class="num" data-key="delta.mean_hu" data-sort="156.46" data-value="156.46">+156.5</td>"#))
        #expect(html.contains(#"<td class="num" data-key="delta.mean_hu" data-sort="" data-value="">–</td>"#))
        #expect(html.contains("<li><code>small_roi</code> <span class=\"why\">Too few voxels"))
        #expect(html.contains("<td class=\"response\" data-sort=\"new\"><span data-key=\"response\">new</span><br>"))
        #expect(html.contains("<h2>Failed pairs (1)</h2>"))
        #expect(html.contains("<th>lytic_below_hu</th><td>100</td>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "no network reference")
    }

    @Test("Every flag has its own line in the glossary")
    func glossary() {
        #expect(ResponseFlag.allCases.allSatisfy(ReportGlossary.explains))
        let html = ReportHTML.render(Self.document())
        for f in ResponseFlag.allCases { #expect(html.contains("<tr><td><code>\(f.rawValue)</code></td>")) }
    }

    @Test("Control characters from DICOM values are written visibly, never raw")
    func controlCharacters() {
        let html = ReportHTML.render(Self.document(label: "L1\u{1B}[31m\u{202E}x"))
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(html.contains("L1\\x1B[31m\\u{202E}x"))
    }

    @Test("The trend chart places each time point by days and mean HU (points worked out by hand)")
    func trendChart() throws {
        let points = [ReportTrendPoint(studyDate: "2024-01-01", daysFromFirst: 0, meanHU: 100),
                      ReportTrendPoint(studyDate: "2024-03-31", daysFromFirst: 90, meanHU: 200),
                      ReportTrendPoint(studyDate: "2024-06-29", daysFromFirst: 180, meanHU: 150)]
        let svg = try #require(TrendChart.svg(points, label: "L1"))
        // Plot x 46…230 px for days 0…180, y 10…84 px for 200…100 HU.
        #expect(svg.contains(#"<circle cx="46.0" cy="84.0""#))
        #expect(svg.contains(#"<circle cx="138.0" cy="10.0""#))
        #expect(svg.contains(#"<circle cx="230.0" cy="47.0""#))
        #expect(svg.contains("<title>2024-03-31: 200.0 HU</title>"))
        #expect(TrendChart.svg(Array(points.prefix(1)), label: "L1") == nil, "one time point: no chart")
    }

    @Test("report.html is written atomically and is valid UTF-8")
    func writes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        try ReportHTML.write(Self.document(), to: path)
        try ReportHTML.write(Self.document(label: "L9"), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains(">L9<") && !text.contains(">L1 lytic<"))
    }

    @Test("File names from DICOM values keep only [A-Za-z0-9._-], no leading dot, bounded length", arguments: [
        ("L1 lytic", "L1_lytic"), ("../../etc/passwd", "etc_passwd"), (".hidden", "hidden"), ("-rf", "rf"),
        ("Läsion 1", "L_sion_1"), ("病変", "unnamed"), ("", "unnamed"), ("a/b\\c:d*e?f", "a_b_c_d_e_f"),
        ("CON", "x_CON"), ("nul.txt", "x_nul.txt"), ("<script>", "script"),
    ])
    func sanitize(input: String, expected: String) {
        #expect(PictureNames.sanitize(input) == expected)
    }

    @Test("Long names are cut; names are unique case-insensitively, in the order asked")
    func uniqueness() {
        #expect(PictureNames.sanitize(String(repeating: "x", count: 500)).count == PictureNames.maxLength)
        var names = PictureNames()
        #expect(names.path(patientID: "P001", lesionID: "L1") == "pictures/P001_L1.png")
        #expect(names.path(patientID: "P001", lesionID: "l1") == "pictures/P001_l1-2.png")
        #expect(names.path(patientID: "P001", lesionID: "L1?") == "pictures/P001_L1-3.png")
        #expect(names.path(patientID: nil, lesionID: "L1") == "pictures/L1.png")
        let all = (0..<50).map { _ in names.path(patientID: "P", lesionID: String(repeating: "é", count: 200)) }
        #expect(Set(all.map { $0.lowercased() }).count == 50)
        #expect(all.allSatisfy { $0.range(of: #"^pictures/[A-Za-z0-9._-]+\.png$"#, options: .regularExpression) != nil })
    }
}
