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
        // Every byte written once: the box's first and last row and column are 0.
        let eroded = [UInt8](unsafeUninitializedCapacity: inside.count) { target, initialized in
            inside.withUnsafeBufferPointer { source in
                guard let s = source.baseAddress, let t = target.baseAddress else { return }
                for p in 0..<box.planes.count {
                    let plane = p * rows * columns
                    (t + plane).initialize(repeating: 0, count: columns)
                    for r in 1..<(rows - 1) {
                        let row = s + plane + r * columns, up = row - columns, down = row + columns
                        let out = t + plane + r * columns
                        out[0] = 0
                        out[columns - 1] = 0
                        var rowKept: UInt32 = 0  // ≤ 65535 per row
                        for c in 1..<(columns - 1) {
                            let v = Swift.min(Swift.min(row[c], row[c - 1]), Swift.min(row[c + 1], Swift.min(up[c], Swift.min(down[c], 1))))
                            out[c] = v
                            rowKept &+= UInt32(v)
                        }
                        kept += Int(rowKept)
                    }
                    (t + plane + (rows - 1) * columns).initialize(repeating: 0, count: columns)
                }
            }
            initialized = inside.count
        }
        guard kept > 0, Double(kept) >= minimumRetainedFraction * Double(total) else { return nil }
        return LesionMask(label: label, source: source, box: box, inside: eroded, voxelCount: kept,
                          extendsOutsideVolume: extendsOutsideVolume, isReference: isReference)
    }
}
