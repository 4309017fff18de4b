internal import CDICOMBridge

/// One DICOM file opened through DCMTK (CDICOMBridge). Owns its bridge handle and releases it
/// when it goes away; not shared between threads.
///
/// The only place where a bridge status becomes a Swift error is ``check(_:path:message:)``.
final class DICOMFile {
    let path: String
    private let handle: OpaquePointer

    /// Opens `path`; with `headersOnly`, parsing stops before Pixel Data (7FE0,0010).
    /// - Throws: ``DICOMError`` `.notDICOM` or `.unreadable`, naming the file.
    init(path: String, headersOnly: Bool) throws {
        self.path = path
        var out: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        let status = CDICOMBridge_dataset_open(path, headersOnly ? 1 : 0, &out, &message, message.count)
        try DICOMFile.check(status, path: path, message: message)
        guard let out else { throw DICOMError(.unreadable, path: path, "DCMTK returned no dataset") }
        self.handle = out
    }

    deinit { CDICOMBridge_dataset_destroy(handle) }

    /// Turns a bridge status into a ``DICOMError`` naming `path`.
    static func check(_ status: CDICOMBridge_status, path: String, message: [CChar]) throws {
        guard status != CDICOMBridge_OK else { return }
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch status {
        case CDICOMBridge_NOT_DICOM: throw DICOMError(.notDICOM, path: path, text)
        case CDICOMBridge_UNSUPPORTED: throw DICOMError(.unsupportedTransferSyntax, path: path, text)
        case CDICOMBridge_MISSING: throw DICOMError(.missingAttribute, path: path, text)
        default: throw DICOMError(.unreadable, path: path, text)
        }
    }

    /// The attribute's value as DICOM text (values separated by `\`), trimmed of padding spaces and
    /// NULs; nil when absent or empty.
    func string(_ tagPath: String) -> String? {
        // A header scan asks for ~45 attributes per file: ASCII values are trimmed as bytes and
        // become one String, with no intermediate strings (DICOMValueText).
        withRawValue(tagPath) { raw in
            guard let raw else { return nil }
            if DICOMValueText.isASCII(raw) {
                let text = DICOMValueText.trimmed(raw)
                return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
            }
            let text = String(decoding: raw, as: UTF8.self).trimmingDICOMPadding()
            return text.isEmpty ? nil : text
        }
    }

    /// Copies the attribute's value into `buffer` (NUL-terminated, truncated); returns its whole
    /// length, 0 when present but empty, -1 when absent.
    func getString(_ tagPath: String, into buffer: UnsafeMutableBufferPointer<CChar>) -> Int {
        CDICOMBridge_dataset_get_string(handle, tagPath, buffer.baseAddress, buffer.count)
    }

    /// The attribute's values split at `\`.
    func strings(_ tagPath: String) -> [String] {
        string(tagPath)?.split(separator: "\\", omittingEmptySubsequences: false).map { String($0).trimmingDICOMPadding() } ?? []
    }

    /// The attribute's values as numbers (DS, IS, US, SS, FD …); nil when absent or not numeric.
    func doubles(_ tagPath: String) -> [Double]? {
        switch asciiNumbers(tagPath, strict: false) {
        case .absent: return nil
        case .values(let values): return values
        case .undecided: break
        }
        let values = strings(tagPath)
        guard !values.isEmpty else { return nil }
        let numbers = values.compactMap(Double.init)
        return numbers.count == values.count ? numbers : nil
    }

    /// The attribute's first value as a number.
    func double(_ tagPath: String) -> Double? { doubles(tagPath)?.first }

    /// The attribute's first value as an integer.
    /// nil when absent, not numeric, not whole, or beyond Int's range (e.g. 1e300).
    func int(_ tagPath: String) -> Int? { double(tagPath).flatMap { Int(exactly: $0) } }

    /// Whether the attribute is present (possibly empty).
    func isPresent(_ tagPath: String) -> Bool { CDICOMBridge_dataset_get_string(handle, tagPath, nil, 0) >= 0 }

