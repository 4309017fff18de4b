import VolumeModel

/// The streaming-read probe: the sum of every `Int16` voxel of the planes a box touches (each plane
/// read start to end), the in-process counterpart of ../shared/bench/membw.c's int16 loop. Four
/// `SIMD8<Int32>` accumulators, flushed to `Int64` per plane, so the loop is bound by memory, not by
/// a dependency chain.
public func streamingSum(_ volume: HUVolume, planes: Range<Int>) -> Int64 {
    var total: Int64 = 0
    for k in planes {
        guard let plane = volume.planes[k], case .int16(let values) = plane.storage else { continue }
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var a0 = SIMD8<Int32>(), a1 = SIMD8<Int32>(), a2 = SIMD8<Int32>(), a3 = SIMD8<Int32>()
            var i = 0
            let n = buffer.count
            while i + 32 <= n {
                a0 &+= SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 2 * i, as: SIMD8<Int16>.self))
                a1 &+= SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 2 * i + 16, as: SIMD8<Int16>.self))
                a2 &+= SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 2 * i + 32, as: SIMD8<Int16>.self))
                a3 &+= SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: 2 * i + 48, as: SIMD8<Int16>.self))
                i += 32
            }
            var sum = SIMD8<Int64>(truncatingIfNeeded: a0).wrappedSum() + SIMD8<Int64>(truncatingIfNeeded: a1).wrappedSum()
                + SIMD8<Int64>(truncatingIfNeeded: a2).wrappedSum() + SIMD8<Int64>(truncatingIfNeeded: a3).wrappedSum()
            while i < n { sum += Int64(buffer[i]); i += 1 }
            total += sum
        }
    }
    return total
}

/// The full statistics' hot loop written naturally (a branch on the mask, count/sum/sum of squares/
/// min/max and a 1-HU histogram increment per voxel), like density_ref.c's `k_scalar_branchy`: the
/// scalar counterpart of the whole kernel for the benchmark ratio on large masks, where the
/// sorting reference (`DensityReference.measure`) would measure the sort.
/// Returns (count, ΣX, ΣX², min, max); `histogram` holds 65536 bins (value + 32768) afterwards.
public func naturalScalarPass(_ volume: HUVolume, mask: LesionMask, histogram: inout [Int64]) -> (
    count: Int, sum: Int64, squares: Int64, min: Int16, max: Int16
) {
    if histogram.count != 65536 { histogram = [Int64](repeating: 0, count: 65536) }
    var count = 0, sum: Int64 = 0, squares: Int64 = 0, lo = Int16.max, hi = Int16.min
    let box = mask.box
    var m = 0
    for k in box.planes {
        guard let plane = volume.planes[k], case .int16(let values) = plane.storage else { continue }
        for r in box.rows {
            let first = r * plane.columns + box.columns.lowerBound
            for c in 0..<box.columns.count {
                if mask.inside[m + c] != 0 {
                    let v = values[first + c]
                    count += 1
                    sum += Int64(v)
                    squares += Int64(v) * Int64(v)
                    lo = min(lo, v)
                    hi = max(hi, v)
                    histogram[Int(v) + 32768] += 1
                }
            }
            m += box.columns.count
        }
    }
    return (count, sum, squares, lo, hi)
}
