internal import CCairoBridge

/// A Cairo failure while drawing text, with Cairo's own message.
public struct TextDrawingError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "text drawing (Cairo): \(message)" }
}

/// How a run of panel text looks: DejaVu Sans at `size` pixels (em size), regular or bold, in
/// `colour`; with a `halo`, the glyph outlines are first stroked 3 px wide in that colour.
struct TextStyle: Sendable {
    var size: Double
    var bold = false
    var colour: RGBColor
    var halo: RGBColor?
}

/// One line of text placed on a panel: `x` is the left end (or the right end / centre, see
/// ``Alignment``), `top` the top of the font's ascent. A text wider than `maxWidth` is cut and
/// ends in "…".
struct TextLabel: Sendable {
    enum Alignment: Sendable { case left, centre, right }
    var text: String
    var x: Double
    var top: Double
    var style: TextStyle
    var alignment: Alignment = .left
    var maxWidth: Double?
}

/// Draws anti-aliased text into an ``RGBImage`` through CCairoBridge (Cairo's toy text API,
/// DejaVu Sans, grey-scale anti-aliasing). The one Swift owner of the bridge's canvas handle:
/// created from the pixels, destroyed when this value goes away.
final class TextRenderer {
    private let canvas: OpaquePointer
    private let width: Int
    private let height: Int

    /// A renderer whose canvas holds a copy of `image`.
    /// - Throws: ``TextDrawingError`` when Cairo cannot create the surface.
    init(_ image: RGBImage) throws {
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            CCairoBridge_canvas_create(pixels.baseAddress!, UInt32(image.width), UInt32(image.height), &handle,
                                       &message, message.count)
        }
        guard status == Int32(CCairoBridge_OK), let handle else { throw TextDrawingError(message: Self.text(message)) }
        canvas = handle
        width = image.width
        height = image.height
    }

    /// A renderer for measuring only (a 1 × 1 canvas).
    static func measuring() throws -> TextRenderer { try TextRenderer(RGBImage(width: 1, height: 1)) }

    deinit { CCairoBridge_canvas_destroy(canvas) }

    /// Advance width of `text` in pixels.
    /// - Throws: ``TextDrawingError``.
    func width(_ text: String, _ style: TextStyle) throws -> Double {
        try metrics(text, style).width
    }

    /// Line height of `style` (ascent + descent) in pixels.
    func lineHeight(_ style: TextStyle) throws -> Double {
        let m = try metrics("Hg", style)
        return m.ascent + m.descent
    }

    /// Draws every label in order.
    /// - Throws: ``TextDrawingError``.
    func draw(_ labels: [TextLabel]) throws {
        for label in labels { try draw(label) }
    }

    /// The canvas as 8-bit RGB.
    /// - Throws: ``TextDrawingError``.
    func image() throws -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        var message = [CChar](repeating: 0, count: 256)
        let status = pixels.withUnsafeMutableBufferPointer { buffer in
            CCairoBridge_canvas_copy_rgb(canvas, buffer.baseAddress!, buffer.count, &message, message.count)
        }
        guard status == Int32(CCairoBridge_OK) else { throw TextDrawingError(message: Self.text(message)) }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    private func draw(_ label: TextLabel) throws {
        var text = label.text
        if let maxWidth = label.maxWidth, try width(text, label.style) > maxWidth {
            while !text.isEmpty, try width(text + "…", label.style) > maxWidth { text.removeLast() }
            text += "…"
        }
        let w = try width(text, label.style)
        let x: Double
        switch label.alignment {
        case .left: x = label.x
        case .centre: x = label.x - w / 2
        case .right: x = label.x - w
        }
        var message = [CChar](repeating: 0, count: 256)
        let s = label.style
        let halo = s.halo ?? s.colour
        let status = CCairoBridge_canvas_draw_text(
            canvas, text, x, label.top, s.size, s.bold ? 1 : 0, Self.colour(s.colour), s.halo == nil ? 0 : 3,
            Self.colour(halo), &message, message.count)
        guard status == Int32(CCairoBridge_OK) else { throw TextDrawingError(message: Self.text(message)) }
    }

    private func metrics(_ text: String, _ style: TextStyle) throws -> CCairoBridge_TextMetrics {
        var m = CCairoBridge_TextMetrics()
        var message = [CChar](repeating: 0, count: 256)
        guard CCairoBridge_canvas_measure(canvas, text, style.size, style.bold ? 1 : 0, &m, &message, message.count)
            == Int32(CCairoBridge_OK) else { throw TextDrawingError(message: Self.text(message)) }
        return m
    }

    private static func colour(_ c: RGBColor) -> CCairoBridge_Colour {
        CCairoBridge_Colour(red: c.red, green: c.green, blue: c.blue)
    }

    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
