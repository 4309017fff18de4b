import DICOMImport
import ResultsModel
import VolumeModel

/// What `inspect` says about one SEG or RTSTRUCT object: each segment / ROI with its voxel count
/// and volume on the CT series the object refers to.
public struct ROIObjectSummary: Sendable {
    /// One segment or ROI.
    public struct Entry: Sendable {
        public var label: String
        /// SegmentNumber or ROINumber.
        public var number: Int?
        public var voxelCount: Int?
        public var volumeML: Double?
        /// Docs/Outputs.md flags known from the ROI alone: `incomplete`, `resampled_roi`, `contours_off_plane`.
        public var flags: [String]
        public var notes: [String]
        /// Why it could not be placed.
        public var error: String?
    }

    public var path: String
    public var kind: ROIObjectHeader.Kind
    /// The CT series the ROIs were placed on.
    public var seriesInstanceUID: String?
    public var entries: [Entry]
    /// Why the object could not be placed at all (no referenced series found, unreadable, …).
    public var error: String?

    /// Places the ROIs of `object` on the first of its referenced series present in `index`.
    public static func summarize(_ object: ROIObjectHeader, index: DICOMIndex) -> ROIObjectSummary {
        var summary = ROIObjectSummary(path: object.path, kind: object.kind, seriesInstanceUID: nil, entries: [], error: nil)
        guard let uid = object.referencedSeriesUIDs.first(where: { index.seriesPlanes[$0] != nil }),
              let planes = index.seriesPlanes[uid] else {
            summary.error = "the series it refers to (\(object.referencedSeriesUIDs.joined(separator: ", "))) is not under this path"
            return summary
        }
        summary.seriesInstanceUID = uid
        do {
            let stack = try SeriesAssembly.assemble(planes, seriesInstanceUID: uid)[0]
            let extent = stack.reference.scanProtocol.sliceThicknessMM ?? 1
            for result in try ROIObjectPlacement.place(file: object.path, kind: object.kind, on: stack) {
                switch result {
                case .success(let p):
                    let m = p.mask
                    var flags: [String] = []
                    if m.extendsOutsideVolume || m.touchesVolumeEdge(of: stack.geometry) { flags.append("incomplete") }
                    if p.resampled { flags.append("resampled_roi") }
                    flags += p.flags
                    summary.entries.append(Entry(
                        label: m.label, number: m.source.segmentNumber ?? m.source.roiNumber, voxelCount: m.voxelCount,
                        volumeML: ROIObjectPlacement.volumeML(m, geometry: stack.geometry, singlePlaneExtent: extent),
                        flags: flags, notes: p.warnings + p.notes, error: nil))
                case .failure(let e):
                    summary.entries.append(Entry(label: e.lesion ?? "", number: nil, voxelCount: nil, volumeML: nil,
                                                 flags: [], notes: [], error: e.message))
                }
            }
        } catch {
            summary.error = "\(error)"
        }
        return summary
    }

    /// The summary as JSON (`inspect --json`, under each ROI object's `rois`).
    public var json: JSONValue {
        .object([
            ("placed_on_series", .string(seriesInstanceUID)), ("error", .string(error)),
            ("rois", .array(entries.map { e in
                .object([
                    ("label", .string(e.label)), ("number", .int(e.number)), ("voxel_count", .int(e.voxelCount)),
                    ("volume_ml", .number(e.volumeML)), ("flags", .array(e.flags.map { .string($0) })),
                    ("notes", .array(e.notes.map { .string($0) })), ("error", .string(e.error)),
                ])
            })),
        ])
    }
}
