import Foundation
import VolumeModel

/// A sphere or box lesion given in patient coordinates (CONTRACT.md, "ROI files").
public struct GeometricROI: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        /// Centre (LPS, mm) and radius (mm). A voxel belongs when the distance from its centre to
        /// the sphere's centre is ≤ radius.
        case sphere(center: PatientPoint, radiusMM: Double)
        /// Two opposite corners (LPS, mm) of an axis-aligned box. A voxel belongs when every
        /// coordinate of its centre lies within the box, inclusive.
        case box(PatientPoint, PatientPoint)
    }

    /// The lesion id, trimmed of leading/trailing white space.
    public let id: String
    public let shape: Shape
    /// A normal-bone reference ROI (`"reference": true`).
    public let isReference: Bool

    public init(id: String, shape: Shape, isReference: Bool = false) {
        self.id = id
        self.shape = shape
        self.isReference = isReference
    }

    /// Reads a sphere/box ROI file: `{"lesions": [{"id", "center_mm", "radius_mm"} | {"id", "box_mm"}, …]}`.
    /// - Throws: ``ROIError`` `.invalidFile` naming the file and the entry at fault.
    public static func read(file: String) throws -> [GeometricROI] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ROIError(.invalidFile, file: file, "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, file: file)
    }

    /// Parses the JSON of a sphere/box ROI file; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws -> [GeometricROI] {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw ROIError(.invalidFile, file: file, "not valid JSON")
        }
        guard let root = json as? [String: Any], let lesions = root["lesions"] as? [[String: Any]] else {
            throw ROIError(.invalidFile, file: file, "expected {\"lesions\": [ … ]}")
        }
        guard !lesions.isEmpty else { throw ROIError(.invalidFile, file: file, "lists no lesion") }
        return try lesions.enumerated().map { index, entry in try parseEntry(entry, index: index, file: file) }
    }

    private static func parseEntry(_ entry: [String: Any], index: Int, file: String) throws -> GeometricROI {
        guard let rawID = entry["id"] as? String ?? (entry["id"] as? NSNumber)?.stringValue else {
            throw ROIError(.invalidFile, file: file, "lesion #\(index + 1) has no \"id\"")
        }
        let id = rawID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw ROIError(.invalidFile, file: file, "lesion #\(index + 1) has an empty \"id\"") }
        let isReference = entry["reference"] as? Bool ?? false
        func point(_ any: Any?) -> PatientPoint? {
            guard let values = any as? [NSNumber], values.count == 3 else { return nil }
            let v = values.map(\.doubleValue)
            guard v.allSatisfy(\.isFinite) else { return nil }
            return PatientPoint(v[0], v[1], v[2])
        }
        let hasSphere = entry["center_mm"] != nil || entry["radius_mm"] != nil
        let hasBox = entry["box_mm"] != nil
        if hasSphere && hasBox {
            throw ROIError(.invalidFile, file: file, lesion: id, "gives both a sphere and a box")
        }
        if hasSphere {
            guard let center = point(entry["center_mm"]) else {
                throw ROIError(.invalidFile, file: file, lesion: id, "\"center_mm\" must be three numbers (LPS, mm)")
            }
            guard let radius = (entry["radius_mm"] as? NSNumber)?.doubleValue, radius.isFinite, radius > 0 else {
                throw ROIError(.invalidFile, file: file, lesion: id, "\"radius_mm\" must be a positive number (mm)")
            }
            return GeometricROI(id: id, shape: .sphere(center: center, radiusMM: radius), isReference: isReference)
        }
        if hasBox {
            guard let corners = entry["box_mm"] as? [Any], corners.count == 2,
                  let a = point(corners[0]), let b = point(corners[1]) else {
                throw ROIError(.invalidFile, file: file, lesion: id, "\"box_mm\" must be two corners [[x0,y0,z0],[x1,y1,z1]] (LPS, mm)")
            }
            return GeometricROI(id: id, shape: .box(a, b), isReference: isReference)
        }
        throw ROIError(.invalidFile, file: file, lesion: id, "needs \"center_mm\" and \"radius_mm\", or \"box_mm\"")
    }
}
