import Foundation

/// A JSON value whose objects keep their keys in the order given, so result files read in the
/// key tables' order (Docs/Outputs.md). Numbers that cannot be represented (NaN, ±∞) are written as `null`:
/// the output contract never allows a non-number in a number's place.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// An optional number: `null` when nil or not finite.
    public static func number(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .number(x)
    }

    /// An optional string: `null` when nil.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// An optional integer: `null` when nil.
    public static func int(_ i: Int?) -> JSONValue { i.map { .int($0) } ?? .null }

    /// Whether this is a scalar (not an array or object).
    public var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    /// Serializes with two-space indentation (`pretty`) or on one line.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += Self.format(x)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let scalars = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            let short = items.reduce(0) { $0 + $1.serialized(pretty: false).count } <= 100
            if (scalars && short) || indent == nil {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += indent == nil ? "," : ", " }
                    v.write(into: &out, indent: indent.map { $0 + 1 })
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += String(repeating: "  ", count: (indent ?? 0) + 1)
                v.write(into: &out, indent: (indent ?? 0) + 1)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent ?? 0) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            guard let level = indent else {
                out += "{"
                for (i, (k, v)) in members.enumerated() {
                    if i > 0 { out += "," }
                    Self.quote(k, into: &out)
                    out += ":"
                    v.write(into: &out, indent: nil)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += String(repeating: "  ", count: level + 1)
                Self.quote(k, into: &out)
                out += ": "
                v.write(into: &out, indent: level + 1)
                out += i < members.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: level) + "}"
        }
    }

    /// Shortest decimal text that reads back as the same Double; integers without a fraction.
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) + ".0" }
        return "\(x)"
    }

    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // C0 controls must be escaped (RFC 8259 §7); DEL, C1 and bidirectional controls are
                // escaped too, so a document printed on a terminal cannot drive it.
                if ControlCharacters.isControl(scalar) { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }
}
