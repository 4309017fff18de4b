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
        let bitsStored = max(1, min(e.bitsStored, 16))
        let shift = max(0, e.highBit - bitsStored + 1)
        let mask: UInt32 = bitsStored >= 32 ? .max : (UInt32(1) << UInt32(bitsStored)) - 1
        let signBit: Int32 = Int32(1) << Int32(bitsStored - 1)
        let signed = e.pixelRepresentation == 1
        let count = rows * columns

        // Stored values as integers.
        var stored = [Int32](repeating: 0, count: count)
        stored.withUnsafeMutableBufferPointer { out in
            words.withUnsafeBufferPointer { w in
                for i in 0..<count {
                    var v = Int32(bitPattern: (UInt32(w[i]) >> UInt32(shift)) & mask)
                    if signed, v & signBit != 0 { v -= signBit << 1 }
                    out[i] = v
                }
            }
        }

        // Padding.
        var padding: [UInt8]?
        if let p = e.pixelPaddingValue {
            let lo = Int32(min(p, e.pixelPaddingRangeLimit ?? p)), hi = Int32(max(p, e.pixelPaddingRangeLimit ?? p))
            var marks = [UInt8](repeating: 0, count: count)
            var any = false
            for i in 0..<count where stored[i] >= lo && stored[i] <= hi {
                marks[i] = 1
                any = true
            }
            if any { padding = marks }
        }

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
