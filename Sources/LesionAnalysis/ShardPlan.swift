import Foundation
import ReportWriters
import ResultsModel

/// The split of a batch's patients into `N` shards balanced by estimated work (`batch --plan FILE`,
/// `--shard K/N`). Docs/Cluster.md explains its use, Docs/Outputs.md its file.
///
/// A patient's estimated work is the number of CT planes its runnable pairs decode (``work(_:)``);
/// pairs decided without running (`no_rois`, `ambiguous`, `error`) cost 0. The patients are sorted by work, largest first, then
/// by PatientID, and each goes to the shard of least work so far (the lowest K on a tie): the
/// longest-processing-time-first rule (Graham, "Bounds on multiprocessing timing anomalies",
/// SIAM J. Appl. Math. 17(2), 1969: make-span ≤ 4/3 of the optimum). A patient's whole course is in
/// one shard, and the split depends only on the discovered plan, so every node computes the same one.
public struct ShardPlan: Sendable, Equatable {
    /// One patient of the plan.
    public struct Patient: Sendable, Equatable {
        public var patientID: String
        /// CT planes of its pairs' series.
        public var estimatedWork: Int
        /// 1-based shard K.
        public var shard: Int
        /// The folders its shard scans and its series' plane counts; nil for a plan without them
        /// (schema 1, or a manifest's plan), whose shards scan the whole tree.
        public var scope: PatientScope? = nil
    }

    /// The number of shards `N` (≥ 1).
    public var shards: Int
    /// In assignment order (work descending, then PatientID).
    public var patients: [Patient]
    /// The run-level warnings of the whole tree's scan (`skipped_file`, `unreadable_file`,
    /// `own_output_skipped` not tied to a pair), which shard 1 reports when it scans only its own
    /// folders; nil for a plan without scopes.
    public var warnings: [String]? = nil

    /// True when every patient has its folders: each shard scans only its own.
    public var isScoped: Bool { warnings != nil && patients.allSatisfy { $0.scope != nil } }

    /// The LPT split of `work` into `n` shards.
    /// - Precondition: `n` ≥ 1.
    public init(work: [String: Int], shards n: Int) {
        shards = n
        var load = [Int](repeating: 0, count: n)
        patients = work.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { pid, w in
            let k = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 } ?? 0
            load[k] += w
            return Patient(patientID: pid, estimatedWork: w, shard: k + 1)
        }
    }

    /// The plan of `plan`'s patients in `n` shards, with each patient's scope when discovery gave one.
    public init(_ plan: BatchPlan, shards n: Int) {
        self.init(work: Self.work(plan), shards: n)
        if let scopes = plan.scopes {
            for i in patients.indices { patients[i].scope = scopes[patients[i].patientID] }
            warnings = plan.warnings
        }
    }

    /// Total estimated work of shard `k`.
    public func load(_ k: Int) -> Int { patients.filter { $0.shard == k }.reduce(0) { $0 + $1.estimatedWork } }

    /// The folders shard `k` scans (relative to the root, sorted, each once); nil when the plan is not scoped.
    public func folders(_ k: Int) -> [String]? {
        guard isScoped else { return nil }
        return Set(patients.filter { $0.shard == k }.flatMap { $0.scope?.folders ?? [] }).sorted()
    }

    /// The pairs, unpaired studies and (for K = 1) run warnings of `plan` that belong to shard `k`.
    /// For a scoped plan the run warnings are the plan's, and every series of shard `k`'s patients
    /// must be found with its recorded plane count.
    /// - Throws: ``AnalysisError`` when `plan` has a patient this plan does not list (the plan file
    ///   was written for another tree), naming the patient; ``JSONInputError`` naming `file` when a
    ///   series of the shard is missing or has another plane count.
    public func select(_ k: Int, from plan: BatchPlan, file: String = "") throws -> BatchPlan {
        let shardOf = shardOfPatient
        for pid in plan.pairs.map(\.patientID) + plan.unpaired.map(\.patientID) where shardOf[pid] == nil {
            throw AnalysisError("patient \"\(pid)\" is not in the shard plan; write the plan again (batch ROOT --plan FILE --shards N)")
        }
        var mine = slice(k, from: plan, shardOf: shardOf)
        guard isScoped, let warnings else { return mine }
        for p in patients where p.shard == k {
            for (uid, planes) in (p.scope?.series ?? [:]).sorted(by: { $0.key < $1.key }) {
                let found = plan.scopes?[p.patientID]?.series[uid] ?? 0
                guard found == planes else {
                    throw JSONInputError(file: file, "patient \"\(p.patientID)\": series \(uid) has \(planes) planes in the plan, \(found) under the root; "
                                         + "the plan was written for another tree or the tree changed: write it again")
                }
            }
        }
        mine.warnings = k == 1 ? warnings : []
        return mine
    }

    func slice(_ k: Int, from plan: BatchPlan, shardOf: [String: Int]) -> BatchPlan {
        BatchPlan(pairs: plan.pairs.filter { shardOf[$0.patientID] == k },
                         unpaired: plan.unpaired.filter { shardOf[$0.patientID] == k },
                         warnings: k == 1 ? plan.warnings : [])
    }

    var shardOfPatient: [String: Int] {
        var shardOf: [String: Int] = [:]
        for p in patients { shardOf[p.patientID] = p.shard }
        return shardOf
    }

    /// Writes the plan file atomically (Docs/Outputs.md, "Shard plan").
    public func write(to path: String) throws { try AtomicFile.write(ShardPlanFile.json(self), to: path) }

    /// Reads and checks a plan file (``ShardPlanFile/read(_:)``).
    public static func read(_ path: String) throws -> ShardPlan { try ShardPlanFile.read(path) }
}
