import Foundation
import ResponseClassifier

/// A `--criteria FILE.json`: the bare `criteria` object, or any document holding one under
/// `"criteria"` (a results.json). Keys given replace the defaults; every key and range is checked by
/// ``ResponseCriteria``'s decoding and ``ResponseCriteria/validate()``.
public struct CriteriaFile: Decodable, Sendable {
    public var criteria: ResponseCriteria

    /// Reads the bytes of a criteria file; `file` names it in errors.
    /// - Throws: ``JSONInputError`` naming the file and the key at fault.
    public static func read(_ data: Data, file: String) throws -> ResponseCriteria {
        do {
            return try JSONInput.decode(CriteriaFile.self, from: data, file: file).criteria
        } catch let error as CriteriaError {
            throw JSONInputError(file: file, "\(error)")
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let key = AnyCodingKey(stringValue: "criteria")
        criteria = c.contains(key) ? try c.decode(ResponseCriteria.self, forKey: key) : try ResponseCriteria(from: decoder)
    }
}

/// A JSON `batch --manifest`: a list of objects with the manifest's keys (Docs/Outputs.md
/// "Manifest"). `baseline_rois` / `followup_rois` may be one text (several files joined by `;`) or a
/// list of texts.
public struct ManifestFile: Decodable, Sendable {
    /// The keys of a manifest row, in column order.
    public static let keys = ["patient_id", "baseline_series", "followup_series", "baseline_rois", "followup_rois", "therapy_start"]

    /// Each row as key → text (lists joined by `;`).
    public var rows: [[String: String]]

    /// - Throws: ``JSONInputError`` naming the file, the entry and the key at fault.
    public static func read(_ data: Data, file: String) throws -> [[String: String]] {
        try JSONInput.decode(ManifestFile.self, from: data, file: file).rows
    }

    public init(from decoder: any Decoder) throws {
        var list: any UnkeyedDecodingContainer
        do { list = try decoder.unkeyedContainer() } catch {
            throw JSONInputError(file: "", "a JSON manifest is a list of objects with keys \(Self.keys.joined(separator: ", "))")
        }
        var rows: [[String: String]] = []
        while !list.isAtEnd {
            let entry = try list.superDecoder()
            let path = "[\(rows.count)]"
            try SphereBoxFile.refuseUnknownKeys(entry, allowed: Self.keys, path: path)
            let c = try entry.container(keyedBy: AnyCodingKey.self)
            var row: [String: String] = [:]
            for name in Self.keys {
                let key = AnyCodingKey(stringValue: name)
                guard c.contains(key), try !c.decodeNil(forKey: key) else { continue }
                if let text = try? c.decode(String.self, forKey: key) {
                    row[name] = text
                } else if name.hasSuffix("_rois"), let list = try? c.decode([String].self, forKey: key) {
                    row[name] = list.joined(separator: ";")
                } else {
                    throw JSONInputError(file: "", keyPath: "\(path).\(name)", name.hasSuffix("_rois") ? "must be text or a list of texts" : "must be text")
                }
            }
            rows.append(row)
        }
        self.rows = rows
    }
}
