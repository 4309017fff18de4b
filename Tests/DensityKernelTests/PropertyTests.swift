import Testing
import VolumeModel
@testable import DensityKernel

/// The kernel against the scalar reference (`DensityReference`) on randomized volumes and masks:
/// Int16 and Float64 planes, padding, re-segmentation, values outside the histogram's hot window,
/// boxes touching the volume's edges, odd widths (SIMD tails), one voxel and empty ROIs.
@Suite struct PropertyTests {
    /// Names of the statistics on which `a` and `b` disagree: counts, extremes, percentiles and
    /// fractions must be identical; moments agree within 1e-9 (see `close`).
    static func disagreements(_ a: DensityStatistics, _ b: DensityStatistics) -> [String] {
        var bad: [String] = []
        let exact: [(String, KeyPath<DensityStatistics, Double?>)] = [
            ("median", \.median), ("p5", \.p5), ("p10", \.p10), ("p25", \.p25), ("p75", \.p75), ("p90", \.p90),
            ("p95", \.p95), ("iqr", \.interquartileRange), ("min", \.minimum), ("max", \.maximum), ("range", \.range),
            ("fractionLytic", \.fractionLytic), ("fractionIntermediate", \.fractionIntermediate),
            ("fractionSclerotic", \.fractionSclerotic), ("fractionDense", \.fractionDense),
        ]
        for (name, key) in exact where a[keyPath: key] != b[keyPath: key] { bad.append(name) }
        let moments: [(String, KeyPath<DensityStatistics, Double?>)] = [
            ("mean", \.mean), ("sd", \.standardDeviation), ("sdSample", \.sampleStandardDeviation),
            ("skewness", \.skewness), ("kurtosis", \.excessKurtosis), ("mad", \.meanAbsoluteDeviation),
            ("robustMAD", \.robustMeanAbsoluteDeviation), ("medianAD", \.medianAbsoluteDeviation),
            ("cov", \.coefficientOfVariation), ("qcod", \.quartileCoefficientOfDispersion), ("energy", \.energy),
            ("rms", \.rootMeanSquare),
        ]
        for (name, key) in moments where !close(a[keyPath: key], b[keyPath: key]) { bad.append(name) }
        if a.voxelCount != b.voxelCount { bad.append("voxelCount") }
        if a.volumeML != b.volumeML { bad.append("volumeML") }
        if a.voxelsAboveMetalThreshold != b.voxelsAboveMetalThreshold { bad.append("metal") }
        if a.paddingVoxelsExcluded != b.paddingVoxelsExcluded { bad.append("padding") }
        if a.resegmentedVoxelsExcluded != b.resegmentedVoxelsExcluded { bad.append("resegmented") }
        return bad
    }

