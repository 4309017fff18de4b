internal import CPNGBridge
import Foundation

/// A libpng failure, with libpng's own message.
public struct PNGError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "PNG: \(message)" }
}

/// A PNG decoded to 8-bit RGB, with what the file itself declared.
public struct DecodedPNG: Sendable, Equatable {
    /// The pixels as 8-bit RGB (whatever the file's colour type).
    public let image: RGBImage
    /// Channels in the file: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
    public let fileChannels: Int
    /// Bits per sample in the file (8 or 16).
    public let fileBitDepth: Int
    /// Whether the file is colour-mapped (palette).
    public let fileIsColormapped: Bool
}

/// PNG encoding and decoding through libpng's simplified API (`png_image_write_to_memory`,
/// `png_image_begin_read_from_memory` / `png_image_finish_read`), reached through CPNGBridge.
/// No hand-rolled encoder; no classic (longjmp) libpng API.
public enum PNGCodec {
    /// Encodes `image` as an 8-bit RGB PNG (colour type 2, bit depth 8), favouring speed over size
    /// (PNG_IMAGE_FLAG_FAST; see CPNGBridge.h).
    /// - Throws: ``PNGError`` with libpng's message.
    public static func encode(_ image: RGBImage) throws -> Data {
        var message = [CChar](repeating: 0, count: 256)
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            CPNGBridge_encode(
                pixels.baseAddress, UInt32(image.width), UInt32(image.height), 3, &output, &size, &message,
                message.count)
        }
        defer { CPNGBridge_free(output) }
        guard status == Int32(CPNGBridge_OK), let output else { throw PNGError(message: text(message)) }
        return Data(bytes: output, count: size)
    }

    /// Decodes PNG bytes to 8-bit RGB (16-bit files are reduced, grey is expanded, alpha is composed
    /// on black by libpng).
    /// - Throws: ``PNGError`` with libpng's message for data that is not a readable PNG.
    public static func decode(_ data: Data) throws -> DecodedPNG {
        var message = [CChar](repeating: 0, count: 256)
        var output: UnsafeMutablePointer<UInt8>?
        var info = CPNGBridge_Info()
        let status = data.withUnsafeBytes { bytes in
            CPNGBridge_decode(
                bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, 3, &output, &info, &message, message.count)
        }
        defer { CPNGBridge_free(output) }
        guard status == Int32(CPNGBridge_OK), let output, info.width > 0, info.height > 0 else {
            throw PNGError(message: text(message))
        }
        let width = Int(info.width), height = Int(info.height)
        var image = RGBImage(width: width, height: height)
        let samples = UnsafeBufferPointer(start: output, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                image[x, y] = RGBColor(samples[i], samples[i + 1], samples[i + 2])
            }
        }
        return DecodedPNG(
            image: image, fileChannels: Int(info.channels), fileBitDepth: Int(info.bit_depth),
            fileIsColormapped: info.colormapped != 0)
    }

    private static func text(_ message: [CChar]) -> String {
        let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
