import ResponseClassifier
import VolumeModel

/// A lesion's ROI on one decoded stack.
public struct OutlinedLesion: Sendable {
    /// The stack with (at least) the planes the mask touches decoded. Planes the sagittal reformat
    /// crosses that are not decoded show black.
    public var volume: HUVolume
    /// The ROI on that stack.
    public var mask: LesionMask

    public init(volume: HUVolume, mask: LesionMask) {
        self.volume = volume
        self.mask = mask
    }
}

/// The reference (normal-bone) ROI of one time point, outlined in turquoise wherever it crosses a
/// tile; it must lie on the same stack (and `volume`) as the lesion.
public struct PanelReference: Sendable {
    /// The reference ROI's label (`reference.label` in Docs/Outputs.md).
    public var label: String
    public var mask: LesionMask
    /// Its full-ROI mean HU, or nil.
    public var meanHU: Double?

    public init(label: String, mask: LesionMask, meanHU: Double?) {
        self.label = label
        self.mask = mask
        self.meanHU = meanHU
    }
}

/// One time point of a lesion panel.
public struct PanelTimePoint: Sendable {
    /// StudyDate as ISO `YYYY-MM-DD` (Docs/Outputs.md), shown as given.
    public var studyDate: String
    /// The ROI and its stack, or nil when the lesion is not outlined at this time point (grey
    /// "not outlined" tiles are drawn).
    public var lesion: OutlinedLesion?
    /// The full ROI's mean HU (`mean_hu`), or nil.
    public var meanHU: Double?
    /// The full ROI's volume in mL (`volume_ml`), or nil.
    public var volumeML: Double?
    /// The reference ROI measured at this time point, or nil.
    public var reference: PanelReference?
    /// The StudyDate of the time point the ROI was drawn on, when it was carried here by a
    /// transform (`source.kind` `propagated`), else nil; shown as "ROI from …" in the caption.
    public var propagatedFrom: String?

    public init(studyDate: String, lesion: OutlinedLesion?, meanHU: Double?, volumeML: Double? = nil,
                reference: PanelReference? = nil, propagatedFrom: String? = nil) {
        self.propagatedFrom = propagatedFrom
        self.studyDate = studyDate
        self.lesion = lesion
        self.meanHU = meanHU
        self.volumeML = volumeML
        self.reference = reference
    }
}

/// Everything one lesion panel shows. All values are plain and `Sendable`, so panels can be drawn
/// concurrently, away from the measurement.
public struct LesionPanelInput: Sendable {
    /// PatientID as it appears in results.json (the pseudonym with `--pseudonymize`), or nil: the
    /// panel draws exactly this, never another identifier.
    public var patientID: String?
    /// `lesion_id`.
    public var lesionID: String
    public var baseline: PanelTimePoint
    public var followup: PanelTimePoint
    /// Calendar days between the two StudyDates (`interval_days`), or nil.
    public var intervalDays: Int?
    /// `delta.mean_hu` (follow-up − baseline, full ROI), or nil.
    public var deltaMeanHU: Double?
    /// `delta.mean_pct`, or nil.
    public var deltaMeanPercent: Double?
    /// `delta_core.mean_hu`, or nil.
    public var deltaCoreMeanHU: Double?
    /// The minimum meaningful change in HU (`threshold_hu`), or nil.
    public var thresholdHU: Double?
    /// `phenotype`, or nil.
    public var phenotype: LesionPhenotype?
    /// The response word (`response`).
    public var response: DensityResponse
    /// `confidence`, or nil.
    public var confidence: Confidence?
    /// `flags`.
    public var flags: [ResponseFlag]
    /// The HU bands in force for this pair (edges marked on the histogram).
    public var bands: HUBands
    /// The grey-scale window of every tile (bone W 2000 / L 500 by default).
    public var window: DisplayWindow

    public init(
        patientID: String?, lesionID: String, baseline: PanelTimePoint, followup: PanelTimePoint,
        intervalDays: Int? = nil, deltaMeanHU: Double?, deltaMeanPercent: Double?, deltaCoreMeanHU: Double? = nil,
        thresholdHU: Double? = nil, phenotype: LesionPhenotype? = nil, response: DensityResponse,
        confidence: Confidence? = nil, flags: [ResponseFlag] = [], bands: HUBands, window: DisplayWindow = .bone
    ) {
        self.patientID = patientID
        self.lesionID = lesionID
        self.baseline = baseline
        self.followup = followup
        self.intervalDays = intervalDays
        self.deltaMeanHU = deltaMeanHU
        self.deltaMeanPercent = deltaMeanPercent
        self.deltaCoreMeanHU = deltaCoreMeanHU
        self.thresholdHU = thresholdHU
        self.phenotype = phenotype
        self.response = response
        self.confidence = confidence
        self.flags = flags
        self.bands = bands
        self.window = window
    }
}

/// A rectangle on a panel, pixels from the top-left corner.
public struct PanelRect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
}

/// Where things sit on a lesion panel (pixels from the top-left corner): a header, then one row per
/// time point (baseline above follow-up) with the native plane (axial) tile left and the reformatted
/// plane (sagittal) tile right, each framed by a band for the direction letters, the scale bar and
/// two note lines; the HU histograms at the bottom. Text sits only in the header, the bands and the
/// strips of the histogram, never over image or bar pixels.
public enum PanelLayout {
    /// Side of each (square) image tile.
    public static let tileSize = 384
    /// Outer margin.
    public static let margin = 16
    /// Width of the band around a tile that holds the direction letters (and, below, the scale bar).
    public static let band = 22
    /// Gap between the two tile blocks of a row.
    public static let gap = 16
    /// Height of the header (four lines).
    public static let headerHeight = 140
    /// Height of a row's caption line above its tiles.
    public static let captionHeight = 30
    /// Height of the two note lines under a tile's bottom band.
    public static let notesHeight = 46
    /// Height of one time point's row.
    public static let rowHeight = captionHeight + band + tileSize + band + notesHeight + 8
    /// Height of the histogram area.
    public static let histogramHeight = 300
    /// Size of the whole panel.
    public static let width = 2 * margin + 2 * (band + tileSize + band) + gap
    public static let height = headerHeight + 2 * rowHeight + histogramHeight + margin

    /// The tile of time point `row` (0 baseline, 1 follow-up); `column` 0 the native plane, 1 the reformat.
    public static func tile(row: Int, column: Int) -> PanelRect {
        let x = margin + band + column * (band + tileSize + band + gap)
        let y = headerHeight + row * rowHeight + captionHeight + band
        return PanelRect(x: x, y: y, width: tileSize, height: tileSize)
    }

    /// The whole histogram area (legend and band-label strips included).
    public static var histogram: PanelRect {
        PanelRect(x: margin, y: headerHeight + 2 * rowHeight, width: width - 2 * margin, height: histogramHeight)
    }

    /// The histogram's plot area (bars and band-edge lines only; no text is drawn in it).
    public static var histogramPlot: PanelRect {
        let h = histogram
        return PanelRect(x: h.x + 60, y: h.y + 58, width: h.width - 60 - 44, height: h.height - 58 - 34)
    }
}
