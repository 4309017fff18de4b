import Foundation
import ResultsModel

/// `merge DIR...`: joins the results.json and results.csv of several shards into one.
public enum ResultsMerge {
    /// The merged results.json text and results.csv text.
    /// - Throws: ``AnalysisError`` naming the folder when a file is missing or unreadable, or when
    ///   the shards used different schema versions or criteria (their results are not comparable).
    public static func merge(_ folders: [String]) throws -> (json: String, csv: String) {
        var pairs: [JSONValue] = [], unpaired: [JSONValue] = [], warnings: [JSONValue] = []
        var head: [(String, JSONValue)]?
        var csvHeader: String?
        var csvRows = ""
        var seenPairs: [String: String] = [:]
        guard Set(folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).count == folders.count else {
            throw AnalysisError("the same folder is given twice; each shard must be merged once")
        }
        for folder in folders {
            let jsonPath = (folder as NSString).appendingPathComponent("results.json")
            let csvPath = (folder as NSString).appendingPathComponent("results.csv")
            guard let text = try? String(contentsOfFile: jsonPath, encoding: .utf8),
                  let csv = try? String(contentsOfFile: csvPath, encoding: .utf8) else {
                throw AnalysisError("\(folder): no readable results.json and results.csv")
            }
            let doc: JSONValue
            do { doc = try JSONValue.parse(text) } catch { throw AnalysisError("\(jsonPath): \(error)") }
            guard case .object(let members) = doc else { throw AnalysisError("\(jsonPath): not a results document") }
            let fixed = members.filter { ["schema_version", "criteria", "resegmentation_range_hu"].contains($0.0) }
            if let head, head.map({ $0.0 + $0.1.serialized(pretty: false) }) != fixed.map({ $0.0 + $0.1.serialized(pretty: false) }) {
                throw AnalysisError("\(jsonPath): schema_version, criteria or resegmentation range differ from \(folders[0]); results are not comparable")
            }
            head = head ?? fixed
            for (key, value) in members {
                guard case .array(let items) = value else { continue }
                switch key {
                case "pairs":
                    for item in items {
                        let key = pairKey(item)
                        if let other = seenPairs[key] { throw AnalysisError("\(jsonPath): pair \(key) is also in \(other); a shard was merged twice") }
                        seenPairs[key] = jsonPath
                    }
                    pairs += items
                case "unpaired": unpaired += items
                case "warnings": warnings += items
                default: break
                }
            }
            let lines = csv.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false)
            let header = String(lines.first ?? "")
            if let csvHeader, csvHeader != header { throw AnalysisError("\(csvPath): CSV columns differ from \(folders[0])") }
            csvHeader = header
            if lines.count > 1 { csvRows += lines[1] }
        }
        var members: [(String, JSONValue)] = [("schema_version", .int(ToolDescription.schemaVersion)), ("tool", ToolInfo.json)]
        members += (head ?? []).filter { $0.0 != "schema_version" }
        members += [("pairs", .array(pairs)), ("unpaired", .array(unpaired)), ("warnings", .array(warnings))]
        return (JSONValue.object(members).serialized() + "\n", (csvHeader ?? "") + "\r\n" + csvRows)
    }

    /// A pair's identity: patient and the two studies (or series paths when a study UID is missing).
    static func pairKey(_ pair: JSONValue) -> String {
        guard case .object(let m) = pair else { return pair.serialized(pretty: false) }
        func member(_ v: JSONValue?, _ key: String) -> String {
            guard case .object(let inner)? = v else { return "" }
            return inner.first { $0.0 == key }.map { CSVTable.cell($0.1) } ?? ""
        }
        let pid = m.first { $0.0 == "patient_id" }.map { CSVTable.cell($0.1) } ?? ""
        let b = m.first { $0.0 == "baseline" }?.1, f = m.first { $0.0 == "followup" }?.1
        return "\(pid) \(member(b, "study_instance_uid"))/\(member(b, "path")) → \(member(f, "study_instance_uid"))/\(member(f, "path"))"
    }

    /// Copies each shard's `pictures/` into `out/pictures/` (names are unique across shards, since a
    /// patient belongs to one shard only).
    /// - Throws: ``AnalysisError`` when two shards hold a picture of the same name.
    public static func copyPictures(from folders: [String], to out: String) throws {
        let fm = FileManager.default
        let target = (out as NSString).appendingPathComponent("pictures")
        for folder in folders {
            let source = (folder as NSString).appendingPathComponent("pictures")
            guard let names = try? fm.contentsOfDirectory(atPath: source) else { continue }
            try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
            for name in names.sorted() {
                let destination = (target as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: destination) { throw AnalysisError("\(source)/\(name): another shard already has a picture of this name") }
                try fm.copyItem(atPath: (source as NSString).appendingPathComponent(name), toPath: destination)
            }
        }
    }
}
