import VolumeModel

/// The scalar reference implementation: the same statistics as ``measureDensity(in:mask:options:)``
/// written the plainest way (a voxel loop, every measured value collected and sorted, textbook
/// formulas on the sorted array). It shares no code with the kernel beyond the input checks, so
/// tests and the CI gate (Benchmarks/density-gate) compare the two: equal bit for bit on counts,
/// extremes, percentiles and band fractions of integer HU, within 1e-9 relative on moments.
public enum DensityReference {
    /// The statistics of `mask` on `volume`, computed from the sorted measured values.
    public static func measure(
        in volume: HUVolume, mask: LesionMask, options: DensityOptions = .init()
    ) throws(DensityError) -> DensityStatistics {
        let planes = try boxPlanes(of: volume, for: mask)
        var values: [Double] = []
        var integerSum: Int64 = 0, integerSquares: Int64 = 0, otherSum = 0.0, otherSquares = 0.0
        var padding = 0, resegmented = 0, volumeMM3 = 0.0
        let box = mask.box
        var m = 0
        for (i, plane) in planes.enumerated() {
            var inPlane = 0
            for r in box.rows {
                for c in box.columns {
                    defer { m += 1 }
                    if mask.inside[m] == 0 { continue }
                    if plane.isPadding(row: r, column: c) { padding += 1; continue }
                    let v = plane.hu(row: r, column: c)
                    if let range = options.resegmentationRange, v < range.lowerBound || v > range.upperBound {
                        resegmented += 1
                        continue
                    }
                    values.append(v)
                    inPlane += 1
                    if case .int16 = plane.storage {
                        integerSum += Int64(v)
                        integerSquares += Int64(v) * Int64(v)
                    } else {
                        otherSum += v
                        otherSquares += v * v
                    }
                }
            }
            volumeMM3 += Double(inPlane) * volume.voxelVolumeMM3(plane: box.planes.lowerBound + i)
        }
        guard !values.isEmpty else {
            return .empty(paddingVoxelsExcluded: padding, resegmentedVoxelsExcluded: resegmented)
        }
        values.sort()
        let n = Double(values.count)
        let mean = (Double(integerSum) + otherSum) / n
        let flat = values[0] == values[values.count - 1]
        var m2 = 0.0, m3 = 0.0, m4 = 0.0, absMean = 0.0
        for v in values {
            let d = v - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
            absMean += abs(d)
        }
        if flat { m2 = 0 }
        m2 /= n; m3 /= n; m4 /= n
        let sd = m2.squareRoot()
        let median = percentile(values, 0.5)
        let p10 = percentile(values, 0.10), p25 = percentile(values, 0.25)
        let p75 = percentile(values, 0.75), p90 = percentile(values, 0.90)
        let robust = values.filter { $0 >= p10 && $0 <= p90 }
        let robustMean = robust.reduce(0, +) / Double(robust.count)
        let energy = Double(integerSquares) + otherSquares
        let lytic = values.filter { $0 < options.lyticBelow }.count
        let sclerotic = values.filter { $0 > options.scleroticAbove }.count
        return DensityStatistics(
            voxelCount: values.count, volumeML: volumeMM3 / 1000, mean: mean, standardDeviation: sd,
            sampleStandardDeviation: values.count > 1 ? (m2 * n / (n - 1)).squareRoot() : nil,
            median: median, p5: percentile(values, 0.05), p10: p10, p25: p25, p75: p75, p90: p90,
            p95: percentile(values, 0.95), interquartileRange: p75 - p25,
            minimum: values[0], maximum: values[values.count - 1], range: values[values.count - 1] - values[0],
            skewness: flat ? nil : m3 / (m2 * sd), excessKurtosis: flat ? nil : m4 / (m2 * m2) - 3,
            meanAbsoluteDeviation: absMean / n,
            robustMeanAbsoluteDeviation: robust.isEmpty
                ? nil : robust.reduce(0) { $0 + abs($1 - robustMean) } / Double(robust.count),
            medianAbsoluteDeviation: values.reduce(0) { $0 + abs($1 - median) } / n,
            coefficientOfVariation: mean == 0 ? nil : sd / mean,
            quartileCoefficientOfDispersion: p75 + p25 == 0 ? nil : (p75 - p25) / (p75 + p25),
            energy: energy, rootMeanSquare: (energy / n).squareRoot(),
            fractionLytic: Double(lytic) / n, fractionIntermediate: Double(values.count - lytic - sclerotic) / n,
            fractionSclerotic: Double(sclerotic) / n,
            fractionDense: Double(values.filter { $0 >= options.denseFrom }.count) / n,
            voxelsAboveMetalThreshold: values.filter { $0 > options.metalAbove }.count,
            paddingVoxelsExcluded: padding, resegmentedVoxelsExcluded: resegmented)
    }

    /// Count, ΣX, ΣX², min and max of the ROI voxels that are not padding, in a plain scalar loop
    /// over the box (the scalar side of the benchmark ratio for ``measureMoments(in:mask:)``).
    public static func moments(in volume: HUVolume, mask: LesionMask) throws(DensityError) -> DensityMoments {
        let planes = try boxPlanes(of: volume, for: mask)
        var count = 0, paddingCount = 0
        var integerSum: Int64 = 0, integerSquares: Int64 = 0, otherSum = 0.0, otherSquares = 0.0
        var minimum = Double.infinity, maximum = -Double.infinity
        let box = mask.box, inside = mask.inside
        var m = 0
        for plane in planes {
            let padding = plane.padding ?? []
            for r in box.rows {
                let first = r * plane.columns + box.columns.lowerBound
                switch plane.storage {
                case .int16(let values):
                    for c in 0..<box.columns.count where inside[m + c] != 0 {
                        if !padding.isEmpty && padding[first + c] != 0 { paddingCount += 1; continue }
                        let v = Int64(values[first + c])
                        count += 1
                        integerSum += v
                        integerSquares += v * v
                        minimum = Swift.min(minimum, Double(v))
                        maximum = Swift.max(maximum, Double(v))
                    }
                case .float64(let values):
                    for c in 0..<box.columns.count where inside[m + c] != 0 {
                        if !padding.isEmpty && padding[first + c] != 0 { paddingCount += 1; continue }
                        let v = values[first + c]
                        count += 1
                        otherSum += v
                        otherSquares += v * v
                        minimum = Swift.min(minimum, v)
                        maximum = Swift.max(maximum, v)
                    }
                }
                m += box.columns.count
            }
        }
        return DensityMoments(
            count: count, sum: Double(integerSum) + otherSum, sumOfSquares: Double(integerSquares) + otherSquares,
            minimum: count > 0 ? minimum : nil, maximum: count > 0 ? maximum : nil,
            paddingVoxelsExcluded: paddingCount)
    }

    /// Type-7 percentile of ascending `sorted`: h = (N − 1)·p, X₍⌊h⌋₎ + (h − ⌊h⌋)·(X₍⌊h⌋+1₎ − X₍⌊h⌋₎).
    private static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lower = Int(h.rounded(.down))
        guard lower + 1 < sorted.count else { return sorted[lower] }
        return sorted[lower] + (h - Double(lower)) * (sorted[lower + 1] - sorted[lower])
    }
}
