import Foundation
import Testing
import _TestSupport

/// `lesion-density pull` as a user runs it, against a real Orthanc started by the test: the pulled
/// files compared with the originals by pydicom (every data element, Pixel Data byte for byte), and
/// each failure's exit status 1 with a message naming the node and the study.
@Suite("pull against Orthanc", .serialized)
struct PullCLITests {
    typealias R = ExitStatusTests

    @Test("pull PAT-A and PAT-B: exit 0, one folder per patient and study, files equal to the originals (pydicom)",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func pullEqualsOriginals() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-A")).count + server.uploadTree(SharedData.fixture("example/PAT-B")).count
        try server.uploadTree(SharedData.fixture("example/PAT-C"))
        let folder = try SharedData.temporaryFolder("pull")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let patients = folder + "/patients.txt"
        try "# two patients\nPAT-A\n\nPAT-B\n".write(toFile: patients, atomically: true, encoding: .utf8)
        let run = try R.run(["pull", "--pacs", server.node, "--calling-aet", server.callingAETitle, "--patients-file", patients,
                             "--into", folder + "/pacs"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("4/4 studies, \(uploaded)/\(uploaded) instances"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/pacs").sorted() == ["PAT-A", "PAT-B"])
        comparePulled(folder + "/pacs", originals: SharedData.fixture("example"), expected: uploaded)

        // --since keeps PAT-A's follow-up (2024-04-10) only; --modality MR matches none of its CT studies.
        let since = try R.run(["pull", "--pacs", server.node, "--calling-aet", server.callingAETitle, "--patient", "PAT-A",
                               "--since", "2024-03-01", "--modality", "CT", "--into", folder + "/since", "--quiet"])
        #expect(since.status == 0, "\(since.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/since/PAT-A") == ["2.25.7041.1.2"])
        let mr = try R.run(["pull", "--pacs", server.node, "--calling-aet", server.callingAETitle, "--patient", "PAT-A",
                            "--modality", "MR", "--into", folder + "/mr", "--quiet"])
        #expect(mr.status == 1)
        #expect(mr.stderr.contains("no study of patient PAT-A") && mr.stderr.contains(server.node), "\(mr.stderr)")
    }

    @Test("Failures exit 1 naming the node (and the study): wrong called AE, closed port, unknown study; the rest is pulled",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func failures() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        try server.uploadTree(SharedData.fixture("example/PAT-A/20240110"))
        let folder = try SharedData.temporaryFolder("pull")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let common = ["--calling-aet", server.callingAETitle, "--into", folder + "/pacs", "--timeout", "5"]

        let wrong = "WRONGAE@127.0.0.1:\(server.dicomPort)"
        let rejected = try R.run(["pull", "--pacs", wrong, "--patient", "PAT-A"] + common)
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains(wrong) && rejected.stderr.contains("rejected"), "\(rejected.stderr)")

        let closed = "\(server.aeTitle)@127.0.0.1:\(LoopbackPort.free())"
        let unreachable = try R.run(["pull", "--pacs", closed, "--patient", "PAT-A"] + common)
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains(closed) && unreachable.stderr.contains("cannot connect"), "\(unreachable.stderr)")

        let missing = "1.2.826.0.1.3680043.9999.1"
        let partly = try R.run(["pull", "--pacs", server.node, "--study", missing, "2.25.7041.1.1"] + common)
        #expect(partly.status == 1)
        #expect(partly.stderr.contains(missing) && partly.stderr.contains(server.node) && partly.stderr.contains("does not exist"), "\(partly.stderr)")
        // The existing study was pulled all the same.
        #expect(OrthancServer.dicomFiles(under: folder + "/pacs/PAT-A/2.25.7041.1.1").count == 17)
        #expect(partly.stdout.contains("2.25.7041.1.1") && partly.stdout.contains("complete"))
    }

    /// compare_pulled.py: each of the `expected` files under `root` read by pydicom and equal to its
    /// original under `originals` (every data element, Pixel Data byte for byte).
    func comparePulled(_ root: String, originals: String = SharedData.fixture("example/PAT-A"), expected: Int) {
        switch PythonScript.run("compare_pulled.py", [root, originals]) {
        case .ran(let output):
            guard let result = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] else {
                Issue.record("compare_pulled.py: \(output)")
                return
            }
            #expect(result["pulled"] as? Int == expected)
            #expect(result["matched"] as? Int == expected)
            #expect((result["problems"] as? [String])?.isEmpty == true, "\(result["problems"] ?? "")")
        case .unavailable(let why): print("SKIPPED pydicom comparison: \(why)")
        case .failed(let status, let output): Issue.record("compare_pulled.py exit \(status): \(output)")
        }
    }

    @Test("Bad values are usage errors (exit 2) naming them", arguments: [
        (["--pacs", "TOO_LONG_AE_TITLE_X@127.0.0.1:104", "--patient", "P"], "AE title"),
        (["--pacs", "A@127.0.0.1:70000", "--patient", "P"], "70000"),
        (["--pacs", "A@127.0.0.1:104", "--study", "1.2.03"], "1.2.03"),
        (["--pacs", "A@127.0.0.1:104", "--patient", "P", "--since", "2024-02-30"], "2024-02-30"),
        (["--pacs", "A@127.0.0.1:104", "--patient", "PAT*"], "PAT*"),
        (["--pacs", "A@127.0.0.1:104", "--patient", "P", "--study", "1.2"], "exactly one"),
        (["--pacs", "A@127.0.0.1:104", "--patient", "P", "--timeout", "0"], "timeout"),
    ])
    func usage(_ arguments: [String], _ named: String) throws {
        let run = try R.run(["pull", "--into", "unused-pull"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(named), "\(run.stderr)")
    }
}
