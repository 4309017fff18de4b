/// Attribute values read from DCMTK's bytes without intermediate strings: a header scan reads ~45
/// attributes of every file, and building, splitting and trimming a `String` per value was a third
/// of the scan's instructions (issue 16). Only ASCII values take this path; any other value goes
/// through `String` and ``Swift/String/trimmingDICOMPadding()``, so both give the same result.
enum DICOMValueText {
    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for b in bytes { any |= b }
        return any < 0x80
    }

    /// `bytes` without DICOM value padding (trailing spaces and NULs, leading spaces), as
    /// ``Swift/String/trimmingDICOMPadding()`` trims ASCII text.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = bytes.count
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0 { hi -= 1 }
        while lo < hi, bytes[lo] == 0x20 { lo += 1 }
        return UnsafeBufferPointer(rebasing: bytes[lo..<hi])
    }

    /// The values of an ASCII value (already trimmed), split at `\` and each trimmed, parsed as
    /// `Double`; nil when one is not a number, or (with `strict`) does not start with a digit, sign
    /// or point, or is not finite. Parsing is `Double(String)`'s, on a string of the value's bytes.
    static func numbers(_ text: UnsafeBufferPointer<UInt8>, strict: Bool) -> [Double]? {
        var values: [Double] = []
        var start = 0
        for i in 0...text.count where i == text.count || text[i] == 0x5C {
            let part = trimmed(UnsafeBufferPointer(rebasing: text[start..<i]))
            start = i + 1
            if strict {
                guard let first = part.first, (0x30...0x39).contains(first) || first == 0x2D || first == 0x2B || first == 0x2E else { return nil }
            }
            guard let v = Double(String(decoding: part, as: UTF8.self)), !strict || v.isFinite else { return nil }
            values.append(v)
        }
        return values
    }
}

extension DICOMFile {
    /// Calls `body` with the attribute's value as DCMTK gives it (values separated by `\`), cut at
    /// its first NUL; nil when absent.
    func withRawValue<R>(_ tagPath: String, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            let length = buffer.withMemoryRebound(to: CChar.self) { getString(tagPath, into: $0) }
            if length < 0 { return try body(nil) }
            if length < buffer.count { return try body(Self.untilNUL(UnsafeBufferPointer(buffer), length)) }
            var long = [UInt8](repeating: 0, count: length + 1)
            let again = long.withUnsafeMutableBufferPointer { b in b.withMemoryRebound(to: CChar.self) { getString(tagPath, into: $0) } }
            guard again >= 0 else { return try body(nil) }
            return try long.withUnsafeBufferPointer { try body(Self.untilNUL($0, min(again, length))) }
        }
    }

    private static func untilNUL(_ bytes: UnsafeBufferPointer<UInt8>, _ length: Int) -> UnsafeBufferPointer<UInt8> {
        let end = bytes[..<length].firstIndex(of: 0) ?? length
        return UnsafeBufferPointer(rebasing: bytes[..<end])
    }

    /// What the bytes alone settle about a numeric attribute.
    enum ASCIINumbers {
        /// The attribute is absent.
        case absent
        /// An ASCII value whose every part is a number (``DICOMValueText/numbers(_:strict:)``).
        case values([Double])
        /// Empty, not ASCII or not all numbers: the `String` path decides (and words the error).
        case undecided
    }

    func asciiNumbers(_ tagPath: String, strict: Bool) -> ASCIINumbers {
        withRawValue(tagPath) { raw in
            guard let raw else { return .absent }
            guard DICOMValueText.isASCII(raw) else { return .undecided }
            let text = DICOMValueText.trimmed(raw)
            guard !text.isEmpty, let values = DICOMValueText.numbers(text, strict: strict) else { return .undecided }
            return .values(values)
        }
    }
}
