import Foundation
import LesionAnalysis
import ReportWriters
import ResultsModel
import Testing
import _TestSupport

/// report.html of a course of three scans (``CourseTests``' scene): each pair's row of L1 carries
/// the trend over all three time points (50 → 150 → 300 HU by design), not just its own pair.
@Suite("report.html of a course")
struct ReportCourseTests {
    @Test("Every L1 row draws the course's three means, at 0, 91 and 182 days")
    func courseTrend() throws {
        let root = try CourseTests.tree()
        let out = try SharedData.temporaryFolder("course-report")
        defer {
            try? FileManager.default.removeItem(atPath: root)
            if ProcessInfo.processInfo.environment["REPORT_COURSE_KEEP"] == nil { try? FileManager.default.removeItem(atPath: out) }
        }
        let plan = try BatchPlan.discover(root: root, pairing: .consecutive, criteria: .init())
        let sink = PictureSink(outFolder: out)
        let results = BatchRunner().run(plan, workers: 1, pictures: sink)
        #expect(sink.problems.isEmpty)
        let doc = ReportBuilder.document(pairs: results, criteria: .init(), command: "batch", trends: CourseTrends.trends(results))
        let html = ReportHTML.render(doc)
        try ReportHTML.write(doc, to: out + "/report.html")
        let rows = html.components(separatedBy: "<tr class=").filter { $0.contains(#"data-key="lesion_id">L1<"#) }
        #expect(rows.count == 2)
        for row in rows {
            let values = row.components(separatedBy: "data-hu=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(values.map { Double($0) } == [50, 150, 300], "\(values)")
            // x: 46 + days / 182 × 184 px.
            #expect(row.contains(#"<circle cx="46.0""#) && row.contains(#"<circle cx="138.0""#) && row.contains(#"<circle cx="230.0""#))
        }
        // The second pair's panels say where their propagated ROIs were drawn (both: the first scan).
        let png = try PNGCodec.decode(Data(contentsOf: URL(fileURLWithPath: out + "/" + (results[1].pictures["L1"] ?? "?"))))
        #expect(png.image.width == PanelLayout.width)
        if ProcessInfo.processInfo.environment["REPORT_COURSE_KEEP"] != nil { print("course report in \(out)") }
    }
}
