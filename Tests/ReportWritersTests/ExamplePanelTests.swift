import Foundation
import ReportWriters
import ResponseClassifier
import Testing

/// Writes an example output folder (pictures/ and report.html) for checking by eye:
/// `REPORT_EXAMPLE=$(mktemp -d) swift test --filter ExampleReport`.
@Suite("Example report")
struct ExampleReportTests {
    @Test("Writes panels and report.html to $REPORT_EXAMPLE", .enabled(if: ProcessInfo.processInfo.environment["REPORT_EXAMPLE"] != nil))
    func example() throws {
        let folder = try #require(ProcessInfo.processInfo.environment["REPORT_EXAMPLE"])
        var names = PictureNames()
        var rows: [ReportLesionRow] = []
        for (label, followupHU) in [("L1 lytic", Int16?(700)), ("<b>L2</b>", nil)] {
            let input = SyntheticScans.panelInput(baselineHU: 500, followupHU: followupHU, label: label)
            let picture = names.path(patientID: input.patientID, lesionID: label)
            try LesionPanel.write(input, to: "\(folder)/\(picture)")
            rows.append(ReportLesionRow(
                patientID: "P001", lesionID: label, phenotype: .sclerotic, baselineMeanHU: input.baseline.meanHU,
                followupMeanHU: input.followup.meanHU, deltaMeanHU: input.deltaMeanHU,
                deltaMeanPercent: input.deltaMeanPercent, response: input.response,
                confidence: followupHU == nil ? .low : .normal, flags: followupHU == nil ? [.smallROI] : [],
                picture: picture))
        }
        try ReportHTML.write(ReportDocument(
            title: "LesionDensity: example report",
            runInfo: [ReportField("tool", "lesion-density (example)"), ReportField("pictures", DisplayWindow.bone.description)],
            criteria: [ReportField("lytic_below_hu", "100"), ReportField("sclerotic_above_hu", "350")],
            lesions: rows,
            failures: [ReportFailure(patientID: "P009", status: "no_rois", message: "no ROIs found under P009/")]),
            to: "\(folder)/report.html")
    }
}
