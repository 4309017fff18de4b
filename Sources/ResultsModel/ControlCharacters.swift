/// Control characters in text that came from a file (a PatientID, a label, a file name): written
/// visibly as `\xHH` (`\u{HHHH}` above U+00FF) so they can neither drive a terminal (ESC, OSC, BEL,
/// CSI, …) nor hide text (bidirectional overrides).
///
/// Escaped: C0 controls U+0000–U+001F, DEL U+007F, C1 controls U+0080–U+009F, and the bidirectional
/// embedding, override and isolate characters U+202A–U+202E, U+2066–U+2069.
public enum ControlCharacters {
    /// `text` with every control character escaped, except those in `keeping` (e.g. line feeds
    /// between the lines of a table).
    public static func escaped(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !keeping.contains(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                let escape = scalar.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u{" + hex + "}"
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `scalar` is one of the characters ``escaped(_:keeping:)`` replaces.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// Text for a terminal: control characters escaped, line feeds kept.
public enum TerminalText {
    public static func escaped(_ text: String) -> String { ControlCharacters.escaped(text, keeping: ["\n"]) }
}
