import Foundation
import ResultsModel

/// `merge DIR...`: joins the results.json of several shards into one document (typed: the merged
/// results.csv is written from the merged pairs, exactly as one run would write it).
public enum ResultsMerge {
    /// The merged document.
    /// - Throws: ``AnalysisError`` naming the folder when a results.json is missing, unreadable or
    ///   not a results document, or when the shards cannot be merged (``MergeError``); a
    ///   ``MergeError`` with ``MergeError/incompleteShards`` when shards are missing or failed (a
    ///   folder without results.json counts as a failed shard: its K is named as missing).
    public static func merge(_ folders: [String]) throws -> ResultsDocument {
        guard Set(folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }).count == folders.count else {
            throw AnalysisError("the same folder is given twice; each shard must be merged once")
        }
        var parts: [(source: String, document: ResultsDocument)] = []
        var absent: [String] = []
        for folder in folders {
            let path = (folder as NSString).appendingPathComponent("results.json")
            if !FileManager.default.fileExists(atPath: path) {
                absent.append(folder)
                continue
            }
            let text: String
            do { text = try String(decoding: InputFiles.contents(of: path, what: "results.json"), as: UTF8.self) } catch {
                throw AnalysisError("\(folder): no readable results.json (\(error))")
            }
            do { parts.append((path, try ResultsReader.read(text, file: path))) } catch {
                throw AnalysisError("\(error)")
            }
        }
        let noResults = absent.map { "\($0): no results.json (the shard failed before writing it)" }
        do {
            var merged = try ResultsDocument.merged(parts)
            if !absent.isEmpty { throw AnalysisError(noResults.joined(separator: "; ")) }
            merged.tool = ToolInfo.description
            return merged
        } catch let error as MergeError where !error.incompleteShards.isEmpty {
            throw MergeError((noResults + [error.message]).joined(separator: "; "), incompleteShards: error.incompleteShards)
        } catch let error as AnalysisError {
            throw error
        } catch {
            throw AnalysisError((noResults + ["\(error)"]).joined(separator: "; "))
        }
    }

    /// Copies each shard's `pictures/` into `out/pictures/` (names are unique across shards, since a
    /// patient belongs to one shard only).
    /// The pictures are gathered in a temporary folder inside `out` and then replace
    /// `out/pictures/` whole, so a rerun replaces the pictures of the previous run.
    /// - Throws: ``AnalysisError`` when two shards hold a picture of the same name.
    public static func copyPictures(from folders: [String], to out: String) throws {
        let fm = FileManager.default
        let target = (out as NSString).appendingPathComponent("pictures")
        let staging = (out as NSString).appendingPathComponent(".pictures-merge-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(atPath: staging)
        defer { try? fm.removeItem(atPath: staging) }
        var any = false
        for folder in folders {
            let source = (folder as NSString).appendingPathComponent("pictures")
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue else { continue }
            let names = try fm.contentsOfDirectory(atPath: source)
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            any = true
            for name in names.sorted() {
                let destination = (staging as NSString).appendingPathComponent(name)
                if fm.fileExists(atPath: destination) { throw AnalysisError("\(source)/\(name): another shard already has a picture of this name") }
                try fm.copyItem(atPath: (source as NSString).appendingPathComponent(name), toPath: destination)
            }
        }
        guard any else { return }
        let old = staging + "-old"
        if fm.fileExists(atPath: target) { try fm.moveItem(atPath: target, toPath: old) }
        try fm.moveItem(atPath: staging, toPath: target)
        try? fm.removeItem(atPath: old)
    }
}
