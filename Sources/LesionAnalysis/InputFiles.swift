import Foundation
import LesionROI
import ResponseClassifier
import ResultsModel
import VolumeModel

/// The JSON files a user gives, read from disk and decoded by ResultsModel's readers: every one is
/// size-checked, depth-checked and type-checked, and every error names the file and the key.
public enum InputFiles {
    /// The largest JSON file read (bytes): far above any ROI, criteria or manifest file, and above
    /// a results.json of tens of thousands of lesions.
    public static let maximumBytes = 256 << 20

    /// Reads a file whole after checking its size.
    /// - Throws: ``JSONInputError`` when the file cannot be read or is larger than ``maximumBytes``.
    static func contents(of file: String, what: String) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: file) } catch {
            throw JSONInputError(file: file, "cannot read the \(what) (\(error.localizedDescription))")
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw JSONInputError(file: file, "the \(what) is not a regular file")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw JSONInputError(file: file, "the \(what) has \(size) bytes, more than the \(maximumBytes) accepted")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw JSONInputError(file: file, "cannot read the \(what) (\(error.localizedDescription))")
        }
    }

    /// A `--criteria FILE.json` (the bare `criteria` object or a results.json).
    /// - Throws: ``JSONInputError`` naming the file and the key at fault.
    public static func criteria(_ file: String) throws -> ResponseCriteria {
        try CriteriaFile.read(contents(of: file, what: "criteria file"), file: file)
    }

    /// The rows of a JSON `batch --manifest`.
    /// - Throws: ``JSONInputError`` naming the file, the entry and the key at fault.
    public static func manifestRows(_ file: String) throws -> [[String: String]] {
        try ManifestFile.read(contents(of: file, what: "manifest"), file: file)
    }

    /// The lesions of a sphere/box ROI file.
    /// - Throws: ``ROIError`` `.invalidFile` naming the file, the key path and the problem.
    public static func sphereBoxROIs(_ file: String) throws -> [GeometricROI] {
        let parsed: SphereBoxFile
        do { parsed = try SphereBoxFile.read(contents(of: file, what: "ROI file"), file: file) } catch let e as JSONInputError {
            throw ROIError(.invalidFile, file: file, e.keyPath.isEmpty ? e.message : "\(e.keyPath): \(e.message)")
        }
        return parsed.lesions.map { entry in
            switch entry.shape {
            case .sphere(let c, let r):
                GeometricROI(id: entry.id, shape: .sphere(center: PatientPoint(c[0], c[1], c[2]), radiusMM: r), isReference: entry.isReference)
            case .box(let a, let b):
                GeometricROI(id: entry.id, shape: .box(PatientPoint(a[0], a[1], a[2]), PatientPoint(b[0], b[1], b[2])),
                             isReference: entry.isReference)
            }
        }
    }
}
