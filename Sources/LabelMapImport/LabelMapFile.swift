import Foundation
import VolumeModel

/// A label map file that cannot be used: the file and the reason.
public struct LabelMapError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String
    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}

/// A label map read from a file, with what its header made us notice.
public struct LabelMapRead: Sendable {
    public let volume: LabelMapVolume
    /// Docs/Outputs.md warnings as `code: message`: `roi_geometry_only` (no FrameOfReferenceUID:
    /// matched to the CT by geometry alone), `qform_sform_disagree`.
    public let warnings: [String]
}

/// NIfTI-1/2 (`.nii`, `.nii.gz`, through libnifti2) and NRRD (`.nrrd`, `.nhdr`, Slicer `.seg.nrrd`,
/// through teem) label maps (Docs/ROIs.md, label maps).
public enum LabelMapFile {
    /// The largest label map accepted (voxels): 2³⁰, a 1024 × 1024 × 1024 grid.
    public static let maximumVoxels: Int64 = 1 << 30

    /// Whether `path` names a label map by its suffix.
    public static func isLabelMap(_ path: String) -> Bool {
        let name = path.lowercased()
        return [".nii", ".nii.gz", ".nrrd", ".nhdr"].contains { name.hasSuffix($0) }
    }

    /// The file name without its label-map suffix (`liver.seg.nrrd` → `liver`): `<name>.labels.json`
    /// beside the file is its label table.
    public static func baseName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".nii.gz", ".nii", ".seg.nrrd", ".nrrd", ".nhdr"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }

    /// Reads the label map at `path` into DICOM patient coordinates (LPS, mm).
    /// - Throws: ``LabelMapError`` naming the file and the header number or data at fault.
    public static func read(_ path: String) throws -> LabelMapRead {
        let name = path.lowercased()
        if name.hasSuffix(".nrrd") || name.hasSuffix(".nhdr") { return try NRRDReader.read(path) }
        return try NIfTIReader.read(path)
    }
}
