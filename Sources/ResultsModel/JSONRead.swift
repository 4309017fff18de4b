/// Typed access to a JSON value read back from a results file (``ResultsReader``); every error
/// names the key path (`pairs[2].lesions[0].baseline.mean_hu`).
public enum JSONRead {
    /// A failure while reading a results file: the key path and the problem.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var keyPath: String
        public var message: String
        public var description: String { "\(keyPath): \(message)" }
    }

    static func fail(_ path: String, _ message: String) -> Failure { Failure(keyPath: path, message: message) }

    public static func members(_ v: JSONValue, _ path: String) throws -> [(String, JSONValue)] {
        guard case .object(let m) = v else { throw fail(path, "must be an object") }
        return m
    }

    public static func items(_ v: JSONValue, _ path: String) throws -> [JSONValue] {
        guard case .array(let a) = v else { throw fail(path, "must be a list") }
        return a
    }

    /// The member `key` of an object, nil when absent.
    public static func member(_ v: JSONValue, _ key: String, _ path: String) throws -> JSONValue? {
        try members(v, path).first { $0.0 == key }?.1
    }

    /// The member `key`, `null` when absent.
    public static func value(_ v: JSONValue, _ key: String, _ path: String) throws -> JSONValue {
        try member(v, key, path) ?? .null
    }

    public static func double(_ v: JSONValue, _ path: String) throws -> Double? {
        switch v {
        case .null: return nil
        case .int(let i): return Double(i)
        case .number(let x) where x.isFinite: return x
        default: throw fail(path, "must be a finite number or null")
        }
    }

    public static func int(_ v: JSONValue, _ path: String) throws -> Int? {
        switch v {
        case .null: return nil
        case .int(let i): return i
        case .number(let x) where x == x.rounded() && abs(x) < 1e15: return Int(x)
        default: throw fail(path, "must be a whole number or null")
        }
    }

    public static func string(_ v: JSONValue, _ path: String) throws -> String? {
        switch v {
        case .null: return nil
        case .string(let s): return s
        default: throw fail(path, "must be text or null")
        }
    }

    public static func required<T>(_ value: T?, _ path: String) throws -> T {
        guard let value else { throw fail(path, "must not be null") }
        return value
    }

    /// A word of the vocabulary (`RawRepresentable` by its text), nil for `null`.
    public static func word<W: RawRepresentable>(_ v: JSONValue, _ path: String) throws -> W? where W.RawValue == String {
        guard let text = try string(v, path) else { return nil }
        guard let word = W(rawValue: text) else { throw fail(path, "\"\(text)\" is not one of the words of this key") }
        return word
    }

    public static func words<W: RawRepresentable>(_ v: JSONValue, _ path: String) throws -> [W] where W.RawValue == String {
        try items(v, path).enumerated().map { i, item in try required(word(item, "\(path)[\(i)]"), "\(path)[\(i)]") }
    }

    public static func doubles(_ v: JSONValue, _ path: String) throws -> [Double] {
        try items(v, path).enumerated().map { i, item in try required(double(item, "\(path)[\(i)]"), "\(path)[\(i)]") }
    }

    /// `[lo, hi]` or null.
    public static func range(_ v: JSONValue, _ path: String) throws -> ClosedRange<Double>? {
        if case .null = v { return nil }
        let values = try doubles(v, path)
        guard values.count == 2, values[0] <= values[1] else { throw fail(path, "must be [lo, hi] with lo ≤ hi") }
        return values[0]...values[1]
    }
}
