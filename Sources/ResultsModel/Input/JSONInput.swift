import Foundation

/// A JSON file given by the user that cannot be used: the file, where in it (a key path such as
/// `lesions[1].radius_mm`, empty for the whole document) and what is wrong.
public struct JSONInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var keyPath: String
    public var message: String

    public init(file: String, keyPath: String = "", _ message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    /// `file: key.path: message`.
    public var description: String { keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)" }
}

/// The checks every user JSON goes through before it is decoded (Docs/Outputs.md "Input files").
public enum JSONInput {
    /// The deepest nesting of arrays and objects accepted. The files LesionDensity reads nest at
    /// most 8 levels (a results.json); the limit keeps every parser far from stack exhaustion.
    public static let maximumDepth = 64

    /// Refuses text whose arrays and objects nest deeper than ``maximumDepth``, or that holds a
    /// number beyond the range of a Double (e.g. `1e400`), in one pass over the bytes (brackets and
    /// digits inside strings do not count) and without recursion.
    public static func checkDepth<Bytes: Sequence>(_ data: Bytes, file: String) throws where Bytes.Element == UInt8 {
        var depth = 0, inString = false, escaped = false
        var number: [UInt8] = []
        func endNumber() throws {
            guard !number.isEmpty else { return }
            defer { number.removeAll(keepingCapacity: true) }
            let text = String(decoding: number, as: UTF8.self)
            if let x = Double(text), !x.isFinite {
                throw JSONInputError(file: file, "the number \(text) lies beyond the range of a double-precision number")
            }
        }
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if numberBytes.contains(byte) { number.append(byte); continue }
            try endNumber()
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maximumDepth {
                    throw JSONInputError(file: file, "arrays and objects nest deeper than \(maximumDepth) levels; not a LesionDensity input")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        try endNumber()
    }

    private static let numberBytes = Set("+-0123456789.eE".utf8)

    /// Decodes `T` from `data` after the depth check; a type error names the key path.
    /// - Throws: ``JSONInputError``; errors thrown by `T`'s own decoding that already name their
    ///   key (e.g. `CriteriaError`) are wrapped with the file name.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        try checkDepth(data, file: file)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw inputError(error, file: file)
        } catch let error as JSONInputError {
            throw JSONInputError(file: file, keyPath: error.keyPath, error.message)
        } catch {
            throw JSONInputError(file: file, "\(error)")
        }
    }

    /// A `DecodingError` as a message naming the key path.
    static func inputError(_ error: DecodingError, file: String) -> JSONInputError {
        switch error {
        case .typeMismatch(let type, let context):
            return JSONInputError(file: file, keyPath: keyPath(context.codingPath), "must be \(typeName(type))")
        case .valueNotFound(let type, let context):
            return JSONInputError(file: file, keyPath: keyPath(context.codingPath), "must be \(typeName(type)), not null")
        case .keyNotFound(let key, let context):
            return JSONInputError(file: file, keyPath: keyPath(context.codingPath), "the key \"\(key.stringValue)\" is missing")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return JSONInputError(file: file, "not valid JSON (\(context.debugDescription))") }
            return JSONInputError(file: file, keyPath: keyPath(context.codingPath), "not a usable value (\(context.debugDescription))")
        @unknown default:
            return JSONInputError(file: file, "\(error)")
        }
    }

    /// `lesions[1].radius_mm`.
    public static func keyPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is String.Type: "text"
        default: type is any Collection.Type ? "a list" : "an object (\(type))"
        }
    }
}
