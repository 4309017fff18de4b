/// Where an ROI came from, as Docs/Outputs.md's `source` object reports it.
public struct ROISource: Sendable, Equatable, Hashable {
    /// The kind of ROI object.
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable {
        case seg, rtstruct, sphere, box
        /// A NIfTI/NRRD label map value (or one connected component of it).
        case labelmap
        /// An ROI drawn on another time point and carried onto this one (``ROISource/fromStudyDate``).
        case propagated
    }

    public let kind: Kind
    /// The file the ROI was read from, as the user gave it.
    public let file: String
    /// SegmentNumber (0062,0004) of a SEG segment, else nil.
    public let segmentNumber: Int?
    /// ROINumber (3006,0022) of an RTSTRUCT ROI, else nil.
    public let roiNumber: Int?
    /// The label value of a label map ROI, else nil.
    public let labelValue: Int?
    /// The connected component (1 = largest) of a label map value with `--split-components`, else nil.
    public let component: Int?
    /// For a ``Kind/propagated`` ROI: the StudyDate (`YYYY-MM-DD`) of the time point where it was
    /// drawn (``file`` is the ROI file there); else nil.
    public let fromStudyDate: String?

    public init(kind: Kind, file: String, segmentNumber: Int? = nil, roiNumber: Int? = nil, labelValue: Int? = nil,
                component: Int? = nil, fromStudyDate: String? = nil) {
        self.kind = kind
        self.file = file
        self.segmentNumber = segmentNumber
        self.roiNumber = roiNumber
        self.labelValue = labelValue
        self.component = component
        self.fromStudyDate = fromStudyDate
    }

    /// The source of this ROI carried onto another time point: kind `propagated`, the same file and
    /// numbers, and the StudyDate of the time point where it was drawn.
    public func propagated(fromStudyDate date: String?) -> ROISource {
        ROISource(kind: .propagated, file: file, segmentNumber: segmentNumber, roiNumber: roiNumber, labelValue: labelValue,
                  component: component, fromStudyDate: date)
    }
}

/// A box of voxel indices: half-open ranges of planes, rows and columns.
public struct VoxelBox: Sendable, Equatable {
    public var planes: Range<Int>
    public var rows: Range<Int>
    public var columns: Range<Int>

    public init(planes: Range<Int>, rows: Range<Int>, columns: Range<Int>) {
        self.planes = planes
        self.rows = rows
        self.columns = columns
    }

    /// Number of voxels in the box.
    public var voxelCount: Int { planes.count * rows.count * columns.count }
    public var isEmpty: Bool { voxelCount == 0 }
}

/// Which voxels of one stack belong to one lesion.
///
/// Stored compactly: the ROI's bounding ``box`` and one byte per box voxel (1 = inside), ordered
/// plane, then row, then column. Memory and work grow with the lesion, never with the scan.
public struct LesionMask: Sendable {
    /// The label as written in the source (SegmentLabel, ROIName, or the sphere/box `id`), trimmed.
    public let label: String
    public let source: ROISource
    /// Bounding box of the ROI's voxels in the stack (an empty box when no voxel is inside).
    public let box: VoxelBox
    /// `box.voxelCount` bytes: 1 where the voxel belongs to the ROI, else 0.
    public let inside: [UInt8]
    /// The ROI reaches beyond the volume (part of it lies outside the planes or the field of view).
    public let extendsOutsideVolume: Bool
    /// A normal-bone reference ROI (`"reference": true`): measured, not reported as a lesion.
    public let isReference: Bool

    /// Number of voxels in the ROI (counted once, when the mask is made).
    public let voxelCount: Int

    /// - Parameter voxelCount: the number of 1 bytes in `inside` when the caller already knows it
    ///   (a rasterizer that filled the spans); counted here when nil.
    public init(
        label: String, source: ROISource, box: VoxelBox, inside: [UInt8], voxelCount: Int? = nil,
        extendsOutsideVolume: Bool = false, isReference: Bool = false
    ) {
        precondition(inside.count == box.voxelCount, "one byte per bounding-box voxel")
        self.label = label
        self.source = source
        self.box = box
        self.inside = inside
        self.voxelCount = voxelCount ?? Self.countInside(inside)
        self.extendsOutsideVolume = extendsOutsideVolume
        self.isReference = isReference
    }

