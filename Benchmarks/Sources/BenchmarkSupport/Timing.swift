#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a timing reads: wall-clock time, or the calling thread's CPU time.
public enum TimingClock: Sendable {
    /// `ContinuousClock`: everything, including time the thread spent descheduled.
    case wall
    /// `CLOCK_THREAD_CPUTIME_ID`: only time the thread ran (memory stalls included, preemption by
    /// other processes excluded). On a shared 2-core runner a 10 ms pass is preempted far more often
    /// than a 1 ms one, which skews wall-clock ratios between passes of different lengths.
    case threadCPU
}

/// Wall-clock seconds taken by `body`.
public func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// Seconds taken by `body` on `clock`.
public func seconds(on clock: TimingClock, _ body: () -> Void) -> Double {
    guard case .threadCPU = clock else { return seconds(body) }
    var t0 = timespec(), t1 = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1)
    return Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) * 1e-9
}

/// The median of `values` (mean of the middle two for an even count).
public func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Times `a` and `b` alternately `pairs` times (a b a b …, after one warm-up each) so that drift of a
/// shared machine hits both alike. Returns the median of the per-pair ratios `tb / ta` and the median
/// times of each (seconds).
public func interleaved(
    pairs: Int, clock: TimingClock = .wall, _ a: () -> Void, _ b: () -> Void
) -> (ratio: Double, a: Double, b: Double) {
    a()
    b()
    var ta: [Double] = [], tb: [Double] = [], ratios: [Double] = []
    for _ in 0..<pairs {
        let x = seconds(on: clock, a), y = seconds(on: clock, b)
        ta.append(x)
        tb.append(y)
        ratios.append(y / x)
    }
    return (median(ratios), median(ta), median(tb))
}
