import Foundation
import ResultsModel

/// Writing to stderr (messages) without mixing them into stdout (results). Control characters of
/// values read from files (a PatientID, a label) are escaped so they cannot drive the terminal.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("lesion-density: " + TerminalText.escaped(message) + "\n").utf8))
    }
}
