/// Text drawn with ``BitmapFont`` into an ``RGBImage``.
extension RGBImage {
    /// Width in pixels of `text` drawn at `scale` (font pixels → `scale × scale` image pixels).
    static func textWidth(_ text: String, scale: Int) -> Int {
        let n = text.unicodeScalars.count
        return n == 0 ? 0 : (n * BitmapFont.advance - 1) * scale
    }

    /// Draws one line of `text` with its top-left corner at `(x, y)`.
    ///
    /// - Parameters:
    ///   - scale: size of one font pixel in image pixels (1 → 7 px tall capitals).
    ///   - maxWidth: when given, a longer text is cut and ends in `..` so it fits.
    ///   - shadow: when given, each lit font pixel is first drawn offset by one image pixel down and
    ///     right in this colour, so the text stays readable on any grey.
    mutating func drawText(
        _ text: String, x: Int, y: Int, scale: Int = 1, colour: RGBColor, shadow: RGBColor? = nil,
        maxWidth: Int? = nil
    ) {
        var scalars = Array(text.unicodeScalars)
        if let maxWidth, Self.textWidth(text, scale: scale) > maxWidth {
            let fitting = max(0, (maxWidth / scale + 1) / BitmapFont.advance - 2)
            scalars = Array(scalars.prefix(fitting)) + ["." as Unicode.Scalar, "."]
        }
        if let shadow { drawScalars(scalars, x: x + 1, y: y + 1, scale: scale, colour: shadow) }
        drawScalars(scalars, x: x, y: y, scale: scale, colour: colour)
    }

    private mutating func drawScalars(_ scalars: [Unicode.Scalar], x: Int, y: Int, scale: Int, colour: RGBColor) {
        for (i, scalar) in scalars.enumerated() {
            let glyph = BitmapFont.glyph(scalar)
            let left = x + i * BitmapFont.advance * scale
            for (row, bits) in glyph.enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    fill(x: left + column * scale, y: y + row * scale, width: scale, height: scale, with: colour)
                }
            }
        }
    }
}
