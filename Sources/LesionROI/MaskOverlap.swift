import VolumeModel

/// Overlap of masks on one grid, and the one-to-one matching of components by it (label maps with
/// `--split-components`: Docs/ROIs.md "Components across time points").
public enum MaskOverlap {
    /// Voxels inside both masks (both on the same grid).
    public static func commonVoxels(_ a: LesionMask, _ b: LesionMask) -> Int {
        let planes = a.box.planes.clamped(to: b.box.planes), rows = a.box.rows.clamped(to: b.box.rows)
        let columns = a.box.columns.clamped(to: b.box.columns)
        var count = 0
        for k in planes { for r in rows { for c in columns where a.contains(plane: k, row: r, column: c) && b.contains(plane: k, row: r, column: c) {
            count += 1
        } } }
        return count
    }

    /// The Dice similarity coefficient 2 |A ∩ B| / (|A| + |B|) (Dice, Ecology 26(3):297, 1945): 0 for
    /// disjoint masks, 1 for equal ones; 0 when both are empty.
    public static func dice(_ a: LesionMask, _ b: LesionMask) -> Double {
        let total = a.voxelCount + b.voxelCount
        return total == 0 ? 0 : 2 * Double(commonVoxels(a, b)) / Double(total)
    }

    /// One-to-one matches between `earlier` and `later` masks (same grid) by overlap: the pairs of
    /// largest Dice coefficient first, each mask used at most once, pairs sharing no voxel never
    /// matched; equal Dice values in the order of `earlier`, then of `later`.
    /// - Returns: for each index of `earlier`, the index of its match in `later`, or nil.
    public static func match(_ earlier: [LesionMask], _ later: [LesionMask]) -> [Int?] {
        var pairs: [(i: Int, j: Int, dice: Double)] = []
        for (i, a) in earlier.enumerated() {
            for (j, b) in later.enumerated() {
                let d = dice(a, b)
                if d > 0 { pairs.append((i, j, d)) }
            }
        }
        pairs.sort { $0.dice != $1.dice ? $0.dice > $1.dice : ($0.i != $1.i ? $0.i < $1.i : $0.j < $1.j) }
        var result = [Int?](repeating: nil, count: earlier.count)
        var taken = Set<Int>()
        for p in pairs where result[p.i] == nil && !taken.contains(p.j) {
            result[p.i] = p.j
            taken.insert(p.j)
        }
        return result
    }
}
