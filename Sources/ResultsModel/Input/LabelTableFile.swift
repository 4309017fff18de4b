import Foundation

/// A label table (`--labels FILE`, or `<name>.labels.json` beside a label map): the lesion label of
/// each label value, as JSON `{"1": "L1 lytic", ...}` or CSV `value,label` (a header row
/// `value,label` is allowed). Docs/ROIs.md, label maps.
public enum LabelTableFile {
    /// The labels by value.
    /// - Throws: ``JSONInputError`` naming the file and the entry at fault: a value that is not a
    ///   whole number ≥ 1, an empty label, a value given twice, invalid JSON or a CSV row without two cells.
    public static func read(_ data: Data, file: String) throws -> [Int: String] {
        let text = String(decoding: data, as: UTF8.self)
        if file.lowercased().hasSuffix(".json") || text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            let object = try JSONInput.decode([String: String].self, from: data, file: file)
            var table: [Int: String] = [:]
            for (key, label) in object {
                try add(key, label, to: &table, file: file, at: "\"\(key)\"")
            }
            return table
        }
        var table: [Int: String] = [:]
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let comma = trimmed.firstIndex(of: ",") else {
                throw JSONInputError(file: file, keyPath: "line \(n + 1)", "a row is value,label")
            }
            let value = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            var label = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if label.count >= 2, label.hasPrefix("\""), label.hasSuffix("\"") {
                label = String(label.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            if n == 0, value.lowercased() == "value" { continue }
            try add(value, label, to: &table, file: file, at: "line \(n + 1)")
        }
        return table
    }

    private static func add(_ key: String, _ label: String, to table: inout [Int: String], file: String, at: String) throws {
        guard let value = Int(key.trimmingCharacters(in: .whitespaces)), value >= 1 else {
            throw JSONInputError(file: file, keyPath: at, "the label value \(key) is not a whole number ≥ 1")
        }
        let name = label.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw JSONInputError(file: file, keyPath: at, "the label of value \(value) is empty") }
        guard table[value] == nil else { throw JSONInputError(file: file, keyPath: at, "the label value \(value) is given twice") }
        table[value] = name
    }
}
