import Foundation
import Testing
import _TestSupport

/// Hostile input through the command line (issue 12): exit status, a message naming the file and
/// the attribute or value, and nothing lost. Inputs are built at test time from copies of the
/// bundled example in temporary folders; `dcmodify` (DCMTK) edits the copies.
@Suite("Command line: hostile input")
struct HostileInputTests {
    typealias R = ExitStatusTests

    static var dcmodify: String? {
        ["/usr/bin/dcmodify", "/usr/local/bin/dcmodify"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func modify(_ file: String, _ assignment: String) throws {
        guard let tool = dcmodify else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-nb", "-m", assignment, file]
        try p.run()
        p.waitUntilExit()
    }

    @Test("Negative option values reach validation as typed: --hu-range -500,400 runs; --window -100,400 is refused for its width, not as a missing value")
    func negativeValues() throws {
        let m = try R.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", "Fixtures/example-measure/rois.json",
                           "--hu-range", "-500,400", "--json"])
        #expect(m.status == 0, "\(m.stderr)")
        let a = try R.run(["analyze", "--baseline", "Fixtures/example-measure/ct", "--followup", "Fixtures/example-measure/ct",
                           "--rois", "Fixtures/example-measure/rois.json", "--window", "-100,400"])
        #expect(a.status == 2)
        #expect(a.stderr.contains("--window is bone, soft-tissue or W,L") && !a.stderr.contains("Missing value"), "\(a.stderr)")
    }

    @Test("--rois naming a folder is a usage error (exit 2) naming the folder")
    func roisFolder() throws {
        let r = try R.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", "Fixtures/example-measure"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Fixtures/example-measure") && r.stderr.contains("is a folder"), "\(r.stderr)")
    }

    @Test("merge --out equal to a shard is refused (exit 2) and the shard's results are untouched; a rerun replaces its files")
    func mergeOut() throws {
        let folder = try SharedData.temporaryFolder("merge")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shard = folder + "/s1"
        let batch = try R.run(["batch", "Fixtures/example", "--out", shard, "--no-pictures"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: shard + "/results.json"))
        let refused = try R.run(["merge", shard, "--out", shard])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--out") && refused.stderr.contains(shard), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: shard + "/results.json")) == before)
        for _ in 0..<2 {  // the second run replaces the first run's files
            let merged = try R.run(["merge", shard, "--out", folder + "/merged"])
            #expect(merged.status == 0, "\(merged.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder + "/merged/results.csv"))
    }

    @Test("A batch with RescaleSlope NaN on a plane inside PAT-C's ROI: the file and attribute are named; every pair's results are written")
    func nanSlopeInBatch() throws {
        guard Self.dcmodify != nil else { print("dcmodify (DCMTK) absent: skipping"); return }
        let folder = try SharedData.temporaryFolder("nan-slope")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: SharedData.packageRoot + "/Fixtures/example", toPath: folder + "/tree")
        // IM0063 is the plane at z = 14 mm, the centre of PAT-C's sphere L1 (rois.json).
        let plane = folder + "/tree/PAT-C/20240301/SE2/IM0063"
        try Self.modify(plane, "(0028,1053)=NaN")
        let r = try R.run(["batch", folder + "/tree", "--out", folder + "/out", "--no-pictures"])
        #expect(r.status == 0 || r.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/results.json"))) as? [String: Any])
        let pairs = try #require(doc["pairs"] as? [[String: Any]])
        #expect(Set(pairs.compactMap { $0["patient_id"] as? String }) == ["PAT-A", "PAT-B", "PAT-C", "PAT-D"])
        #expect(pairs.filter { $0["patient_id"] as? String != "PAT-C" }.allSatisfy { $0["status"] as? String == "ok" })
        let patC = try #require(pairs.first { $0["patient_id"] as? String == "PAT-C" })
        let warnings = patC["warnings"] as? [String] ?? []
        #expect(warnings.contains("unreadable_file: \(plane): RescaleSlope \"NaN\" is not a number"), "\(warnings)")
        // The lesion lost a plane of its ROI: flagged, never a normal-confidence number.
        let lesion = try #require((patC["lesions"] as? [[String: Any]])?.first)
        #expect((lesion["flags"] as? [String])?.contains("incomplete") == true)
        #expect(lesion["confidence"] as? String == "low")
    }

    @Test("Header values from the hostile-input list each name the file and the attribute (inspect, exit 1)",
          arguments: [
            ("(0028,0030)=0\\0", "PixelSpacing 0\\0 is outside"), ("(0028,0030)=1e-300\\1e-300", "PixelSpacing 1e-300"),
            ("(0020,0032)=1e300\\0\\0", "ImagePositionPatient 1e+300"), ("(0020,0037)=0\\0\\0\\0\\0\\0", "orthogonal unit vectors"),
            ("(0028,1053)=abc", "RescaleSlope \"abc\" is not a number"), ("(0028,1053)=0", "RescaleSlope 0 is not"),
            ("(0028,1053)=1e400", "RescaleSlope +infinity"), ("(0028,1053)=1e10", "beyond ±1000000 HU"),
            ("(0028,0101)=17", "BitsStored 17"), ("(0028,0102)=16", "HighBit 16"), ("(0028,0010)=65535", "Rows 65535 is outside"),
          ])
    func headerValues(_ edit: (String, String)) throws {
        guard Self.dcmodify != nil else { print("dcmodify (DCMTK) absent: skipping"); return }
        let folder = try SharedData.temporaryFolder("header")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/IM0063"
        try FileManager.default.copyItem(atPath: SharedData.packageRoot + "/Fixtures/example/PAT-C/20240301/SE2/IM0063", toPath: file)
        try Self.modify(file, edit.0)
        let r = try R.run(["inspect", folder])
        #expect(r.status == 1)
        #expect(r.stderr.contains(file) && r.stderr.contains(edit.1), "\(r.stderr)")
    }

    @Test("A failing manifest row is named by its row and patient, with the attribute at fault; the other row is measured")
    func manifestRows() throws {
        guard Self.dcmodify != nil else { print("dcmodify (DCMTK) absent: skipping"); return }
        let folder = try SharedData.temporaryFolder("manifest-rows")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let example = SharedData.packageRoot + "/Fixtures/example/PAT-C"
        try FileManager.default.createDirectory(atPath: folder + "/bad", withIntermediateDirectories: true)
        let plane = folder + "/bad/IM0063"
        try FileManager.default.copyItem(atPath: example + "/20240301/SE2/IM0063", toPath: plane)
        try Self.modify(plane, "(0028,1053)=NaN")
        try """
            patient_id,baseline_series,followup_series,baseline_rois,followup_rois
            PAT-C,\(example)/20240301/SE2,\(example)/20240603/SE2,\(example)/20240301/SE2/rois.json,
            PAT-Z,\(folder)/bad,\(example)/20240603/SE2,\(example)/20240301/SE2/rois.json,
            """.write(toFile: folder + "/pairs.csv", atomically: true, encoding: .utf8)
        let r = try R.run(["batch", "--manifest", folder + "/pairs.csv", "--out", folder + "/out", "--no-pictures"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("pairs.csv row 2 (patient PAT-Z)") && r.stderr.contains("RescaleSlope \"NaN\""), "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/results.json"))) as? [String: Any])
        let pairs = try #require(doc["pairs"] as? [[String: Any]])
        #expect(pairs.first { $0["patient_id"] as? String == "PAT-C" }?["status"] as? String == "ok")
        #expect(pairs.first { $0["patient_id"] as? String == "PAT-Z" }?["status"] as? String == "error")
    }
}
