import DICOMImport
import Foundation
import LabelMapImport
import ResponseClassifier
import ResultsModel

/// The fuzz targets: each takes one input's bytes and runs a reader the way the product does,
/// discarding the result or the error.
enum FuzzTargets {
    nonisolated(unsafe) static var selected: (@Sendable (Data) -> Void)?

    static let all: [String: @Sendable (Data) -> Void] = [
        // Header scan of one file, series assembly of its planes, then decoding them to HU.
        "dicom-header": { data in
            withFile(data) { path in
                guard case .ctImage(let planes)? = try? Discovery.scan(file: path) else { return }
                guard let stacks = try? SeriesAssembly.assemble(planes, seriesInstanceUID: "fuzz"), let stack = stacks.first else { return }
                _ = try? stack.loadVolume()
            }
        },
        "seg": { data in withFile(data) { _ = try? SegmentationReader.read(path: $0) } },
        "rtstruct": { data in withFile(data) { _ = try? StructureSetReader.read(path: $0) } },
        "reg": { data in withFile(data) { _ = try? SpatialRegistrationReader.read(path: $0) } },
        // Label maps as ROI files: NIfTI-1/2 (gzip-compressed when the input starts with gzip's magic) and NRRD.
        "nifti": { data in
            let gzip = data.starts(with: [0x1F, 0x8B])
            withFile(data, suffix: gzip ? ".nii.gz" : ".nii") { _ = try? LabelMapFile.read($0) }
        },
        "nrrd": { data in withFile(data, suffix: ".nrrd") { _ = try? LabelMapFile.read($0) } },
        // Sphere/box ROI files (`--rois x.json`, `rois.json` beside a series).
        "roi-json": { data in _ = try? SphereBoxFile.read(data, file: "fuzz.rois.json") },
        // `--criteria FILE.json`: depth pre-check, Codable reader, range validation.
        "criteria": { data in _ = try? CriteriaFile.read(data, file: "fuzz.criteria.json") },
        // `batch --manifest FILE.json`.
        "manifest": { data in _ = try? ManifestFile.read(data, file: "fuzz.manifest.json") },
        // A shard's results.json as `merge` reads it, and the JSON parser under it.
        "results": { data in
            let text = String(decoding: data, as: UTF8.self)
            _ = try? JSONValue.parse(text)
            _ = try? ResultsReader.read(text, file: "fuzz.results.json")
        },
    ]

    /// The input written to this process's own temporary file (the DICOM readers take paths).
    /// In memory (/dev/shm) when the system has it: FileManager's atomic writes cost more than a parse.
    private static let base: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return folder + "/lesion-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    private static func withFile(_ data: Data, suffix: String = ".dcm", _ body: (String) -> Void) {
        let path = base + suffix
        guard let file = fopen(path, "wb") else { return }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        guard written == data.count else { return }
        body(path)
    }
}
