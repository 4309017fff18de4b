import VolumeModel

/// Measures the density statistics of one ROI on one CT volume.
///
/// One pass over the mask's bounding box (`mask.box`, plane by plane, row by row): cost grows with the
/// ROI, never with the scan, and only the planes the box touches need to be decoded. Integer-HU
/// (`Int16`) planes go through the SIMD kernel (count, ΣX, ΣX², min, max) and an exact 1-HU
/// histogram; non-integer-HU (`Double`) planes keep their values (see `Float64Accumulator`); a volume
/// may mix both. Padding voxels (`HUPlane.padding`) and voxels outside
/// ``DensityOptions/resegmentationRange`` are excluded and counted.
///
/// - Parameters:
///   - volume: the HU volume; every plane in `mask.box.planes` must be decoded.
///   - mask: the ROI (bounding box + one byte per box voxel, non-zero = inside).
///   - options: HU bands, metal threshold, re-segmentation range (Docs/Outputs.md defaults).
/// - Returns: Docs/Outputs.md's STATS without `core` (see ``DensityStatistics`` for every definition).
/// - Throws: ``DensityError`` when a plane of the box is missing or smaller than the box.
public func measureDensity(
    in volume: HUVolume, mask: LesionMask, options: DensityOptions = .init()
) throws(DensityError) -> DensityStatistics {
    try DensityAccumulator(mask: mask, options: options).finish(volume: volume).full
}

/// The moments pass alone (count, ΣX, ΣX², min, max; padding excluded and counted, no histogram,
/// no re-segmentation): the part of ``measureDensity(in:mask:options:)`` that performance.md's
/// goal G1 compares with a streaming read. Same SIMD loop, same exclusions.
public func measureMoments(in volume: HUVolume, mask: LesionMask) throws(DensityError) -> DensityMoments {
    let planes = try boxPlanes(of: volume, for: mask)
    var pass = KernelPass(range: nil, histogram: false)
    pass.run(volume: volume, mask: mask, planes: planes)
    return pass.moments
}

/// The planes of `mask.box` in box order, checked against the box.
func boxPlanes(of volume: HUVolume, for mask: LesionMask) throws(DensityError) -> [HUPlane] {
    var planes: [HUPlane] = []
    for k in mask.box.planes {
        guard let plane = volume.planes[k] else { throw .planeNotDecoded(plane: k) }
        try checkPlane(plane, k, mask.box)
        planes.append(plane)
    }
    return planes
}

/// Checks that plane `k` holds `rows × columns` values (and padding marks) and contains the box's
/// rows and columns.
func checkPlane(_ plane: HUPlane, _ k: Int, _ box: VoxelBox) throws(DensityError) {
    let voxels = plane.rows * plane.columns
    let count: Int
    switch plane.storage {
    case .int16(let v): count = v.count
    case .float64(let v): count = v.count
    }
    guard count == voxels, plane.padding.map({ $0.count == voxels }) ?? true else {
        throw .malformedPlane(plane: k)
    }
    guard box.rows.lowerBound >= 0, box.rows.upperBound <= plane.rows,
        box.columns.lowerBound >= 0, box.columns.upperBound <= plane.columns
    else { throw .boxOutsidePlane(plane: k, planeRows: plane.rows, planeColumns: plane.columns) }
}

/// The integer HU a real re-segmentation range keeps: ⌈low⌉ … ⌊high⌋ (a range no `Int16` meets
/// when that is empty).
func integerBounds(_ range: ClosedRange<Double>) -> ClosedRange<Int32> {
    let low = Swift.max(range.lowerBound.rounded(.up), -40_000)
    let high = Swift.min(range.upperBound.rounded(.down), 40_000)
    guard low <= high else { return 40_000...40_000 }
    return Int32(low)...Int32(high)
}

/// The accumulators of one kernel run over a box.
struct KernelPass {
    let range: ClosedRange<Double>?
    let withHistogram: Bool
    var ints = Int16Accumulator()
    var floats = Float64Accumulator()
    var histogram: HUHistogram
    var volumeMM3 = 0.0

    init(range: ClosedRange<Double>?, histogram: Bool, flushLimit: Int = Int(UInt32.max), ways: Int = 1) {
        self.range = range
        withHistogram = histogram
        self.histogram = HUHistogram(flushLimit: flushLimit, ways: histogram ? ways : 1)
    }

    mutating func run(volume: HUVolume, mask: LesionMask, planes: [HUPlane]) {
        for (i, plane) in planes.enumerated() {
            let measured = accumulate(boxPlane: i, plane, mask: mask, rows: 0..<mask.box.rows.count)
            addVolume(measured: measured, boxPlane: i, volume: volume, box: mask.box)
        }
    }