    /// One random case: a volume, a mask whose box may touch any edge, and options.
    static func randomCase(_ rng: inout SplitMix64, floatPlanes: Bool) -> (HUVolume, LesionMask, DensityOptions) {
        let rows = Int.random(in: 1...9, using: &rng), columns = Int.random(in: 1...41, using: &rng)
        let planeCount = Int.random(in: 1...4, using: &rng)
        let distinct = Bool.random(using: &rng)  // many ties or a wide spread
        var storages: [HUPlane.Storage] = [], paddings: [[UInt8]?] = []
        for _ in 0..<planeCount {
            let n = rows * columns
            if floatPlanes && Bool.random(using: &rng) {
                storages.append(.float64((0..<n).map { _ in (Double.random(in: -1200...3200, using: &rng) * 8).rounded() / 8 }))
            } else {
                storages.append(.int16((0..<n).map { _ in
                    switch Int.random(in: 0..<50, using: &rng) {
                    case 0: return Int16.min
                    case 1: return Int16.max
                    case 2: return Int16.random(in: -9000 ... -4097, using: &rng)
                    case 3: return Int16.random(in: 4096...9000, using: &rng)
                    default: return distinct ? Int16.random(in: -1100...3100, using: &rng) : Int16.random(in: 95...105, using: &rng)
                    }
                }))
            }
            paddings.append(Bool.random(using: &rng) ? (0..<n).map { _ in Int.random(in: 0..<8, using: &rng) == 0 ? 1 : 0 } : nil)
        }
        let volume = Fixtures.volume(rows: rows, columns: columns, planes: storages, padding: paddings)
        func subrange(_ n: Int) -> Range<Int> {
            let lower = Int.random(in: 0..<n, using: &rng)
            return lower..<Int.random(in: (lower + 1)...n, using: &rng)
        }
        let box = VoxelBox(planes: subrange(planeCount), rows: subrange(rows), columns: subrange(columns))
        let densities: [Double] = [0, 0.05, 0.5, 0.95, 1]
        let density = densities[Int.random(in: 0..<densities.count, using: &rng)]
        let insideBytes: [UInt8] = [1, 1, 2, 255]
        let inside = (0..<box.voxelCount).map { _ -> UInt8 in
            guard Double.random(in: 0..<1, using: &rng) < density else { return 0 }
            return insideBytes[Int.random(in: 0..<insideBytes.count, using: &rng)]
        }
        var options = DensityOptions()
        if Int.random(in: 0..<3, using: &rng) == 0 {
            let low = Double.random(in: -1500...500, using: &rng)
            options.resegmentationRange = low...(low + Double.random(in: 0...3000, using: &rng))
        }
        return (volume, Fixtures.mask(box, inside), options)
    }

    @Test(arguments: [false, true])
    func kernelEqualsReference(floatPlanes: Bool) throws {
        var rng = SplitMix64(seed: floatPlanes ? 2 : 1)
        var seen: Set<String> = []  // the situations the generator produced
        for iteration in 0..<400 {
            let (volume, mask, options) = Self.randomCase(&rng, floatPlanes: floatPlanes)
            let kernel = try measureDensity(in: volume, mask: mask, options: options)
            let reference = try DensityReference.measure(in: volume, mask: mask, options: options)
            if kernel.paddingVoxelsExcluded > 0 { seen.insert("padding") }
            if kernel.resegmentedVoxelsExcluded > 0 { seen.insert("resegmented") }
            if kernel.voxelCount == 0 { seen.insert("empty") }
            if kernel.voxelCount == 1 { seen.insert("one voxel") }
            if let lo = kernel.minimum, let hi = kernel.maximum, lo < -4096 || hi > 4095 { seen.insert("outside hot window") }
            if mask.box.columns.count > 16 && mask.box.columns.count % 16 != 0 { seen.insert("SIMD tail") }
            if mask.box.columns.upperBound == volume.geometry.columns && mask.box.rows.lowerBound == 0 { seen.insert("edges") }
            let bad = Self.disagreements(kernel, reference)
            #expect(bad.isEmpty, "case \(iteration): \(bad)")
            if floatPlanes == false {
                #expect(kernel.mean == reference.mean, "integer HU: exact mean, case \(iteration)")
            }
            let moments = try measureMoments(in: volume, mask: mask)
            #expect(moments == (try DensityReference.moments(in: volume, mask: mask)), "moments, case \(iteration)")
        }
        #expect(seen == ["padding", "resegmented", "empty", "one voxel", "outside hot window", "SIMD tail", "edges"])
    }

    /// The histogram's `UInt32` bins flushed after every plane, with one way or the four interleaved
    /// ways of large boxes, give the scalar reference's statistics.
    @Test(arguments: [1, 4])
    func histogramFlushKeepsCountsExact(ways: Int) throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<50 {
            let (volume, mask, options) = Self.randomCase(&rng, floatPlanes: false)
            guard let planes = try? boxPlanes(of: volume, for: mask) else { continue }
            var pass = KernelPass(
                range: options.resegmentationRange, histogram: true,
                flushLimit: mask.box.rows.count * mask.box.columns.count, ways: ways)
            pass.run(volume: volume, mask: mask, planes: planes)
            let reference = try DensityReference.measure(in: volume, mask: mask, options: options)
            #expect(Self.disagreements(pass.statistics(options: options), reference).isEmpty)
        }
    }
}
