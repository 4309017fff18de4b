import Foundation

/// Writes output files atomically (CONTRACT.md, Common rules): the content goes to a temporary
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
            // POSIX rename(2) replaces an existing file atomically. (FileManager.replaceItemAt fails
            // on Linux whenever the destination exists: swift-corelibs-foundation, Swift 6.3.1.)
            guard rename(temporary.path, url.path) == 0 else {
                let code = errno
                throw CocoaError(.fileWriteUnknown, userInfo: [
                    NSFilePathErrorKey: path,
                    NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
                ])
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
