import Foundation

extension JSONValue {
    /// Parses JSON text (RFC 8259) keeping object members in their written order, so a document
    /// read back (e.g. by `merge`) is written in the same order. Text nesting deeper than
    /// ``JSONInput/maximumDepth`` is refused before parsing, so the parser's recursion stays shallow.
    /// - Parameter file: names the text in errors.
    /// - Throws: ``JSONInputError`` for too deep a nesting; ``JSONParseError`` with the byte offset of
    ///   any other problem.
    public static func parse(_ text: String, file: String = "JSON text") throws -> JSONValue {
        let bytes = Array(text.utf8)
        try JSONInput.checkDepth(bytes, file: file)
        var parser = JSONParser(bytes: bytes)
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw JSONParseError(offset: parser.index, message: "trailing characters") }
        return value
    }
}

/// Why JSON text could not be parsed.
public struct JSONParseError: Error, CustomStringConvertible {
    public let offset: Int
    public let message: String
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

private struct JSONParser {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value() throws -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw JSONParseError(offset: index, message: "unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
            throw JSONParseError(offset: index, message: "expected \(word)")
        }
        index += w.count
    }

    mutating func object() throws -> JSONValue {
        index += 1
        var members: [(String, JSONValue)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw JSONParseError(offset: index, message: "expected a key") }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw JSONParseError(offset: index, message: "expected :") }
            index += 1
            members.append((key, try value()))
            skipSpace()
            guard index < bytes.count else { throw JSONParseError(offset: index, message: "unexpected end") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw JSONParseError(offset: index, message: "expected , or }")
        }
    }

    mutating func array() throws -> JSONValue {
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            items.append(try value())
            skipSpace()
            guard index < bytes.count else { throw JSONParseError(offset: index, message: "unexpected end") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw JSONParseError(offset: index, message: "expected , or ]")
        }
    }

    mutating func string() throws -> String {
        let start = index
        index += 1
        var raw: [UInt8] = [UInt8(ascii: "\"")]
        while index < bytes.count {
            let b = bytes[index]
            raw.append(b)
            index += 1
            if b == UInt8(ascii: "\\"), index < bytes.count { raw.append(bytes[index]); index += 1; continue }
            if b == UInt8(ascii: "\"") {
                // Foundation decodes the escapes of one JSON string literal.
                guard let s = try? JSONDecoder().decode(String.self, from: Data(raw)) else {
                    throw JSONParseError(offset: start, message: "invalid string")
                }
                return s
            }
        }
        throw JSONParseError(offset: start, message: "unterminated string")
    }

    mutating func number() throws -> JSONValue {
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if !text.contains(where: { ".eE".contains($0) }), let i = Int(text) { return .int(i) }
        guard let x = Double(text) else { throw JSONParseError(offset: start, message: "invalid number \(text)") }
        return .number(x)
    }
}
