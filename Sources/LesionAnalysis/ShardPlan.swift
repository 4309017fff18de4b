import Foundation
import ReportWriters
import ResultsModel

/// The split of a batch's patients into `N` shards balanced by estimated work (`batch --plan FILE`,
/// `--shard K/N`). Docs/Cluster.md explains its use, Docs/Outputs.md its file.
///
/// A patient's estimated work is the number of CT planes of its runnable pairs' series (baseline
/// plus follow-up series of each pair, from the header scan; an upper bound on the planes decoded,
/// since a pair decodes only the planes its ROIs touch); pairs decided without running
/// (`no_rois`, `ambiguous`, `error`) cost 0. The patients are sorted by work, largest first, then
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
    }

    /// The number of shards `N` (≥ 1).
    public var shards: Int
    /// In assignment order (work descending, then PatientID).
    public var patients: [Patient]

    /// Estimated work of every patient of `plan` (patients only in `unpaired` cost 0).
    public static func work(_ plan: BatchPlan) -> [String: Int] {
        var work: [String: Int] = [:]
        for p in plan.unpaired { work[p.patientID, default: 0] += 0 }
        for p in plan.pairs {
            let planes = (p.request?.baselineSeries?.planes.count ?? 0) + (p.request?.followupSeries?.planes.count ?? 0)
            // A runnable pair whose series are read later (manifest) still costs something.
            work[p.patientID, default: 0] += p.request == nil ? 0 : max(planes, 1)
        }
        return work
    }

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

    /// The plan of `plan`'s patients in `n` shards.
    public init(_ plan: BatchPlan, shards n: Int) { self.init(work: Self.work(plan), shards: n) }

    /// Total estimated work of shard `k`.
    public func load(_ k: Int) -> Int { patients.filter { $0.shard == k }.reduce(0) { $0 + $1.estimatedWork } }

    /// The pairs, unpaired studies and (for K = 1) run warnings of `plan` that belong to shard `k`.
    /// - Throws: ``AnalysisError`` when `plan` has a patient this plan does not list (the plan file
    ///   was written for another tree), naming the patient.
    public func select(_ k: Int, from plan: BatchPlan) throws -> BatchPlan {
        let shardOf = shardOfPatient
        for pid in plan.pairs.map(\.patientID) + plan.unpaired.map(\.patientID) where shardOf[pid] == nil {
            throw AnalysisError("patient \"\(pid)\" is not in the shard plan; write the plan again (batch ROOT --plan FILE --shards N)")
        }
        return slice(k, from: plan, shardOf: shardOf)
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

    // MARK: The plan file

    /// Writes the plan file atomically.
    public func write(to path: String) throws { try AtomicFile.write(json, to: path) }

    private struct File: Codable {
        var schema: String
        var shards: Int
        var patients: [Entry]
        struct Entry: Codable {
            var patient_id: String
            var estimated_work: Int
            var shard: Int
        }
    }

    static let schema = "lesion-density-shard-plan/1"

    /// The plan file's JSON (Docs/Outputs.md, "Shard plan").
    public var json: Data {
        let file = File(schema: Self.schema, shards: shards,
                        patients: patients.map { .init(patient_id: $0.patientID, estimated_work: $0.estimatedWork, shard: $0.shard) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(file)) ?? Data()
    }

    /// Reads a plan file.
    /// - Throws: ``JSONInputError`` naming the file when it is not a plan of this schema, when `shards`
    ///   is below 1, a shard lies outside 1…N, a work is negative or a patient is listed twice.
    public static func read(_ path: String) throws -> ShardPlan {
        let data = try InputFiles.contents(of: path, what: "shard plan")
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw JSONInputError(file: path, "not a shard plan (\(error))")
        }
        guard file.schema == schema else { throw JSONInputError(file: path, "schema \"\(file.schema)\" is not \(schema)") }
        guard file.shards >= 1 else { throw JSONInputError(file: path, "shards must be at least 1") }
        var seen: Set<String> = []
        for e in file.patients {
            guard (1...file.shards).contains(e.shard) else { throw JSONInputError(file: path, "patient \"\(e.patient_id)\": shard \(e.shard) is not in 1…\(file.shards)") }
            guard e.estimated_work >= 0 else { throw JSONInputError(file: path, "patient \"\(e.patient_id)\": estimated_work is negative") }
            guard seen.insert(e.patient_id).inserted else { throw JSONInputError(file: path, "patient \"\(e.patient_id)\" is listed twice") }
        }
        var plan = ShardPlan(work: [:], shards: file.shards)
        plan.patients = file.patients.map { Patient(patientID: $0.patient_id, estimatedWork: $0.estimated_work, shard: $0.shard) }
        return plan
    }
}
