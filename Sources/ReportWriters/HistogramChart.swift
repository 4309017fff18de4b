import ResponseClassifier
import VolumeModel

/// The overlaid HU histograms of one lesion (baseline and follow-up), drawn into a panel.
///
/// Each time point's ROI voxels (padding excluded) are binned with one bin width; bar heights are
/// the fraction of that time point's voxels, so ROIs of different size compare. The HU range covers
/// both time points from their 0.5th to 99.5th percentile (the outermost tails are left off so a
/// single metal voxel does not squeeze the plot) and always includes the band edges; the bin width
/// is the smallest of 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500 HU giving at most 80 bins.
struct HistogramChart {
    /// One time point's voxel values (HU) and its colour.
    struct Series {
        var values: [Double]
        var colour: RGBColor
        var name: String
    }

    var series: [Series]
    var bands: HUBands

    /// The HU of the ROI's voxels on every decoded plane, padding voxels excluded.
    static func values(volume: HUVolume, mask: LesionMask) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(mask.box.voxelCount)
        for k in mask.box.planes {
            guard let plane = volume.planes[k] else { continue }
            for r in mask.box.rows {
                for c in mask.box.columns
                where mask.contains(plane: k, row: r, column: c) && !plane.isPadding(row: r, column: c) {
                    values.append(plane.hu(row: r, column: c))
                }
            }
        }
        return values
    }

    /// Draws the chart into ``PanelLayout/histogram``: bars and band-edge lines in
    /// ``PanelLayout/histogramPlot``, every text (title, legend, band names, axis labels) in the
    /// strips around it, so no label covers a bar. Texts are appended to `labels`.
    func draw(into image: inout RGBImage, labels: inout [TextLabel], measure: TextRenderer) throws {
        let area = PanelLayout.histogram, plot = PanelLayout.histogramPlot
        let plotX = plot.x, plotY = plot.y, plotW = plot.width, plotH = plot.height
        image.fill(x: plotX, y: plotY, width: plotW, height: plotH, with: PanelColours.plotBackground)
        let sorted = series.map { $0.values.sorted() }
        guard sorted.contains(where: { !$0.isEmpty }) else {
            labels.append(TextLabel(text: "no ROI voxels", x: Double(plotX + 8), top: Double(area.y + 4),
                                    style: LesionPanel.Style.line))
            return
        }
        let (lo, hi, bin) = range(sorted)
        let binCount = Int(((hi - lo) / bin).rounded())
        let fractions = sorted.map { values -> [Double] in
            var counts = [Double](repeating: 0, count: binCount)
            for v in values where v >= lo && v < hi { counts[min(binCount - 1, Int((v - lo) / bin))] += 1 }
            return counts.map { values.isEmpty ? 0 : $0 / Double(values.count) }
        }
        let top = Self.axisTop(fractions.flatMap { $0 }.max() ?? 0)
        func px(_ hu: Double) -> Int { plotX + Int(((hu - lo) / (hi - lo) * Double(plotW)).rounded()) }
        func py(_ f: Double) -> Int { plotY + plotH - Int((f / top * Double(plotH)).rounded()) }

        for (s, f) in zip(series, fractions) {
            var previousTop: Int?
            for i in 0..<binCount {
                let x0 = px(lo + Double(i) * bin), x1 = px(lo + Double(i + 1) * bin), yTop = py(f[i])
                for yy in yTop..<(plotY + plotH) {
                    for xx in x0..<x1 { image.blend(x: xx, y: yy, with: s.colour, alpha: 0.35) }
                }
                image.fill(x: x0, y: yTop - 1, width: max(1, x1 - x0), height: 2, with: s.colour)
                if let previousTop {
                    image.fill(x: x0, y: min(previousTop, yTop) - 1, width: 2, height: abs(previousTop - yTop) + 2,
                               with: s.colour)
                }
                previousTop = yTop
            }
        }
        try drawBandEdges(into: &image, labels: &labels, measure: measure, px: px)
        try drawAxes(into: &image, labels: &labels, measure: measure, lo: lo, hi: hi, bin: bin, top: top, px: px)
    }

    /// The top of the y axis: the largest bin fraction rounded up to a multiple of 5 % (1 % below 10 %).
    static func axisTop(_ largest: Double) -> Double {
        let step = largest < 0.1 ? 0.01 : 0.05
        return max(step, (largest / step).rounded(.up) * step)
    }

    private func range(_ sorted: [[Double]]) -> (lo: Double, hi: Double, bin: Double) {
        func quantile(_ v: [Double], _ q: Double) -> Double { v[min(v.count - 1, Int(q * Double(v.count - 1)))] }
        let filled = sorted.filter { !$0.isEmpty }
        var lo = filled.map { quantile($0, 0.005) }.min() ?? 0
        var hi = filled.map { quantile($0, 0.995) }.max() ?? 0
        lo = min(lo, bands.lyticBelowHU - 50)
        hi = max(hi, bands.scleroticAboveHU + 50)
        let bin = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].first { (hi - lo) / $0 <= 80 } ?? ((hi - lo) / 80).rounded(.up)
        lo = ((lo / bin).rounded(.down) - 2) * bin
        hi = ((hi / bin).rounded(.down) + 3) * bin
        return (lo, hi, bin)
    }

    /// Dashed lines at the band edges through the plot and the band-name strip above it; each name
    /// sits in that strip beside its line (lytic to the left, sclerotic to the right).
    private func drawBandEdges(
        into image: inout RGBImage, labels: inout [TextLabel], measure: TextRenderer, px: (Double) -> Int
    ) throws {
        let plot = PanelLayout.histogramPlot
        let stripTop = plot.y - 26
        let style = TextStyle(size: 15, bold: true, colour: PanelColours.bandEdge)
        let lytic = "lytic < \(NumberFormat.plain(bands.lyticBelowHU)) HU"
        let sclerotic = "sclerotic > \(NumberFormat.plain(bands.scleroticAboveHU)) HU"
        for (edge, text, leftOfLine) in [(bands.lyticBelowHU, lytic, true), (bands.scleroticAboveHU, sclerotic, false)] {
            let x = px(edge)
            for yy in stride(from: stripTop, to: plot.y + plot.height, by: 6) {
                image.fill(x: x, y: yy, width: 2, height: 4, with: PanelColours.bandEdge)
            }
            let width = try measure.width(text, style)
            // Beside its line, but never past the panel's edges (a band edge near the plot's right end
            // put the sclerotic name half outside the picture).
            let right = Double(PanelLayout.histogram.x + PanelLayout.histogram.width) - width - 2
            let textX = max(2, min(right, leftOfLine ? Double(x) - width - 6 : Double(x) + 8))
            labels.append(TextLabel(text: text, x: textX, top: Double(stripTop), style: style))
        }
    }

    private func drawAxes(
        into image: inout RGBImage, labels: inout [TextLabel], measure: TextRenderer, lo: Double, hi: Double,
        bin: Double, top: Double, px: (Double) -> Int
    ) throws {
        let plot = PanelLayout.histogramPlot, area = PanelLayout.histogram
        let small = LesionPanel.Style.small
        let baseY = plot.y + plot.height
        image.fill(x: plot.x, y: baseY, width: plot.width, height: 1, with: PanelColours.axis)
        let step = [10.0, 20, 25, 50, 100, 200, 250, 500, 1000].first { (hi - lo) / $0 <= 8 } ?? 2000
        var tick = (lo / step).rounded(.up) * step
        while tick <= hi {
            let x = px(tick)
            image.fill(x: x, y: baseY, width: 1, height: 5, with: PanelColours.axis)
            labels.append(TextLabel(text: NumberFormat.plain(tick), x: Double(x), top: Double(baseY + 7), style: small,
                                    alignment: .centre))
            tick += step
        }
        labels.append(TextLabel(text: "HU", x: Double(plot.x + plot.width + 8), top: Double(baseY + 7), style: small))
        labels.append(TextLabel(text: "HU histogram: % of ROI voxels per \(NumberFormat.plain(bin)) HU bin",
                                x: Double(area.x), top: Double(area.y + 4), style: LesionPanel.Style.line))
        labels.append(TextLabel(text: "\(NumberFormat.plain((top * 100).rounded())) %", x: Double(plot.x - 6),
                                top: Double(plot.y), style: small, alignment: .right))
        labels.append(TextLabel(text: "0 %", x: Double(plot.x - 6), top: Double(baseY - 16), style: small, alignment: .right))
        let legend = LesionPanel.Style.line
        var legendX = Double(area.x + area.width)
        for s in series.reversed() {
            legendX -= try measure.width(s.name, legend) + 28
            image.fill(x: Int(legendX), y: area.y + 8, width: 16, height: 12, with: s.colour)
            labels.append(TextLabel(text: s.name, x: legendX + 22, top: Double(area.y + 4), style: legend))
        }
    }
}
