import Foundation

/// Command-line tools the read-back tests run (dciodvfy, dsrdump, python3 with highdicom/dcmqi).
public enum ExternalTool {
    /// The tool's path on PATH, or nil (the test then says it is skipped).
    public static func find(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs `tool` with `arguments`; returns the exit status and stdout + stderr.
    public static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Whether python3 can import highdicom and pydicom and tid1500reader (PyPI dcmqi) is installed.
    public static var pythonCheckersAvailable: Bool {
        guard let python = find("python3"), find("tid1500reader") != nil,
              let result = try? run(python, ["-c", "import highdicom, pydicom, numpy"]) else { return false }
        return result.status == 0
    }

    /// Tests/tools/<name> in this package.
    public static func script(_ name: String) -> String {
        (SharedData.packageRoot as NSString).appendingPathComponent("Tests/tools/\(name)")
    }
}
