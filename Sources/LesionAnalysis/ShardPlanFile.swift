import Foundation
import ReportWriters
import ResultsModel

/// The shard plan file (`batch ROOT --plan FILE --shards N`; Docs/Outputs.md, "Shard plan"): JSON,
/// keys sorted, patients in assignment order, folders and series sorted, so the same tree gives the
/// same bytes.
enum ShardPlanFile {
    static let schema = "lesion-density-shard-plan/2"
    /// Schema 1 (no folders, no warnings) is still read: its shards scan the whole tree.
    static let schemas = ["lesion-density-shard-plan/1", schema]
    /// Above this many shards a plan is refused (a cluster array of that size is a typo).
    static let maximumShards = 100_000

    struct File: Codable {
        var schema: String
        var shards: Int
        var warnings: [String]?
        var patients: [Entry]
        struct Entry: Codable {
            var patient_id: String
            var estimated_work: Int
            var shard: Int
            var folders: [String]?
            var series: [Series]?
        }
        struct Series: Codable {
            var series_instance_uid: String
            var planes: Int
        }
    }

    static func json(_ plan: ShardPlan) -> Data {
        let file = File(schema: schema, shards: plan.shards, warnings: plan.warnings, patients: plan.patients.map { p in
            File.Entry(patient_id: p.patientID, estimated_work: p.estimatedWork, shard: p.shard, folders: p.scope?.folders,
                       series: p.scope?.series.sorted { $0.key < $1.key }.map { File.Series(series_instance_uid: $0.key, planes: $0.value) })
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(file)) ?? Data()
    }

    /// Reads a plan file.
    /// - Throws: ``JSONInputError`` naming the file when it is not a plan of a known schema, when
    ///   `shards` is outside 1…100000, a shard lies outside 1…N, a work is negative, a patient is
    ///   listed twice, a series has fewer than 1 plane, folders come without series (or the reverse),
    ///   or a folder is not a relative path inside the root (empty, absolute, or with a `..`, `.` or
    ///   empty component; "." alone is the root itself).
    static func read(_ path: String) throws -> ShardPlan {
        let data = try InputFiles.contents(of: path, what: "shard plan")
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw JSONInputError(file: path, "not a shard plan (\(error))")
        }
        guard schemas.contains(file.schema) else { throw JSONInputError(file: path, "schema \"\(file.schema)\" is not \(schema)") }
        guard (1...maximumShards).contains(file.shards) else { throw JSONInputError(file: path, "shards must be in 1…\(maximumShards)") }
        var seen: Set<String> = []
        var plan = ShardPlan(work: [:], shards: file.shards)
        plan.warnings = file.warnings
        for e in file.patients {
            func fail(_ message: String) -> JSONInputError { JSONInputError(file: path, "patient \"\(e.patient_id)\": \(message)") }
            guard (1...file.shards).contains(e.shard) else { throw fail("shard \(e.shard) is not in 1…\(file.shards)") }
            guard e.estimated_work >= 0 else { throw fail("estimated_work is negative") }
            guard seen.insert(e.patient_id).inserted else { throw JSONInputError(file: path, "patient \"\(e.patient_id)\" is listed twice") }
            var patient = ShardPlan.Patient(patientID: e.patient_id, estimatedWork: e.estimated_work, shard: e.shard)
            switch (e.folders, e.series) {
            case (nil, nil): break
            case let (folders?, series?):
                for f in folders where !isInsideRoot(f) {
                    throw fail("folder \"\(f)\" is not a path inside the batch root (relative, without \"..\")")
                }
                var planes: [String: Int] = [:]
                for s in series {
                    guard s.planes >= 1 else { throw fail("series \(s.series_instance_uid) has \(s.planes) planes") }
                    guard planes.updateValue(s.planes, forKey: s.series_instance_uid) == nil else { throw fail("series \(s.series_instance_uid) is listed twice") }
                }
                patient.scope = PatientScope(folders: folders, series: planes)
            default: throw fail("folders and series come together")
            }
            plan.patients.append(patient)
        }
        return plan
    }

    /// A folder relative to the root that cannot leave it: "." (the root), or components that are
    /// neither empty, ".", nor "..", not starting with "/", without NUL.
    static func isInsideRoot(_ folder: String) -> Bool {
        if folder == "." { return true }
        guard !folder.hasPrefix("/"), !folder.contains("\0") else { return false }
        return folder.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
