import Foundation
import ResponseClassifier
import VolumeModel

/// The per-lesion picture a radiologist checks: baseline and follow-up side by side, the plane
/// through the ROI's centroid at each time point in the chosen window (bone by default), the ROI
/// outline, a scale bar and patient-direction letters on each tile, a label line, and the two HU
/// histograms overlaid with the band edges marked. Geometry: ``PanelLayout`` (804 × 732 px).
///
/// Both tiles show the same field of view in mm (so sizes compare by eye), each centred on its own
/// ROI's bounding box: the longer side of the larger box plus a margin of max(15 mm, half that side)
/// on each side. Rendering is a pure function of its `Sendable` input: draw panels concurrently.
public enum LesionPanel {
    /// The panel as an RGB raster (``PanelLayout/width`` × ``PanelLayout/height``).
    public static func render(_ input: LesionPanelInput) -> RGBImage {
        var image = RGBImage(width: PanelLayout.width, height: PanelLayout.height, background: PanelColours.background)
        drawHeader(input, into: &image)
        let side = fieldOfView(input)
        let tiles = [
            (input.baseline, "baseline", PanelLayout.baselineTile),
            (input.followup, "follow-up", PanelLayout.followupTile),
        ]
        for (timePoint, name, origin) in tiles {
            let caption = "\(name) \(timePoint.studyDate): \(NumberFormat.oneDecimal(timePoint.meanHU)) HU"
            image.drawText(caption, x: origin.x, y: origin.y - 22, scale: 2, colour: PanelColours.text,
                           maxWidth: PanelLayout.tileSize)
            let (tile, note) = self.tile(timePoint, side: side, window: input.window)
            image.draw(tile, x: origin.x, y: origin.y)
            image.drawText(note, x: origin.x, y: origin.y + PanelLayout.tileSize + 6, colour: PanelColours.dimText,
                           maxWidth: PanelLayout.tileSize)
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
        chart.draw(into: &image, x: PanelLayout.margin, y: PanelLayout.histogramY,
                   width: PanelLayout.width - 2 * PanelLayout.margin, height: PanelLayout.histogramHeight)
        return image
    }

    /// The panel as PNG bytes (8-bit RGB).
    /// - Throws: ``PNGError`` when libpng fails.
    public static func png(_ input: LesionPanelInput) throws -> Data {
        try PNGCodec.encode(render(input))
    }

    /// Renders the panel and writes it atomically to `path` (e.g. `OUT/pictures/<name>.png`).
    /// - Throws: ``PNGError``, or a Foundation error naming the path.
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

    private static func drawHeader(_ input: LesionPanelInput, into image: inout RGBImage) {
        let who = input.patientID.map { "\($0) / " } ?? ""
        let maxWidth = PanelLayout.width - 2 * PanelLayout.margin
        image.drawText("\(who)\(input.lesionID): \(input.response.rawValue)", x: PanelLayout.margin, y: 12, scale: 2,
                       colour: PanelColours.outline, maxWidth: maxWidth)
        let delta = "Δ \(NumberFormat.signed(input.deltaMeanHU)) HU (\(NumberFormat.signed(input.deltaMeanPercent))%)"
        let line = "\(input.baseline.studyDate) → \(input.followup.studyDate): "
            + "\(NumberFormat.oneDecimal(input.baseline.meanHU)) → \(NumberFormat.oneDecimal(input.followup.meanHU)) HU, \(delta)"
        image.drawText(line, x: PanelLayout.margin, y: 38, scale: 2, colour: PanelColours.text, maxWidth: maxWidth)
    }

    /// Side (mm) of the square field of view shared by both tiles.
    private static func fieldOfView(_ input: LesionPanelInput) -> Double {
        let extents = [input.baseline.lesion, input.followup.lesion].compactMap { lesion -> Double? in
            guard let lesion, !lesion.mask.box.isEmpty else { return nil }
            let r = PlaneReslicer.boundingRegion(of: lesion.mask, geometry: lesion.volume.geometry)
            return max(r.width, r.height)
        }
        let extent = extents.max() ?? 30
        return extent + 2 * max(15, extent / 2)
    }

    /// One tile and the note under it.
    private static func tile(_ timePoint: PanelTimePoint, side: Double, window: DisplayWindow) -> (RGBImage, String) {
        let size = PanelLayout.tileSize
        guard let lesion = timePoint.lesion, let k = centroidPlane(of: lesion.mask) else {
            return (placeholder("not outlined"), "")
        }
        let geometry = lesion.volume.geometry
        guard let plane = lesion.volume.planes[k] else { return (placeholder("plane \(k) not decoded"), "") }
        let region = PlaneReslicer.boundingRegion(of: lesion.mask, geometry: geometry).square(side: side)
        let resliced = PlaneReslicer.reslice(
            plane: plane, planeIndex: k, geometry: geometry, mask: lesion.mask, window: window, region: region,
            millimetresPerPixel: side / Double(size))
        var image = resliced.image
        image.drawOutline(inside: resliced.inside)
        image.drawScaleBar(millimetresPerPixel: resliced.millimetresPerPixel)
        image.drawEdgeLetters(resliced.orientation)
        let position = NumberFormat.oneDecimal(geometry.normalPositions[k])
        let note = "\(resliced.orientation.kind.rawValue) plane \(k + 1)/\(geometry.planeCount) at \(position) mm, \(window)"
        return (image, note)
    }

    private static func placeholder(_ text: String) -> RGBImage {
        let size = PanelLayout.tileSize
        var image = RGBImage(width: size, height: size, background: PanelColours.missingTile)
        let w = RGBImage.textWidth(text, scale: 2)
        image.drawText(text, x: (size - w) / 2, y: size / 2 - 7, scale: 2, colour: PanelColours.text)
        return image
    }
}
