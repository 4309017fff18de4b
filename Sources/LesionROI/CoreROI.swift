import VolumeModel

extension LesionMask {
    /// The core ROI: this mask eroded by one voxel in-plane with the 4-neighbour cross (a voxel
    /// stays when it and its four in-plane neighbours are inside), kept only when it retains at
    /// least `minimumRetainedFraction` of the voxels (DESIGN.md, Classification decisions;
    /// Docs/Classification.md: the rim is where partial volume with the surrounding bone or soft
    /// tissue biases HU). Returns nil when too little is left.
    ///
    /// Row by row: an interior row's result is the AND of the row, its two neighbour rows and the
    /// row shifted one column either way (the minimum of the five bytes, 0 or 1); the first and last row and column of
    /// the box have a neighbour outside the mask and never stay.
    public func coreROI(minimumRetainedFraction: Double = 0.5) -> LesionMask? {
        let total = voxelCount
        guard total > 0 else { return nil }
        let rows = box.rows.count, columns = box.columns.count
        guard rows > 2, columns > 2 else { return nil }
        var kept = 0
        // Every byte written once: the box's first and last row and column are 0. Large masks are
        // eroded by one worker per core, each over its own planes (``PlaneParallel``).
        let eroded = [UInt8](unsafeUninitializedCapacity: inside.count) { target, initialized in
            inside.withUnsafeBufferPointer { source in
                guard let s = source.baseAddress, let t = target.baseAddress else { return }
                kept = PlaneParallel.sum(planes: box.planes.count, bytes: inside.count) { planes in
                    var kept = 0
                    for p in planes {
                        let plane = p * rows * columns
                        (t + plane).initialize(repeating: 0, count: columns)
                        for r in 1..<(rows - 1) {
                            let row = s + plane + r * columns, up = row - columns, down = row + columns
                            let out = t + plane + r * columns
                            out[0] = 0
                            out[columns - 1] = 0
                            // A loop of byte minima only, which the compiler vectorises; the row's 0/1
                            // bytes are then counted eight at a time (a widening sum in this loop made
                            // it 4 instructions per voxel).
                            for c in 1..<(columns - 1) {
                                out[c] = Swift.min(Swift.min(row[c], row[c - 1]), Swift.min(row[c + 1], Swift.min(up[c], Swift.min(down[c], 1))))
                            }
                            kept += countOnes(UnsafePointer(out + 1), columns - 2)
                        }
                        (t + plane + (rows - 1) * columns).initialize(repeating: 0, count: columns)
                    }
                    return kept
                }
            }
            initialized = inside.count
        }
        guard kept > 0, Double(kept) >= minimumRetainedFraction * Double(total) else { return nil }
        return LesionMask(label: label, source: source, box: box, inside: eroded, voxelCount: kept,
                          extendsOutsideVolume: extendsOutsideVolume, isReference: isReference)
    }
}

/// The sum of `count` bytes that are each 0 or 1, eight bytes per step: up to 255 words are added
/// lane-wise (no byte lane can exceed 255), then the lanes are folded.
func countOnes(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    let raw = UnsafeRawPointer(bytes)
    func fold(_ lanes: UInt64) -> Int {
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }
    var total = 0, i = 0
    while i + 8 <= count {
        var lanes: UInt64 = 0
        let end = Swift.min(count - 7, i + 8 * 255)
        while i < end {
            lanes &+= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        total += fold(lanes)
    }
    while i < count {
        total += Int(bytes[i])
        i += 1
    }
    return total
}
