/// An 8-bit sRGB colour.
public struct RGBColor: Sendable, Equatable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey level (red = green = blue = `level`).
    public init(grey level: UInt8) { self.init(level, level, level) }
}

/// An 8-bit RGB raster: `width × height` pixels, rows top to bottom, three bytes (R, G, B) per pixel,
/// no row padding — the layout libpng's simplified writer takes as `PNG_FORMAT_RGB`.
///
/// Drawing outside the raster is clipped silently, so callers can draw shapes that overhang an edge.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes.
    public private(set) var pixels: [UInt8]

    /// A raster filled with `background`.
    public init(width: Int, height: Int, background: RGBColor = RGBColor(grey: 0)) {
        precondition(width > 0 && height > 0, "an image has at least one pixel")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            bytes[i] = background.red
            bytes[i + 1] = background.green
            bytes[i + 2] = background.blue
        }
        pixels = bytes
    }

    /// A raster over existing bytes (`width × height × 3`, R G B, rows top to bottom).
    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "three bytes per pixel")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at column `x`, row `y` (both from the top-left corner).
    public subscript(x: Int, y: Int) -> RGBColor {
        get {
            let i = (y * width + x) * 3
            return RGBColor(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            let i = (y * width + x) * 3
            pixels[i] = newValue.red
            pixels[i + 1] = newValue.green
            pixels[i + 2] = newValue.blue
        }
    }

    /// Fills the rectangle with top-left `(x, y)` and size `width × height`, clipped to the raster.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with colour: RGBColor) {
        let x0 = max(0, x), x1 = min(width, x + w), y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for yy in y0..<y1 {
            for xx in x0..<x1 { self[xx, yy] = colour }
        }
    }

    /// Mixes `colour` into the pixel at `(x, y)` with opacity `alpha` (0 keeps the pixel, 1 replaces it).
    public mutating func blend(x: Int, y: Int, with colour: RGBColor, alpha: Double) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let old = self[x, y]
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) * (1 - alpha) + Double(b) * alpha).rounded())
        }
        self[x, y] = RGBColor(mix(old.red, colour.red), mix(old.green, colour.green), mix(old.blue, colour.blue))
    }

    /// Copies `image` with its top-left corner at `(x, y)`, clipped to the raster.
    public mutating func draw(_ image: RGBImage, x: Int, y: Int) {
        for yy in 0..<image.height {
            for xx in 0..<image.width {
                self[x + xx, y + yy] = image[xx, yy]
            }
        }
    }
}
