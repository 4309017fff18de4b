import Foundation
import Testing
import _TestSupport

/// `--store-to` against real Orthancs: over TLS (a DICOM port that speaks only TLS and requires our
/// certificate, PKI made with openssl) and with a Warning status (0xB000) answered by Orthanc
/// through a small plugin (Tests/tools/cstore_warning_plugin.c). What Orthanc received is read
/// through its REST API and compared with the SOPInstanceUIDs pydicom reads from the files written.
extension StoreCLITests {
    @Test("--store-to over TLS: Orthanc holds exactly the objects written, each `stored`; a CA that did not sign Orthanc's certificate fails each, exit 1, results written",
          .enabled(if: OrthancServer.executable != nil && TLSCertificates.openssl != nil,
                   "\(OrthancServer.skipMessage) / \(TLSCertificates.skipMessage)"))
    func storeOverTLS() throws {
        let pki = try TLSCertificates()
        defer { pki.remove() }
        let orthanc = try OrthancServer(extraConfiguration: pki.orthancConfiguration)
        defer { orthanc.stop() }
        let out = try SharedData.temporaryFolder("cli-store-tls")
        defer { try? FileManager.default.removeItem(atPath: out) }
        func analyze(ca: String, into: String) throws -> ExitStatusTests.Run {
            try ExitStatusTests.run(Self.pair + ["--out", into, "--store-to", orthanc.node, "--calling-aet", orthanc.callingAETitle,
                                                 "--timeout", "5", "--tls", "--tls-ca", ca,
                                                 "--tls-cert", pki.clientCertificate, "--tls-key", pki.clientKey])
        }
        let good = try analyze(ca: pki.caCertificate, into: out + "/good")
        #expect(good.status == 0, "\(good.stderr)")
        let outputs = try DICOMOutputsCLITests().outputs(out + "/good")
        #expect(outputs.count == 4 && outputs.allSatisfy { $0["status"] as? String == "stored" && $0["stored_to"] as? String == orthanc.node },
                "\(outputs)")
        let written = OrthancServer.dicomFiles(under: out + "/good/dicom")
        #expect(written.count == 4)
        #expect(try orthanc.instanceCount() == written.count)
        if let uids = Self.sopInstanceUIDs(written) { #expect(try Self.received(orthanc) == Set(uids)) }

        let untrusted = try analyze(ca: pki.otherCACertificate, into: out + "/untrusted")
        #expect(untrusted.status == 1, "\(untrusted.stderr)")
        let failed = try DICOMOutputsCLITests().outputs(out + "/untrusted")
        #expect(failed.count == 4)
        for output in failed {
            let status = output["status"] as? String ?? ""
            #expect(status.hasPrefix("failed: ") && status.contains("not trusted") && status.contains(pki.otherCACertificate), "\(status)")
        }
        #expect(untrusted.stderr.components(separatedBy: "dicom_not_stored: ").count - 1 == 4, "\(untrusted.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/untrusted/results.csv"))
        #expect(try orthanc.instanceCount() == 4)  // nothing more arrived
    }

    @Test("A C-STORE Warning status (0xB000) for the SEGs: each `stored`, a dicom_stored_with_warning naming 0xB000, exit 0; the others stored plainly",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func warningStatusIsStoredWithAWarning() throws {
        let out = try SharedData.temporaryFolder("cli-store-warning")
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Tests/tools/cstore_warning_plugin.c: Orthanc answers each Segmentation with 0xB000 (and,
        // as Orthanc does for any status but Success, does not keep it), every other object with Success.
        let plugin = out + "/cstore_warning_plugin.so"
        guard let cc = ExternalTool.find("clang") ?? ExternalTool.find("cc"),
              let built = try? ExternalTool.run(cc, ["-shared", "-fPIC", "-o", plugin, ExternalTool.script("cstore_warning_plugin.c")]),
              built.status == 0 else {
            print("SKIPPED C-STORE warning test: cannot build the Orthanc plugin (clang or cc, and the Orthanc plugin SDK header of Debian orthanc-dev, needed)")
            return
        }
        let orthanc = try OrthancServer(extraConfiguration: ["Plugins": [plugin]])
        defer { orthanc.stop() }
        let r = try ExitStatusTests.run(Self.pair + ["--out", out + "/run", "--store-to", orthanc.node, "--calling-aet", orthanc.callingAETitle])
        #expect(r.status == 0, "\(r.stderr)")
        let outputs = try DICOMOutputsCLITests().outputs(out + "/run")
        #expect(outputs.count == 4 && outputs.allSatisfy { $0["status"] as? String == "stored" }, "\(outputs)")
        let written = OrthancServer.dicomFiles(under: out + "/run/dicom")
        let segs = written.filter { Self.modality($0) == "SEG" }
        #expect(segs.count == 2 && written.count == 4)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/run/results.json"))) as? [String: Any])
        let warnings = Self.allStrings(doc).filter { $0.hasPrefix("dicom_stored_with_warning: ") }
        #expect(warnings.count == segs.count && warnings.allSatisfy { $0.contains("DIMSE status 0xB000") && $0.contains(orthanc.node) }, "\(warnings)")
        for seg in segs {
            let relative = String(seg.dropFirst((out + "/run/").count))
            #expect(warnings.contains { $0.contains(relative) }, "no warning names \(relative): \(warnings)")
        }
        #expect(r.stderr.components(separatedBy: "dicom_stored_with_warning: ").count - 1 == segs.count, "\(r.stderr)")
        #expect(!r.stderr.contains("dicom_not_stored"))
        // The objects answered with Success are on the node.
        if let plain = Self.sopInstanceUIDs(written.filter { !segs.contains($0) }) {
            #expect(try Self.received(orthanc) == Set(plain))
        }
    }

    /// Every string anywhere in a JSON document (the run warnings may sit at the top or in a pair).
    static func allStrings(_ value: Any) -> [String] {
        if let s = value as? String { return [s] }
        if let a = value as? [Any] { return a.flatMap(allStrings) }
        if let d = value as? [String: Any] { return d.values.flatMap(allStrings) }
        return []
    }

    /// SOPInstanceUIDs of `files` read by pydicom (nil, with a message, when it is missing).
    static func sopInstanceUIDs(_ files: [String]) -> [String]? {
        guard let python = ExternalTool.find("python3"),
              let result = try? ExternalTool.run(python, ["-c", "import sys, pydicom\nfor f in sys.argv[1:]: print(pydicom.dcmread(f).SOPInstanceUID)"] + files),
              result.status == 0 else {
            print("SKIPPED SOPInstanceUID comparison: python3 with pydicom not available")
            return nil
        }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// Modality of a file, read by dcmdump (DCMTK) — "" when it cannot say.
    static func modality(_ file: String) -> String {
        guard let dcmdump = ExternalTool.find("dcmdump"), let r = try? ExternalTool.run(dcmdump, ["-q", "+P", "0008,0060", file]),
              let open = r.output.firstIndex(of: "["), let close = r.output.firstIndex(of: "]") else { return "" }
        return String(r.output[r.output.index(after: open)..<close])
    }

    /// SOPInstanceUIDs of the instances Orthanc holds (REST API).
    static func received(_ orthanc: OrthancServer) throws -> Set<String> {
        let ids = try #require(try orthanc.json("/instances") as? [String])
        return Set(try ids.map { id in
            let tags = try #require(try orthanc.json("/instances/\(id)/simplified-tags") as? [String: Any])
            return tags["SOPInstanceUID"] as? String ?? ""
        })
    }
}
