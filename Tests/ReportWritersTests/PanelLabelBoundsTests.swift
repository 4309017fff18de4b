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

    /// The follow-up row of a carried ROI (example patient D: 1.36 mL, 15.0 mm) says where the ROI
    /// was drawn in full: its caption and its "ROI carried from" line each fit their width (Cairo
    /// would end a longer one with "…"), and the line ends left of the native tile's top letter.
    @Test func carriedROIHeadingDrawnWhole() throws {
        var input = SyntheticScans.panelInput(baselineHU: 60, followupHU: 175)
        input.followup.studyDate = "2024-08-15"
        input.followup.volumeML = 1.36
        input.followup.propagatedFrom = "2024-01-10"
        let (image, labels) = try LesionPanel.layout(input)
        let renderer = try TextRenderer(image)
        let caption = try #require(labels.first { $0.text.hasPrefix("follow-up 2024-08-15") })
        let carried = try #require(labels.first { $0.text == "ROI carried from 2024-01-10" })
        for label in [caption, carried] {
            let width = try renderer.width(label.text, label.style), maxWidth = try #require(label.maxWidth)
            #expect(width <= maxWidth, "\(label.text): \(width) px")
        }
        let letter = try #require(labels.first { $0.alignment == .centre && $0.top < carried.top + 20 && $0.top > caption.top })
        let letterWidth = try renderer.width(letter.text, letter.style)
        let carriedWidth = try renderer.width(carried.text, carried.style)
        #expect(carried.x + carriedWidth < letter.x - letterWidth / 2, "\(carriedWidth) px")
        // Below the caption, above the tile.
        let captionHeight = try renderer.lineHeight(caption.style), carriedHeight = try renderer.lineHeight(carried.style)
        #expect(carried.top >= caption.top + captionHeight)
        #expect(carried.top + carriedHeight <= Double(PanelLayout.tile(row: 1, column: 0).y))
    }
}
