/// SIMD lane accumulators of the moments pass between two flushes into ``Int16Accumulator``.
///
/// Sixteen `Int16` lanes per step (one AVX2 register of HU, one of widened mask bytes). Lane bounds
/// between flushes (``flushSteps`` steps at most): counts ≤ 16384 < `Int16.max`; each of the 8
/// `Int32` sum lanes adds two values of |HU| ≤ 32768 per step, ≤ 2³⁰ in all; each of the 4 `UInt64`
/// square lanes adds four squares ≤ 2³⁰ per step (< 2³³), far from overflow; minimum and maximum
/// stay `Int16`.
struct Int16Lanes {
    typealias L = SIMD16<Int16>
    /// Steps after which the lanes must be flushed.
    static let flushSteps = 16384
    var count = L(), padded = L(), excluded = L()
    var sum = SIMD8<Int32>()
    var squares = SIMD4<UInt64>()
    var minimum = L(repeating: .max), maximum = L(repeating: .min)
    /// Steps since the last flush.
    var steps = 0

    /// Adds the lanes to `acc` and clears them.
    mutating func flush(into acc: inout Int16Accumulator) {
        acc.count += Self.total(count)
        acc.padding += Self.total(padded)
        acc.resegmented += Self.total(excluded)
        acc.sum += SIMD8<Int64>(truncatingIfNeeded: sum).wrappedSum()
        acc.sumOfSquares += Int64(squares.wrappedSum())
        acc.minimum = Swift.min(acc.minimum, SIMD8<Int32>(truncatingIfNeeded: minimum.lowHalf).min(),
                                SIMD8<Int32>(truncatingIfNeeded: minimum.highHalf).min())
        acc.maximum = Swift.max(acc.maximum, SIMD8<Int32>(truncatingIfNeeded: maximum.lowHalf).max(),
                                SIMD8<Int32>(truncatingIfNeeded: maximum.highHalf).max())
        self = Int16Lanes()
    }

    /// The sum of sixteen count lanes (each 0 … `Int16.max`), read as 8 `Int32` lanes of two counts.
    @inline(__always)
    static func total(_ lanes: L) -> Int {
        let pairs = unsafeBitCast(lanes, to: SIMD8<Int32>.self)
        return Int(((pairs & SIMD8(repeating: 0xFFFF)) &+ (pairs &>> 16)).wrappedSum())
    }
}

extension Int16Lanes {
    /// One SIMD step: the 16 voxels at `values`, those with a zero lane in `fresh` left out.
    /// - Parameters:
    ///   - inside, padding: the same voxels' mask bytes and padding bytes (nil: no padding).
    ///   - bounds: the re-segmentation range as `Int16` lanes (nil: none).
    @inline(__always)
    mutating func step(
        _ values: UnsafePointer<Int16>, _ inside: UnsafePointer<UInt8>, _ padding: UnsafePointer<UInt8>?,
        _ bounds: (low: L, high: L)?, fresh: L
    ) {
        let zero = L(repeating: 0), ones = L(repeating: -1)
        let v = UnsafeRawPointer(values).loadUnaligned(as: L.self)
        var keep = fresh & zero.replacing(with: ones, where: widen(inside) .> zero)
        if let padding {
            let isPadding = keep & zero.replacing(with: ones, where: widen(padding) .> zero)
            padded &-= isPadding
            keep &= ~isPadding
        }
        if let bounds {
            let inRange = zero.replacing(with: ones, where: (v .>= bounds.low) .& (v .<= bounds.high))
            excluded &-= keep & ~inRange
            keep &= inRange
        }
        count &-= keep
        let w = v & keep
        // Widening by shifts of the same bits read as 8 `Int32` lanes (voxel 2i in the low half, 2i + 1
        // in the high half, little-endian): no conversion call, and the order does not matter to a sum.
        let pairs = unsafeBitCast(w, to: SIMD8<Int32>.self)
        let odd = pairs &>> 16, even = (pairs &<< 16) &>> 16
        sum &+= even &+ odd
        // Two squares ≤ 2³⁰ each: their sum is exact read as UInt32 (as Int32 it wraps only for two
        // −32768s); the 8 UInt32 sums are added as the low and high halves of 4 UInt64 lanes.
        let pairSquares = unsafeBitCast(even &* even &+ odd &* odd, to: SIMD4<UInt64>.self)
        squares &+= (pairSquares & SIMD4(repeating: 0xFFFF_FFFF)) &+ (pairSquares &>> 32)
        let candidateMin = w | (~keep & L(repeating: .max))
        minimum = minimum.replacing(with: candidateMin, where: candidateMin .< minimum)
        let candidateMax = w | (~keep & L(repeating: .min))
        maximum = maximum.replacing(with: candidateMax, where: candidateMax .> maximum)
    }
}

/// Sixteen bytes widened to `Int16` lanes. Written lane by lane with the concrete `Int16(UInt8)`
/// conversion, which LLVM turns into one `vpmovzxbw`; the generic `SIMD16(truncatingIfNeeded:)` (and,
/// depending on the inliner, even `SIMD8`'s) stays an out-of-line call in Swift 6.3 release builds.
@inline(__always)
private func widen(_ bytes: UnsafePointer<UInt8>) -> SIMD16<Int16> {
    let b = UnsafeRawPointer(bytes).loadUnaligned(as: SIMD16<UInt8>.self)
    return SIMD16(
        Int16(b[0]), Int16(b[1]), Int16(b[2]), Int16(b[3]), Int16(b[4]), Int16(b[5]), Int16(b[6]), Int16(b[7]),
        Int16(b[8]), Int16(b[9]), Int16(b[10]), Int16(b[11]), Int16(b[12]), Int16(b[13]), Int16(b[14]), Int16(b[15]))
}
