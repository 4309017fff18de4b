import Foundation

/// A series reader of ../shared/bench run as a child process; it prints its own in-process median
/// over `reps` repetitions ("median_ms=…") and a checksum of the HU volume ("checksum=…").
struct PeerReader {
    let name: String
    /// Command and arguments before `DIR MODE REPS`.
    let command: [String]

    struct Run { let medianSeconds: Double; let checksum: String }

    /// Runs `command DIR MODE REPS`; nil (with the reason logged) when it fails.
    func run(folder: String, mode: String, reps: Int, log: (String) -> Void) -> Run? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The numpy comparisons of ../shared/bench unset these two together (performance.md §0).
        process.arguments = ["-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE"] + command + [folder, mode, String(reps)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            log("\(name): cannot start \(command.joined(separator: " ")): \(error)")
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let ms = Self.field("median_ms=", in: text).flatMap(Double.init) else {
            log("\(name) \(mode) failed (status \(process.terminationStatus)): \(text.prefix(200))")
            return nil
        }
        return Run(medianSeconds: ms / 1000, checksum: Self.field("checksum=", in: text) ?? "?")
    }

    private static func field(_ key: String, in text: String) -> String? {
        guard let r = text.range(of: key) else { return nil }
        return String(text[r.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != ")" })
    }
}
