import VolumeModel

/// One ROI's voxels on a CT grid as spans of columns along image rows, gathered before its mask is
/// made (label maps): memory grows with the rows an ROI crosses, never with one entry per voxel.
struct VoxelSpans {
    /// Plane, row and the first and last column (inclusive) of each span.
    private(set) var spans: [(plane: Int32, row: Int32, first: Int32, last: Int32)] = []
    /// ROI voxels whose centres fall outside the CT volume.
    var outside = 0
    private var lo = (plane: Int.max, row: Int.max, column: Int.max), hi = (plane: Int.min, row: Int.min, column: Int.min)

    /// Adds columns `first...last` of row `row` of plane `plane` (inside the image).
    mutating func add(plane: Int, row: Int, columns first: Int, _ last: Int) {
        spans.append((Int32(plane), Int32(row), Int32(first), Int32(last)))
        lo = (min(lo.plane, plane), min(lo.row, row), min(lo.column, first))
        hi = (max(hi.plane, plane), max(hi.row, row), max(hi.column, last))
    }

    /// The placement of these voxels (``ROIPlacement/make(label:source:hits:outside:resampled:notes:isReference:flags:warnings:)``'s
    /// rules: `.outsideVolume` when only outside voxels were found, `.empty` when none at all),
    /// the mask's box the bounds of the spans, each span written at once.
    func placement(label: String, source: ROISource, resampled: Bool, notes: [String]) -> Result<ROIPlacement, ROIError> {
        guard let mask = mask(label: label, source: source) else {
            return ROIPlacement.make(label: label, source: source, hits: [], outside: outside, resampled: resampled, notes: notes)
        }
        return .success(ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: resampled, notes: notes))
    }

    /// The mask of the spans; nil when there is none.
    func mask(label: String, source: ROISource) -> LesionMask? {
        guard lo.plane <= hi.plane else { return nil }
        let box = VoxelBox(planes: lo.plane..<(hi.plane + 1), rows: lo.row..<(hi.row + 1), columns: lo.column..<(hi.column + 1))
        var inside = [UInt8](repeating: 0, count: box.voxelCount)
        let rows = box.rows.count, columns = box.columns.count
        inside.withUnsafeMutableBufferPointer { out in
            for s in spans {
                let start = ((Int(s.plane) - lo.plane) * rows + (Int(s.row) - lo.row)) * columns + (Int(s.first) - lo.column)
                UnsafeMutableBufferPointer(rebasing: out[start..<(start + Int(s.last - s.first) + 1)]).update(repeating: 1)
            }
        }
        return LesionMask(label: label, source: source, box: box, inside: inside, extendsOutsideVolume: outside > 0)
    }
}
