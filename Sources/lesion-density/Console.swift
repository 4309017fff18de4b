import Foundation
import ResultsModel

/// Writing to stderr (messages) without mixing them into stdout (results). Control characters of
/// values read from files (a PatientID, a label) are escaped so they cannot drive the terminal.
/// A user-facing error line ends with a pointer into the repository's Docs/ by the kind of error
/// (``Pointer``); machine-readable outputs (results.json) carry the message alone.
enum Console {
    /// Where a user reads about an error of this kind (Docs/ of the repository).
    enum Pointer: String {
        case roiFile = "ROI files: Docs/ROIs.md"
        case series = "CT series: Docs/Robustness.md"
        case registration = "registration: Docs/Longitudinal.md"
    }

    static func error(_ message: String, see pointer: Pointer? = nil) {
        let line = TerminalText.escaped(message) + (pointer.map { " (\($0.rawValue))" } ?? "")
        FileHandle.standardError.write(Data(("lesion-density: " + line + "\n").utf8))
    }

    /// A lesion (or whole ROI file) that could not be measured: unknown key, bad JSON, outside the volume.
    static func failure(_ f: LesionFailure, prefix: String = "") {
        error(prefix + f.line, see: .roiFile)
    }

    /// A series or pair error (no CT series found, unreadable series, no registration).
    static func seriesError(_ message: String, prefix: String = "") {
        let registration = message.contains("registration") || message.contains("FrameOfReferenceUID")
        error(prefix + message, see: registration ? .registration : .series)
    }

    /// A pair's error and its lesions' failures, each once: an error that only restates a failure
    /// ("no lesion could be measured: FILE: …") is left out, the failure line names it.
    static func pairProblems(_ pair: PairResult, prefix: String = "") {
        if let e = pair.errorBeyondFailures, pair.status == .error { seriesError(e, prefix: prefix) }
        for f in pair.failures { failure(f, prefix: prefix) }
    }
}
