import Foundation
import Testing
import _TestSupport

/// `--out` writes `DIR/dicom/` and lists it under `dicom_outputs`; `--no-dicom` writes none;
/// `--pseudonymize` reaches the folder names.
@Suite("Command line: DICOM outputs")
struct DICOMOutputsCLITests {
    static let pair = ["analyze", "--baseline", "Fixtures/example/PAT-C/20240301/SE2",
                       "--followup", "Fixtures/example/PAT-C/20240603/SE2",
                       "--rois", "Fixtures/example/PAT-C/20240301/SE2/rois.json", "--no-pictures"]

    func outputs(_ out: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(doc["dicom_outputs"] as? [[String: Any]])
    }

    @Test func analyzeOutWritesSRAndSEGAndNoDICOMSkipsThem() throws {
        let out = try SharedData.temporaryFolder("cli-dicom")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try ExitStatusTests.run(Self.pair + ["--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let listed = try outputs(out)
        // Two time points, each an SR and a SEG of the sphere file's lesions.
        #expect(listed.count == 4)
        for entry in listed {
            let file = try #require(entry["file"] as? String)
            #expect(file.hasPrefix("dicom/PAT-C/"), "\(file)")
            #expect(FileManager.default.fileExists(atPath: out + "/" + file))
            #expect(entry["stored_to"] is NSNull && entry["status"] is NSNull)
        }
        #expect(Set(listed.compactMap { $0["sop_class_uid"] as? String })
                == ["1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.66.4"])

        let none = try SharedData.temporaryFolder("cli-nodicom")
        defer { try? FileManager.default.removeItem(atPath: none) }
        #expect(try ExitStatusTests.run(Self.pair + ["--out", none, "--no-dicom"]).status == 0)
        #expect(try outputs(none).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: none + "/dicom"))
    }

    @Test func pseudonymizedFolderNames() throws {
        let out = try SharedData.temporaryFolder("cli-dicom-anon")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try ExitStatusTests.run(Self.pair + ["--out", out, "--pseudonymize", "--salt", "s3cret"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try outputs(out).compactMap { $0["file"] as? String }
        #expect(!files.isEmpty && files.allSatisfy { $0.hasPrefix("dicom/anon-") && !$0.contains("PAT-C") })
        // PatientID (and PatientName) inside the objects are the pseudonym too.
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            #expect(bytes.range(of: Data("PAT-C".utf8)) == nil, "\(file) still holds the PatientID")
            #expect(bytes.range(of: Data("anon-".utf8)) != nil, "\(file) lacks the pseudonym")
        }
    }
}
