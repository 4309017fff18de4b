import Dispatch
import Foundation
import ReportWriters
import ResultsModel
import VolumeModel

/// Where and how pictures are drawn: the output folder, the display window, the names handed out
/// (unique across a whole run, built from the PatientID as it will be reported) and the problems
/// met. A picture that cannot be drawn is a warning; it never changes a number.
public final class PictureSink: @unchecked Sendable {
    public let outFolder: String
    public let window: DisplayWindow
    private let reportedPatientID: @Sendable (String?) -> String?
    private let lock = NSLock()
    private var names = PictureNames()
    private var problemList: [ResultWarning] = []

    /// - Parameter reportedPatientID: the PatientID as results show it (the pseudonym with
    ///   `--pseudonymize`), so file names never carry a PatientID the results hide.
    public init(outFolder: String, window: DisplayWindow = .bone,
                reportedPatientID: @escaping @Sendable (String?) -> String? = { $0 }) {
        self.outFolder = outFolder
        self.window = window
        self.reportedPatientID = reportedPatientID
    }

    /// Pictures that could not be drawn (`picture_not_drawn`), each naming the lesion and the reason.
    public var problems: [ResultWarning] {
        lock.lock(); defer { lock.unlock() }
        return problemList
    }

    /// The PatientID as results show it.
    func reported(_ patientID: String?) -> String? { reportedPatientID(patientID) }

    func allocate(patientID: String?, lesionID: String) -> String {
        lock.lock(); defer { lock.unlock() }
        return names.path(patientID: reportedPatientID(patientID), lesionID: lesionID)
    }

    func report(_ problem: ResultWarning) {
        lock.lock(); defer { lock.unlock() }
        problemList.append(problem)
    }
}

extension PairAnalysis {
    /// Most planes decoded beyond the ROIs' own for the sagittal tiles of one time point (about
    /// 80 MB of 512² planes); a longer reach leaves the far planes black in the reformat.
    static let maxPicturePlanes = 160

    /// Draws one panel per lesion (native and sagittal planes through the lesion's centroid at each
    /// time point, histograms), in parallel, and records each picture's relative path in `result`.
    static func drawPictures(_ result: inout PairResult, _ b: TimePointMeasurement, _ f: TimePointMeasurement, sink: PictureSink) {
        guard let bands = result.bands else { return }
        let pair = result
        // The masks of each time point, by label (results keep no masks).
        let baselineMasks = masks(b), followupMasks = masks(f)
        func reference(_ m: TimePointMeasurement) -> PanelReference? {
            m.lesions.first(where: \.mask.isReference).map {
                PanelReference(label: $0.label, mask: $0.mask, meanHU: $0.statistics.mean)
            }
        }
        func inputs(_ vb: HUVolume?, _ vf: HUVolume?) -> [LesionPanelInput] {
            pair.lesions.map { l in
                func timePoint(_ m: MeasuredROI?, _ masks: [String: LesionMask], _ volume: HUVolume?, _ date: String?,
                               _ t: TimePointMeasurement) -> PanelTimePoint {
                    let mask = m.flatMap { masks[LesionMatching.key($0.label)] }
                    let outlined = zip2(mask, volume).map { OutlinedLesion(volume: $0.1, mask: $0.0) }
                    return PanelTimePoint(studyDate: date ?? "", lesion: outlined, meanHU: m?.statistics.mean,
                                          volumeML: m?.statistics.volumeML, reference: outlined == nil ? nil : reference(t),
                                          propagatedFrom: m?.source.kind == .propagated ? (m?.source.fromStudyDate ?? "another scan") : nil)
                }
                let c = l.classification
                return LesionPanelInput(
                    patientID: sink.reported(pair.patientID), lesionID: l.lesionID,
                    baseline: timePoint(l.baseline, baselineMasks, vb, pair.baseline?.studyDate, b),
                    followup: timePoint(l.followup, followupMasks, vf, pair.followup?.studyDate, f),
                    intervalDays: pair.intervalDays, deltaMeanHU: l.delta?.meanHU, deltaMeanPercent: l.delta?.meanPercent,
                    deltaCoreMeanHU: l.deltaCore?.meanHU, thresholdHU: c.thresholdHU, phenotype: c.phenotype,
                    response: c.response, confidence: c.confidence, flags: c.flags, bands: bands, window: sink.window)
            }
        }
        // The planes the sagittal tiles cross, decoded once per time point for all its lesions.
        let first = inputs(b.volume, f.volume)
        let sides = first.map(LesionPanel.fieldOfView)
        let vb = withReformatPlanes(b, zip(first, sides).flatMap { LesionPanel.reformatPlanes($0.0.baseline, side: $0.1) })
        let vf = withReformatPlanes(f, zip(first, sides).flatMap { LesionPanel.reformatPlanes($0.0.followup, side: $0.1) })
        let panels = inputs(vb, vf)
        let paths = panels.map { sink.allocate(patientID: pair.patientID, lesionID: $0.lesionID) }
        let drawn = DrawnFlags(count: panels.count)
        DispatchQueue.concurrentPerform(iterations: panels.count) { i in
            do {
                try LesionPanel.write(panels[i], to: (sink.outFolder as NSString).appendingPathComponent(paths[i]))
                drawn.set(i)
            } catch {
                sink.report(ResultWarning(.pictureNotDrawn, "lesion \(panels[i].lesionID) (patient \(sink.reported(pair.patientID) ?? "?")) not drawn: \(error)"))
            }
        }
        for (i, p) in panels.enumerated() where drawn.isSet(i) { result.pictures[p.lesionID] = paths[i] }
    }

    /// `m`'s decoded planes plus those of `wanted` not decoded yet (nearest the ROIs first, at most
    /// ``maxPicturePlanes``). A plane that fails to decode stays missing (black in the reformat).
    private static func withReformatPlanes(_ m: TimePointMeasurement, _ wanted: [Int]) -> HUVolume? {
        guard var volume = m.volume else { return nil }
        let have = Set(volume.planes.keys)
        // Nearest the decoded planes, or the middle of the wanted ones when none was kept.
        let around = have.isEmpty ? Set(wanted) : have
        let centre = around.isEmpty ? 0 : Double(around.reduce(0, +)) / Double(around.count)
        let missing = Set(wanted).subtracting(have).sorted { abs(Double($0) - centre) < abs(Double($1) - centre) }
        guard !missing.isEmpty else { return volume }
        let extra = m.stack.decodePlanes(Array(missing.prefix(maxPicturePlanes))).volume
        for (k, plane) in extra.planes { volume.planes[k] = plane }
        return volume
    }

    /// The lesions' masks of one time point by label key (reference ROIs excluded).
    private static func masks(_ m: TimePointMeasurement) -> [String: LesionMask] {
        Dictionary(m.lesions.filter { !$0.mask.isReference }.map { (LesionMatching.key($0.label), $0.mask) }, uniquingKeysWith: { a, _ in a })
    }

    private static func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}

/// Which panels were written, set by concurrent workers.
private final class DrawnFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var flags: [Bool]
    init(count: Int) { flags = Array(repeating: false, count: count) }
    func set(_ i: Int) { lock.lock(); flags[i] = true; lock.unlock() }
    func isSet(_ i: Int) -> Bool { lock.lock(); defer { lock.unlock() }; return flags[i] }
}
