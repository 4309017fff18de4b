/// A lesion's mean HU over every time point of its course, as a small inline SVG for report.html
/// (no script, no network). x is days from the first time point (time points without a day count
/// are spaced evenly), y is mean HU between the smallest and largest value (at least a 20 HU span,
/// so noise does not look like change). Each point carries a `<title>` with its date and value.
public enum TrendChart {
    public static let width = 240.0
    public static let height = 110.0

    /// The SVG, or nil when fewer than two time points have a mean.
    public static func svg(_ points: [ReportTrendPoint], label: String) -> String? {
        let measured = points.enumerated().compactMap { i, p in p.meanHU.map { (x: Double(p.daysFromFirst ?? i), p: p, hu: $0) } }
        guard measured.count >= 2 else { return nil }
        let left = 46.0, right = 10.0, top = 10.0, bottom = 26.0
        let plotW = width - left - right, plotH = height - top - bottom
        let x0 = measured.map(\.x).min()!, x1 = max(measured.map(\.x).max()!, x0 + 1)
        var lo = measured.map(\.hu).min()!, hi = measured.map(\.hu).max()!
        if hi - lo < 20 { let mid = (hi + lo) / 2; lo = mid - 10; hi = mid + 10 }
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotW }
        func py(_ hu: Double) -> Double { top + (hi - hu) / (hi - lo) * plotH }
        func f(_ v: Double) -> String { NumberFormat.oneDecimal(v) }
        let title = ReportHTML.escape("mean HU of \(label) over \(measured.count) time points")
        var svg = "<svg class=\"trend\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title)\">"
        svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" class=\"plot\"/>"
        svg += "<text x=\"\(f(left - 4))\" y=\"\(f(top + 4))\" class=\"axis\" text-anchor=\"end\">\(f(hi))</text>"
        svg += "<text x=\"\(f(left - 4))\" y=\"\(f(top + plotH + 4))\" class=\"axis\" text-anchor=\"end\">\(f(lo))</text>"
        svg += "<text x=\"\(f(left))\" y=\"\(f(height - 8))\" class=\"axis\">\(ReportHTML.escape(measured.first!.p.studyDate))</text>"
        svg += "<text x=\"\(f(width - right))\" y=\"\(f(height - 8))\" class=\"axis\" text-anchor=\"end\">"
            + "\(ReportHTML.escape(measured.last!.p.studyDate))</text>"
        let path = measured.map { "\(f(px($0.x))),\(f(py($0.hu)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" class=\"line\"/>"
        for m in measured {
            svg += "<circle cx=\"\(f(px(m.x)))\" cy=\"\(f(py(m.hu)))\" r=\"3.5\" class=\"point\" data-hu=\"\(m.hu)\">"
                + "<title>\(ReportHTML.escape("\(m.p.studyDate): \(f(m.hu)) HU"))</title></circle>"
        }
        return svg + "</svg>"
    }
}
