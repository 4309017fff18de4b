/// The hot loop over integer-HU (`Int16`) planes: SIMD moments and the exact histogram, row by row.
///
/// Moments in 16 `Int16` lanes (``Int16Lanes``, one AVX2 register of HU per step): selection is
/// bitwise (an all-ones lane keeps a voxel), min/max compare + `replacing` with excluded lanes set
/// to the neutral value, sums and squares widened by halves to `Int32`; the lanes are reduced once
/// per plane (or per ``Int16Lanes/flushSteps``), not per row. A row's last partial step reloads its
/// last 16 voxels with the lanes already counted switched off, so only rows narrower than 16 voxels
/// go voxel by voxel. No generic call, exclusivity check or lazy global is left in the loop
/// (checked in the disassembly of the release build: 25 instructions per 16 voxels).
///
/// Build decisions (issues 4 and 16, measured on the project's 2-vCPU Zen 4 guest with
/// Benchmarks/density-gate and `density-gate --peers` on the peer programs' data, side by side with
/// a C AVX2 reference pass; README "Density kernel" gives the figures):
/// - Package.swift builds this target with `-target-cpu haswell` (AVX2) on x86_64 hosts. Without it
///   (SSE2) the moments pass ran 15–20 ms on a 512×512×64 slab, 2.0–2.2× the scalar loop and
///   0.14–0.15 of the streaming probe's bytes/s.
/// - The 8-lane loop this replaced (`SIMD8<Int32>` lanes, `Int64` square lanes, reduced per row)
///   reached 0.42–0.49 of the probe (thread CPU time, 21 pairs); the 16-lane loop 0.65–0.82.
/// - No C/intrinsics target: the full kernel (moments + exact histogram) is at the C AVX2
///   reference's speed or better on the same data (r15, r60, whole volume); the histogram scatter,
///   scalar in both languages, is the dominant cost for large boxes.
/// - Consequence: an x86_64 build needs an AVX2 CPU (Haswell, 2013, or later) to run; arm64 hosts get
///   no flag and build the same Swift SIMD code for NEON.
///
/// Accumulator bounds (no overflow for any box a DICOM stack can hold): see ``Int16Lanes`` for the
/// lanes; their totals are added to `Int64`. A 512×512×2000 mask of 3071 HU gives ΣX = 1.6·10¹² and
/// ΣX² = 4.9·10¹⁵, far below `Int64.max` ≈ 9.2·10¹⁸; ΣX² stays exact for up to 8.5·10⁹ voxels
/// even at |HU| = 32768.
struct Int16Accumulator {
    /// Voxels measured.
    var count = 0
    /// ΣX (HU).
    var sum: Int64 = 0
    /// ΣX² (HU²).
    var sumOfSquares: Int64 = 0
    /// Smallest measured value; `Int16.max` until a voxel is measured.
    var minimum = Int32(Int16.max)
    /// Largest measured value; `Int16.min` until a voxel is measured.
    var maximum = Int32(Int16.min)
    /// ROI voxels that are padding.
    var padding = 0
    /// ROI voxels (not padding) outside the re-segmentation range.
    var resegmented = 0

    /// Adds the counts of `other` (exact: integer sums, extremes).
    mutating func merge(_ other: Int16Accumulator) {
        count += other.count
        sum += other.sum
        sumOfSquares += other.sumOfSquares
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        padding += other.padding
        resegmented += other.resegmented
    }
}

/// One plane's part of the bounding box, as raw pointers to its first box voxel.
struct Int16PlaneRows {
    /// First box voxel of the first box row; rows are `stride` voxels apart.
    var values: UnsafePointer<Int16>
    /// Padding bytes at the same positions as `values`, or nil when the plane has no padding.
    var padding: UnsafePointer<UInt8>?
    /// The mask's bytes for this plane: `rowCount` rows of `width` bytes, packed.
    var inside: UnsafePointer<UInt8>
    var stride: Int
    var rowCount: Int
    var width: Int
}

