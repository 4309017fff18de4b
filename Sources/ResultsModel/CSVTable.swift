/// RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted and inner quotes doubled;
/// lines end with CRLF; `.` is the decimal separator; an empty cell stands for null.
///
/// Text cells are made safe for spreadsheets: a text that begins with `=`, `+`, `-`, `@`, tab or
/// carriage return is written with a leading `'` (OWASP "CSV injection"), so a spreadsheet shows it
/// instead of running it as a formula; numbers are written as numbers, untouched. Control
/// characters other than tab, CR and LF are escaped (``ControlCharacters``).
public enum CSVTable {
    /// One cell's text from a JSON value: `null` → empty; numbers as numbers; a list of scalars
    /// joined by `;`; text neutralised (see the type's description).
    public static func cell(_ v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let x): return x.isFinite ? "\(x)" : ""
        case .string(let s): return text(s)
        case .array(let items) where items.allSatisfy(\.isScalar):
            return text(items.map { item in
                if case .string(let s) = item { return s }
                return cell(item)
            }.joined(separator: ";"))
        case .array, .object: return text(v.serialized(pretty: false))
        }
    }

    /// A text cell: control characters escaped, a leading `'` before a formula's first character.
    public static func text(_ s: String) -> String {
        let safe = ControlCharacters.escaped(s, keeping: ["\t", "\r", "\n"])
        guard let first = safe.unicodeScalars.first, formulaStarts.contains(first) else { return safe }
        return "'" + safe
    }

    /// The first characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The CSV text of `header` and `rows`.
    public static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
