import VolumeModel

/// Stored pixel words → Hounsfield units for one plane.
///
/// 1. The stored value occupies bits `HighBit − BitsStored + 1 … HighBit` of each word
///    (PS3.5 §8.1.1); other bits may hold anything and are masked off.
/// 2. With PixelRepresentation 1 the value is two's complement in BitsStored bits and is
///    sign-extended from bit `BitsStored − 1` (PS3.3 C.7.6.3.1).
/// 3. Padding: a stored value equal to PixelPaddingValue, or within the inclusive range it forms
///    with PixelPaddingRangeLimit, is not tissue (PS3.3 C.7.5.1.1.2); it is marked, not converted
///    into tissue.
/// 4. HU = stored × RescaleSlope + RescaleIntercept (Modality LUT, PS3.3 C.11.1.1.2), computed in
///    floating point when slope or intercept is not an integer. PhotometricInterpretation
///    MONOCHROME1 only inverts the display (PS3.3 C.7.6.3.1.2) and does not change HU.
enum ModalityTransform {
    /// Converts `words` (Rows × Columns stored words) to an ``HUPlane``.
    static func huPlane(words: [UInt16], rows: Int, columns: Int, encoding e: PixelEncoding) -> HUPlane {
        words.withUnsafeBufferPointer { huPlane(words: $0, rows: rows, columns: columns, encoding: e) }
    }

    /// Converts `words` (at least Rows × Columns stored words, e.g. DCMTK's own pixel buffer) to an
    /// ``HUPlane``.
    static func huPlane(words: UnsafeBufferPointer<UInt16>, rows: Int, columns: Int, encoding e: PixelEncoding) -> HUPlane {
        precondition(words.count >= rows * columns, "fewer stored words than Rows × Columns")
        return integerPlane(words, rows: rows, columns: columns, encoding: e)
            ?? generalPlane(words, rows: rows, columns: columns, encoding: e)
    }

    /// Masking, sign extension and the bit position of the stored value (steps 1–2).
    private struct StoredValue {
        let shift: UInt32
        let mask: UInt32
        /// The sign bit for PixelRepresentation 1, 0 for unsigned values.
        let signBit: Int32

        init(_ e: PixelEncoding) {
            let bitsStored = max(1, min(e.bitsStored, 16))
            // A shift of 16 or more leaves nothing of a 16-bit word: 16 gives that with the masking shift.
            shift = UInt32(min(16, max(0, e.highBit - bitsStored + 1)))
            mask = (UInt32(1) << UInt32(bitsStored)) - 1
            signBit = e.pixelRepresentation == 1 ? Int32(1) << Int32(bitsStored - 1) : 0
        }

        /// The stored value of `word`, branch-free: `(v ^ s) − s` sign-extends v from the sign bit s
        /// (and leaves v alone when s = 0). The masking shift `&>>` (shift < 32 here) keeps the loops
        /// that call this vectorisable; the checked `>>` does not.
        @inline(__always)
        func callAsFunction(_ word: UInt16) -> Int32 {
            let v = Int32(truncatingIfNeeded: (UInt32(word) &>> shift) & mask)
            return (v ^ signBit) &- signBit
        }
    }

    /// The common case in one pass: integer slope and intercept (HU = stored × slope + intercept
    /// exactly in `Int32`), every value within `Int16`. Returns nil when a value falls outside
    /// `Int16` (then ``generalPlane`` decides, clamping padding), or when slope or intercept is not
    /// such an integer.
    private static func integerPlane(_ words: UnsafeBufferPointer<UInt16>, rows: Int, columns: Int, encoding e: PixelEncoding) -> HUPlane? {
        let slope = e.rescaleSlope, intercept = e.rescaleIntercept
        // |stored| ≤ 65535, so |stored × slope + intercept| < 2³¹ whenever this holds.
        guard slope == slope.rounded(), intercept == intercept.rounded(),
              abs(slope) * 65536 + abs(intercept) < 2_147_483_648 else { return nil }
        let s = Int32(slope), b = Int32(intercept)
        let stored = StoredValue(e)
        let count = rows * columns
        var lo = Int32.max, hi = Int32.min
        let values = [Int16](unsafeUninitializedCapacity: count) { out, initialized in
            // Local extremes (not the captured ones, which the optimiser cannot keep in registers
            // beside the stores to `out`), so that the loop vectorises.
            var l = Int32.max, h = Int32.min
            for i in 0..<count {
                let hu = stored(words[i]) &* s &+ b
                l = min(l, hu)
                h = max(h, hu)
                out[i] = Int16(truncatingIfNeeded: hu)
            }
            lo = l
            hi = h
            initialized = count
        }
        guard count == 0 || (lo >= Int32(Int16.min) && hi <= Int32(Int16.max)) else { return nil }
        return HUPlane(rows: rows, columns: columns, storage: .int16(values), padding: paddingMarks(words, count: count, encoding: e))
    }

    /// Step 3: one byte per voxel, 1 for padding; nil when there is no padding attribute or no
    /// padding voxel.
    private static func paddingMarks(_ words: UnsafeBufferPointer<UInt16>, count: Int, encoding e: PixelEncoding) -> [UInt8]? {
        guard let p = e.pixelPaddingValue else { return nil }
        let limit = e.pixelPaddingRangeLimit ?? p
        // Stored values lie within ±65535: a bound beyond that range cannot be met anyway.
        let lo = Int32(clamping: min(p, limit)), hi = Int32(clamping: max(p, limit))
        let stored = StoredValue(e)
        var any: UInt8 = 0
        let marks = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            var seen: UInt8 = 0
            for i in 0..<count {
                let v = stored(words[i])
                let mark: UInt8 = v >= lo && v <= hi ? 1 : 0
                seen |= mark
                out[i] = mark
            }
            any = seen
            initialized = count
        }
        return any != 0 ? marks : nil
    }

    /// Every other case: non-integer slope or intercept (Double HU), or values beyond `Int16` (padding
    /// clamped; anything else makes the plane Double).
    private static func generalPlane(_ words: UnsafeBufferPointer<UInt16>, rows: Int, columns: Int, encoding e: PixelEncoding) -> HUPlane {
        let storedValue = StoredValue(e)
        let count = rows * columns
        let stored = (0..<count).map { storedValue(words[$0]) }
        let padding = paddingMarks(words, count: count, encoding: e)

        // Rescale.
        let slope = e.rescaleSlope, intercept = e.rescaleIntercept
        if slope == slope.rounded(), intercept == intercept.rounded(), abs(slope) <= 65536, abs(intercept) <= 1_073_741_824 {
            let s = Int64(slope), b = Int64(intercept)
            var values = [Int16](repeating: 0, count: count)
            var fits = true
            values.withUnsafeMutableBufferPointer { out in
                for i in 0..<count {
                    let hu = Int64(stored[i]) * s + b
                    if hu < Int64(Int16.min) || hu > Int64(Int16.max) {
                        // Only padding may fall outside; clamp it (it is excluded anyway).
                        if padding?[i] == 1 { out[i] = hu < 0 ? Int16.min : Int16.max; continue }
                        fits = false
                        break
                    }
                    out[i] = Int16(hu)
                }
            }
            if fits { return HUPlane(rows: rows, columns: columns, storage: .int16(values), padding: padding) }
        }
        let values = stored.map { Double($0) * slope + intercept }
        return HUPlane(rows: rows, columns: columns, storage: .float64(values), padding: padding)
    }
}
