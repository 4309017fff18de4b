import Foundation
import Testing
import _TestSupport

/// Error lines on stderr as a user with a clean clone reads them: each once, each ending with a
/// pointer into Docs/ by its kind (Docs/Outputs.md, "Exit status"); an ROI file whose content is
/// invalid is exit 1, a ROOT without CT series is exit 1 with its (empty) results written.
@Suite("Command line: error pointers into Docs/ and exit status of bad ROI files")
struct ErrorPointerCLITests {
    static let typo = #"{"lesions": [{"id": "L1", "center_mm": [0, 0, 0], "radus_mm": 5}]}"#

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("A missing ROI file (exit 2) points to the flag list; a misspelt key (exit 1) to Docs/ROIs.md; no series to Docs/Robustness.md")
    func pointers() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try ExitStatusTests.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", folder + "/missing.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--rois \(folder)/missing.json: no such file"))
        #expect(missing.stderr.contains("See 'lesion-density measure --help'") && missing.stderr.contains(#"Docs/Outputs.md, "Commands and flags""#))

        try Self.typo.write(toFile: folder + "/typo.json", atomically: true, encoding: .utf8)
        let typo = try ExitStatusTests.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", folder + "/typo.json", "--json"])
        #expect(typo.status == 1, "an ROI file that exists but is invalid fails its lesions: exit 1")
        #expect(typo.stderr.contains("typo.json: lesions[0].radus_mm: unknown key (allowed: ") && typo.stderr.contains("(ROI files: Docs/ROIs.md)"))
        // The machine-readable output keeps the message without the pointer.
        #expect(typo.stdout.contains("radus_mm") && !typo.stdout.contains("Docs/ROIs.md"))

        try "{\"lesions\": [".write(toFile: folder + "/trunc.json", atomically: true, encoding: .utf8)
        let trunc = try ExitStatusTests.run(["measure", "--series", "Fixtures/example-measure/ct", "--rois", folder + "/trunc.json"])
        #expect(trunc.status == 1)
        #expect(trunc.stderr.contains("trunc.json: not valid JSON (") && trunc.stderr.contains("(ROI files: Docs/ROIs.md)"))

        try FileManager.default.createDirectory(atPath: folder + "/notaseries", withIntermediateDirectories: true)
        let none = try ExitStatusTests.run(["measure", "--series", folder + "/notaseries", "--rois", folder + "/typo.json"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("notaseries: no CT series found (CT series: Docs/Robustness.md)"), "\(none.stderr)")
    }

    @Test("analyze with a misspelt ROI key names the key once on stderr and once in the table, exit 1")
    func analyzeOnce() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.typo.write(toFile: folder + "/typo.json", atomically: true, encoding: .utf8)
        let r = try ExitStatusTests.run(["analyze", "--baseline", "Fixtures/example/PAT-C/20240301/SE2", "--followup", "Fixtures/example/PAT-C/20240603/SE2",
                                         "--rois", folder + "/typo.json", "--no-pictures", "--json"])
        #expect(r.status == 1)
        #expect(Self.occurrences("radus_mm", in: r.stderr) == 1, "\(r.stderr)")
        #expect(r.stderr.contains("(ROI files: Docs/ROIs.md)"))
        // The readable table on stdout names it once too (the failure's line, not the pair error).
        let table = try ExitStatusTests.run(["analyze", "--baseline", "Fixtures/example/PAT-C/20240301/SE2", "--followup", "Fixtures/example/PAT-C/20240603/SE2",
                                             "--rois", folder + "/typo.json", "--no-pictures", "--out", folder + "/out"])
        #expect(table.status == 1)
        #expect(Self.occurrences("radus_mm", in: table.stdout) == 1, "\(table.stdout)")
        #expect(table.stdout.contains("status error"))
    }

    @Test("batch over a ROOT without CT series: exit 1 naming ROOT, empty results.json written")
    func batchNoSeries() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/tree", withIntermediateDirectories: true)
        try "not DICOM".write(toFile: folder + "/tree/notes.txt", atomically: true, encoding: .utf8)
        let r = try ExitStatusTests.run(["batch", folder + "/tree", "--out", folder + "/out", "--quiet", "--no-pictures"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no CT series found under \(folder)/tree (CT series: Docs/Robustness.md)"), "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/results.json"))
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((doc["pairs"] as? [Any])?.isEmpty == true)
    }

    @Test("batch: an ROI file beside a series with a misspelt key fails that pair's lesions, exit 1 naming the key once")
    func batchBadROI() throws {
        let folder = try SharedData.temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExitStatusTests.twoStudyTree(folder + "/tree")
        for study in ["a", "b"] { try Self.typo.write(toFile: folder + "/tree/\(study)/rois.json", atomically: true, encoding: .utf8) }
        let r = try ExitStatusTests.run(["batch", folder + "/tree", "--out", folder + "/out", "--quiet", "--no-pictures"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("radus_mm: unknown key") && r.stderr.contains("(ROI files: Docs/ROIs.md)"), "\(r.stderr)")
        #expect(!r.stderr.contains("no lesion could be measured"), "the pair error restating the failure is not printed again")
    }
}
