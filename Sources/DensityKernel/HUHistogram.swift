/// An exact 1-HU histogram of the measured voxels of integer-HU (`Int16`) planes.
///
/// The hot bins cover [−4096, 4095] HU (every CT value seen in practice: air −1000, padding −2000 or
/// −3024, 12-bit bone and metal up to 3071) as `UInt32` counts: 32 KiB, so the scattered increments
/// stay in L1. A value outside that window goes to a lazily allocated `Int64` bin per `Int16` value,
/// so every `Int16` is counted exactly.
///
/// Large boxes count into ``ways`` = 4 interleaved copies of the hot bins (voxel x of a row goes to
/// copy x mod 4, as density_ref.c's full kernel does): runs of equal values — padding, air, a
/// flat phantom — then update four counters instead of waiting on one store after another. The
/// copies are summed when read.
///
/// No-overflow guarantee: a hot bin receives at most the voxels added since the last flush;
/// ``reserve(_:)`` flushes the `UInt32` bins into `Int64` totals before that could exceed
/// `UInt32.max`. A single plane never holds more than 65535² < 2³² voxels, so reserving plane by plane
/// is always possible; a 512×512×2000 whole-body mask (5.2·10⁸ voxels) never flushes at all.
struct HUHistogram {
    /// Lowest HU of the hot bins.
    static let hotLow = -4096
    /// Number of hot bins.
    static let hotCount = 8192
    /// Boxes of at least this many voxels get 4 ways (below it, zeroing and summing 96 KiB more
    /// would cost more than the ways save).
    static let multiWayFromVoxels = 1 << 18

    /// Interleaved copies of the hot bins: 1 or 4.
    let ways: Int
    /// Counts per hot bin (way · ``hotCount`` + HU − ``hotLow``) since the last flush.
    var hot: [UInt32]
    /// Counts per hot bin flushed so far (allocated on the first flush).
    private var flushed: [Int64] = []
    /// Counts per `Int16` value (value + 32768) outside the hot window (allocated on first use).
    var outside: [Int64] = []
    /// Voxels that may still be added to ``hot`` before a flush.
    private var capacity: Int
    /// The capacity after a flush (`UInt32.max`; smaller in tests of the flush).
    private let flushLimit: Int

    init(flushLimit: Int = Int(UInt32.max), ways: Int = 1) {
        precondition(ways == 1 || ways == 4, "1 or 4 ways")
        self.ways = ways
        hot = [UInt32](repeating: 0, count: ways * Self.hotCount)
        self.flushLimit = flushLimit
        capacity = flushLimit
    }

    /// The ways for a box of `voxels` voxels.
    static func ways(forBoxVoxels voxels: Int) -> Int { voxels >= multiWayFromVoxels ? 4 : 1 }

    /// Makes room for up to `voxels` more hot increments, flushing first if needed.
    /// - Precondition: `voxels ≤ flushLimit`.
    mutating func reserve(_ voxels: Int) {
        precondition(voxels <= flushLimit, "one plane fits the hot bins")
        if voxels > capacity {
            if flushed.isEmpty { flushed = [Int64](repeating: 0, count: Self.hotCount) }
            for i in 0..<(ways * Self.hotCount) {
                flushed[i % Self.hotCount] += Int64(hot[i])
                hot[i] = 0
            }
            capacity = flushLimit
        }
        capacity -= voxels
    }

    /// Adds the counts of `other` (into the `Int64` totals: no bin can overflow).
    mutating func merge(_ other: HUHistogram) {
        if flushed.isEmpty { flushed = [Int64](repeating: 0, count: Self.hotCount) }
        for i in 0..<(other.ways * Self.hotCount) where other.hot[i] != 0 {
            flushed[i % Self.hotCount] += Int64(other.hot[i])
        }
        if !other.flushed.isEmpty {
            for i in 0..<Self.hotCount { flushed[i] += other.flushed[i] }
        }
        if !other.outside.isEmpty {
            if outside.isEmpty { outside = other.outside } else {
                for i in 0..<outside.count { outside[i] += other.outside[i] }
            }
        }
    }

    /// Counts one value outside the hot window (the rare path, kept out of the hot loop).
    @inline(never)
    static func recordOutside(_ value: Int32, in outside: inout [Int64]) {
        if outside.isEmpty { outside = [Int64](repeating: 0, count: 65536) }
        outside[Int(value) + 32768] += 1
    }

    /// Number of voxels of `value` (HU).
    func count(of value: Int) -> Int64 {
        let i = value - Self.hotLow
        if i >= 0 && i < Self.hotCount {
            var total = flushed.isEmpty ? 0 : flushed[i]
            for w in 0..<ways { total += Int64(hot[w * Self.hotCount + i]) }
            return total
        }
        return outside.isEmpty ? 0 : outside[value + 32768]
    }

    /// The histogram as runs over `minimum…maximum` (the measured extremes).
    func runs(from minimum: Int, through maximum: Int) -> ValueRuns {
        var runs = ValueRuns()
        guard minimum <= maximum else { return runs }
        for v in minimum...maximum {
            runs.append(Double(v), count: Int(count(of: v)))
        }
        return runs
    }
}