    /// The length in bytes of Pixel Data as stored (fragments summed when encapsulated), read
    /// without decoding; -1 when absent.
    var pixelDataLength: Int { Int(CDICOMBridge_dataset_pixel_data_length(handle)) }

    /// Number of items of the sequence at `tagPath`.
    func itemCount(_ tagPath: String) -> Int { CDICOMBridge_dataset_item_count(handle, tagPath) }

    /// Transfer syntax UID as read.
    var transferSyntaxUID: String {
        var buffer = [CChar](repeating: 0, count: 72)
        CDICOMBridge_dataset_transfer_syntax(handle, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the dataset holds Pixel Data.
    var hasPixelData: Bool { CDICOMBridge_dataset_has_pixel_data(handle) != 0 }

    /// Where the uncompressed Pixel Data value lies in the file (native little endian, left on disk
    /// by a headers-only parse); nil otherwise (the value then goes through DCMTK's decode).
    var pixelDataLocation: PixelDataLocation? {
        var offset: UInt64 = 0, length: UInt64 = 0
        guard CDICOMBridge_dataset_pixel_data_location(handle, &offset, &length) == CDICOMBridge_OK,
              let o = Int(exactly: offset), let l = Int(exactly: length) else { return nil }
        return PixelDataLocation(offset: o, length: l)
    }

    /// Decodes frame `frame` into `count` stored 16-bit words (before masking, sign extension, rescale).
    /// - Throws: ``DICOMError`` naming the file (unsupported transfer syntax, truncated data).
    func frameWords(_ frame: Int, count: Int) throws -> [UInt16] {
        var words = [UInt16](repeating: 0, count: count)
        var message = [CChar](repeating: 0, count: 512)
        let status = words.withUnsafeMutableBufferPointer { buffer in
            CDICOMBridge_dataset_read_frame_u16(handle, UInt(frame), buffer.baseAddress, count, &message, message.count)
        }
        try DICOMFile.check(status, path: path, message: message)
        return words
    }

    /// Calls `body` with frame `frame`'s `count` stored words, read in place from DCMTK's decoded
    /// Pixel Data when it holds 16-bit words (no copy), or from a widened copy otherwise. The
    /// buffer is valid only inside `body`.
    /// - Throws: ``DICOMError`` naming the file (unsupported transfer syntax, truncated data).
    func withFrameWords<R>(_ frame: Int, count: Int, _ body: (UnsafeBufferPointer<UInt16>) throws -> R) throws -> R {
        var words: UnsafePointer<UInt16>?
        var message = [CChar](repeating: 0, count: 512)
        let status = CDICOMBridge_dataset_frame_words(handle, UInt(frame), count, &words, &message, message.count)
        try DICOMFile.check(status, path: path, message: message)
        if let words { return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: words, count: count)) } }
        return try frameWords(frame, count: count).withUnsafeBufferPointer(body)
    }

    /// All bytes of the (decompressed) Pixel Data, e.g. bit-packed SEG frames.
    func pixelBytes(count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var message = [CChar](repeating: 0, count: 512)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            CDICOMBridge_dataset_read_pixel_bytes(handle, buffer.baseAddress, count, &message, message.count)
        }
        try DICOMFile.check(status, path: path, message: message)
        return bytes
    }
}

/// The DCMTK version the product is linked against (e.g. "3.6.7"), for the `tool` object.
public var dcmtkVersion: String { String(cString: CDICOMBridge_dcmtk_version()) }

extension String {
    /// Removes DICOM value padding (trailing/leading spaces, trailing NUL).
    func trimmingDICOMPadding() -> String {
        // ASCII (nearly every header value): trim bytes, as the Character loop below would, without
        // grapheme breaking. A header scan trims ~45 values per file.
        var utf8 = Substring(self).utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            while let last = utf8.last, last == 0x20 || last == 0 { utf8 = utf8.dropLast() }
            while let first = utf8.first, first == 0x20 { utf8 = utf8.dropFirst() }
            return String(Substring(utf8))
        }
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\0" { s = s.dropLast() }
        while let first = s.first, first == " " { s = s.dropFirst() }
        return String(s)
    }
}
