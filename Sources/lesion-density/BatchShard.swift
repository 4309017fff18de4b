import ArgumentParser
import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel

extension BatchCommand {
    /// The pairs this run analyzes: discovered under `root` (or read from --manifest), cut to
    /// --shard K/N. With --shard K/N --plan FILE of a plan with folders, only shard K's folders are
    /// scanned (Docs/Cluster.md, "Make-span"). Nil when --plan FILE without --shard wrote the plan.
    func plannedPairs(root: String?, criteria: ResponseCriteria) throws -> BatchPlan? {
        let parsed = shard.flatMap(Shard.parse)
        func discover(_ folders: [String]? = nil) throws -> BatchPlan {
            if let manifest { return try BatchManifest.plan(file: manifest, criteria: criteria, therapyStart: therapyStart) }
            return try BatchPlan.discover(root: root ?? ".", pairing: PairingMode(rawValue: pairing) ?? .baseline, criteria: criteria,
                                          therapyStart: therapyStart, excluding: out.map { [$0] } ?? [], folders: folders)
        }
        guard let (k, n) = parsed else {
            let plan = try discover()
            if let planFile = self.plan {
                try writePlan(ShardPlan(plan, shards: shards ?? 1), to: planFile)
                return nil
            }
            return plan
        }
        guard let planFile = self.plan else { return try discover().shard(k, of: n) }
        let shardPlan = try ShardPlan.read(planFile)
        guard shardPlan.shards == n else { throw ValidationError("\(planFile): the plan has \(shardPlan.shards) shards, not \(n) (--shard \(k)/\(n))") }
        guard manifest == nil, let folders = shardPlan.folders(k) else { return try shardPlan.select(k, from: discover(), file: planFile) }
        let plan: BatchPlan
        do { plan = try discover(folders) } catch {
            throw JSONInputError(file: planFile, "shard \(k)/\(n): \(error); the plan was written for another tree: write it again")
        }
        return try shardPlan.select(k, from: plan, file: planFile)
    }

    /// Writes the plan file and prints each shard's patients and estimated work.
    func writePlan(_ plan: ShardPlan, to file: String) throws {
        do { try plan.write(to: file) } catch {
            throw ValidationError("\(file): cannot write the shard plan: \(error.localizedDescription)")
        }
        for k in 1...plan.shards {
            let count = plan.patients.filter { $0.shard == k }.count
            print("shard \(k)/\(plan.shards): \(count) patient(s), estimated work \(plan.load(k)) planes")
        }
    }
}

/// `--shard K/N`.
enum Shard {
    static func parse(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }
}
