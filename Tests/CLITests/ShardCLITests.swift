import Foundation
import Testing
import _TestSupport

/// `batch --plan` / `--shard K/N` and `merge` through the command line, as a cluster runs them.
@Suite("Command line: shards and merge")
struct ShardCLITests {
    typealias R = ExitStatusTests

    /// results.json's pairs as JSON text each, sorted (values compared as the file holds them).
    static func pairs(_ folder: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/results.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let pairs = try #require(doc["pairs"] as? [[String: Any]])
        return try pairs.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }.sorted()
    }

    @Test("The plan of the example in 5 shards; shard 5 writes an empty results.json; merged shards equal one batch value by value")
    func planShardsMerge() throws {
        let folder = try SharedData.temporaryFolder("shards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let planFile = folder + "/plan.json"
        let written = try R.run(["batch", "Fixtures/example", "--plan", planFile, "--shards", "5"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("shard 5/5: 0 patient(s), estimated work 0 planes"), "\(written.stdout)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any])
        let patients = try #require(plan["patients"] as? [[String: Any]])
        // PAT-A, PAT-B: two 16-plane CT series with a SEG (all planes); PAT-C: spheres of rois.json
        // covering 7 planes of each series (ShardPlanTests).
        #expect(patients.map { $0["patient_id"] as? String } == ["PAT-D", "PAT-A", "PAT-B", "PAT-C"])
        #expect(patients.map { $0["estimated_work"] as? Int } == [187, 32, 32, 14])
        #expect(patients.map { $0["shard"] as? Int } == [1, 2, 3, 4])

        let whole = try R.run(["batch", "Fixtures/example", "--out", folder + "/whole", "--no-pictures", "--no-dicom", "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        var shardFolders: [String] = []
        for k in 1...5 {
            let out = folder + "/shard-\(k)"
            shardFolders.append(out)
            let r = try R.run(["batch", "Fixtures/example", "--shard", "\(k)/5", "--plan", planFile, "--out", out, "--no-pictures", "--no-dicom", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/shard-5/results.json"))) as? [String: Any])
        #expect((empty["pairs"] as? [Any])?.isEmpty == true && empty["shard"] as? String == "5/5")
        #expect((empty["trends"] as? [Any])?.isEmpty == true && (empty["unpaired"] as? [Any])?.isEmpty == true)
        // Its CSV files hold the header only (columns as Docs/Outputs.md lists them first; RFC 4180 CRLF lines).
        func lines(_ file: String) throws -> [String] {
            try String(contentsOfFile: folder + "/shard-5/" + file, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        }
        let csv = try lines("results.csv")
        #expect(csv.count == 1 && csv.first?.hasPrefix("patient_id,lesion_id,baseline_study_date,followup_study_date,interval_days,status,") == true)
        let trend = try lines("trend.csv")
        #expect(trend == ["patient_id,lesion_id,study_date,days_from_first,phenotype,mean_hu,core_mean_hu,median_hu,volume_ml,source_kind,propagated,response_from_previous,response_from_first,flags"])

        // Shard 3 lost: named by K, exit 1; merged again with its rerun, the results equal one batch.
        let missing = try R.run(["merge", shardFolders[0], shardFolders[1], shardFolders[3], shardFolders[4], "--out", folder + "/merged"])
        #expect(missing.status == 1 && missing.stderr.contains("3/5 missing"), "\(missing.stderr)")
        try FileManager.default.removeItem(atPath: shardFolders[2] + "/results.json")
        let failed = try R.run(["merge"] + shardFolders + ["--out", folder + "/merged"])
        #expect(failed.status == 1 && failed.stderr.contains("shard-3: no results.json") && failed.stderr.contains("3/5 missing"), "\(failed.stderr)")
        let rerun = try R.run(["batch", "Fixtures/example", "--shard", "3/5", "--out", folder + "/rerun-3", "--no-pictures", "--no-dicom", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let merged = try R.run(["merge", shardFolders[0], shardFolders[1], folder + "/rerun-3", shardFolders[3], shardFolders[4], "--out", folder + "/merged"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let single = try Self.pairs(folder + "/whole")
        #expect(single.count == 5)
        #expect(try Self.pairs(folder + "/merged") == single)

        // Shard 2 interrupted (its results.json records pairs not run, as a Ctrl-C leaves it): named
        // by K as failed, exit 1, nothing written; its rerun (the original folder) merges again.
        let interrupted = folder + "/interrupted-2"
        try FileManager.default.createDirectory(atPath: interrupted, withIntermediateDirectories: true)
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: shardFolders[1] + "/results.json"))) as? [String: Any])
        doc["warnings"] = ((doc["warnings"] as? [Any]) ?? []) + ["stopped: 1 pair(s) not run (interrupted)"]
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: interrupted + "/results.json"))
        let stopped = try R.run(["merge", shardFolders[0], interrupted, folder + "/rerun-3", shardFolders[3], shardFolders[4], "--out", folder + "/merged-2"])
        #expect(stopped.status == 1 && stopped.stderr.contains("2/5 failed (pairs not run)"), "\(stopped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/merged-2/results.json"))
        let again = try R.run(["merge", shardFolders[0], shardFolders[1], folder + "/rerun-3", shardFolders[3], shardFolders[4], "--out", folder + "/merged-2"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.pairs(folder + "/merged-2") == single)
    }

    @Test("--plan without --shard needs --shards; a plan of another N is refused (exit 2)")
    func planUsage() throws {
        let folder = try SharedData.temporaryFolder("shards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let noN = try R.run(["batch", "Fixtures/example", "--plan", folder + "/p.json"])
        #expect(noN.status == 2 && noN.stderr.contains("--shards"), "\(noN.stderr)")
        _ = try R.run(["batch", "Fixtures/example", "--plan", folder + "/p.json", "--shards", "2"])
        let other = try R.run(["batch", "Fixtures/example", "--shard", "1/3", "--plan", folder + "/p.json", "--out", folder + "/o"])
        #expect(other.status == 2 && other.stderr.contains("2 shards, not 3"), "\(other.stderr)")
    }

    @Test("A shard run from a plan scans only its own patients' folders: a corrupt file added to another shard's patient is not seen, one in its own series is")
    func planScansOwnFolders() throws {
        let folder = try SharedData.temporaryFolder("shards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tree = folder + "/tree", planFile = folder + "/plan.json"
        try FileManager.default.copyItem(atPath: "Fixtures/example", toPath: tree)
        let written = try R.run(["batch", tree, "--plan", planFile, "--shards", "3"])
        #expect(written.status == 0, "\(written.stderr)")
        // PAT-D (187 planes) is shard 1 and PAT-A shard 2 (LPT over 187, 32, 32, 14 planes).
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any])
        let patients = try #require(plan["patients"] as? [[String: Any]])
        let patA = try #require(patients.first { $0["patient_id"] as? String == "PAT-A" })
        #expect(patA["shard"] as? Int == 2)
        #expect(patA["folders"] as? [String] == ["PAT-A/20240110/SE2", "PAT-A/20240110/SE300", "PAT-A/20240410/SE2", "PAT-A/20240410/SE300"])
        // Two truncated copies of a CT plane (400 bytes: DCMTK cannot read them) in PAT-A's folders
        // after the plan: one beside the series folders (a run-level warning, which a shard 1 without
        // plan reports), one in a series folder (a warning of PAT-A's pair: shard 2 reports it).
        let plane = try Data(contentsOf: URL(fileURLWithPath: tree + "/PAT-A/20240110/SE2/IM0007")).prefix(400)
        try plane.write(to: URL(fileURLWithPath: tree + "/PAT-A/20240110/CORRUPT-OUTSIDE"))
        try plane.write(to: URL(fileURLWithPath: tree + "/PAT-A/20240110/SE2/CORRUPT-INSIDE"))
        func results(_ args: [String], _ out: String) throws -> String {
            let r = try R.run(["batch", tree] + args + ["--out", folder + "/" + out, "--no-pictures", "--no-dicom", "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            return try String(contentsOfFile: folder + "/" + out + "/results.json", encoding: .utf8)
        }
        let planned1 = try results(["--shard", "1/3", "--plan", planFile], "plan-1")
        #expect(!planned1.contains("CORRUPT"), "\(planned1)")
        let unplanned1 = try results(["--shard", "1/3"], "noplan-1")
        #expect(unplanned1.contains("unreadable_file: \(tree)/PAT-A/20240110/CORRUPT-OUTSIDE"), "\(unplanned1)")
        let planned2 = try results(["--shard", "2/3", "--plan", planFile], "plan-2")
        #expect(planned2.contains("unreadable_file: \(tree)/PAT-A/20240110/SE2/CORRUPT-INSIDE") && !planned2.contains("CORRUPT-OUTSIDE"), "\(planned2)")
    }

    @Test("A plan is checked where it enters: a folder leaving the root, a plan of another tree, each named with the file (exit 2)")
    func planValidated() throws {
        let folder = try SharedData.temporaryFolder("shards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tree = folder + "/tree", planFile = folder + "/plan.json"
        try FileManager.default.copyItem(atPath: "Fixtures/example", toPath: tree)
        _ = try R.run(["batch", tree, "--plan", planFile, "--shards", "2"])
        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        func shard1(_ plan: String) throws -> ExitStatusTests.Run {
            try plan.write(toFile: folder + "/edited.json", atomically: true, encoding: .utf8)
            return try R.run(["batch", tree, "--shard", "1/2", "--plan", folder + "/edited.json", "--out", folder + "/o", "--no-pictures", "--no-dicom", "--quiet"])
        }
        for bad in ["../PAT-D/20240110/SE2", "/etc", "PAT-D/../../x", ""] {
            let r = try shard1(text.replacingOccurrences(of: "\"PAT-D/20240110/SE2\"", with: "\"\(bad)\""))
            #expect(r.status == 2 && r.stderr.contains("edited.json") && r.stderr.contains("is not a path inside the batch root"), "\(bad): \(r.stderr)")
        }
        let future = try shard1(text.replacingOccurrences(of: "lesion-density-shard-plan/2", with: "lesion-density-shard-plan/9"))
        #expect(future.status == 2 && future.stderr.contains("edited.json") && future.stderr.contains("schema"), "\(future.stderr)")
        // The tree changed since the plan (a plane of PAT-D's baseline removed; a folder gone).
        try FileManager.default.removeItem(atPath: tree + "/PAT-D/20240110/SE2/IM0007")
        let fewer = try shard1(text)
        #expect(fewer.status == 2 && fewer.stderr.contains("edited.json") && fewer.stderr.contains("has 45 planes in the plan, 44 under the root"), "\(fewer.stderr)")
        try FileManager.default.removeItem(atPath: tree + "/PAT-D/20240412")
        let gone = try shard1(text)
        #expect(gone.status == 2 && gone.stderr.contains("edited.json") && gone.stderr.contains("PAT-D/20240412/SE2") && gone.stderr.contains("another tree"), "\(gone.stderr)")
    }

    @Test("The work estimate of sphere/box files: PAT-C's spheres (z 8–20 mm) cover 7 planes of each series, with a box over z −1…10 mm 11 (planes at z 0, 2, … mm)")
    func estimateFollowsBoxes() throws {
        let folder = try SharedData.temporaryFolder("shards")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tree = folder + "/tree"
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "Fixtures/example/PAT-C", toPath: tree + "/PAT-C")
        func work() throws -> Int? {
            let r = try R.run(["batch", tree, "--plan", folder + "/plan.json", "--shards", "1"])
            #expect(r.status == 0, "\(r.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/plan.json"))) as? [String: Any]
            return (plan?["patients"] as? [[String: Any]])?.first?["estimated_work"] as? Int
        }
        #expect(try work() == 14)
        let rois = tree + "/PAT-C/20240301/SE2/rois.json"
        let text = try String(contentsOfFile: rois, encoding: .utf8)
        try text.replacingOccurrences(of: "\"lesions\": [", with: "\"lesions\": [\n  {\"id\": \"B1\", \"box_mm\": [[0, 0, -1], [40, 40, 10]]},")
            .write(toFile: rois, atomically: true, encoding: .utf8)
        #expect(try work() == 22)
    }
}
