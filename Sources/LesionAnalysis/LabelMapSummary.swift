import DICOMImport
import Foundation
import LesionROI
import ResultsModel
import VolumeModel

/// What `inspect` says about one NIfTI/NRRD label map: the CT series in its folder it applies to,
/// and each label with its voxel count and volume on that series.
public struct LabelMapSummary: Sendable {
    public struct Entry: Sendable {
        public var label: String
        public var labelValue: Int?
        public var voxelCount: Int?
        public var volumeML: Double?
        /// Docs/Outputs.md flags known from the ROI alone: `incomplete`, `resampled_roi`.
        public var flags: [String]
        /// Why it could not be placed.
        public var error: String?
    }

    public var path: String
    public var seriesInstanceUID: String?
    public var entries: [Entry]
    /// `roi_geometry_only`, `qform_sform_disagree`.
    public var warnings: [String]
    public var error: String?

    /// Places `file` (with `<name>.labels.json` beside it, if any) on the one CT series of its folder.
    public static func summarize(_ file: String, index: DICOMIndex) -> LabelMapSummary {
        var summary = LabelMapSummary(path: file, seriesInstanceUID: nil, entries: [], warnings: [], error: nil)
        let folder = (file as NSString).deletingLastPathComponent
        let here = index.seriesUIDs.filter { uid in
            index.seriesPlanes[uid]?.contains { !$0.isLocalizer && ($0.path as NSString).deletingLastPathComponent == folder } == true
        }
        guard here.count == 1, let planes = index.seriesPlanes[here[0]] else {
            summary.error = "a label map applies to the one CT series in its folder; this folder holds \(here.count)"
            return summary
        }
        summary.seriesInstanceUID = here[0]
        do {
            let stack = try SeriesAssembly.assemble(planes, seriesInstanceUID: here[0])[0]
            let extent = stack.reference.scanProtocol.sliceThicknessMM ?? 1
            for result in try LabelMapPlacement.place(file: file, on: ROIObjectPlacement.target(stack), options: .init()) {
                switch result {
                case .success(let p):
                    var flags: [String] = []
                    if p.mask.extendsOutsideVolume || p.mask.touchesVolumeEdge(of: stack.geometry) { flags.append("incomplete") }
                    if p.resampled { flags.append("resampled_roi") }
                    summary.warnings += p.warnings
                    summary.entries.append(Entry(
                        label: p.mask.label, labelValue: p.mask.source.labelValue, voxelCount: p.mask.voxelCount,
                        volumeML: ROIObjectPlacement.volumeML(p.mask, geometry: stack.geometry, singlePlaneExtent: extent),
                        flags: flags, error: nil))
                case .failure(let e):
                    summary.entries.append(Entry(label: e.lesion ?? "", labelValue: nil, voxelCount: nil, volumeML: nil, flags: [], error: e.message))
                }
            }
        } catch {
            summary.error = (error as? ROIError)?.message ?? "\(error)"
        }
        return summary
    }

    /// `inspect --json`'s `label_maps[]` item.
    public var json: JSONValue {
        .object([
            ("path", .string(path)), ("placed_on_series", .string(seriesInstanceUID)), ("error", .string(error)),
            ("warnings", .array(warnings.map { .string($0) })),
            ("labels", .array(entries.map { e in
                .object([
                    ("label", .string(e.label)), ("label_value", .int(e.labelValue)), ("voxel_count", .int(e.voxelCount)),
                    ("volume_ml", .number(e.volumeML)), ("flags", .array(e.flags.map { .string($0) })), ("error", .string(e.error)),
                ])
            })),
        ])
    }

    /// The lines of the readable `inspect` listing.
    var text: String {
        var out = "  label map  \(path)\(seriesInstanceUID.map { "  (series \($0))" } ?? "")\n"
        if let error { return out + "    ! \(error)\n" }
        for e in entries {
            guard let count = e.voxelCount, let ml = e.volumeML else { out += "    \(e.label): ERROR \(e.error ?? "")\n"; continue }
            let flags = e.flags.isEmpty ? "" : "  [\(e.flags.joined(separator: ", "))]"
            out += "    \(e.label) (value \(e.labelValue.map(String.init) ?? "?")): \(count) voxels, \(String(format: "%.3f", ml)) mL\(flags)\n"
        }
        return out + warnings.map { "    warning: \($0)\n" }.joined()
    }
}
