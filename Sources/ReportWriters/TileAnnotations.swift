/// The colours of the panels. The ROI is yellow: a translucent fill (``roiFillAlpha``) over its
/// voxels and an outline just outside them with a dark edge; yellow stands out on every grey from
/// black to white and the dark edge separates it from white cortex and bright sclerosis. The
/// reference ROI is outlined in turquoise (no fill). Histogram colours are the Okabe–Ito blue and
/// orange (distinguishable with the common colour-vision deficiencies).
public enum PanelColours {
    public static let background = RGBColor(28, 28, 30)
    public static let text = RGBColor(240, 240, 240)
    public static let dimText = RGBColor(185, 185, 190)
    public static let shadow = RGBColor(0, 0, 0)
    public static let roi = RGBColor(255, 221, 0)
    /// Opacity of the ROI fill: the voxel's grey keeps 75 %, so its density still reads.
    public static let roiFillAlpha = 0.25
    public static let outlineEdge = RGBColor(20, 20, 20)
    public static let reference = RGBColor(64, 224, 208)
    public static let missingTile = RGBColor(90, 90, 90)
    public static let baseline = RGBColor(86, 180, 233)
    public static let followup = RGBColor(230, 159, 0)
    public static let bandEdge = RGBColor(204, 121, 167)
    public static let axis = RGBColor(150, 150, 150)
    public static let plotBackground = RGBColor(grey: 12)
}

/// Overlays drawn on a tile's pixels: the ROI fill and outlines. Text (letters, scale-bar label,
/// notes) is drawn beside the tile, never on it.
extension RGBImage {
    /// Fills the ROI's pixels with ``PanelColours/roi`` at ``PanelColours/roiFillAlpha`` and outlines
    /// it just outside its voxels, so every ROI voxel stays visible: pixels outside the ROI within
    /// 2 px (Chebyshev) of an ROI pixel turn `colour`, those at 3 px ``PanelColours/outlineEdge``.
    /// - Parameters:
    ///   - inside: one flag per pixel of this image, row-major.
    ///   - fill: whether to tint the ROI's own pixels (the lesion yes, the reference ROI no).
    mutating func drawROI(inside: [Bool], colour: RGBColor, fill: Bool) {
        precondition(inside.count == width * height, "one flag per pixel")
        let near = Self.dilate(inside, width: width, height: height, radius: 2)
        let edge = Self.dilate(inside, width: width, height: height, radius: 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                if inside[i] {
                    if fill { blend(x: x, y: y, with: colour, alpha: PanelColours.roiFillAlpha) }
                } else if near[i] {
                    self[x, y] = colour
                } else if edge[i] {
                    self[x, y] = PanelColours.outlineEdge
                }
            }
        }
    }

    /// A scale bar of a round length (1, 2, 5, 10, 20, 50 or 100 mm; the longest up to 30 % of a
    /// tile `tileWidth` px wide) with its left end at `(x, y)`, 4 px high with a dark rim. Returns
    /// its length in mm and in pixels (the caller places the "N mm" label after it).
    mutating func drawScaleBar(x: Int, y: Int, tileWidth: Int, millimetresPerPixel s: Double) -> (mm: Double, pixels: Int) {
        let widthMM = Double(tileWidth) * s
        let length = [100.0, 50, 20, 10, 5, 2, 1].first { $0 <= 0.3 * widthMM } ?? 1
        let pixels = max(1, Int((length / s).rounded()))
        fill(x: x - 1, y: y - 1, width: pixels + 2, height: 6, with: PanelColours.shadow)
        fill(x: x, y: y, width: pixels, height: 4, with: PanelColours.text)
        return (length, pixels)
    }

    /// `mask` grown by `radius` pixels in every direction (a square structuring element), computed
    /// separably: a row pass then a column pass.
    static func dilate(_ mask: [Bool], width: Int, height: Int, radius: Int) -> [Bool] {
        var rowPass = [Bool](repeating: false, count: mask.count)
        for y in 0..<height {
            for x in 0..<width where mask[y * width + x] {
                for xx in max(0, x - radius)...min(width - 1, x + radius) { rowPass[y * width + xx] = true }
            }
        }
        var result = [Bool](repeating: false, count: mask.count)
        for y in 0..<height {
            for x in 0..<width where rowPass[y * width + x] {
                for yy in max(0, y - radius)...min(height - 1, y + radius) { result[yy * width + x] = true }
            }
        }
        return result
    }
}
