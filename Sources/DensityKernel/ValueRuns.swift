/// The measured values of one ROI as ascending distinct values with their counts: the common form
/// of the exact integer histogram and of the sorted non-integer values, from which every
/// order statistic and centred moment is derived.
struct ValueRuns {
    /// Distinct values, strictly ascending (HU).
    private(set) var values: [Double] = []
    /// How many voxels hold each value (all > 0).
    private(set) var counts: [Int] = []
    /// Number of voxels before each run: `starts[i] = counts[0] + … + counts[i − 1]`.
    private(set) var starts: [Int] = []
    /// N, the number of voxels.
    private(set) var total = 0

    init() {}

    /// Appends `count` voxels of `value`; values must arrive in ascending order.
    mutating func append(_ value: Double, count: Int) {
        guard count > 0 else { return }
        if let last = values.last, last == value {
            counts[counts.count - 1] += count
        } else {
            values.append(value)
            counts.append(count)
            starts.append(total)
        }
        total += count
    }

    /// Merges two run lists (each ascending) into one.
    static func merged(_ a: ValueRuns, _ b: ValueRuns) -> ValueRuns {
        guard a.total > 0 else { return b }
        guard b.total > 0 else { return a }
        var out = ValueRuns()
        var i = 0, j = 0
        while i < a.values.count || j < b.values.count {
            if j == b.values.count || (i < a.values.count && a.values[i] <= b.values[j]) {
                out.append(a.values[i], count: a.counts[i]); i += 1
            } else {
                out.append(b.values[j], count: b.counts[j]); j += 1
            }
        }
        return out
    }

    /// The value of rank `k` (0-based) in ascending order; `0 ≤ k < total`.
    func value(atRank k: Int) -> Double {
        // Last run whose start is ≤ k (binary search over `starts`).
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= k { lo = mid } else { hi = mid - 1 }
        }
        return values[lo]
    }

    /// Percentile `p` (0…1) by linear interpolation between closest ranks (Hyndman–Fan type 7,
    /// numpy's default): h = (N − 1)·p, X₍⌊h⌋₎ + (h − ⌊h⌋)·(X₍⌊h⌋+1₎ − X₍⌊h⌋₎). `total` must be > 0.
    func percentile(_ p: Double) -> Double {
        let h = Double(total - 1) * p
        let lower = Int(h.rounded(.down))
        let low = value(atRank: lower)
        guard lower + 1 < total else { return low }
        return low + (h - Double(lower)) * (value(atRank: lower + 1) - low)
    }

    /// Σ count · f(value) over the runs.
    func sum(_ f: (Double) -> Double) -> Double {
        var s = 0.0
        for i in values.indices { s += Double(counts[i]) * f(values[i]) }
        return s
    }

    /// Number of voxels whose value satisfies `isIn`.
    func count(where isIn: (Double) -> Bool) -> Int {
        var n = 0
        for i in values.indices where isIn(values[i]) { n += counts[i] }
        return n
    }
}
