/// RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted and inner quotes doubled;
/// lines end with CRLF; `.` is the decimal separator; an empty cell stands for null (CONTRACT.md).
public enum CSVTable {
    /// One cell's text from a JSON scalar (`null` → empty; lists are the caller's to join).
    public static func cell(_ v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let x): return x.isFinite ? "\(x)" : ""
        case .string(let s): return s
        case .array, .object: return v.serialized(pretty: false)
        }
    }

    /// The CSV text of `header` and `rows`.
    public static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
