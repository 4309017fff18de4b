import Dispatch
import Foundation
import ResultsModel

/// Runs a plan's pairs on a few worker threads. Memory stays bounded: a worker holds one pair's
/// decoded planes (only those the ROIs touch) at a time, never all series at once.
public final class BatchRunner: @unchecked Sendable {
    /// Progress after each pair: pairs done, total, the patient just finished, its status.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int, _ patientID: String, _ status: PairStatus) -> Void

    private let lock = NSLock()
    private var stopped = false

    public init() {}

    /// Stops handing out pairs (Ctrl-C, `--fail-fast`); pairs already running finish.
    public func stop() {
        lock.lock(); defer { lock.unlock() }
        stopped = true
    }

    public var isStopped: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopped
    }

    /// Runs every pair of `plan` with `workers` threads, in plan order in the result.
    /// - Parameters:
    ///   - failFast: stop after the first pair that failed (status `error`, or a lesion failed).
    /// - Returns: the finished pairs (all of them unless stopped), in plan order.
    ///   - pictures: where to draw each lesion's panel (nil: none).
    ///   - dicom: where to write each time point's SR and SEG (nil: none).
    public func run(_ plan: BatchPlan, workers: Int, failFast: Bool = false, pictures: PictureSink? = nil,
                    dicom: DICOMOutputSink? = nil, progress: Progress? = nil) -> [PairResult] {
        let total = plan.pairs.count
        let results = ResultSlots(count: total)
        let next = Counter()
        let done = Counter()
        let threads = max(1, min(workers, max(total, 1)))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while !isStopped {
                let i = next.increment() - 1
                guard i < total else { return }
                let planned = plan.pairs[i]
                var result = planned.decided ?? planned.request.map { PairAnalysis.run($0, pictures: pictures, dicom: dicom) }
                    ?? .failed(.error, "nothing to run", patientID: planned.patientID)
                // A pair that failed before its series' PatientID was read keeps the patient the
                // manifest names, and its error names the manifest row.
                if result.patientID == nil, !planned.patientID.isEmpty { result.patientID = planned.patientID }
                if let origin = planned.origin, let error = result.error, result.status != .ok, !error.hasPrefix(origin) {
                    result.error = "\(origin)\(planned.patientID.isEmpty ? "" : " (patient \(planned.patientID))"): \(error)"
                }
                results.set(i, result)
                if failFast && (result.status == .error || !result.failures.isEmpty) { stop() }
                progress?(done.increment(), total, planned.patientID, result.status)
            }
        }
        return results.finished
    }
}

/// A thread-safe counter.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Results by plan position, written by workers.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PairResult?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: PairResult) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = r
    }
    var finished: [PairResult] {
        lock.lock(); defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