/// Accumulates one plane's box; returns the number of voxels measured in it.
/// - Parameters:
///   - range: integer re-segmentation bounds (inclusive), or nil.
///   - hot, outside: the histogram's bins, or `hot == nil` for the moments pass alone.
///   - wayStride: distance between the hot bins' ways (`HUHistogram.hotCount` for 4 ways, 0 for 1).
func accumulate(
    _ plane: Int16PlaneRows, range: ClosedRange<Int32>?, into acc: inout Int16Accumulator,
    hot: UnsafeMutablePointer<UInt32>?, wayStride: Int = 0, outside: inout [Int64]
) -> Int {
    let before = acc.count
    var lanes = Int16Lanes()
    let rowSteps = plane.width / 16 + 1
    var readAhead = 0
    // Each branch calls the inlined row loop with constant optionals, so the compiler emits four
    // specialised loops without per-voxel tests of what the plane has.
    for r in 0..<plane.rowCount {
        if lanes.steps + rowSteps > Int16Lanes.flushSteps { lanes.flush(into: &acc) }
        let values = plane.values + r * plane.stride
        if r &+ readAheadRows < plane.rowCount {
            readAhead &+= touch(values + readAheadRows &* plane.stride, plane.width)
        }
        let inside = plane.inside + r * plane.width
        let padding = plane.padding.map { $0 + r * plane.stride }
        switch (padding, range) {
        case (nil, nil): accumulateRow(values, inside, nil, plane.width, nil, &lanes, &acc, hot, wayStride, &outside)
        case (let p?, nil): accumulateRow(values, inside, p, plane.width, nil, &lanes, &acc, hot, wayStride, &outside)
        case (nil, let b?): accumulateRow(values, inside, nil, plane.width, b, &lanes, &acc, hot, wayStride, &outside)
        case (let p?, let b?): accumulateRow(values, inside, p, plane.width, b, &lanes, &acc, hot, wayStride, &outside)
        }
    }
    lanes.flush(into: &acc)
    // Never true (|readAhead| < 65535 rows · 6 · 32768 < 2³⁴), but the compiler cannot know: it
    // keeps the reads.
    if readAhead == .min { acc.padding = -1 }
    return acc.count - before
}

/// Box rows read ahead of the row being measured by ``touch(_:_:)``.
private let readAheadRows = 2

/// Reads one HU per 64-byte cache line of a box row's first 160 voxels and its last voxel, so that
/// the row is on its way into the cache when the loop reaches it; returns their sum (only to keep
/// the reads).
///
/// Issue 16: a box of short rows (r = 60 mm: 171 voxels, 342 bytes at a 1 KiB stride, 11 MB in
/// all, in L3) is latency-bound: the hardware prefetcher does not follow the row stride, so every
/// row began with cache misses, and the 16-lane loop was 1.26–1.47× slower there than the 8-lane
/// loop before it. Swift has no prefetch instruction; these plain loads two rows ahead made the
/// full kernel on the peers' r60 box 2.1× faster and its moments pass 2.6× (interleaved in one
/// process, thread CPU time, identical statistics). Wider rows stream and need no more than the
/// first lines; a loop over every line of the row measured no gain.
@inline(__always)
private func touch(_ row: UnsafePointer<Int16>, _ width: Int) -> Int {
    guard width > 0 else { return 0 }
    var sum = Int(row[0]) &+ Int(row[width &- 1])
    if width > 32 { sum &+= Int(row[32]) }
    if width > 64 { sum &+= Int(row[64]) }
    if width > 96 { sum &+= Int(row[96]) }
    if width > 128 { sum &+= Int(row[128]) }
    return sum
}

