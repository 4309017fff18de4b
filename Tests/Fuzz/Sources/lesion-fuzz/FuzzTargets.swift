import DICOMImport
import Foundation
import LesionROI
import ResponseClassifier
import ResultsModel

/// The fuzz targets: each takes one input's bytes and runs a reader the way the product does,
/// discarding the result or the error.
enum FuzzTargets {
    nonisolated(unsafe) static var selected: ((Data) -> Void)?

    static let all: [String: (Data) -> Void] = [
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
        // Sphere/box ROI files (`--rois x.json`, `rois.json` beside a series).
        "roi-json": { data in _ = try? GeometricROI.parse(data, file: "fuzz.rois.json") },
        // `--criteria FILE.json`, read as CriteriaFile does: the JSON parser, the Codable reader, validation.
        "criteria": { data in
            let text = String(decoding: data, as: UTF8.self)
            _ = try? JSONValue.parse(text)
            if let criteria = try? JSONDecoder().decode(ResponseCriteria.self, from: data) { _ = try? criteria.validate() }
        },
        // The JSON parser every user JSON and `merge` go through (results.json of shards, manifests).
        "json": { data in _ = try? JSONValue.parse(String(decoding: data, as: UTF8.self)) },
    ]

    /// The input written to this process's own temporary file (the DICOM readers take paths).
    private static let path = NSTemporaryDirectory() + "/lesion-fuzz-\(ProcessInfo.processInfo.processIdentifier).dcm"

    private static func withFile(_ data: Data, _ body: (String) -> Void) {
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        body(path)
    }
}