    /// The number of non-zero bytes of `bytes` (a branch-free loop the compiler vectorises).
    public static func countInside(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var total = 0
            for x in b { total &+= Int(Swift.min(x, 1)) }
            return total
        }
    }

    /// Planes the ROI touches (only these need decoding).
    public var planes: Range<Int> { box.planes }

    /// Whether voxel `(plane, row, column)` of the stack is inside the ROI.
    @inlinable
    public func contains(plane: Int, row: Int, column: Int) -> Bool {
        guard box.planes.contains(plane), box.rows.contains(row), box.columns.contains(column) else { return false }
        return inside[offset(plane: plane, row: row, column: column)] != 0
    }

    /// Index into ``inside`` of a voxel inside ``box``.
    @inlinable
    public func offset(plane: Int, row: Int, column: Int) -> Int {
        ((plane - box.planes.lowerBound) * box.rows.count + (row - box.rows.lowerBound)) * box.columns.count
            + (column - box.columns.lowerBound)
    }

    /// Builds a mask from a membership test evaluated over `candidates`, shrinking the box to the
    /// voxels inside. Returns a mask with an empty box when no voxel is inside.
    public static func build(
        label: String, source: ROISource, candidates: VoxelBox, extendsOutsideVolume: Bool = false,
        isReference: Bool = false, isInside: (Int, Int, Int) -> Bool
    ) -> LesionMask {
        var pMin = Int.max, pMax = Int.min, rMin = Int.max, rMax = Int.min, cMin = Int.max, cMax = Int.min
        var hits: [(Int, Int, Int)] = []
        for p in candidates.planes {
            for r in candidates.rows {
                for c in candidates.columns where isInside(p, r, c) {
                    hits.append((p, r, c))
                    pMin = min(pMin, p); pMax = max(pMax, p)
                    rMin = min(rMin, r); rMax = max(rMax, r)
                    cMin = min(cMin, c); cMax = max(cMax, c)
                }
            }
        }
        guard !hits.isEmpty else {
            return LesionMask(
                label: label, source: source, box: VoxelBox(planes: 0..<0, rows: 0..<0, columns: 0..<0),
                inside: [], extendsOutsideVolume: extendsOutsideVolume, isReference: isReference)
        }
        let box = VoxelBox(planes: pMin..<(pMax + 1), rows: rMin..<(rMax + 1), columns: cMin..<(cMax + 1))
        var inside = [UInt8](repeating: 0, count: box.voxelCount)
        let rc = box.rows.count, cc = box.columns.count
        for (p, r, c) in hits {
            inside[((p - pMin) * rc + (r - rMin)) * cc + (c - cMin)] = 1
        }
        return LesionMask(
            label: label, source: source, box: box, inside: inside,
            extendsOutsideVolume: extendsOutsideVolume, isReference: isReference)
    }

    /// Whether the ROI touches the first or last plane of the stack or the edge of the field of view
    /// (Docs/Outputs.md flag `incomplete`, together with ``extendsOutsideVolume``).
    public func touchesVolumeEdge(of geometry: StackGeometry) -> Bool {
        guard !box.isEmpty else { return false }
        return box.planes.lowerBound == 0 || box.planes.upperBound == geometry.planeCount
            || box.rows.lowerBound == 0 || box.rows.upperBound == geometry.rows
            || box.columns.lowerBound == 0 || box.columns.upperBound == geometry.columns
    }

    /// Whether a gap of missing planes (a gap more than 1.5 × the median gap) lies inside the ROI's
    /// planes or right next to them: part of the lesion may sit on a plane the series lacks
    /// (Docs/Outputs.md flag `incomplete`).
    public func bordersMissingPlanes(of geometry: StackGeometry) -> Bool {
        let gaps = geometry.planeGaps
        guard !box.isEmpty, gaps.count >= 2 else { return false }
        let median = gaps.sorted()[gaps.count / 2]
        // Gap i lies between planes i and i + 1.
        let first = max(box.planes.lowerBound - 1, 0), last = min(box.planes.upperBound - 1, gaps.count - 1)
        guard first <= last else { return false }
        return (first...last).contains { gaps[$0] > 1.5 * median }
    }
}
