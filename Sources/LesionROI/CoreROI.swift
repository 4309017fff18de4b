import VolumeModel

extension LesionMask {
    /// The core ROI: this mask eroded by one voxel in-plane with the 4-neighbour cross (a voxel
    /// stays when it and its four in-plane neighbours are inside), kept only when it retains at
    /// least `minimumRetainedFraction` of the voxels (DESIGN.md, Classification decisions;
    /// Docs/Classification.md: the rim is where partial volume with the surrounding bone or soft
    /// tissue biases HU). Returns nil when too little is left.
    public func coreROI(minimumRetainedFraction: Double = 0.5) -> LesionMask? {
        let total = voxelCount
        guard total > 0 else { return nil }
        let rows = box.rows.count, columns = box.columns.count
        var eroded = [UInt8](repeating: 0, count: inside.count)
        var kept = 0
        for p in 0..<box.planes.count {
            for r in 0..<rows {
                let base = (p * rows + r) * columns
                for c in 0..<columns where inside[base + c] != 0 {
                    guard r > 0, r < rows - 1, c > 0, c < columns - 1,
                          inside[base + c - 1] != 0, inside[base + c + 1] != 0,
                          inside[base + c - columns] != 0, inside[base + c + columns] != 0 else { continue }
                    eroded[base + c] = 1
                    kept += 1
                }
            }
        }
        guard kept > 0, Double(kept) >= minimumRetainedFraction * Double(total) else { return nil }
        return LesionMask(label: label, source: source, box: box, inside: eroded,
                          extendsOutsideVolume: extendsOutsideVolume, isReference: isReference)
    }
}