/// The moments of one row: 16-voxel SIMD steps, the last partial step overlapping the previous one
/// (its already counted lanes switched off), scalar only for rows narrower than 16 voxels.
/// Then, with `hot`, the row's exact histogram if any voxel of it was kept.
@inline(__always)
private func accumulateRow(
    _ values: UnsafePointer<Int16>, _ inside: UnsafePointer<UInt8>, _ padding: UnsafePointer<UInt8>?,
    _ width: Int, _ range: ClosedRange<Int32>?, _ lanes: inout Int16Lanes, _ acc: inout Int16Accumulator,
    _ hot: UnsafeMutablePointer<UInt32>?, _ wayStride: Int, _ outside: inout [Int64]
) {
    typealias L = SIMD16<Int16>
    guard width >= 16 else {
        let kept = scalarRow(values, inside, padding, width, range, &acc)
        if let hot, kept > 0 { histogramRow(values, inside, padding, width, range, hot, wayStride, &outside) }
        return
    }
    let ones = L(repeating: -1)
    // The range as Int16 bounds; a range that no Int16 meets becomes low 1, high 0.
    let bounds = range.map { range -> (low: L, high: L) in
        let lo = Swift.max(range.lowerBound, Int32(Int16.min)), hi = Swift.min(range.upperBound, Int32(Int16.max))
        return lo <= hi ? (L(repeating: Int16(lo)), L(repeating: Int16(hi))) : (L(repeating: 1), L(repeating: 0))
    }
    var l = lanes
    let countBefore = l.count
    var x = 0
    while x &+ 16 <= width {
        l.step(values + x, inside + x, padding.map { $0 + x }, bounds, fresh: ones)
        x &+= 16
    }
    if x < width {  // the last 16 voxels; lanes before x were counted above
        let start = width - 16
        let laneIndex = L(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        let fresh = L(repeating: 0).replacing(with: ones, where: laneIndex .>= L(repeating: Int16(x - start)))
        l.step(values + start, inside + start, padding.map { $0 + start }, bounds, fresh: fresh)
    }
    l.steps += width / 16 + 1
    lanes = l
    if let hot, Int16Lanes.total(l.count &- countBefore) > 0 {
        histogramRow(values, inside, padding, width, range, hot, wayStride, &outside)
    }
}

/// A row narrower than one SIMD step, voxel by voxel; returns the voxels kept.
private func scalarRow(
    _ values: UnsafePointer<Int16>, _ inside: UnsafePointer<UInt8>, _ padding: UnsafePointer<UInt8>?,
    _ width: Int, _ range: ClosedRange<Int32>?, _ acc: inout Int16Accumulator
) -> Int {
    var kept = 0
    for x in 0..<width where inside[x] != 0 {
        let v = Int32(values[x])
        if let padding, padding[x] != 0 {
            acc.padding += 1
        } else if let range, !range.contains(v) {
            acc.resegmented += 1
        } else {
            kept += 1
            acc.sum += Int64(v)
            acc.sumOfSquares += Int64(v) * Int64(v)
            acc.minimum = Swift.min(acc.minimum, v)
            acc.maximum = Swift.max(acc.maximum, v)
        }
    }
    acc.count += kept
    return kept
}

/// The exact histogram of one row's measured voxels (the row is in L1 after the moments). Scalar
/// scatter, voxel x into way x mod 4 (`wayStride` apart; all four the same bins when 0); the hot
/// window test is one unsigned compare, values outside it take the rare path.
@inline(__always)
private func histogramRow(
    _ values: UnsafePointer<Int16>, _ inside: UnsafePointer<UInt8>, _ padding: UnsafePointer<UInt8>?,
    _ width: Int, _ range: ClosedRange<Int32>?, _ hot: UnsafeMutablePointer<UInt32>, _ wayStride: Int,
    _ outside: inout [Int64]
) {
    @inline(__always) func count(_ x: Int, _ bins: UnsafeMutablePointer<UInt32>) {
        guard inside[x] != 0 else { return }
        if let padding, padding[x] != 0 { return }
        let v = Int32(values[x])
        if let range, !range.contains(v) { return }
        let bin = Int(v) &- HUHistogram.hotLow
        if UInt(bitPattern: bin) < UInt(HUHistogram.hotCount) {
            bins[bin] &+= 1
        } else {
            HUHistogram.recordOutside(v, in: &outside)
        }
    }
    // Only the span from the first to the last voxel inside: within it a convex ROI's row is all
    // inside, so the four mask tests per step are always taken (no mispredicted branch at the edges).
    var x = 0, end = width
    while x < end && inside[x] == 0 { x &+= 1 }
    while end > x && inside[end &- 1] == 0 { end &-= 1 }
    let way1 = hot + wayStride, way2 = hot + 2 * wayStride, way3 = hot + 3 * wayStride
    while x &+ 4 <= end {
        count(x, hot)
        count(x &+ 1, way1)
        count(x &+ 2, way2)
        count(x &+ 3, way3)
        x &+= 4
    }
    while x < end {
        count(x, hot)
        x &+= 1
    }
}
