import Foundation
import ReportWriters
import Testing

@Suite("Atomic writes")
struct AtomicFileTests {
    @Test("A rerun replaces an existing file whole and leaves no temporary file")
    func replacesExistingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("results.json").path
        try AtomicFile.write("first, longer content", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["results.json"])
    }
}
