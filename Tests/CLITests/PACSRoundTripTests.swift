import DICOMNetwork
import Foundation
import Testing
import _TestSupport

/// The PACS round trip against a real Orthanc (Docs/PACS.md; skipped with a message when Orthanc is
/// absent), one server for the whole trip: the bundled example's DICOM files go up with C-STORE,
/// `batch --pacs` pulls them into its cache and runs on them, its results equal the folder route's
/// value by value for the patients whose ROIs are DICOM objects (PAT-A SEG, PAT-B RTSTRUCT, PAT-D
/// SEG at the first scan; PAT-C's sphere file does not live in a PACS), `--store-to` stores the
/// outputs back (found through Orthanc's REST API), and a second pull brings our own objects into
/// the cache, where the batch skips each (`own_output_skipped`) and still gives the same values.
@Suite("PACS round trip (Orthanc)")
struct PACSRoundTripTests {
    static let dicomPatients = ["PAT-A", "PAT-B", "PAT-D"]
    static let fast = ["--no-pictures", "--quiet", "--jobs", "2"]

    @Test func uploadPullBatchStoreBackAndPullAgain() throws {
        guard OrthancServer.executable != nil else {
            print(OrthancServer.skipMessage)
            return
        }
        let work = try SharedData.temporaryFolder("pacs-round-trip")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let orthanc = try OrthancServer()
        defer { orthanc.stop() }
        let calling = ["--calling-aet", orthanc.callingAETitle, "--timeout", "20"]

        // Upload: every Part 10 file of the example (the truncated one and NOTES.dcm are not).
        let example = SharedData.fixture("example")
        let files = OrthancServer.dicomFiles(under: example)
        let settings = try AssociationSettings(node: DICOMNode(parsing: orthanc.node), callingAETitle: orthanc.callingAETitle)
        let uploaded = try DICOMStorage.store(files: files, settings)
        let refused = uploaded.filter { !$0.stored }.map(\.file)
        #expect(refused.isEmpty || refused == [example + "/PAT-C/20240603/SE2/IM0007"], "\(refused)")
        #expect(try orthanc.instanceCount() == files.count - refused.count)

        // The folder route, on the example itself.
        let folder = work + "/folder"
        let byFolder = try ExitStatusTests.run(["batch", "Fixtures/example", "--out", folder] + Self.fast)
        #expect(byFolder.status == 0, "\(byFolder.stderr)")

        // The PACS route: pull into the cache, batch, store the outputs back.
        let pacs = work + "/pacs"
        let first = try ExitStatusTests.run(["batch", "--pacs", orthanc.node, "--patient"] + Self.dicomPatients
                                            + ["--out", pacs, "--store-to", orthanc.node] + calling + Self.fast)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: pacs + "/pacs-cache"))
        let firstDoc = try Self.document(pacs)
        try Self.expectSameValues(firstDoc, as: try Self.document(folder))
        #expect(!Self.warnings(firstDoc).contains { $0.hasPrefix("own_output_skipped") })

        // Every output is stored, and Orthanc holds each of our objects besides the example's,
        // the SRs among them (the example has none), found through its REST API.
        let outputs = try #require(firstDoc["dicom_outputs"] as? [[String: Any]])
        #expect(!outputs.isEmpty)
        for output in outputs {
            #expect(output["stored_to"] as? String == orthanc.node)
            #expect(output["status"] as? String == "stored", "\(output)")
        }
        #expect(try orthanc.instanceCount() == files.count - refused.count + outputs.count)
        let reports = outputs.filter { $0["sop_class_uid"] as? String == "1.2.840.10008.5.1.4.1.1.88.22" }
        #expect(try Self.instances(orthanc, modality: "SR") == reports.count && !reports.isEmpty)

        // Pull again: our stored objects arrive in the cache and are skipped, never inputs.
        let again = try ExitStatusTests.run(["batch", "--pacs", orthanc.node, "--patient"] + Self.dicomPatients
                                            + ["--out", pacs] + calling + Self.fast + ["--no-dicom"])
        #expect(again.status == 0, "\(again.stderr)")
        let againDoc = try Self.document(pacs)
        let skipped = Self.warnings(againDoc).filter { $0.hasPrefix("own_output_skipped: ") }
        #expect(skipped.count == outputs.count, "\(skipped)")
        try Self.expectSameValues(againDoc, as: try Self.document(folder))
    }

    /// results.json of `out`.
    static func document(_ out: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Run and pair warnings.
    static func warnings(_ doc: [String: Any]) -> [String] {
        (doc["warnings"] as? [String] ?? []) + (doc["pairs"] as? [[String: Any]] ?? []).flatMap { $0["warnings"] as? [String] ?? [] }
    }

    /// The pairs and trends of the DICOM-ROI patients agree value by value; only paths differ
    /// (`path`, `file`: the pulled files are named by SOPInstanceUID) and warnings are compared by code.
    static func expectSameValues(_ doc: [String: Any], as reference: [String: Any]) throws {
        func comparable(_ d: [String: Any], _ key: String) -> [Any] {
            (d[key] as? [[String: Any]] ?? []).filter { dicomPatients.contains($0["patient_id"] as? String ?? "") }.map(strip)
        }
        for key in ["pairs", "trends"] {
            let mine = comparable(doc, key), theirs = comparable(reference, key)
            #expect(mine.count == theirs.count && !mine.isEmpty, "\(key): \(mine.count) vs \(theirs.count)")
            #expect(NSArray(array: mine).isEqual(to: theirs), "\(key) differ")
        }
    }

    /// `value` without path keys, with warnings reduced to their codes.
    static func strip(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, v) in object where key != "path" && key != "file" {
                out[key] = key == "warnings" ? ((v as? [String]) ?? []).map { String($0.prefix { $0 != ":" }) }.sorted() : strip(v)
            }
            return out
        }
        if let array = value as? [Any] { return array.map(strip) }
        return value
    }

    /// How many instances Orthanc holds in series of `modality` whose Manufacturer is LesionDensity.
    static func instances(_ orthanc: OrthancServer, modality: String) throws -> Int {
        let series = try #require(try orthanc.json("/series?expand") as? [[String: Any]])
        return series.reduce(0) { count, s in
            let tags = s["MainDicomTags"] as? [String: Any] ?? [:]
            guard tags["Modality"] as? String == modality, tags["Manufacturer"] as? String == "LesionDensity" else { return count }
            return count + ((s["Instances"] as? [Any])?.count ?? 0)
        }
    }
}
