import VolumeModel

/// Measures an ROI and its core ROI (the ROI eroded, `LesionROI`'s `coreROI`) together: the same
/// statistics as two calls of ``measureDensity(in:mask:options:)``, equal bit for bit, in one pass
/// over the HU.
///
/// When both masks have the same bounding box (the core ROI keeps its ROI's box), the box is visited
/// in chunks of rows (about 16 Ki voxels, 32 KiB of HU): each chunk is measured for the ROI, then
/// for the core while its HU are still in the L1/L2 cache, so the volume is read from memory once
/// instead of twice. Issue 16: for a whole-volume ROI the second pass read the HU from memory again;
/// for a lesion-sized ROI, whose box fits in the cache, both forms cost the same. Masks with
/// different boxes are measured one after the other.
///
/// - Parameters:
///   - volume: the HU volume; every plane in `mask.box.planes` must be decoded.
///   - mask: the ROI. `core`: its core ROI (any mask; normally within `mask`).
///   - options: as for ``measureDensity(in:mask:options:)``, applied to both.
/// - Returns: Docs/Outputs.md's STATS of the ROI (`full`) and of the core ROI (`core`).
/// - Throws: ``DensityError`` as ``measureDensity(in:mask:options:)`` does.
public func measureDensity(
    in volume: HUVolume, mask: LesionMask, core: LesionMask, options: DensityOptions = .init()
) throws(DensityError) -> (full: DensityStatistics, core: DensityStatistics) {
    guard core.box == mask.box else {
        return (try measureDensity(in: volume, mask: mask, options: options),
                try measureDensity(in: volume, mask: core, options: options))
    }
    let planes = try boxPlanes(of: volume, for: mask)
    let box = mask.box
    let ways = HUHistogram.ways(forBoxVoxels: box.voxelCount)
    var full = KernelPass(range: options.resegmentationRange, histogram: true, ways: ways)
    var inner = KernelPass(range: options.resegmentationRange, histogram: true, ways: ways)
    let rowCount = box.rows.count
    let chunkRows = Swift.max(1, chunkVoxels / Swift.max(1, box.columns.count))
    for (i, plane) in planes.enumerated() {
        var measuredFull = 0, measuredCore = 0
        var rows = 0..<0
        while rows.upperBound < rowCount {
            if case .float64 = plane.storage {
                rows = 0..<rowCount
            } else {
                rows = rows.upperBound..<Swift.min(rowCount, rows.upperBound + chunkRows)
            }
            measuredFull += full.accumulate(boxPlane: i, plane, mask: mask, rows: rows)
            measuredCore += inner.accumulate(boxPlane: i, plane, mask: core, rows: rows)
        }
        full.addVolume(measured: measuredFull, boxPlane: i, volume: volume, box: box)
        inner.addVolume(measured: measuredCore, boxPlane: i, volume: volume, box: box)
    }
    return (full.statistics(options: options), inner.statistics(options: options))
}

/// Voxels per chunk of ``measureDensity(in:mask:core:options:)``: 32 KiB of `Int16` HU plus 16 KiB
/// of each mask, which stay in the (1 MiB) L2 cache between the two passes.
private let chunkVoxels = 16 * 1024
