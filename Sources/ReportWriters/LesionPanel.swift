import Foundation
import ResponseClassifier
import VolumeModel

/// The per-lesion picture a radiologist checks: one row per time point (baseline above
/// follow-up), each with the native plane through the ROI's centroid and a sagittal reformat through
/// the same point, the ROI as a translucent yellow fill with an outline, the reference ROI outlined
/// in turquoise, scale bars and direction letters beside each tile, a header with dates, means,
/// deltas, threshold, phenotype, confidence and flags, each row's volume and largest diameter, and
/// the two HU histograms overlaid with the band edges marked. Geometry: ``PanelLayout``. Text is
/// drawn with Cairo (DejaVu Sans, anti-aliased) only outside the image and plot areas.
///
/// All tiles show the same field of view in mm (so sizes compare by eye), each centred on its own
/// ROI. Rendering is a pure function of its `Sendable` input: draw panels concurrently.
public enum LesionPanel {
    /// The panel as an RGB raster (``PanelLayout/width`` × ``PanelLayout/height``).
    /// - Throws: ``TextDrawingError`` when Cairo cannot draw the text.
    public static func render(_ input: LesionPanelInput) throws -> RGBImage {
        let (image, labels) = try layout(input)
        let renderer = try TextRenderer(image)
        try renderer.draw(labels)
        return try renderer.image()
    }

    /// Every text the panel draws, in drawing order: with `--pseudonymize` the only patient
    /// identifier among them is ``LesionPanelInput/patientID`` as given (the pseudonym).
    /// - Throws: ``TextDrawingError`` when Cairo cannot measure the text.
    public static func texts(_ input: LesionPanelInput) throws -> [String] {
        try layout(input).labels.map(\.text)
    }

    /// The panel's pixels without text, and the text to lay over them.
    static func layout(_ input: LesionPanelInput) throws -> (image: RGBImage, labels: [TextLabel]) {
        var image = RGBImage(width: PanelLayout.width, height: PanelLayout.height, background: PanelColours.background)
        var labels = header(input)
        let side = fieldOfView(input)
        for (row, timePoint, name) in [(0, input.baseline, "baseline"), (1, input.followup, "follow-up")] {
            let tiles = self.tiles(timePoint, side: side, window: input.window)
            let top = Double(PanelLayout.headerHeight + row * PanelLayout.rowHeight + 4)
            let full = Double(PanelLayout.width - 2 * PanelLayout.margin)
            let reference = timePoint.lesion == nil ? nil : timePoint.reference
            labels.append(TextLabel(text: caption(name, timePoint, shape: tiles.shape), x: Double(PanelLayout.margin),
                                    top: top, style: Style.caption, maxWidth: reference == nil ? full : full * 0.66))
            if timePoint.lesion != nil, let from = timePoint.propagatedFrom {
                // Where the ROI was drawn, on its own line in the letter band, left of the native
                // tile's top letter (the caption alone fills the row's width).
                let letterX = Double(PanelLayout.tile(row: row, column: 0).x + PanelLayout.tileSize / 2)
                labels.append(TextLabel(text: "ROI carried from \(from)", x: Double(PanelLayout.margin), top: top + 28,
                                        style: Style.small, maxWidth: letterX - 10 - Double(PanelLayout.margin)))
            }
            if let reference {
                // The reference ROI's legend, in its outline colour, at the row's right end.
                labels.append(TextLabel(
                    text: "reference \(reference.label): \(NumberFormat.oneDecimal(reference.meanHU)) HU",
                    x: Double(PanelLayout.width - PanelLayout.margin), top: top + 1, style: Style.reference,
                    alignment: .right, maxWidth: full * 0.32))
            }
            for (column, tile) in [tiles.native, tiles.reformat].enumerated() {
                place(tile, in: PanelLayout.tile(row: row, column: column), image: &image, labels: &labels)
            }
        }
        let chart = HistogramChart(
            series: [(input.baseline, "baseline", PanelColours.baseline), (input.followup, "follow-up", PanelColours.followup)]
                .compactMap { timePoint, name, colour in
                    timePoint.lesion.map {
                        HistogramChart.Series(values: HistogramChart.values(volume: $0.volume, mask: $0.mask),
                                              colour: colour, name: name)
                    }
                },
            bands: input.bands)
        try chart.draw(into: &image, labels: &labels, measure: TextRenderer.measuring())
        return (image, labels)
    }

    /// The panel as PNG bytes (8-bit RGB).
    /// - Throws: ``TextDrawingError``, or ``PNGError`` when libpng fails.
    public static func png(_ input: LesionPanelInput) throws -> Data {
        try PNGCodec.encode(render(input))
    }

    /// Renders the panel and writes it atomically to `path` (e.g. `OUT/pictures/<name>.png`).
    /// - Throws: ``TextDrawingError``, ``PNGError``, or a Foundation error naming the path.
    public static func write(_ input: LesionPanelInput, to path: String) throws {
        try AtomicFile.write(png(input), to: path)
    }

    /// The plane index nearest the ROI's centroid along the stack (voxel-weighted mean plane index,
    /// rounded), or nil for an empty mask. This plane must be decoded in the volume passed in.
    public static func centroidPlane(of mask: LesionMask) -> Int? {
        guard !mask.box.isEmpty else { return nil }
        let perPlane = mask.box.rows.count * mask.box.columns.count
        var weighted = 0.0, total = 0.0
        for (i, k) in mask.box.planes.enumerated() {
            let n = Double(mask.inside[(i * perPlane)..<((i + 1) * perPlane)].reduce(0) { $0 + Int($1) })
            weighted += n * Double(k)
            total += n
        }
        return total > 0 ? Int((weighted / total).rounded()) : nil
    }

