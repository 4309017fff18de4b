import Foundation
import Testing
import _TestSupport

/// `--store-to` on the command line: usage errors (exit 2, those of `batch --pacs` too), a node that does not answer (every
/// object `failed: …`, exit 1, results still written), and `--pseudonymize`: what Orthanc received
/// carries the pseudonym only, read through Orthanc's REST API and compared with a pseudonym
/// computed here by `sha256sum` (Docs/Outputs.md "--pseudonymize").
@Suite("Command line: --store-to")
struct StoreCLITests {
    static let pair = DICOMOutputsCLITests.pair

    @Test func usageErrors() throws {
        let out = try SharedData.temporaryFolder("cli-store-usage")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let node = "PACS@127.0.0.1:104"
        for (arguments, why) in [
            (Self.pair + ["--out", out, "--no-dicom", "--store-to", node], "--no-dicom"),
            (Self.pair + ["--store-to", node], "--out"),
            (Self.pair + ["--out", out, "--store-to", "PACS@127.0.0.1"], "AET@HOST:PORT"),
            (Self.pair + ["--out", out, "--store-to", node, "--timeout", "0"], "timeout"),
            (Self.pair + ["--out", out, "--store-to", node, "--calling-aet", "MUCH-TOO-LONG-AE-TITLE"], "AE title"),
            (["batch", "Fixtures/example", "--out", out, "--no-dicom", "--store-to", node], "--no-dicom"),
            // batch --pacs: the patients are required, ROOT excluded, --patient and --into need --pacs.
            (["batch", "--pacs", node, "--out", out], "--patient"),
            (["batch", "Fixtures/example", "--pacs", node, "--patient", "PAT-A", "--out", out], "one of ROOT"),
            (["batch", "Fixtures/example", "--patient", "PAT-A", "--out", out], "--pacs"),
            (["batch", "--pacs", node, "--patient", "PAT*", "--out", out], "PAT*"),
            // With --pseudonymize the cache (real PatientIDs) must not lie inside the output folder.
            (["batch", "--pacs", node, "--patient", "PAT-A", "--out", out, "--pseudonymize", "--salt", "s"], "--into CACHE outside"),
            (["batch", "--pacs", node, "--patient", "PAT-A", "--out", out, "--into", out + "/./cache", "--pseudonymize", "--salt", "s"],
             "--into CACHE outside"),
        ] {
            let r = try ExitStatusTests.run(arguments)
            #expect(r.status == 2 && r.stderr.contains(why), "\(arguments): \(r.status) \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/results.json"))
    }

    @Test func aNodeThatDoesNotAnswerFailsEveryObjectAndTheResultsAreWritten() throws {
        let out = try SharedData.temporaryFolder("cli-store-closed")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let node = "NOBODY@127.0.0.1:\(LoopbackPort.free())"
        let r = try ExitStatusTests.run(Self.pair + ["--out", out, "--store-to", node, "--timeout", "5"])
        #expect(r.status == 1, "\(r.stderr)")
        let outputs = try DICOMOutputsCLITests().outputs(out)
        #expect(outputs.count == 4)
        for output in outputs {
            #expect(output["stored_to"] as? String == node)
            #expect((output["status"] as? String)?.hasPrefix("failed: ") == true, "\(output)")
        }
        #expect(r.stderr.components(separatedBy: "dicom_not_stored: ").count - 1 == 4, "\(r.stderr)")
    }

    @Test func withPseudonymizeOrthancReceivesOnlyThePseudonym() throws {
        guard OrthancServer.executable != nil, let sha256sum = ExternalTool.find("sha256sum") else {
            print("\(OrthancServer.skipMessage) (or sha256sum missing)")
            return
        }
        let out = try SharedData.temporaryFolder("cli-store-anon")
        defer { try? FileManager.default.removeItem(atPath: out) }
        // anon- + the first 16 hex digits of SHA-256(salt ‖ 0x00 ‖ PatientID), computed by sha256sum
        //.
        let input = out + "/hash-input"
        try (Data("s3cret".utf8) + Data([0]) + Data("PAT-C".utf8)).write(to: URL(fileURLWithPath: input))
        let pseudonym = "anon-" + (try ExternalTool.run(sha256sum, [input]).output.prefix(16))
        try FileManager.default.removeItem(atPath: input)

        let orthanc = try OrthancServer()
        defer { orthanc.stop() }
        let r = try ExitStatusTests.run(Self.pair + ["--out", out, "--pseudonymize", "--salt", "s3cret", "--store-to", orthanc.node,
                                                    "--calling-aet", orthanc.callingAETitle])
        #expect(r.status == 0, "\(r.stderr)")
        let outputs = try DICOMOutputsCLITests().outputs(out)
        #expect(outputs.count == 4 && outputs.allSatisfy { $0["status"] as? String == "stored" }, "\(outputs)")

        #expect(try orthanc.instanceCount() == 4)
        let instances = try #require(try orthanc.json("/instances") as? [String])
        for id in instances {
            let tags = try #require(try orthanc.json("/instances/\(id)/simplified-tags") as? [String: Any])
            #expect(tags["PatientID"] as? String == pseudonym, "\(tags["PatientID"] ?? "none")")
            #expect(tags["PatientName"] as? String == pseudonym)
            #expect((tags["PatientBirthDate"] as? String ?? "").isEmpty)
            #expect(!"\(tags)".contains("PAT-C"))
        }
    }
}
