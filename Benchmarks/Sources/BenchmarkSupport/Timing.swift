/// Wall-clock seconds taken by `body`.
public func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
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
public func interleaved(pairs: Int, _ a: () -> Void, _ b: () -> Void) -> (ratio: Double, a: Double, b: Double) {
    a()
    b()
    var ta: [Double] = [], tb: [Double] = [], ratios: [Double] = []
    for _ in 0..<pairs {
        let x = seconds(a), y = seconds(b)
        ta.append(x)
        tb.append(y)
        ratios.append(y / x)
    }
    return (median(ratios), median(ta), median(tb))
}
