import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// examples/slurm on a real one-node Slurm cluster started by the test (munged, slurmctld, slurmd on
/// loopback, free ports, everything in a temporary folder; each daemon stopped by its PID), and
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

    /// A TCP port free on 127.0.0.1 now (bound to 0, read back, closed).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts `tool` in the background with its output in `log`.
    static func start(_ tool: String, _ arguments: [String], log: String, environment: [String: String]) throws -> Process {
        let p = Process()
        // Through bash closing every descriptor above 2: a daemon must not keep open the pipes of
        // commands that other tests run at the same moment (they would never see end of file).
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@""#, "daemon", tool] + arguments
        p.environment = environment
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        return p
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

    @Test(.disabled("hangs in this test process: the sinfo poll's Process is never reaped once the daemons run (a shell run of the same steps passes); unfinished, see Docs/Cluster.md"))
    func slurmArray() throws { try runSlurmArray() }

    /// sbatch --array=0-3 --wait of examples/slurm over Fixtures/example, then merge.sbatch: the merged pairs equal one batch value by value.
    func runSlurmArray() throws {
        guard getuid() == 0, let munged = Self.which("munged"), let slurmctld = Self.which("slurmctld"), let slurmd = Self.which("slurmd"),
              let sbatch = Self.which("sbatch"), let sinfo = Self.which("sinfo") else {
            print("SKIPPED Slurm array test: needs root and Debian slurm-wlm + munge (munged, slurmctld, slurmd, sbatch, sinfo)")
            return
        }
        let t = try SharedData.temporaryFolder("slurm")
        defer { try? FileManager.default.removeItem(atPath: t) }
        chmod(t, 0o755)  // munged wants its socket folder reachable by all
        let key = Data((0..<1024).map { _ in UInt8.random(in: 0...255) })
        FileManager.default.createFile(atPath: t + "/munge.key", contents: key, attributes: [.posixPermissions: 0o400])
        for d in ["state", "spool", "out"] { try FileManager.default.createDirectory(atPath: "\(t)/\(d)", withIntermediateDirectories: true) }
        var env = ProcessInfo.processInfo.environment
        env["SLURM_CONF"] = t + "/slurm.conf"
        var daemons: [Process] = []
        defer {
            // Slurm daemons first, munged last; each by its PID.
            for p in daemons.reversed() where p.isRunning {
                kill(p.processIdentifier, SIGTERM)
                p.waitUntilExit()
            }
        }
        daemons.append(try Self.start(munged, ["-F", "--force", "--key-file", t + "/munge.key", "--socket", t + "/munge.socket",
                                               "--pid-file", t + "/munged.pid", "--log-file", t + "/munged.log", "--seed-file", t + "/munge.seed"],
                                      log: t + "/munged.out", environment: env))
        let node = try Self.call(slurmd, ["-C"], environment: env).1.split(separator: "\n").first.map(String.init) ?? ""
        let host = node.split(separator: " ").first?.replacingOccurrences(of: "NodeName=", with: "") ?? "localhost"
        let conf = """
            ClusterName=ldtest
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmctldPort=\(Self.freePort())
            SlurmdPort=\(Self.freePort())
            AuthType=auth/munge
            AuthInfo=socket=\(t)/munge.socket
            CredType=cred/munge
            SlurmUser=root
            SlurmdUser=root
            StateSaveLocation=\(t)/state
            SlurmdSpoolDir=\(t)/spool
            SlurmctldPidFile=\(t)/slurmctld.pid
            SlurmdPidFile=\(t)/slurmd.pid
            SlurmctldLogFile=\(t)/slurmctld.log
            SlurmdLogFile=\(t)/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            SchedulerType=sched/builtin
            ReturnToService=2
            MpiDefault=none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            \(node) NodeAddr=127.0.0.1 State=UNKNOWN
            PartitionName=debug Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """
        try conf.write(toFile: t + "/slurm.conf", atomically: true, encoding: .utf8)
        usleep(300_000)
        daemons.append(try Self.start(slurmctld, ["-D", "-i"], log: t + "/slurmctld.out", environment: env))
        daemons.append(try Self.start(slurmd, ["-D"], log: t + "/slurmd.out", environment: env))
        var state = ""
        for _ in 0..<100 where !state.hasPrefix("idle") {
            usleep(200_000)
            state = (try? Self.call(sinfo, ["-h", "-o", "%t"], environment: env, timeout: 5).1) ?? ""
        }
        try #require(state.hasPrefix("idle"), "the one-node cluster did not come up: \(state) (logs in \(t))")

        let root = SharedData.packageRoot
        let out = t + "/out"
        env["ROOT"] = root + "/Fixtures/example"
        env["OUT"] = out
        env["SHARDS"] = "4"
        env["LESION_DENSITY"] = R.executable.path
        env["BATCH_OPTIONS"] = "--no-dicom"
        let (status, text) = try Self.call(sbatch, ["--wait", "--array=0-3", "--cpus-per-task=1", "--mem=256M", "--output=\(t)/task-%a.out",
                                                    root + "/examples/slurm/batch-array.sbatch"], environment: env, timeout: 120)
        let tasks = (0..<4).map { (try? String(contentsOfFile: "\(t)/task-\($0).out", encoding: .utf8)) ?? "" }.joined(separator: "\n")
        #expect(status == 0, "sbatch: \(text)\n\(tasks)")
        let (mergeStatus, mergeText) = try Self.call(sbatch, ["--wait", "--output=\(t)/merge.out", root + "/examples/slurm/merge.sbatch"],
                                                     environment: env, timeout: 60)
        #expect(mergeStatus == 0, "\(mergeText) \((try? String(contentsOfFile: t + "/merge.out", encoding: .utf8)) ?? "")")

        let whole = try R.run(["batch", "Fixtures/example", "--out", t + "/whole", "--no-pictures", "--no-dicom", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let single = try ShardCLITests.pairs(t + "/whole")
        #expect(single.count == 5)
        #expect(try ShardCLITests.pairs(out + "/merged") == single)
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
