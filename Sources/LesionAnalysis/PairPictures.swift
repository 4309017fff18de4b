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
    /// Draws one panel per lesion (baseline and follow-up plane through the lesion's centroid,
    /// histograms), in parallel, and records each picture's relative path in `result`.
    static func drawPictures(_ result: inout PairResult, _ b: TimePointMeasurement, _ f: TimePointMeasurement, sink: PictureSink) {
        guard let bands = result.bands else { return }
        let lesions = result.lesions
        let paths = lesions.map { sink.allocate(patientID: result.patientID, lesionID: $0.lesionID) }
        let drawn = DrawnFlags(count: lesions.count)
        let pair = result
        // The masks of each time point, by label (results keep no masks).
        let baselineMasks = masks(b), followupMasks = masks(f)
        DispatchQueue.concurrentPerform(iterations: lesions.count) { i in
            let l = lesions[i]
            func timePoint(_ m: MeasuredROI?, _ masks: [String: LesionMask], _ volume: HUVolume?, _ date: String?) -> PanelTimePoint {
                let mask = m.flatMap { masks[LesionMatching.key($0.label)] }
                let outlined = zip2(mask, volume).map { OutlinedLesion(volume: $0.1, mask: $0.0) }
                return PanelTimePoint(studyDate: date ?? "", lesion: outlined, meanHU: m?.statistics.mean)
            }
            let input = LesionPanelInput(
                patientID: sink.reported(pair.patientID), lesionID: l.lesionID,
                baseline: timePoint(l.baseline, baselineMasks, b.volume, pair.baseline?.studyDate),
                followup: timePoint(l.followup, followupMasks, f.volume, pair.followup?.studyDate),
                deltaMeanHU: l.delta?.meanHU, deltaMeanPercent: l.delta?.meanPercent,
                response: l.classification.response, bands: bands, window: sink.window)
            do {
                try LesionPanel.write(input, to: (sink.outFolder as NSString).appendingPathComponent(paths[i]))
                drawn.set(i)
            } catch {
                sink.report(ResultWarning(.pictureNotDrawn, "lesion \(l.lesionID) (patient \(sink.reported(pair.patientID) ?? "?")) not drawn: \(error)"))
            }
        }
        for (i, l) in lesions.enumerated() where drawn.isSet(i) { result.pictures[l.lesionID] = paths[i] }
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
