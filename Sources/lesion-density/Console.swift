import Foundation

/// Writing to stderr (messages) without mixing them into stdout (results).
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("lesion-density: " + message + "\n").utf8))
    }
}
