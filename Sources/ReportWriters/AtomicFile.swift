#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes output files atomically (Docs/Outputs.md, Common rules): the content goes to a temporary
/// name in the destination folder and is renamed over the final name, so a reader never sees a
/// half-written file and a rerun replaces it whole.
public enum AtomicFile {
    /// Writes `data` to `path`, creating the folder if needed.
    /// - Throws: a Foundation error naming the path when the folder or file cannot be written.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the destination atomically on the same file system (POSIX);
            // Foundation's replaceItemAt is not atomic on Linux.
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
