import VolumeModel

/// 26-connected components of a voxel set on a CT grid (voxels sharing a face, an edge or a
/// corner, counted in the CT's plane/row/column indices), for `--split-components`.
enum ConnectedComponents {
    /// The components of `mask`'s voxels ((plane, row, column) triples), largest first; equal
    /// sizes in the order of their first voxel (plane, then row, then column).
    static func split(_ mask: LesionMask) -> [[(Int, Int, Int)]] {
        let box = mask.box
        let lo = (box.planes.lowerBound, box.rows.lowerBound, box.columns.lowerBound)
        let hi = (box.planes.upperBound - 1, box.rows.upperBound - 1, box.columns.upperBound - 1)
        let nr = box.rows.count, nc = box.columns.count
        // Box cells: 0 = outside the set, 1 = in the set and not yet visited, 2 = visited.
        var cells = mask.inside.map { min($0, 1) }
        func cell(_ k: Int, _ r: Int, _ c: Int) -> Int { ((k - lo.0) * nr + (r - lo.1)) * nc + (c - lo.2) }
        var components: [[(Int, Int, Int)]] = []
        var stack: [(Int, Int, Int)] = []
        for i in cells.indices where cells[i] == 1 {
            let start = (lo.0 + i / (nr * nc), lo.1 + (i / nc) % nr, lo.2 + i % nc)
            cells[i] = 2
            stack.append(start)
            var component: [(Int, Int, Int)] = []
            while let (k, r, c) = stack.popLast() {
                component.append((k, r, c))
                for dk in -1...1 { for dr in -1...1 { for dc in -1...1 {
                    let (kk, rr, cc) = (k + dk, r + dr, c + dc)
                    guard kk >= lo.0, kk <= hi.0, rr >= lo.1, rr <= hi.1, cc >= lo.2, cc <= hi.2 else { continue }
                    let j = cell(kk, rr, cc)
                    if cells[j] == 1 { cells[j] = 2; stack.append((kk, rr, cc)) }
                } } }
            }
            components.append(component)
        }
        // A stable sort keeps equal sizes in the order of their first voxel.
        return components.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count > b.element.count : a.offset < b.offset
        }.map(\.element)
    }
}
