import Testing
@testable import ReportWriters

/// Every text label of a panel lies within the picture, also when a band edge falls near the right
/// end of the histogram's axis (the sclerotic band's name used to run half off the picture).
@Suite struct PanelLabelBoundsTests {
    @Test(arguments: [(Int16(100), Int16(352)), (-500, 360), (500, 700), (90, 110)])
    func labelsInsideThePicture(hu: (Int16, Int16)) throws {
        let input = SyntheticScans.panelInput(baselineHU: hu.0, followupHU: hu.1)
        let (image, labels) = try LesionPanel.layout(input)
        let renderer = try TextRenderer(image)
        for label in labels where label.maxWidth == nil && label.alignment == .left {
            let width = try renderer.width(label.text, label.style)
            #expect(label.x >= 0 && label.x + width <= Double(PanelLayout.width), "\(label.text) at x \(label.x), \(width) wide")
        }
        #expect(labels.contains { $0.text.hasPrefix("sclerotic > ") })
    }
}
