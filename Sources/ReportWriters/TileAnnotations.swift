/// The colours of the panels. The ROI outline is yellow with a dark edge: yellow stands out on
/// every grey from black to white, and the dark edge separates it from white cortex and bright
/// sclerosis. Histogram colours are the Okabe–Ito blue and orange (distinguishable with the
/// common colour-vision deficiencies).
enum PanelColours {
    static let background = RGBColor(28, 28, 30)
    static let text = RGBColor(235, 235, 235)
    static let dimText = RGBColor(170, 170, 170)
    static let shadow = RGBColor(0, 0, 0)
    static let outline = RGBColor(255, 221, 0)
    static let outlineEdge = RGBColor(20, 20, 20)
    static let missingTile = RGBColor(90, 90, 90)
    static let baseline = RGBColor(86, 180, 233)
    static let followup = RGBColor(230, 159, 0)
    static let bandEdge = RGBColor(204, 121, 167)
    static let axis = RGBColor(150, 150, 150)
}

/// Overlays drawn on a resliced tile: ROI outline, scale bar, patient-direction letters.
extension RGBImage {
    /// Outlines the ROI just outside its voxels, so every ROI voxel stays visible: display pixels
    /// outside the ROI within 2 px (Chebyshev) of an ROI pixel turn ``PanelColours/outline``, those at
    /// 3 px ``PanelColours/outlineEdge``.
    /// - Parameter inside: one flag per pixel of this image, row-major.
    mutating func drawOutline(inside: [Bool]) {
        precondition(inside.count == width * height, "one flag per pixel")
        let near = Self.dilate(inside, width: width, height: height, radius: 2)
        let edge = Self.dilate(inside, width: width, height: height, radius: 3)
        for y in 0..<height {
            for x in 0..<width where !inside[y * width + x] {
                if near[y * width + x] {
                    self[x, y] = PanelColours.outline
                } else if edge[y * width + x] {
                    self[x, y] = PanelColours.outlineEdge
                }
            }
        }
    }

    /// A bar of a round length (1, 2, 5, 10, 20, 50 or 100 mm; the longest up to 30 % of the width)
    /// at the bottom left, labelled "N mm".
    mutating func drawScaleBar(millimetresPerPixel s: Double) {
        let widthMM = Double(width) * s
        let length = [100.0, 50, 20, 10, 5, 2, 1].first { $0 <= 0.3 * widthMM } ?? 1
        let pixels = max(1, Int((length / s).rounded()))
        let x = 10, y = height - 14
        fill(x: x - 1, y: y - 1, width: pixels + 2, height: 6, with: PanelColours.shadow)
        fill(x: x, y: y, width: pixels, height: 4, with: PanelColours.text)
        drawText("\(NumberFormat.plain(length)) mm", x: x, y: y - 18, scale: 2, colour: PanelColours.text,
                 shadow: PanelColours.shadow)
    }

    /// The patient-direction letters at the middle of each edge (e.g. R, L, A, P for axial).
    mutating func drawEdgeLetters(_ orientation: DisplayOrientation) {
        let letters = orientation.edgeLetters
        let glyph = 2 * BitmapFont.glyphHeight
        let midX = width / 2 - 5, midY = height / 2 - glyph / 2
        for (text, x, y) in [
            (letters.left, 6, midY), (letters.right, width - 16, midY), (letters.top, midX, 6),
            (letters.bottom, midX, height - glyph - 6),
        ] {
            drawText(text, x: x, y: y, scale: 2, colour: PanelColours.text, shadow: PanelColours.shadow)
        }
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
