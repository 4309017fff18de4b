/// File names for the lesion panels, built from DICOM values (PatientID, labels) and therefore
/// sanitized: only `[A-Za-z0-9._-]`, never a leading dot or hyphen (no hidden files, no option-like
/// names), at most ``maxLength`` characters, and unique case-insensitively within one run (so they
/// also stay distinct on case-insensitive file systems).
///
/// Assign names serially, in the order results are reported (e.g. by patient, then lesion), then
/// draw the panels in parallel: the names are then the same on every rerun.
public struct PictureNames: Sendable {
    /// Longest file-name stem (before `.png` and a uniqueness suffix).
    public static let maxLength = 80
    /// The folder, relative to report.html, that holds the panels.
    public let folder: String
    private var used: Set<String> = []

    public init(folder: String = "pictures") {
        self.folder = folder
    }

    /// A fresh relative path `<folder>/<patient>_<lesion>.png` (a `-2`, `-3`, … suffix when the
    /// sanitized name was already handed out).
    public mutating func path(patientID: String?, lesionID: String) -> String {
        let parts = [patientID.map(Self.sanitize), Self.sanitize(lesionID)].compactMap { $0 }
        let stem = String(parts.joined(separator: "_").prefix(Self.maxLength))
        var candidate = stem
        var n = 1
        while used.contains(candidate.lowercased()) {
            n += 1
            candidate = "\(stem)-\(n)"
        }
        used.insert(candidate.lowercased())
        return "\(folder)/\(candidate).png"
    }

    /// `text` reduced to a safe file-name stem: every character outside `[A-Za-z0-9._-]` becomes `_`,
    /// runs of `_` collapse, leading `.`, `-`, `_` and trailing `.`, `_` are dropped, the result is cut to
    /// ``maxLength``; an empty result, or a name Windows reserves (CON, NUL, COM1, …), gets a prefix.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let safe = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-")
            let c: Character = safe ? Character(scalar) : "_"
            if c == "_" && out.last == "_" { continue }
            out.append(c)
        }
        var stem = Substring(out)
        while let first = stem.first, first == "." || first == "-" || first == "_" { stem = stem.dropFirst() }
        stem = stem.prefix(maxLength)
        while let last = stem.last, last == "." || last == "_" { stem = stem.dropLast() }
        if stem.isEmpty { return "unnamed" }
        let base = stem.split(separator: ".").first.map { $0.uppercased() } ?? ""
        return reservedNames.contains(base) ? "x_\(stem)" : String(stem)
    }

    /// Device names Windows reserves, with or without an extension.
    private static let reservedNames = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })
}
