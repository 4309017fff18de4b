import VolumeModel

/// The CT stack an ROI object is put on: its geometry, the SOPInstanceUID of each plane, and the
/// identifiers the ROI object must agree with (DESIGN.md: the ROI and the CT share
/// FrameOfReferenceUID; the object refers to this series).
public struct ROITarget: Sendable {
    public let geometry: StackGeometry
    /// SOPInstanceUID of each plane, in stack order (`geometry.planeCount` values).
    public let sopInstanceUIDs: [String]
    /// SeriesInstanceUID of the CT series, if known.
    public let seriesInstanceUID: String?
    /// FrameOfReferenceUID of the CT series, if known.
    public let frameOfReferenceUID: String?

    public init(geometry: StackGeometry, sopInstanceUIDs: [String], seriesInstanceUID: String?, frameOfReferenceUID: String?) {
        self.geometry = geometry
        self.sopInstanceUIDs = sopInstanceUIDs
        self.seriesInstanceUID = seriesInstanceUID
        self.frameOfReferenceUID = frameOfReferenceUID
    }

    /// Where a position along the normal falls among the planes.
    enum PlaneMatch: Equatable {
        /// Within the tolerance of plane `k`.
        case plane(Int)
        /// Beyond the first or last plane by more than its tolerance.
        case outside
        /// Inside the stack's extent, but no plane within tolerance (e.g. a missing slice).
        case betweenPlanes
    }

    /// Half the smaller gap from plane `k` to its neighbours (mm): the tolerance for placing a
    /// contour or frame on plane `k`. A single plane uses half the larger pixel spacing.
    func tolerance(plane k: Int) -> Double {
        let z = geometry.normalPositions
        guard z.count > 1 else { return max(geometry.rowSpacing, geometry.columnSpacing) / 2 }
        let before = k > 0 ? z[k] - z[k - 1] : Double.infinity
        let after = k < z.count - 1 ? z[k + 1] - z[k] : Double.infinity
        return min(before, after) / 2
    }

    /// The plane whose position along the normal is nearest to `position` (mm), if within tolerance.
    func plane(atNormalPosition position: Double) -> PlaneMatch {
        let z = geometry.normalPositions
        guard let first = z.first, let last = z.last else { return .outside }
        var lo = 0, hi = z.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if z[mid] <= position { lo = mid } else { hi = mid }
        }
        let k = abs(z[lo] - position) <= abs(z[hi] - position) ? lo : hi
        if abs(z[k] - position) <= tolerance(plane: k) + 1e-6 { return .plane(k) }
        if position < first || position > last { return .outside }
        return .betweenPlanes
    }

    /// Refuses an object whose FrameOfReferenceUID differs from the CT's, or that refers to other
    /// series than the CT's (an object naming no series, or a CT without UIDs, is not refused).
    /// - Throws: ``ROIError`` `.foreignReference` naming the file and both UIDs.
    func checkReferences(file: String, frameOfReferenceUID: String?, referencedSeriesUIDs: [String]) throws {
        if let own = frameOfReferenceUID, let ct = self.frameOfReferenceUID, own != ct {
            throw ROIError(.foreignReference, file: file,
                           "FrameOfReferenceUID \(own) differs from the CT's \(ct): the ROI is in another coordinate system")
        }
        if let ct = seriesInstanceUID, !referencedSeriesUIDs.isEmpty, !referencedSeriesUIDs.contains(ct) {
            throw ROIError(.foreignReference, file: file,
                           "refers to series \(referencedSeriesUIDs.joined(separator: ", ")), not the CT series \(ct)")
        }
    }
}

/// One ROI of a SEG or RTSTRUCT put on the CT grid.
public struct ROIPlacement: Sendable {
    public let mask: LesionMask
    /// ROI voxels whose centres fall outside the CT volume (not measured).
    public let voxelsOutsideVolume: Int
    /// The ROI was on another grid and was resampled by nearest voxel centre (Docs/Outputs.md flag
    /// `resampled_roi`).
    public let resampled: Bool
    /// What was skipped or noticed (POINT/OPEN contours, contours between planes, …).
    public let notes: [String]
    /// Docs/Outputs.md lesion flags the placement itself raises (`contours_off_plane`).
    public let flags: [String]
    /// Docs/Outputs.md warnings (code, `: `, message naming the file and ROI), e.g. `contours_off_plane`.
    public let warnings: [String]

    public init(mask: LesionMask, voxelsOutsideVolume: Int, resampled: Bool, notes: [String], flags: [String] = [], warnings: [String] = []) {
        self.mask = mask
        self.voxelsOutsideVolume = voxelsOutsideVolume
        self.resampled = resampled
        self.notes = notes
        self.flags = flags
        self.warnings = warnings
    }

    /// A placement from the voxels found inside (`hits`, as (plane, row, column)) and outside.
    /// - Returns: `.failure` with ``ROIError`` `.outsideVolume` when only outside voxels were
    ///   found, `.empty` when none at all.
    static func make(
        label: String, source: ROISource, hits: [(Int, Int, Int)], outside: Int, resampled: Bool, notes: [String],
        isReference: Bool = false, flags: [String] = [], warnings: [String] = []
    ) -> Result<ROIPlacement, ROIError> {
        guard let first = hits.first else {
            if outside > 0 {
                return .failure(ROIError(.outsideVolume, file: source.file, lesion: label,
                                         "lies entirely outside the CT volume (0 voxels inside; \(outside) beyond its planes or field of view)"))
            }
            return .failure(ROIError(.empty, file: source.file, lesion: label, "holds no voxel" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")))
        }
        var lo = first, hi = first
        for (k, r, c) in hits {
            lo = (min(lo.0, k), min(lo.1, r), min(lo.2, c))
            hi = (max(hi.0, k), max(hi.1, r), max(hi.2, c))
        }
        let box = VoxelBox(planes: lo.0..<(hi.0 + 1), rows: lo.1..<(hi.1 + 1), columns: lo.2..<(hi.2 + 1))
        var inside = [UInt8](repeating: 0, count: box.voxelCount)
        for (k, r, c) in hits {
            inside[((k - lo.0) * box.rows.count + (r - lo.1)) * box.columns.count + (c - lo.2)] = 1
        }
        let mask = LesionMask(label: label, source: source, box: box, inside: inside, extendsOutsideVolume: outside > 0,
                              isReference: isReference)
        return .success(ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: resampled, notes: notes,
                                     flags: flags, warnings: warnings))
    }
}
