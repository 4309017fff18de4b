import Foundation
import Testing
import _TestSupport

/// `batch --quiet` (Docs/Outputs.md, "Commands and flags"): no progress and no `own_output_skipped`
/// lines on stderr, while results.json keeps those warnings and every other warning is still printed.
@Suite("Command line: batch --quiet")
struct QuietCLITests {
    typealias R = ExitStatusTests

    @Test("Our own outputs found again under ROOT: stderr lines without --quiet, none with it; results.json lists them both times")
    func quietDropsOwnOutputSkippedLines() throws {
        let folder = try SharedData.temporaryFolder("cli-quiet")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SharedData.fixture("example/PAT-C"), toPath: root + "/PAT-C")
        // A run-level problem that --quiet must not hide: a text file named .dcm outside every series folder.
        try "not DICOM\n".write(toFile: root + "/stray.dcm", atomically: true, encoding: .utf8)
        let first = try R.run(["batch", root, "--out", folder + "/first", "--no-pictures"])
        #expect(first.status == 0, "\(first.stderr)")
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder + "/first/dicom").filter { $0.hasSuffix(".dcm") }
        // The SR and SEG of each of PAT-C's two time points, as a pull brings them back after --store-to.
        #expect(written.count == 4, "\(written)")
        try FileManager.default.copyItem(atPath: folder + "/first/dicom", toPath: root + "/stored")

        let loud = try R.run(["batch", root, "--out", folder + "/loud", "--no-pictures"])
        let quiet = try R.run(["batch", root, "--out", folder + "/quiet", "--no-pictures", "--quiet"])
        #expect(loud.status == 0 && quiet.status == 0, "\(loud.stderr)\n\(quiet.stderr)")
        let loudLines = loud.stderr.split(separator: "\n").filter { $0.contains("own_output_skipped: ") }
        #expect(loudLines.count == 4, "\(loud.stderr)")
        #expect(!quiet.stderr.contains("own_output_skipped"), "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("batch: "), "progress with --quiet: \(quiet.stderr)")
        #expect(quiet.stderr.contains("skipped_file: ") && quiet.stderr.contains("stray.dcm"), "\(quiet.stderr)")
        for out in ["loud", "quiet"] {
            #expect(PACSRoundTripTests.warnings(try PACSRoundTripTests.document(folder + "/" + out)).filter { $0.hasPrefix("own_output_skipped: ") }.count == 4)
        }
        // The table on stdout is the same.
        #expect(quiet.stdout == loud.stdout && quiet.stdout.contains("PAT-C"))
    }
}
