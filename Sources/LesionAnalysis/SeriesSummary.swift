import DICOMImport
import ResultsModel
import VolumeModel

/// What `inspect` says about one CT series: identity, geometry, encoding, protocol and problems.
public struct SeriesSummary: Sendable {
    public var seriesInstanceUID: String
    public var seriesNumber: Int?
    public var description: String?
    public var modality: String?
    public var sopClass: String
    public var path: String
    public var planes: Int
    public var rows: Int
    public var columns: Int
    public var pixelSpacingMM: [Double]
    public var orientation: [Double]
    public var sliceSpacingMinMM: Double?
    public var sliceSpacingMaxMM: Double?
    public var transferSyntaxes: [String]
    public var scanProtocol: ScanProtocol
    public var frameOfReferenceUID: String?
    public var warnings: [String]
    /// Why the series cannot form a volume (then the geometry fields describe its first plane).
    public var error: String?

    /// Assembles `planes` (one series) and summarizes the result; never throws: a series that
    /// cannot form a volume is summarized with its error.
    public static func summarize(_ planes: [PlaneHeader], uid: String, folder: String) -> (SeriesSummary, ImageStack?) {
        let first = planes[0]
        var summary = SeriesSummary(
            seriesInstanceUID: uid, seriesNumber: first.seriesNumber, description: first.seriesDescription,
            modality: first.modality, sopClass: SOPClass.name(first.sopClassUID), path: folder,
            planes: planes.count, rows: first.rows, columns: first.columns, pixelSpacingMM: first.pixelSpacing ?? [],
            orientation: first.imageOrientationPatient ?? [], sliceSpacingMinMM: nil, sliceSpacingMaxMM: nil,
            transferSyntaxes: Array(Set(planes.map(\.transferSyntaxUID))).sorted(), scanProtocol: first.scanProtocol,
            frameOfReferenceUID: first.frameOfReferenceUID, warnings: [], error: nil)
        do {
            let stacks = try SeriesAssembly.assemble(planes, seriesInstanceUID: uid)
            let stack = stacks[0]
            let g = stack.geometry
            summary.planes = g.planeCount
            summary.rows = g.rows
            summary.columns = g.columns
            summary.pixelSpacingMM = [g.rowSpacing, g.columnSpacing]
            summary.orientation = stack.reference.imageOrientationPatient ?? []
            summary.sliceSpacingMinMM = g.planeGaps.min()
            summary.sliceSpacingMaxMM = g.planeGaps.max()
            summary.scanProtocol = stack.reference.scanProtocol
            summary.warnings = stack.warnings
            return (summary, stack)
        } catch {
            summary.error = "\(error)"
            return (summary, nil)
        }
    }

    /// The JSON object of `inspect --json`.
    public var json: JSONValue {
        .object([
            ("series_instance_uid", .string(seriesInstanceUID)), ("series_number", .int(seriesNumber)),
            ("series_description", .string(description)), ("modality", .string(modality)), ("sop_class", .string(sopClass)),
            ("path", .string(path)), ("planes", .int(planes)), ("rows", .int(rows)), ("columns", .int(columns)),
            ("pixel_spacing_mm", .array(pixelSpacingMM.map { .number($0) })),
            ("image_orientation_patient", .array(orientation.map { .number($0) })),
            ("slice_spacing_min_mm", .number(sliceSpacingMinMM)), ("slice_spacing_max_mm", .number(sliceSpacingMaxMM)),
            ("transfer_syntaxes", .array(transferSyntaxes.map { .string($0) })),
            ("protocol", ProtocolJSON.json(scanProtocol)),
            ("frame_of_reference_uid", .string(frameOfReferenceUID)),
            ("warnings", .array(warnings.map { .string($0) })), ("error", .string(error)),
        ])
    }
}
