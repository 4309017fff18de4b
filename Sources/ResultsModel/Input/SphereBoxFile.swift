import Foundation

/// A sphere/box ROI file (Docs/Outputs.md "Sphere/box ROI files"):
/// `{"frame_of_reference_uid": "…" (optional), "lesions": [{"id", "center_mm", "radius_mm"} |
/// {"id", "box_mm"}, optional "reference": true]}`, DICOM patient coordinates (LPS, mm).
///
/// Every number is checked where it enters: coordinates finite and within ±``maximumCoordinateMM``,
/// a radius within (0, ``maximumRadiusMM``]. `true` is not a number; an unknown key is an error (a
/// misspelt key would otherwise be ignored).
public struct SphereBoxFile: Decodable, Sendable, Equatable {
    /// The largest |coordinate| accepted (mm): 10 m, beyond any scanner's patient coordinates.
    public static let maximumCoordinateMM = 10_000.0
    /// The largest sphere radius accepted (mm): larger than any patient.
    public static let maximumRadiusMM = 1_000.0

    /// One lesion (or reference ROI) of the file.
    public struct Entry: Sendable, Equatable {
        public enum Shape: Sendable, Equatable {
            /// Centre (x, y, z; LPS, mm) and radius (mm).
            case sphere(center: [Double], radiusMM: Double)
            /// Two opposite corners (LPS, mm) of an axis-aligned box.
            case box([Double], [Double])
        }

        /// `id`, trimmed of leading/trailing white space (a number is read as its text).
        public var id: String
        public var shape: Shape
        /// `"reference": true`: a normal-bone reference ROI, measured, not reported as a lesion.
        public var isReference: Bool

        public init(id: String, shape: Shape, isReference: Bool) {
            self.id = id
            self.shape = shape
            self.isReference = isReference
        }
    }

    /// `frame_of_reference_uid`: the frame the coordinates are in, nil when the file does not say.
    public var frameOfReferenceUID: String?
    public var lesions: [Entry]

    /// Reads a sphere/box ROI file's bytes; `file` names it in errors.
    /// - Throws: ``JSONInputError`` naming the file and the key path at fault.
    public static func read(_ data: Data, file: String) throws -> SphereBoxFile {
        try JSONInput.decode(SphereBoxFile.self, from: data, file: file)
    }

    enum Key: String, CodingKey, CaseIterable {
        case frameOfReferenceUID = "frame_of_reference_uid", lesions
    }

    enum EntryKey: String, CodingKey, CaseIterable {
        case id, center = "center_mm", radius = "radius_mm", box = "box_mm", reference
    }

    public init(from decoder: any Decoder) throws {
        try Self.refuseUnknownKeys(decoder, allowed: Key.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: Key.self)
        frameOfReferenceUID = try c.decodeIfPresent(String.self, forKey: .frameOfReferenceUID)
        guard c.contains(.lesions) else { throw JSONInputError(file: "", "expected {\"lesions\": [ … ]}") }
        var list = try c.nestedUnkeyedContainer(forKey: .lesions)
        var entries: [Entry] = []
        while !list.isAtEnd {
            let path = "lesions[\(entries.count)]"
            entries.append(try Self.entry(try list.superDecoder(), path: path))
        }
        guard !entries.isEmpty else { throw JSONInputError(file: "", keyPath: "lesions", "lists no lesion") }
        lesions = entries
    }

    private static func entry(_ decoder: any Decoder, path: String) throws -> Entry {
        try refuseUnknownKeys(decoder, allowed: EntryKey.allCases.map(\.rawValue), path: path)
        let c = try decoder.container(keyedBy: EntryKey.self)
        let rawID: String
        if let text = try? c.decode(String.self, forKey: .id) {
            rawID = text
        } else if let number = try? c.decode(Int.self, forKey: .id) {
            rawID = String(number)
        } else {
            throw JSONInputError(file: "", keyPath: path + ".id", c.contains(.id) ? "must be text" : "is missing")
        }
        let id = rawID.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty else { throw JSONInputError(file: "", keyPath: path + ".id", "is empty") }
        let isReference = try c.decodeIfPresent(Bool.self, forKey: .reference) ?? false
        let hasSphere = c.contains(.center) || c.contains(.radius), hasBox = c.contains(.box)
        if hasSphere && hasBox { throw JSONInputError(file: "", keyPath: path, "lesion \(id) gives both a sphere and a box") }
        if hasSphere {
            guard c.contains(.center), c.contains(.radius) else {
                throw JSONInputError(file: "", keyPath: path, "lesion \(id): a sphere needs \"center_mm\" and \"radius_mm\"")
            }
            let center = try point(c.decode([Double].self, forKey: .center), path: path + ".center_mm", what: "three numbers x, y, z (LPS, mm)")
            let radius = try c.decode(Double.self, forKey: .radius)
            guard radius.isFinite, radius > 0, radius <= maximumRadiusMM else {
                throw JSONInputError(file: "", keyPath: path + ".radius_mm", "must be a radius in mm within (0, \(Int(maximumRadiusMM))], not \(radius)")
            }
            return Entry(id: id, shape: .sphere(center: center, radiusMM: radius), isReference: isReference)
        }
        if hasBox {
            let corners = try c.decode([[Double]].self, forKey: .box)
            guard corners.count == 2 else {
                throw JSONInputError(file: "", keyPath: path + ".box_mm", "must be two corners [[x0, y0, z0], [x1, y1, z1]] (LPS, mm)")
            }
            let a = try point(corners[0], path: path + ".box_mm[0]", what: "a corner x, y, z (LPS, mm)")
            let b = try point(corners[1], path: path + ".box_mm[1]", what: "a corner x, y, z (LPS, mm)")
            return Entry(id: id, shape: .box(a, b), isReference: isReference)
        }
        throw JSONInputError(file: "", keyPath: path, "lesion \(id) needs \"center_mm\" and \"radius_mm\", or \"box_mm\"")
    }

    private static func point(_ values: [Double], path: String, what: String) throws -> [Double] {
        guard values.count == 3 else { throw JSONInputError(file: "", keyPath: path, "must be \(what), not \(values.count) values") }
        for (i, v) in values.enumerated() where !(v.isFinite && abs(v) <= maximumCoordinateMM) {
            throw JSONInputError(file: "", keyPath: "\(path)[\(i)]", "\(v) mm lies beyond ±\(Int(maximumCoordinateMM)) mm of patient coordinates")
        }
        return values
    }

    /// Throws for a key not in `allowed`, naming it and the keys allowed.
    static func refuseUnknownKeys(_ decoder: any Decoder, allowed: [String], path: String = "") throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        if let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !allowed.contains($0) }) {
            throw JSONInputError(file: "", keyPath: path.isEmpty ? unknown : path + "." + unknown,
                                 "unknown key (allowed: \(allowed.joined(separator: ", ")))")
        }
    }
}

/// Any key of a JSON object.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    init(stringValue: String) { self.stringValue = stringValue }
    var intValue: Int? { nil }
    init?(intValue: Int) { nil }
}
