import Foundation

/// Runs a test-only Python script of Tests/tools (e.g. one that writes a file with highdicom or
/// nibabel, independent of the code under test). Scripts exit with status 3 when a module they
/// need is missing; the test then skips with the script's message.
public enum PythonScript {
    public enum Outcome {
        case ran(output: String)
        /// python3 or a module is absent: the message says which.
        case unavailable(String)
        case failed(status: Int32, output: String)
    }

    /// Runs `python3 Tests/tools/<name> arguments…` and waits for it.
    public static func run(_ name: String, _ arguments: [String]) -> Outcome {
        let script = (SharedData.packageRoot as NSString).appendingPathComponent("Tests/tools/" + name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return .unavailable("python3 cannot be started: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        switch process.terminationStatus {
        case 0: return .ran(output: output)
        case 3, 127: return .unavailable(output.isEmpty ? "python3 is not installed" : output)
        default: return .failed(status: process.terminationStatus, output: output)
        }
    }
}
