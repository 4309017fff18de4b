import VolumeModel

/// The density statistics of an ROI (and optionally its core ROI) accumulated plane by plane, so that
/// a plane can be measured the moment it is decoded, while its HU are still in the cache, and then
/// dropped: memory for a whole-series ROI stays at a few planes, and the kernel overlaps the reading
/// of the other planes (issue 16, step 2). ``measureDensity(in:mask:options:)`` and
/// ``measureDensity(in:mask:core:options:)`` are this accumulator with every plane taken from a volume.
///
/// Usage: one accumulator per worker (`init`), ``add(plane:_:)`` for each integer-HU plane the worker
/// decodes (any order, each plane once over all workers), ``merge(_:)`` the workers' accumulators,
/// then ``finish(volume:)`` with a volume that holds every plane of the box nobody added (in
/// particular the non-integer-HU planes, which ``add(plane:_:)`` declines).
///
/// Exactness: integer-HU planes add to exact integer sums and an exact 1-HU histogram, so order and
/// splitting do not change a bit; non-integer-HU planes are measured in ``finish(volume:)`` in plane
/// order, and the volume is summed in plane order, exactly as one pass over the planes would. The
/// result equals ``measureDensity(in:mask:options:)`` on the whole volume bit for bit (tested).
///
/// Cache use (the ROI + core form): when the core ROI keeps its ROI's bounding box (``LesionROI``'s
/// erosion does), each plane is visited in chunks of rows (about 16 Ki voxels, 32 KiB of HU),
/// measured for the ROI and then for the core while its HU are still in the L1/L2 cache. Masks with
/// different boxes are measured one after the other.
public struct DensityAccumulator: Sendable {
    public let mask: LesionMask
    public let core: LesionMask?
    public let options: DensityOptions
    private var full: KernelPass
    private var inner: KernelPass?
    /// Voxels measured in each box plane of `mask` (nil: not added yet).
    private var measuredFull: [Int?]
    /// Voxels measured in each box plane of `core`.
    private var measuredCore: [Int?]

    /// - Parameters:
    ///   - mask: the ROI. `core`: its core ROI (any mask; normally within `mask`), or nil.
    ///   - options: HU bands, metal threshold, re-segmentation range (Docs/Outputs.md defaults).
    public init(mask: LesionMask, core: LesionMask? = nil, options: DensityOptions = .init()) {
        self.mask = mask
        self.core = core
        self.options = options
        full = KernelPass(range: options.resegmentationRange, histogram: true,
                          ways: HUHistogram.ways(forBoxVoxels: mask.box.voxelCount))
        inner = core.map {
            KernelPass(range: options.resegmentationRange, histogram: true, ways: HUHistogram.ways(forBoxVoxels: $0.box.voxelCount))
        }
        measuredFull = Array(repeating: nil, count: mask.box.planes.count)
        measuredCore = Array(repeating: nil, count: core?.box.planes.count ?? 0)
    }

    /// Whether volume plane `k` lies in the box of the ROI or of its core.
    public func touches(plane k: Int) -> Bool {
        mask.box.planes.contains(k) || (core?.box.planes.contains(k) ?? false)
    }

    /// Measures volume plane `k` if it holds integer HU; a plane outside both boxes is ignored.
    /// - Returns: false, with nothing measured, for a non-integer-HU (`Double`) plane: keep it for
    ///   ``finish(volume:)``.
    /// - Throws: ``DensityError`` when the plane is smaller than the box or malformed.
    /// - Precondition: the plane was not added before (to this or to a merged accumulator).
    public mutating func add(plane k: Int, _ plane: HUPlane) throws(DensityError) -> Bool {
        guard case .int16 = plane.storage else { return false }
        let i = k - mask.box.planes.lowerBound
        let inFull = mask.box.planes.contains(k)
        let c = core.map { k - $0.box.planes.lowerBound }
        let inCore = core.map { $0.box.planes.contains(k) } ?? false
        if inFull { try checkPlane(plane, k, mask.box); precondition(measuredFull[i] == nil, "plane \(k) added twice") }
        if inCore, let core, let c { try checkPlane(plane, k, core.box); precondition(measuredCore[c] == nil, "plane \(k) added twice") }
        if inFull, inCore, let core, core.box == mask.box {
            var mf = 0, mc = 0
            let rowCount = mask.box.rows.count
            let chunkRows = Swift.max(1, chunkVoxels / Swift.max(1, mask.box.columns.count))
            var start = 0
            while start < rowCount {
                let rows = start..<Swift.min(rowCount, start + chunkRows)
                mf += full.accumulate(boxPlane: i, plane, mask: mask, rows: rows)
                mc += inner!.accumulate(boxPlane: i, plane, mask: core, rows: rows)
                start = rows.upperBound
            }
            measuredFull[i] = mf
            measuredCore[i] = mc
            return true
        }
        if inFull { measuredFull[i] = full.accumulate(boxPlane: i, plane, mask: mask, rows: 0..<mask.box.rows.count) }
        if inCore, let core, let c { measuredCore[c] = inner!.accumulate(boxPlane: c, plane, mask: core, rows: 0..<core.box.rows.count) }
        return true
    }

