import VolumeModel

/// Accumulates the voxels of non-integer-HU (`Double`) planes: a fractional RescaleSlope or
/// RescaleIntercept, which is rare, so this path is scalar.
///
/// Exactness: the values themselves are kept (one `Double` per measured voxel, per ROI, never per
/// scan), so the percentiles come from the sorted values and are exact; ΣX and ΣX² are compensated
/// (Neumaier) sums, accurate to a few units in the last place whatever N, and the centred moments
/// are summed about the mean afterwards.
struct Float64Accumulator {
    /// The measured values, in box order until ``sortedRuns()``.
    private(set) var values: [Double] = []
    private(set) var sum = CompensatedSum()
    private(set) var sumOfSquares = CompensatedSum()
    var padding = 0
    var resegmented = 0

    /// Accumulates one plane's box; returns the number of voxels measured in it.
    mutating func accumulate(
        _ plane: [Double], padding: [UInt8]?, planeColumns: Int, rows: Range<Int>, columns: Range<Int>,
        inside: ArraySlice<UInt8>, range: ClosedRange<Double>?
    ) -> Int {
        var measured = 0
        var m = inside.startIndex
        for r in rows {
            for c in columns {
                defer { m += 1 }
                guard inside[m] != 0 else { continue }
                let i = r * planeColumns + c
                if let padding, padding[i] != 0 { self.padding += 1; continue }
                let v = plane[i]
                if let range, !range.contains(v) { resegmented += 1; continue }
                values.append(v)
                sum.add(v)
                sumOfSquares.add(v * v)
                measured += 1
            }
        }
        return measured
    }

    /// The measured values as ascending runs.
    func sortedRuns() -> ValueRuns {
        var runs = ValueRuns()
        for v in values.sorted() { runs.append(v, count: 1) }
        return runs
    }
}

/// Neumaier's compensated summation (an improved Kahan sum): the error does not grow with N.
struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    var value: Double { sum + compensation }
}