    /// Accumulates the box rows `rows` (0-based within the box) of box plane `i`; returns the voxels
    /// measured. A non-integer-HU plane is always measured whole (`rows` must then be every row).
    mutating func accumulate(boxPlane i: Int, _ plane: HUPlane, mask: LesionMask, rows: Range<Int>) -> Int {
        let box = mask.box
        switch plane.storage {
        case .int16(let values):
            histogram.reserve(rows.count * box.columns.count)
            let intRange = range.map(integerBounds)
            return withInt16Rows(values, plane, box, mask.inside, boxPlane: i, rows: rows) { planeRows in
                histogram.hot.withUnsafeMutableBufferPointer { hot in
                    DensityKernel.accumulate(
                        planeRows, range: intRange, into: &ints, hot: withHistogram ? hot.baseAddress : nil,
                        wayStride: histogram.ways == 4 ? HUHistogram.hotCount : 0, outside: &histogram.outside)
                }
            }
        case .float64(let values):
            precondition(rows == 0..<box.rows.count, "a non-integer-HU plane is measured whole")
            let boxPlaneVoxels = box.rows.count * box.columns.count
            let start = i * boxPlaneVoxels
            return floats.accumulate(
                values, padding: plane.padding, planeColumns: plane.columns, rows: box.rows,
                columns: box.columns, inside: mask.inside[start..<(start + boxPlaneVoxels)], range: range)
        }
    }

    /// Adds what `other` (a pass with the same range and histogram setting, over other planes) counted.
    /// Integer sums and histogram counts only: the non-integer-HU values are kept in plane order by
    /// measuring those planes in one pass (``DensityAccumulator``), never merged.
    mutating func merge(_ other: KernelPass) {
        precondition(other.floats.values.isEmpty && other.volumeMM3 == 0, "only integer counts are merged")
        ints.merge(other.ints)
        histogram.merge(other.histogram)
    }

    /// Adds the volume of `measured` voxels of box plane `i` (once per plane, so the volume's sum is
    /// formed in the same order however the plane's rows were visited).
    mutating func addVolume(measured: Int, boxPlane i: Int, volume: HUVolume, box: VoxelBox) {
        volumeMM3 += Double(measured) * volume.voxelVolumeMM3(plane: box.planes.lowerBound + i)
    }

    var moments: DensityMoments {
        let values = floats.values
        var minimum = ints.count > 0 ? Double(ints.minimum) : nil
        var maximum = ints.count > 0 ? Double(ints.maximum) : nil
        if let lo = values.min(), let hi = values.max() {
            minimum = Swift.min(minimum ?? lo, lo)
            maximum = Swift.max(maximum ?? hi, hi)
        }
        return DensityMoments(
            count: ints.count + values.count, sum: Double(ints.sum) + floats.sum.value,
            sumOfSquares: Double(ints.sumOfSquares) + floats.sumOfSquares.value,
            minimum: minimum, maximum: maximum, paddingVoxelsExcluded: ints.padding + floats.padding)
    }

    func statistics(options: DensityOptions) -> DensityStatistics {
        let intRuns = histogram.runs(from: Int(ints.minimum), through: Int(ints.maximum))
        let runs = ValueRuns.merged(intRuns, floats.sortedRuns())
        let m = moments
        return DensityStatistics(
            runs: runs, sum: m.sum, sumOfSquares: m.sumOfSquares, volumeML: volumeMM3 / 1000,
            paddingVoxelsExcluded: m.paddingVoxelsExcluded,
            resegmentedVoxelsExcluded: ints.resegmented + floats.resegmented, options: options)
    }
}

/// Calls `body` with raw row pointers to the box rows `rows` of plane `boxPlane` of the box (the
/// `Int16` kernel's input).
private func withInt16Rows<R>(
    _ values: [Int16], _ plane: HUPlane, _ box: VoxelBox, _ inside: [UInt8], boxPlane i: Int, rows: Range<Int>,
    _ body: (Int16PlaneRows) -> R
) -> R {
    let first = (box.rows.lowerBound + rows.lowerBound) * plane.columns + box.columns.lowerBound
    let firstInside = i * box.rows.count * box.columns.count + rows.lowerBound * box.columns.count
    return values.withUnsafeBufferPointer { v in
        inside.withUnsafeBufferPointer { m in
            withOptionalPointer(plane.padding) { p in
                // The box is non-empty and inside the plane (checked by `boxPlanes`), so both arrays
                // are non-empty and have base addresses.
                guard let v = v.baseAddress, let m = m.baseAddress else { preconditionFailure("empty plane") }
                return body(Int16PlaneRows(
                    values: v + first, padding: p.map { $0 + first }, inside: m + firstInside,
                    stride: plane.columns, rowCount: rows.count, width: box.columns.count))
            }
        }
    }
}

private func withOptionalPointer<R>(_ array: [UInt8]?, _ body: (UnsafePointer<UInt8>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
