/// The hot loop over integer-HU (`Int16`) planes: SIMD moments and the exact histogram, row by row.
///
/// SIMD8 style (performance.md §3): `SIMD8<Int16>` values and `SIMD8<UInt8>` mask bytes are widened to
/// `SIMD8<Int32>`; selection is bitwise (an all-ones lane keeps a voxel); min/max are compare +
/// `replacing`, with excluded lanes set to the neutral value. No generic call is left in the loop
/// (checked in the disassembly of the release build).
///
/// Build decision (issue 4, measured on the project's 2-vCPU Zen 4 guest with Benchmarks/density-gate
/// and `density-gate --peers` on the peer programs' data (Benchmarks/), side by side with density_ref.c):
/// - Package.swift builds this target with `-target-cpu haswell` (AVX2) on x86_64 hosts. Without it
///   (SSE2) the moments pass ran 15–20 ms on a 512×512×64 slab, 2.0–2.2× the scalar loop and
///   0.14–0.15 of the streaming probe's bytes/s; with it 4.1 ms, 7.4–7.9× and 0.41–0.53. The full
///   kernel went from 32 to 16 ms on the slab.
/// - No C/intrinsics target: with the flag the full kernel (moments + exact histogram) already beats
///   the C AVX2 reference on the same data and run — r15 0.053–0.093 ms vs 0.085, r60 4.9–5.1 ms vs
///   6.8–6.9, whole 512×512×300 76 ms vs 88 (≥ 0.8× goal met on all three). The histogram scatter,
///   scalar in both languages, is the dominant cost; intrinsics would only speed the moments pass.
/// - Consequence: an x86_64 build needs an AVX2 CPU (Haswell, 2013, or later) to run; arm64 hosts get
///   no flag and build the same Swift SIMD code for NEON.
///
/// Accumulator bounds (no overflow for any box a DICOM stack can hold): per row, lane counts and sums
/// are `Int32` (a row has ≤ 65535 voxels, so a lane sees ≤ 8192 values of |HU| ≤ 32768: ≤ 2.7·10⁸);
/// squares are summed in `Int64` lanes; row totals are added to `Int64`. A 512×512×2000 mask of
/// 3071 HU gives ΣX = 1.6·10¹² and ΣX² = 4.9·10¹⁵, far below `Int64.max` ≈ 9.2·10¹⁸;
/// ΣX² stays exact for up to 8.5·10⁹ voxels even at |HU| = 32768.
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
func accumulate(
    _ plane: Int16PlaneRows, range: ClosedRange<Int32>?, into acc: inout Int16Accumulator,
    hot: UnsafeMutablePointer<UInt32>?, outside: inout [Int64]
) -> Int {
    let before = acc.count
    // Each branch calls the inlined row loop with constant optionals, so the compiler emits four
    // specialised loops without per-voxel tests of what the plane has.
    for r in 0..<plane.rowCount {
        let values = plane.values + r * plane.stride
        let inside = plane.inside + r * plane.width
        switch (plane.padding, range) {
        case (nil, nil):
            accumulateRow(values, inside, nil, plane.width, nil, &acc, hot, &outside)
        case (let padding?, nil):
            accumulateRow(values, inside, padding + r * plane.stride, plane.width, nil, &acc, hot, &outside)
        case (nil, let range?):
            accumulateRow(values, inside, nil, plane.width, range, &acc, hot, &outside)
        case (let padding?, let range?):
            accumulateRow(values, inside, padding + r * plane.stride, plane.width, range, &acc, hot, &outside)
        }
    }
    return acc.count - before
}

@inline(__always)
private func accumulateRow(
    _ values: UnsafePointer<Int16>, _ inside: UnsafePointer<UInt8>, _ padding: UnsafePointer<UInt8>?,
    _ width: Int, _ range: ClosedRange<Int32>?, _ acc: inout Int16Accumulator,
    _ hot: UnsafeMutablePointer<UInt32>?, _ outside: inout [Int64]
) {
    typealias V = SIMD8<Int32>
    let zero = V(repeating: 0), ones = V(repeating: -1)
    let neutralMin = V(repeating: Int32(Int16.max)), neutralMax = V(repeating: Int32(Int16.min))
    let low = V(repeating: range?.lowerBound ?? 0), high = V(repeating: range?.upperBound ?? 0)
    var n = zero, s = zero, padded = zero, excluded = zero
    var q = SIMD8<Int64>(repeating: 0)
    var mn = neutralMin, mx = neutralMax
    var x = 0
    while x &+ 8 <= width {
        let v = V(truncatingIfNeeded: UnsafeRawPointer(values + x).loadUnaligned(as: SIMD8<Int16>.self))
        let m = V(truncatingIfNeeded: UnsafeRawPointer(inside + x).loadUnaligned(as: SIMD8<UInt8>.self))
        var keep = zero.replacing(with: ones, where: m .!= zero)
        if let padding {
            let p = V(truncatingIfNeeded: UnsafeRawPointer(padding + x).loadUnaligned(as: SIMD8<UInt8>.self))
            let isPadding = keep & zero.replacing(with: ones, where: p .!= zero)
            padded &-= isPadding
            keep &= ~isPadding
        }
        if range != nil {
            let inRange = zero.replacing(with: ones, where: (v .>= low) .& (v .<= high))
            excluded &-= keep & ~inRange
            keep &= inRange
        }
        n &-= keep
        let w = v & keep
        s &+= w
        let w64 = SIMD8<Int64>(truncatingIfNeeded: w)
        q &+= w64 &* w64
        let candidateMin = w | (~keep & neutralMin)
        mn = mn.replacing(with: candidateMin, where: candidateMin .< mn)
        let candidateMax = w | (~keep & neutralMax)
        mx = mx.replacing(with: candidateMax, where: candidateMax .> mx)
        x &+= 8
    }
    var count = Int(n.wrappedSum())
    var sum = SIMD8<Int64>(truncatingIfNeeded: s).wrappedSum()
    var squares = q.wrappedSum()
    var minimum = mn.min(), maximum = mx.max()
    var paddingCount = Int(padded.wrappedSum()), excludedCount = Int(excluded.wrappedSum())
    while x < width {  // the row's tail (< 8 voxels)
        if inside[x] != 0 {
            let v = Int32(values[x])
            if let padding, padding[x] != 0 {
                paddingCount += 1
            } else if let range, !range.contains(v) {
                excludedCount += 1
            } else {
                count += 1
                sum += Int64(v)
                squares += Int64(v) * Int64(v)
                minimum = Swift.min(minimum, v)
                maximum = Swift.max(maximum, v)
            }
        }
        x &+= 1
    }
    acc.count += count
    acc.sum += sum
    acc.sumOfSquares += squares
    acc.minimum = Swift.min(acc.minimum, minimum)
    acc.maximum = Swift.max(acc.maximum, maximum)
    acc.padding += paddingCount
    acc.resegmented += excludedCount
    guard let hot, count > 0 else { return }
    // The exact histogram: the row is in L1 now. Scalar scatter; the hot window test is one
    // unsigned compare, values outside it take the rare path.
    for x in 0..<width where inside[x] != 0 {
        if let padding, padding[x] != 0 { continue }
        let v = Int32(values[x])
        if let range, !range.contains(v) { continue }
        let bin = Int(v) &- HUHistogram.hotLow
        if UInt(bitPattern: bin) < UInt(HUHistogram.hotCount) {
            hot[bin] &+= 1
        } else {
            HUHistogram.recordOutside(v, in: &outside)
        }
    }
}
