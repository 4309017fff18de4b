import DICOMImport
import ReportWriters

/// The `tool` object and schema version of every result document (CONTRACT.md, Common rules).
public enum ToolInfo {
    public static let name = "lesion-density"
    public static let version = "0.1.0"
    /// CONTRACT.md `schema_version`.
    public static let schemaVersion = 1

    /// `{"name", "version", "dcmtk_version"}`.
    public static var json: JSONValue {
        .object([("name", .string(name)), ("version", .string(version)), ("dcmtk_version", .string(dcmtkVersion))])
    }
}
