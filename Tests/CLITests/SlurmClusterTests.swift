import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// examples/slurm on a real one-node Slurm cluster that examples/slurm/one-node-cluster.sh starts
/// (munged, slurmctld, slurmd on loopback, free ports, everything in a temporary folder; each daemon
/// stopped by its PID), and
/// examples/kubernetes validated offline against the Job API schema.
@Suite("Cluster examples: Slurm array and Kubernetes Indexed Job", .serialized)
struct SlurmClusterTests {
    typealias R = ExitStatusTests

    /// `tool` on PATH or in the system's sbin folders.
    static func which(_ tool: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for dir in path + ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return nil
    }

    /// Runs `tool` to its end (at most `timeout` seconds; then it is killed) and returns its exit status and output.
    static func call(_ tool: String, _ arguments: [String], environment: [String: String], timeout: Double = 60) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.environment = environment
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(100_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// A results.json's lists as sorted JSON texts (JSONSerialization, not the code under test).
    static func lists(_ file: String) throws -> [String: [String]] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var lists: [String: [String]] = [:]
        for key in ["pairs", "unpaired", "warnings", "trends", "dicom_outputs"] {
            let items = try #require(doc[key] as? [Any], "\(file): no list \(key)")
            lists[key] = try items.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }.sorted()
        }
        return lists
    }

    /// examples/slurm/one-node-cluster.sh as root: munged, slurmctld and slurmd started on loopback,
    /// `sbatch --array=0-3 --wait` of batch-array.sbatch over Fixtures/example, merge.sbatch as a job
    /// dependent on it, each daemon stopped by its PID. The merged results equal one batch value by value.
    @Test("examples/slurm on a one-node Slurm cluster: 4 array tasks and the merge equal one batch value by value")
    func slurmArray() throws {
        let script = SharedData.packageRoot + "/examples/slurm/one-node-cluster.sh"
        guard getuid() == 0, Self.which("munged") != nil, Self.which("slurmctld") != nil, Self.which("slurmd") != nil,
              Self.which("sbatch") != nil, Self.which("sinfo") != nil else {
            print("SKIPPED Slurm array test: needs root and Debian slurm-wlm + munge (munged, slurmctld, slurmd, sbatch, sinfo)")
            return
        }
        let t = try SharedData.temporaryFolder("slurm")
        defer { try? FileManager.default.removeItem(atPath: t) }
        let work = t + "/cluster"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        // One run of the script as a ChildProcess (posix_spawn, no signal blocked, output to a file;
        // Foundation's Process would stall every other test's Process while it runs), stopped after 90 s
        // (SIGTERM: its trap cancels the jobs and stops the daemons). The example by absolute path, as
        // the single-machine batch below, so that the paths in both results agree.
        let log = t + "/script.log"
        let example = SharedData.packageRoot + "/Fixtures/example"
        let child = try ChildProcess("/bin/bash", [script, work, example, "4", R.executable.path, "--no-dicom"], output: log)
        let deadline = Date().addingTimeInterval(90)
        while child.isRunning && Date() < deadline { usleep(100_000) }
        child.stop(grace: 20)
        let status = child.wait()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let logs = ["task-0.out", "task-1.out", "task-2.out", "task-3.out", "merge.out", "slurmctld.log", "slurmd.log"].map {
            "--- \($0)\n" + ((try? String(contentsOfFile: "\(work)/logs/\($0)", encoding: .utf8)) ?? "(none)").suffix(3000)
        }.joined(separator: "\n")
        try #require(status == 0, "one-node-cluster.sh exit \(status):\n\(text)\n\(logs)")
        #expect(text.contains("daemons stopped"), "\(text)")
        print("one-node-cluster.sh:\n\(text)")

        let whole = try R.run(["batch", example, "--out", t + "/whole", "--no-pictures", "--no-dicom", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let single = try Self.lists(t + "/whole/results.json")
        let merged = try Self.lists(work + "/out/merged/results.json")
        #expect(single["pairs"]?.count == 5)
        for key in single.keys.sorted() { #expect(merged[key] == single[key], "\(key) differ") }
        // Each array task wrote its own shard K of 4 (PAT-D, PAT-A, PAT-B, PAT-C by estimated work).
        for k in 1...4 {
            let shard = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(work)/out/shard-\(k)/results.json"))) as? [String: Any])
            #expect(shard["shard"] as? String == "\(k)/4")
        }
        // PAT-A L1 by design (_TestSupport ExamplePatients): 40 → 160 HU.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/out/merged/results.json"))) as? [String: Any])
        let patA = try #require((doc["pairs"] as? [[String: Any]])?.first { $0["patient_id"] as? String == "PAT-A" })
        let l1 = try #require((patA["lesions"] as? [[String: Any]])?.first { $0["lesion_id"] as? String == "L1 lytic" })
        #expect((l1["delta"] as? [String: Any])?["mean_hu"] as? Double == 120)
        #expect(FileManager.default.fileExists(atPath: work + "/out/merged/results.csv"))
    }

    @Test("examples/kubernetes validate against the Job API schema (kubernetes-validate, offline); a wrong completionMode is refused")
    func kubernetesManifests() throws {
        guard let validate = Self.which("kubernetes-validate") else {
            print("SKIPPED Kubernetes manifest test: PyPI kubernetes-validate is not installed")
            return
        }
        let root = SharedData.packageRoot + "/examples/kubernetes"
        let env = ProcessInfo.processInfo.environment
        let (status, text) = try Self.call(validate, ["--strict", root + "/indexed-job.yaml", root + "/merge-job.yaml"], environment: env)
        #expect(status == 0, "\(text)")
        let manifest = try String(contentsOfFile: root + "/indexed-job.yaml", encoding: .utf8)
        #expect(manifest.contains("completionMode: Indexed") && manifest.contains("JOB_COMPLETION_INDEX") && manifest.contains("backoffLimitPerIndex"))
        let t = try SharedData.temporaryFolder("k8s")
        defer { try? FileManager.default.removeItem(atPath: t) }
        try manifest.replacingOccurrences(of: "completionMode: Indexed", with: "completionMode: 7").write(toFile: t + "/bad.yaml", atomically: true, encoding: .utf8)
        #expect(try Self.call(validate, ["--strict", t + "/bad.yaml"], environment: env).0 != 0)
    }
}