    /// The text styles of a panel (DejaVu Sans; sizes in pixels, chosen to read at arm's length
    /// on a laptop at 100 % zoom: nothing below 14 px).
    enum Style {
        static let title = TextStyle(size: 24, bold: true, colour: PanelColours.roi)
        static let line = TextStyle(size: 18, colour: PanelColours.text)
        static let caption = TextStyle(size: 19, bold: true, colour: PanelColours.text)
        static let letter = TextStyle(size: 17, bold: true, colour: PanelColours.text)
        static let note = TextStyle(size: 15, colour: PanelColours.dimText)
        static let small = TextStyle(size: 14, colour: PanelColours.dimText)
        static let reference = TextStyle(size: 17, bold: true, colour: PanelColours.reference)
    }

    /// Header lines: who and the response; dates, interval, means and Δ; Δ core, threshold,
    /// phenotype and confidence; flags.
    static func header(_ input: LesionPanelInput) -> [TextLabel] {
        let who = input.patientID.map { "\($0) / " } ?? ""
        let b = input.baseline, f = input.followup
        let interval = input.intervalDays.map { " (\($0) days)" } ?? ""
        let line2 = "\(b.studyDate) → \(f.studyDate)\(interval) · mean \(NumberFormat.oneDecimal(b.meanHU)) → "
            + "\(NumberFormat.oneDecimal(f.meanHU)) HU · Δ \(NumberFormat.signed(input.deltaMeanHU)) HU "
            + "(\(NumberFormat.signed(input.deltaMeanPercent)) %)"
        var parts = ["Δ core \(NumberFormat.signed(input.deltaCoreMeanHU)) HU",
                     "threshold \(NumberFormat.oneDecimal(input.thresholdHU)) HU",
                     "phenotype \(input.phenotype?.rawValue ?? "–")"]
        if let c = input.confidence { parts.append("confidence \(c.rawValue)") }
        let flags = input.flags.isEmpty ? "no flags" : "flags: " + input.flags.map(\.rawValue).joined(separator: ", ")
        let x = Double(PanelLayout.margin), maxWidth = Double(PanelLayout.width - 2 * PanelLayout.margin)
        return [
            TextLabel(text: "\(who)\(input.lesionID) — \(input.response.rawValue)", x: x, top: 12, style: Style.title,
                      maxWidth: maxWidth),
            TextLabel(text: line2, x: x, top: 48, style: Style.line, maxWidth: maxWidth),
            TextLabel(text: parts.joined(separator: " · "), x: x, top: 76, style: Style.line, maxWidth: maxWidth),
            TextLabel(text: flags, x: x, top: 104, style: Style.line, maxWidth: maxWidth),
        ]
    }

    /// A row's caption: time point, date, mean, volume and largest diameter (where a propagated ROI
    /// was drawn is the line below it, "ROI carried from …").
    static func caption(_ name: String, _ t: PanelTimePoint, shape: LesionShape?) -> String {
        var parts = ["\(name) \(t.studyDate)"]
        guard t.lesion != nil else { return (parts + ["not outlined"]).joined(separator: " · ") }
        parts.append("\(NumberFormat.oneDecimal(t.meanHU)) HU")
        if let v = t.volumeML { parts.append("\(NumberFormat.twoDecimals(v)) mL") }
        if let shape { parts.append("max diameter \(NumberFormat.oneDecimal(shape.largestDiameter)) mm") }
        return parts.joined(separator: " · ")
    }

    /// Copies a tile's pixels into `rect` and adds its letters, scale bar and notes around it.
    private static func place(_ tile: PanelTile, in rect: PanelRect, image: inout RGBImage, labels: inout [TextLabel]) {
        image.draw(tile.image, x: rect.x, y: rect.y)
        let band = Double(PanelLayout.band), x = Double(rect.x), y = Double(rect.y), size = Double(rect.width)
        if let text = tile.centreText {
            labels.append(TextLabel(text: text, x: x + size / 2, top: y + size / 2 - 12, style: Style.caption, alignment: .centre))
        }
        if let letters = tile.letters {
            let mid = y + size / 2 - 10
            labels += [
                TextLabel(text: letters.left, x: x - band / 2, top: mid, style: Style.letter, alignment: .centre),
                TextLabel(text: letters.right, x: x + size + band / 2, top: mid, style: Style.letter, alignment: .centre),
                TextLabel(text: letters.top, x: x + size / 2, top: y - band + 1, style: Style.letter, alignment: .centre),
                TextLabel(text: letters.bottom, x: x + size / 2, top: y + size + 1, style: Style.letter, alignment: .centre),
            ]
        }
        if let mm = tile.millimetresPerPixel {
            let bar = image.drawScaleBar(x: rect.x, y: rect.y + rect.height + 9, tileWidth: rect.width, millimetresPerPixel: mm)
            labels.append(TextLabel(text: "\(NumberFormat.plain(bar.mm)) mm", x: x + Double(bar.pixels) + 8,
                                    top: y + size + 3, style: Style.note))
        }
        for (i, note) in tile.notes.enumerated() {
            labels.append(TextLabel(text: note, x: x - band, top: y + size + band + 3 + Double(i) * 21, style: Style.note,
                                    maxWidth: size + 2 * band))
        }
    }
}