    /// Adds what `other` (an accumulator of the same masks and options, fed other planes) measured.
    public mutating func merge(_ other: DensityAccumulator) {
        precondition(other.mask.box == mask.box && other.measuredCore.count == measuredCore.count, "accumulators of the same ROI")
        full.merge(other.full)
        if let o = other.inner { inner?.merge(o) }
        for (i, m) in other.measuredFull.enumerated() where m != nil {
            precondition(measuredFull[i] == nil, "plane added twice")
            measuredFull[i] = m
        }
        for (i, m) in other.measuredCore.enumerated() where m != nil {
            precondition(measuredCore[i] == nil, "plane added twice")
            measuredCore[i] = m
        }
    }

    /// Measures the box planes not added yet from `volume` (in plane order), then derives the
    /// statistics (volume summed in plane order with `volume`'s voxel volumes).
    /// - Returns: Docs/Outputs.md's STATS of the ROI (`full`) and of the core ROI (`core`, nil
    ///   without one).
    /// - Throws: ``DensityError/planeNotDecoded(plane:)`` for the first plane neither added nor in
    ///   `volume`, or as ``add(plane:_:)`` does.
    public func finish(volume: HUVolume) throws(DensityError) -> (full: DensityStatistics, core: DensityStatistics?) {
        var pass = full
        let fullStats = try Self.finish(&pass, measured: measuredFull, mask: mask, volume: volume, options: options)
        guard let core, var innerPass = inner else { return (fullStats, nil) }
        return (fullStats, try Self.finish(&innerPass, measured: measuredCore, mask: core, volume: volume, options: options))
    }

    private static func finish(
        _ pass: inout KernelPass, measured: [Int?], mask: LesionMask, volume: HUVolume, options: DensityOptions
    ) throws(DensityError) -> DensityStatistics {
        var measured = measured
        for (i, k) in mask.box.planes.enumerated() where measured[i] == nil {
            guard let plane = volume.planes[k] else { throw .planeNotDecoded(plane: k) }
            try checkPlane(plane, k, mask.box)
            measured[i] = pass.accumulate(boxPlane: i, plane, mask: mask, rows: 0..<mask.box.rows.count)
        }
        for (i, m) in measured.enumerated() {
            pass.addVolume(measured: m!, boxPlane: i, volume: volume, box: mask.box)
        }
        return pass.statistics(options: options)
    }
}

/// Voxels per chunk of the ROI + core form: 32 KiB of `Int16` HU plus 16 KiB of each mask, which
/// stay in the (1 MiB) L2 cache between the two passes.
private let chunkVoxels = 16 * 1024

/// Measures an ROI and its core ROI (the ROI eroded, `LesionROI`'s `coreROI`) together: the same
/// statistics as two calls of ``measureDensity(in:mask:options:)``, equal bit for bit, in one pass
/// over the HU (see ``DensityAccumulator`` for the chunked visit).
///
/// - Parameters:
///   - volume: the HU volume; every plane in `mask.box.planes` and `core.box.planes` must be decoded.
///   - mask: the ROI. `core`: its core ROI (any mask; normally within `mask`).
///   - options: as for ``measureDensity(in:mask:options:)``, applied to both.
/// - Returns: Docs/Outputs.md's STATS of the ROI (`full`) and of the core ROI (`core`).
/// - Throws: ``DensityError`` as ``measureDensity(in:mask:options:)`` does.
public func measureDensity(
    in volume: HUVolume, mask: LesionMask, core: LesionMask, options: DensityOptions = .init()
) throws(DensityError) -> (full: DensityStatistics, core: DensityStatistics) {
    var accumulator = DensityAccumulator(mask: mask, core: core, options: options)
    let first = Swift.min(mask.box.planes.lowerBound, core.box.planes.lowerBound)
    let end = Swift.max(mask.box.planes.upperBound, core.box.planes.upperBound)
    for k in first..<Swift.max(first, end) where accumulator.touches(plane: k) {
        guard let plane = volume.planes[k] else { throw .planeNotDecoded(plane: k) }
        _ = try accumulator.add(plane: k, plane)
    }
    let both = try accumulator.finish(volume: volume)
    return (both.full, both.core!)
}
