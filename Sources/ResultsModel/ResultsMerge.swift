/// Why shards' results cannot be merged (names the shard and the reason).
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ResultsDocument {
    /// The results of several shards (`batch --shard K/N`) as one document: pairs, patients not
    /// paired, warnings, trends and DICOM outputs in the order of `parts`; `shard` null.
    /// - Parameter parts: each shard's document with the name that identifies it in errors (its file).
    /// - Throws: ``MergeError`` when the shards used other criteria, re-segmentation or schema
    ///   version than the first (their results are not comparable), when a pair is in two shards,
    ///   or when shards of one `N` are missing (each missing `K` named).
    public static func merged(_ parts: [(source: String, document: ResultsDocument)]) throws -> ResultsDocument {
        guard let first = parts.first else { throw MergeError("nothing to merge") }
        var merged = ResultsDocument(tool: first.document.tool, criteria: first.document.criteria,
                                     resegmentationRange: first.document.resegmentationRange, pairs: [])
        var seen: [String: String] = [:]
        var shards: [Int: Set<Int>] = [:]
        for (source, d) in parts {
            guard d.criteria == first.document.criteria, d.resegmentationRange == first.document.resegmentationRange else {
                throw MergeError("\(source): criteria or re-segmentation range differ from \(first.source); results are not comparable")
            }
            for p in d.pairs {
                let key = pairKey(p)
                if let other = seen[key] { throw MergeError("\(source): pair \(key) is also in \(other); a shard was merged twice") }
                seen[key] = source
            }
            if let shard = d.shard {
                let kn = shard.split(separator: "/").compactMap { Int($0) }
                guard kn.count == 2, (1...max(1, kn[1])).contains(kn[0]) else { throw MergeError("\(source): shard \"\(shard)\" is not K/N") }
                shards[kn[1], default: []].insert(kn[0])
            }
            merged.pairs += d.pairs
            merged.unpaired += d.unpaired
            merged.warnings += d.warnings
            merged.trends += d.trends
            merged.dicomOutputs += d.dicomOutputs
        }
        if shards.count > 1 { throw MergeError("the shards come from plans of different sizes N (\(shards.keys.sorted().map(String.init).joined(separator: ", ")))") }
        if let (n, ks) = shards.first {
            let missing = (1...n).filter { !ks.contains($0) }
            if !missing.isEmpty { throw MergeError("shard(s) \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing") }
        }
        return merged
    }

    /// A pair's identity: patient and the two studies (or series paths when a study UID is missing).
    static func pairKey(_ p: PairResult) -> String {
        func side(_ t: TimePointInfo?) -> String { "\(t?.studyInstanceUID ?? "")/\(t?.path ?? "")" }
        return "\(p.patientID ?? "") \(side(p.baseline)) → \(side(p.followup))"
    }
}
