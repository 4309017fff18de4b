import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C on a running `lesion-density pull` (the built binary, started with posix_spawn and sent
/// a real SIGINT), against Orthanc: Docs/PACS.md "pull" promises that it stops after the instance
/// being received, keeps only complete files, exits 1 (Docs/Outputs.md "pull"), and that the same
/// command fetches the rest. The pull talks to Orthanc through a ``PausingRelay`` that holds
/// Orthanc's bytes back after 40 kB (a handful of the 5.4 kB instances of 34), so the signal
/// certainly arrives in the middle of the first study, however fast the machine.
extension PullCLITests {
    @Test("SIGINT mid-pull: exit 1 within 10 s, only complete files (equal to the originals, pydicom), no temporary file; the same pull fetches the rest",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func interruptedBySIGINT() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-A")).count  // two studies
        #expect(uploaded == 34)
        let folder = try SharedData.temporaryFolder("pull-sigint")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let into = folder + "/pacs", log = folder + "/pull.log"
        let relay = PausingRelay(to: server.dicomPort, pauseAfter: 40_000)
        defer { relay.close() }
        let arguments = ["pull", "--calling-aet", server.callingAETitle, "--patient", "PAT-A", "--into", into, "--timeout", "10"]
        let pull = try ChildProcess(R.executable.path, arguments + ["--pacs", "\(server.aeTitle)@127.0.0.1:\(relay.port)"], output: log)
        defer { pull.stop(grace: 1) }
        func output() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        try #require(relay.waitUntilPaused(timeout: 30), "the pull never received 40 kB: \(output())")
        #expect(pull.isRunning, "\(output())")

        kill(pull.pid, SIGINT)
        // The handler says so on stderr just before it sets the stop flag; only then are Orthanc's
        // bytes let through again (the pull would otherwise finish before it looks at the flag).
        let noticed = Date().addingTimeInterval(10)
        while !output().contains("pull: interrupted") && Date() < noticed { usleep(10_000) }
        usleep(50_000)
        relay.resume()
        let deadline = Date().addingTimeInterval(10)
        while pull.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!pull.isRunning, "pull still running 10 s after SIGINT: \(output())")
        let status = pull.wait()
        #expect(status == 1, "exit \(status): \(output())")
        #expect(output().contains("interrupted into \(into)"), "\(output())")

        // Every name left is a final <SOPInstanceUID>.dcm (no hidden .<UID>.partial-<pid>), and each
        // file equals its original, read by pydicom.
        let names = (FileManager.default.enumerator(atPath: into)?.allObjects as? [String] ?? []).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: into + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
        }
        let kept = names.count
        #expect(kept > 0 && kept < uploaded, "files after the interrupt: \(kept) of \(uploaded)")
        #expect(names.allSatisfy { !($0 as NSString).lastPathComponent.hasPrefix(".") && $0.hasSuffix(".dcm") }, "\(names)")
        comparePulled(into, expected: kept)

        let again = try R.run(arguments + ["--pacs", server.node, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(uploaded - kept) instance(s) received, \(kept) already present"), "\(again.stdout)")
        let onNode = try server.instanceCount()
        #expect(OrthancServer.dicomFiles(under: into).count == onNode)
        comparePulled(into, expected: uploaded)
    }
}
