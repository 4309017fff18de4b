import DICOMImport
import ResultsModel

/// The `tool` object and schema version of every result document (Docs/Outputs.md, Common rules).
public enum ToolInfo {
    /// This build: name, version and the DCMTK version linked.
    public static var description: ToolDescription { ToolDescription(dcmtkVersion: dcmtkVersion) }

    /// `{"name", "version", "dcmtk_version"}`.
    public static var json: JSONValue { description.json }
}
