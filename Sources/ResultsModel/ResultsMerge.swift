/// Why shards' results cannot be merged (names the shard and the reason).
public struct MergeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The shards K that are missing or failed (pairs not run): merging again with their rerun
    /// completes the results. Empty when the shards cannot be merged at all.
    public var incompleteShards: [Int]
    public init(_ message: String, incompleteShards: [Int] = []) {
        self.message = message
        self.incompleteShards = incompleteShards
    }
    public var description: String { message }
}

extension ResultsDocument {
    /// The results of several shards (`batch --shard K/N`) as one document: pairs, patients not
    /// paired, warnings, trends and DICOM outputs in the order of `parts`; `shard` null.
    /// - Parameter parts: each shard's document with the name that identifies it in errors (its file).
    /// - Throws: ``MergeError`` when the shards used other criteria, re-segmentation or schema
    ///   version than the first (their results are not comparable), when a pair is in two shards,
    ///   when one `K` is given twice, or when shards of one `N` are missing or failed (a results.json
    ///   with a `stopped` warning: pairs not run); each such `K` named in ``MergeError/incompleteShards``.
    public static func merged(_ parts: [(source: String, document: ResultsDocument)]) throws -> ResultsDocument {
        guard let first = parts.first else { throw MergeError("nothing to merge") }
        var merged = ResultsDocument(tool: first.document.tool, criteria: first.document.criteria,
                                     resegmentationRange: first.document.resegmentationRange, pairs: [])
        var seen: [String: String] = [:]
        var shards: [Int: Set<Int>] = [:]
        var failed: Set<Int> = []
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
                guard shards[kn[1], default: []].insert(kn[0]).inserted else {
                    throw MergeError("\(source): shard \(shard) is given twice; merge each shard once (a rerun replaces the failed folder)")
                }
                if d.warnings.contains(where: { $0.code == .stopped }) { failed.insert(kn[0]) }
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
            var problems: [String] = []
            if !missing.isEmpty { problems.append("shard(s) \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing") }
            if !failed.isEmpty { problems.append("shard(s) \(failed.sorted().map { "\($0)/\(n)" }.joined(separator: ", ")) failed (pairs not run)") }
            if !problems.isEmpty {
                throw MergeError(problems.joined(separator: "; ")
                                 + ": rerun each with batch --shard K/\(n) into a new folder and merge again with it in place of the old one",
                                 incompleteShards: (missing + failed).sorted())
            }
        }
        return merged
    }

    /// A pair's identity: patient and the two studies (or series paths when a study UID is missing).
    static func pairKey(_ p: PairResult) -> String {
        func side(_ t: TimePointInfo?) -> String { "\(t?.studyInstanceUID ?? "")/\(t?.path ?? "")" }
        return "\(p.patientID ?? "") \(side(p.baseline)) → \(side(p.followup))"
    }
}
