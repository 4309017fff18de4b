import Foundation
import ReportWriters
import Testing

@Suite("Example panel")
struct ExamplePanelTests {
    @Test("Renders an example panel to a PNG on disk", .enabled(if: ProcessInfo.processInfo.environment["PANEL_EXAMPLE"] != nil))
    func example() throws {
        let path = try #require(ProcessInfo.processInfo.environment["PANEL_EXAMPLE"])
        try LesionPanel.write(SyntheticScans.panelInput(), to: path)
    }
}
