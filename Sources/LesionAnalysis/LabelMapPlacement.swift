import Foundation
import LabelMapImport
import LesionROI
import ResultsModel
import VolumeModel

/// How label maps are read (`--labels`, `--split-components`; Docs/ROIs.md, label maps).
public struct LabelMapOptions: Sendable, Equatable {
    /// `--labels FILE`: the lesion label of each value (JSON or CSV), for every label map given.
    public var labelsFile: String?
    /// `--split-components`: each 26-connected component of a label value is its own lesion.
    public var splitComponents: Bool

    public init(labelsFile: String? = nil, splitComponents: Bool = false) {
        self.labelsFile = labelsFile
        self.splitComponents = splitComponents
    }
}

/// Reading a NIfTI/NRRD label map (LabelMapImport) and putting its labels on a CT stack (LesionROI).
public enum LabelMapPlacement {
    /// The lesion label of each value of `map`, in this order: `--labels`, the file's own names
    /// (a Slicer .seg.nrrd), `<name>.labels.json` beside the file; values named nowhere are `label N`.
    /// - Throws: ``ROIError`` `.invalidFile` when a label table cannot be read.
    static func names(for map: LabelMapVolume, options: LabelMapOptions) throws -> [Int: String] {
        func table(_ path: String) throws -> [Int: String] {
            do { return try LabelTableFile.read(InputFiles.contents(of: path, what: "label table"), file: path) } catch let e as JSONInputError {
                throw ROIError(.invalidFile, file: path, e.keyPath.isEmpty ? e.message : "\(e.keyPath): \(e.message)")
            }
        }
        if let file = options.labelsFile { return try table(file) }
        if !map.names.isEmpty { return map.names }
        let beside = ((map.file as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent(LabelMapFile.baseName(map.file) + ".labels.json")
        if FileManager.default.fileExists(atPath: beside) { return try table(beside) }
        return [:]
    }

    /// Reads the label map at `file` and places each label value (or component) on `target`. The
    /// file's warnings (`roi_geometry_only`, `qform_sform_disagree`) go with its first placement.
    /// - Throws: ``ROIError`` naming the file: `.invalidFile` (unreadable, bad header, bad label
    ///   table), `.outsideVolume` (no overlap with the CT, both extents named), `.empty`.
    public static func place(file: String, on target: ROITarget, options: LabelMapOptions) throws -> [Result<ROIPlacement, ROIError>] {
        let read: LabelMapRead
        do { read = try LabelMapFile.read(file) } catch let e as LabelMapError {
            throw ROIError(.invalidFile, file: file, e.message)
        }
        var results = try LabelMapRasterizer.place(read.volume, names: try names(for: read.volume, options: options),
                                                   splitComponents: options.splitComponents, on: target)
        if let i = results.firstIndex(where: { (try? $0.get()) != nil }), case .success(let p) = results[i] {
            results[i] = .success(ROIPlacement(mask: p.mask, voxelsOutsideVolume: p.voxelsOutsideVolume, resampled: p.resampled,
                                               notes: p.notes, flags: p.flags, warnings: read.warnings + p.warnings))
        }
        return results
    }
}
