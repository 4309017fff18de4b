import Foundation
import Testing
import _TestSupport

/// The command line as a user runs it: exit status 0 / 1 / 2 (CONTRACT.md) and messages that name
/// the file at fault.
@Suite("Command line: exit status and messages")
struct ExitStatusTests {
    struct Run { let status: Int32; let stdout: String; let stderr: String }

    /// Runs the built `lesion-density` (next to this test bundle in the build folder).
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lesion-density").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("lesion-density")
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: SharedData.packageRoot)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// One synthetic patient with two dated studies (`TREE/a`, `TREE/b`), no ROI files.
    static func twoStudyTree(_ tree: String) throws {
        var ct = SyntheticCT()
        try ct.write(to: tree + "/a")
        ct.studyInstanceUID = "2.25.1001"; ct.seriesInstanceUID = "2.25.1001.1"; ct.studyDate = "20240410"
        try ct.write(to: tree + "/b")
    }

    @Test("measure on the bundled example: exit 0 and a CONTRACT.md document")
    func measureExample() throws {
        let r = try Self.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", "Fixtures/example-measure/rois.json", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["schema_version"] as? Int == 1)
        #expect((doc["lesions"] as? [Any])?.count == 3)
    }

    @Test("A usage error is exit 2")
    func usage() throws {
        #expect(try Self.run(["measure", "--series", "Fixtures/example-measure/ct"]).status == 2)
        #expect(try Self.run(["analyze", "--baseline", "a", "--followup", "b", "--rois", "r.json", "--hu-range", "400,-500"]).status == 2)
        #expect(try Self.run(["batch", "--out", "unused-out"]).status == 2)
    }

    @Test("A missing ROI file is a usage error (exit 2) naming it; an unreadable one is exit 1 naming it")
    func missingROI() throws {
        let r = try Self.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", "no-such-rois.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no-such-rois.json"))
        let bad = try Self.run(["analyze", "--baseline", "Fixtures/example/PAT-C/20240301/SE2", "--followup", "Fixtures/example/PAT-C/20240603/SE2",
                                "--rois", "README.md", "--json"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("README.md"))
        // Nothing measurable: the pair itself failed, and its JSON says so.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(bad.stdout.utf8)) as? [String: Any])
        let pair = try #require((doc["pairs"] as? [[String: Any]])?.first)
        #expect(pair["status"] as? String == "error")
        #expect((pair["error"] as? String)?.contains("README.md") == true)
    }

    @Test("A criteria file with an unknown key is exit 2 naming the key")
    func badCriteria() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"lytic_below_hu": 90, "sclerotic_edge": 300}"#.write(toFile: folder + "/c.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["analyze", "--baseline", "Fixtures/example-measure/ct", "--followup", "Fixtures/example-measure/ct",
                              "--rois", "Fixtures/example-measure/rois.json", "--criteria", folder + "/c.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("sclerotic_edge") && r.stderr.contains("c.json"))
    }

    @Test("batch exits 1 when a pair's status is not ok (here no_rois), naming it")
    func batchNoROIs() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.twoStudyTree(folder + "/tree")
        let r = try Self.run(["batch", folder + "/tree", "--out", folder + "/out", "--quiet", "--no-pictures"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("no_rois") || r.stderr.contains("no ROIs"))
    }

    @Test("analyze of a series against itself is a usage error (exit 2) naming the series")
    func analyzeSelf() throws {
        let r = try Self.run(["analyze", "--baseline", "Fixtures/example-measure/ct", "--followup", "Fixtures/example-measure/ct",
                              "--rois", "Fixtures/example-measure/rois.json"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("the follow-up is the baseline's series"))
    }

    @Test("analyze: exit 0, results written with the criteria in force")
    func analyzeCriteria() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"min_change_floor_hu": 40, "mismatch_min_change_floor_hu": 60}"#.write(toFile: folder + "/c.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["analyze", "--baseline", "Fixtures/example/PAT-C/20240301/SE2", "--followup", "Fixtures/example/PAT-C/20240603/SE2",
                              "--rois", "Fixtures/example/PAT-C/20240301/SE2/rois.json", "--criteria", folder + "/c.json", "--out", folder + "/out"])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/results.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let criteria = try #require(doc["criteria"] as? [String: Any])
        #expect(criteria["min_change_floor_hu"] as? Double == 40)
        let lesions = try #require(((doc["pairs"] as? [[String: Any]])?.first?["lesions"]) as? [[String: Any]])
        #expect(lesions.count == 1)  // REF is the reference ROI, not a lesion
        // PAT-C's L1: 50 → 60 HU (ExamplePatients.swift); threshold max(40, 15 % of 50) = 40.
        #expect((lesions.first?["delta"] as? [String: Any])?["mean_hu"] as? Double == 10)
        #expect(lesions.first?["threshold_hu"] as? Double == 40)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/results.csv"))
    }
}

@Suite("Command line: failures in the output")
struct FailureOutputTests {
    @Test("measure --json on a series that cannot form a volume names it in the document's errors")
    func measureSeriesError() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Two different images at one position: plane 1 written twice under other SOPInstanceUIDs.
        var a = SyntheticCT()
        a.planes = 3
        try a.write(to: folder + "/a")
        var b = a
        b.sopInstanceUIDRoot = "2.25.31337"
        b.positions = [a.position(1)]
        try b.write(to: folder + "/b")
        let r = try ExitStatusTests.run(["measure", "--series", folder, "--rois", "Fixtures/example-measure/rois.json", "--json"])
        #expect(r.status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let errors = try #require(doc["errors"] as? [[String: Any]])
        #expect(errors.first?["file"] as? String == folder)
        #expect((errors.first?["message"] as? String)?.contains("conflicting slices at the same position") == true)
        #expect(doc["series"] is NSNull)
    }

    @Test("A path that does not exist is a usage error (exit 2) naming it", arguments: [
        ["measure", "--series", "no/such/folder", "--rois", "r.json"],
        ["analyze", "--baseline", "no/such/folder", "--followup", "Fixtures/example-measure/ct", "--rois", "r.json"],
        ["batch", "no/such/folder", "--out", "unused-out"],
        ["inspect", "no/such/folder"],
    ])
    func missingPath(arguments: [String]) throws {
        let r = try ExitStatusTests.run(arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains("no/such/folder"))
    }
}
