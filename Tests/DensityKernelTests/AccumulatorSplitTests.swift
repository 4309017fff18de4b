import Testing
import VolumeModel
@testable import DensityKernel

/// `DensityAccumulator` fed plane by plane by several workers, in any order, then merged: the scalar
/// reference's statistics for the ROI and its core, and bit for bit what one pass over the whole
/// volume gives (the property that lets the planes be measured while they are decoded).
@Suite struct AccumulatorSplitTests {
    /// Random volumes (integer and non-integer planes, padding, re-segmentation, values outside the
    /// hot window), a random core (same box, or a box of its own), planes dealt at random to 1–3
    /// workers in a random order; only the non-integer planes are kept for `finish`.
    @Test(arguments: [false, true])
    func splitAndMergedEqualsReference(floatPlanes: Bool) throws {
        var rng = SplitMix64(seed: floatPlanes ? 22 : 21)
        var declined = 0
        for iteration in 0..<200 {
            let (volume, mask, options) = PropertyTests.randomCase(&rng, floatPlanes: floatPlanes)
            let core: LesionMask
            if Bool.random(using: &rng) {
                core = Fixtures.mask(mask.box, mask.inside.map { $0 != 0 && Bool.random(using: &rng) ? 1 : 0 })
            } else {
                let planes = 0..<volume.geometry.planeCount, k = Int.random(in: planes, using: &rng)
                let box = VoxelBox(planes: k..<(k + 1), rows: 0..<volume.geometry.rows, columns: 0..<volume.geometry.columns)
                core = Fixtures.mask(box, (0..<box.voxelCount).map { _ in UInt8.random(in: 0...1, using: &rng) })
            }
            let workers = Int.random(in: 1...3, using: &rng)
            var accumulators = (0..<workers).map { _ in DensityAccumulator(mask: mask, core: core, options: options) }
            var kept = HUVolume(geometry: volume.geometry, planes: [:], singlePlaneExtent: volume.singlePlaneExtent)
            for k in (0..<volume.geometry.planeCount).shuffled(using: &rng) where accumulators[0].touches(plane: k) {
                let plane = volume.planes[k]!
                let w = Int.random(in: 0..<workers, using: &rng)
                let measured = try accumulators[w].add(plane: k, plane)
                if case .float64 = plane.storage {
                    #expect(!measured, "a non-integer plane is declined")
                    kept.planes[k] = plane
                    declined += 1
                } else {
                    #expect(measured)
                }
            }
            var merged = accumulators[0]
            for other in accumulators.dropFirst() { merged.merge(other) }
            let result = try merged.finish(volume: kept)
            let full = try DensityReference.measure(in: volume, mask: mask, options: options)
            let inner = try DensityReference.measure(in: volume, mask: core, options: options)
            #expect(PropertyTests.disagreements(result.full, full).isEmpty, "ROI, case \(iteration)")
            #expect(PropertyTests.disagreements(try #require(result.core), inner).isEmpty, "core, case \(iteration)")
            #expect(result.full == (try measureDensity(in: volume, mask: mask, options: options)), "bit for bit, case \(iteration)")
            #expect(result.core == (try measureDensity(in: volume, mask: core, options: options)), "bit for bit, case \(iteration)")
        }
        #expect((declined > 0) == floatPlanes)
    }

    /// A plane nobody added and `finish`'s volume lacks is named; a plane narrower than the box is
    /// refused when it is added.
    @Test func missingAndNarrowPlanes() throws {
        let volume = Fixtures.volume(rows: 2, columns: 3, planes: [.int16([1, 2, 3, 4, 5, 6]), .int16([7, 8, 9, 10, 11, 12])])
        let mask = Fixtures.fullMask(VoxelBox(planes: 0..<2, rows: 0..<2, columns: 0..<3))
        var accumulator = DensityAccumulator(mask: mask)
        #expect(try accumulator.add(plane: 1, volume.planes[1]!))
        let empty = HUVolume(geometry: volume.geometry, planes: [:])
        #expect(throws: DensityError.planeNotDecoded(plane: 0)) { try accumulator.finish(volume: empty) }
        // Plane 0 from the volume, plane 1 as added: 1 + … + 12 = 78 over 12 voxels.
        #expect(try accumulator.finish(volume: volume).full.mean == 6.5)
        let narrow = HUPlane(rows: 2, columns: 2, storage: .int16([0, 0, 0, 0]), padding: nil)
        #expect(throws: DensityError.boxOutsidePlane(plane: 0, planeRows: 2, planeColumns: 2)) {
            _ = try accumulator.add(plane: 0, narrow)
        }
    }

    /// Histograms whose `UInt32` bins were flushed (1 and 4 ways) merge into exact counts.
    @Test(arguments: [1, 4])
    func mergedFlushedHistograms(ways: Int) throws {
        var rng = SplitMix64(seed: 23)
        for _ in 0..<50 {
            let (volume, mask, options) = PropertyTests.randomCase(&rng, floatPlanes: false)
            guard let planes = try? boxPlanes(of: volume, for: mask) else { continue }
            let limit = mask.box.rows.count * mask.box.columns.count
            var a = KernelPass(range: options.resegmentationRange, histogram: true, flushLimit: limit, ways: ways)
            var b = KernelPass(range: options.resegmentationRange, histogram: true, flushLimit: limit, ways: ways)
            var measured = 0
            for (i, plane) in planes.enumerated() {
                let rows = 0..<mask.box.rows.count
                if i % 2 == 0 { measured += a.accumulate(boxPlane: i, plane, mask: mask, rows: rows) } else {
                    measured += b.accumulate(boxPlane: i, plane, mask: mask, rows: rows)
                }
            }
            a.merge(b)
            let reference = try DensityReference.measure(in: volume, mask: mask, options: options)
            let stats = a.statistics(options: options)
            #expect(Self.sameCounts(stats, reference) && measured == reference.voxelCount)
        }
    }

    /// Counts, extremes and percentiles (what the histogram decides) agree.
    static func sameCounts(_ a: DensityStatistics, _ b: DensityStatistics) -> Bool {
        a.voxelCount == b.voxelCount && a.median == b.median && a.p5 == b.p5 && a.p95 == b.p95
            && a.minimum == b.minimum && a.maximum == b.maximum && a.paddingVoxelsExcluded == b.paddingVoxelsExcluded
            && a.resegmentedVoxelsExcluded == b.resegmentedVoxelsExcluded && a.mean == b.mean
    }
}
