import ResponseClassifier
import VolumeModel

/// A lesion's ROI on one decoded stack.
public struct OutlinedLesion: Sendable {
    /// The stack with (at least) the planes the mask touches decoded — the planes the measurement
    /// decoded anyway; nothing more is read for the picture.
    public var volume: HUVolume
    /// The ROI on that stack.
    public var mask: LesionMask

    public init(volume: HUVolume, mask: LesionMask) {
        self.volume = volume
        self.mask = mask
    }
}

/// One time point of a lesion panel.
public struct PanelTimePoint: Sendable {
    /// StudyDate as ISO `YYYY-MM-DD` (Docs/Outputs.md), shown as given.
    public var studyDate: String
    /// The ROI and its stack, or nil when the lesion is not outlined at this time point (a grey
    /// "not outlined" tile is drawn).
    public var lesion: OutlinedLesion?
    /// The full ROI's mean HU (Docs/Outputs.md `mean_hu`), or nil.
    public var meanHU: Double?

    public init(studyDate: String, lesion: OutlinedLesion?, meanHU: Double?) {
        self.studyDate = studyDate
        self.lesion = lesion
        self.meanHU = meanHU
    }
}

/// Everything one lesion panel shows. All values are plain and `Sendable`, so panels can be drawn
/// concurrently, away from the measurement.
public struct LesionPanelInput: Sendable {
    /// PatientID as it appears in results.json (already pseudonymized when asked), or nil.
    public var patientID: String?
    /// Docs/Outputs.md `lesion_id`.
    public var lesionID: String
    public var baseline: PanelTimePoint
    public var followup: PanelTimePoint
    /// Docs/Outputs.md `delta.mean_hu` (follow-up − baseline, full ROI), or nil.
    public var deltaMeanHU: Double?
    /// Docs/Outputs.md `delta.mean_pct`, or nil.
    public var deltaMeanPercent: Double?
    /// The response word (Docs/Outputs.md RESPONSE).
    public var response: DensityResponse
    /// The HU bands in force for this pair (edges marked on the histogram).
    public var bands: HUBands
    /// The grey-scale window of both tiles (bone W 2000 / L 500 by default).
    public var window: DisplayWindow

    public init(
        patientID: String?, lesionID: String, baseline: PanelTimePoint, followup: PanelTimePoint,
        deltaMeanHU: Double?, deltaMeanPercent: Double?, response: DensityResponse, bands: HUBands,
        window: DisplayWindow = .bone
    ) {
        self.patientID = patientID
        self.lesionID = lesionID
        self.baseline = baseline
        self.followup = followup
        self.deltaMeanHU = deltaMeanHU
        self.deltaMeanPercent = deltaMeanPercent
        self.response = response
        self.bands = bands
        self.window = window
    }
}

/// Where things sit on a lesion panel (pixels from the top-left corner).
public enum PanelLayout {
    /// Side of each (square) image tile.
    public static let tileSize = 384
    /// Outer margin and the gap between the tiles.
    public static let margin = 12
    /// Top-left corner of the baseline tile.
    public static let baselineTile = (x: margin, y: 92)
    /// Top-left corner of the follow-up tile.
    public static let followupTile = (x: 2 * margin + tileSize, y: 92)
    /// Top of the histogram and its height.
    public static let histogramY = 92 + tileSize + 24, histogramHeight = 220
    /// Size of the whole panel.
    public static let width = 3 * margin + 2 * tileSize
    public static let height = histogramY + histogramHeight + margin
}
