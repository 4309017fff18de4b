import Dispatch
import Foundation

/// Mask work split by planes over the cores: a large mask's bytes are written by one worker per core,
/// each over its own contiguous range of planes, so the first touch of fresh pages (which costs
/// about as much as the writing on the project's VM) is spread too (issue 16: a box over a whole
/// 300 × 512² series spent ~0.15 s of one core placing its ROI and eroding its core).
enum PlaneParallel {
    /// Bytes of mask from which the work is spread over the cores (4 MiB; below it one core finishes
    /// sooner than another wakes up).
    static let minimumBytes = 1 << 22

    /// Calls `body` with contiguous ranges of `0 ..< planes` covering it (one range when `bytes` is
    /// below ``minimumBytes``), concurrently, and returns the sum of what the calls return.
    static func sum(planes: Int, bytes: Int, _ body: (Range<Int>) -> Int) -> Int {
        let workers = bytes < minimumBytes ? 1 : Swift.max(1, Swift.min(planes, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 1 else { return body(0..<planes) }
        return withoutActuallyEscaping(body) { body in
            let work = Work(workers: workers, body: body)
            defer { work.totals.deallocate() }
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                work.totals[w] = work.body((w * planes / workers)..<((w + 1) * planes / workers))
            }
            return work.totals.reduce(0, +)
        }
    }
}

/// The body and one result slot per worker, shared by the workers (each writes only its own slot;
/// `sum` waits for all of them before reading).
private final class Work: @unchecked Sendable {
    let totals: UnsafeMutableBufferPointer<Int>
    let body: (Range<Int>) -> Int

    init(workers: Int, body: @escaping (Range<Int>) -> Int) {
        totals = .allocate(capacity: workers)
        totals.initialize(repeating: 0)
        self.body = body
    }
}
