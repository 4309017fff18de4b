import Foundation

/// A display window: which HU range is spread over the grey scale (window width W, level/centre L).
///
/// HU map to 8-bit grey with DICOM's LINEAR VOI LUT function (PS3.3 C.11.2.1.2.1), output range
/// 0…255, rounded to the nearest level:
/// ```
/// x ≤ L − 0.5 − (W − 1)/2            → 0
/// x > L − 0.5 + (W − 1)/2            → 255
/// otherwise y = ((x − (L − 0.5)) / (W − 1) + 0.5) × 255
/// ```
/// So at the bone window (W 2000, L 500) 500 HU gives 127.56 → 128, −1000 HU gives 0 and
/// 1600 HU gives 255.
public struct DisplayWindow: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A short name for labels ("bone", "soft tissue", "custom").
    public let name: String
    /// Window Width (0028,1051) in HU; at least 1 (DICOM requires W ≥ 1 for LINEAR).
    public let width: Double
    /// Window Center (0028,1050) in HU.
    public let center: Double

    /// Bone window, W 2000 / L 500: cortex, trabecular bone and both lytic and sclerotic lesions
    /// stay distinguishable. The default for the panels.
    public static let bone = DisplayWindow(name: "bone", width: 2000, center: 500)
    /// Soft-tissue window, W 400 / L 40: extra-osseous tumour, marrow replacement against fat.
    public static let softTissue = DisplayWindow(name: "soft tissue", width: 400, center: 40)

    /// A window with a given width and centre in HU (width clamped to at least 1 HU).
    public static func custom(width: Double, center: Double) -> DisplayWindow {
        DisplayWindow(name: "custom", width: width, center: center)
    }

    /// A window from command-line text: `bone`, `soft-tissue` (or `soft_tissue`), or `W,L` in HU
    /// (e.g. `1500,300`); nil for anything else or a width below 1 HU.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "bone": self = .bone
        case "soft-tissue", "soft_tissue": self = .softTissue
        default:
            let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let w = parts[0], let l = parts[1], w >= 1, w.isFinite, l.isFinite else { return nil }
            self = .custom(width: w, center: l)
        }
    }

    private init(name: String, width: Double, center: Double) {
        self.name = name
        self.width = max(1, width)
        self.center = center
    }

    /// "bone W 2000 / L 500".
    public var description: String {
        "\(name) W \(NumberFormat.plain(width)) / L \(NumberFormat.plain(center))"
    }

    /// The grey level (0…255) of `hu` under the LINEAR VOI function above.
    @inlinable
    public func grey(_ hu: Double) -> UInt8 {
        let base = center - 0.5
        let half = (width - 1) / 2
        if hu <= base - half { return 0 }
        if hu > base + half { return 255 }
        let y = ((hu - base) / (width - 1) + 0.5) * 255
        return UInt8(min(255, max(0, y.rounded())))
    }
}
