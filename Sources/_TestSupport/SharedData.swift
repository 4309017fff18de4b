import Foundation

/// Locates the project's checkout, its Fixtures/ and the real third-party data in the `shared` folder beside it.
public enum SharedData {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/_TestSupport/SharedData.swift
        return url.path
    }()

    /// The `shared` folder beside the checkout (or `$LESION_DENSITY_SHARED`), where DESIGN.md, the real
    /// DICOM data and the cases live. Never copied into the repository.
    public static let root: String = {
        if let env = ProcessInfo.processInfo.environment["LESION_DENSITY_SHARED"], !env.isEmpty { return env }
        return URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    }()

    /// Whether shared/data is present. Tests that read it are disabled with a message saying
    /// so when it is absent.
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: data("MANIFEST.md")) }

    /// Whether shared/cases is present.
    public static var casesAvailable: Bool { FileManager.default.fileExists(atPath: cases("README.md")) }

    /// A path under shared/data.
    public static func data(_ relative: String) -> String { (root as NSString).appendingPathComponent("data/" + relative) }

    /// A path under shared/cases.
    public static func cases(_ relative: String) -> String { (root as NSString).appendingPathComponent("cases/" + relative) }

    /// A path under Fixtures/.
    public static func fixture(_ relative: String) -> String {
        (packageRoot as NSString).appendingPathComponent("Fixtures/" + relative)
    }

    /// A new empty temporary folder.
    public static func temporaryFolder(_ name: String = "ld") throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
