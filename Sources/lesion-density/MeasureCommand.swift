import ArgumentParser
import DensityKernel
import Foundation
import LesionAnalysis
import ReportWriters

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure lesion density (HU statistics) at one time point.",
        discussion: """
            ROIs are spheres or boxes in DICOM patient coordinates (LPS, mm), in the JSON format of \
            CONTRACT.md: {"lesions": [{"id": "L1", "center_mm": [x, y, z], "radius_mm": r}, \
            {"id": "B1", "box_mm": [[x0, y0, z0], [x1, y1, z1]]}]}. A voxel belongs to an ROI when its \
            centre lies inside. Statistics follow the IBSI intensity features (population SD; \
            percentiles by linear interpolation between closest ranks).
            """
    )

    @Option(name: .long, help: "The CT series: a folder (searched recursively) or one file.")
    var series: String

    @Option(name: .long, parsing: .upToNextOption, help: "ROI file(s): sphere/box JSON (LPS, mm), DICOM SEG or RTSTRUCT.")
    var rois: [String]

    @Option(name: .customLong("series-uid"), help: "Measure the series with this SeriesInstanceUID when the path holds several.")
    var seriesUID: String?

    @Flag(name: .customLong("all-series"), help: "Measure every CT series under the path.")
    var allSeries = false

    @OptionGroup var measurement: MeasurementOptions

    @Flag(help: "Print the JSON document (CONTRACT.md) instead of the table.")
    var json = false

    @Option(help: "Write results.json into this folder (atomically).")
    var out: String?

    func validate() throws {
        try ExistingPath.check(series, option: "--series")
        if rois.isEmpty { throw ValidationError("give at least one ROI file with --rois") }
        for file in rois { try ExistingPath.check(file, option: "--rois") }
    }

    func run() throws {
        var options = DensityOptions()
        options.resegmentationRange = measurement.resegmentationRange
        let range = measurement.resegmentationRange
        var results: [TimePointMeasurement] = []
        var seriesErrors: [String] = []
        do {
            let (list, index) = try SeriesSelection.candidates(in: series)
            let fileWarnings = SeriesSelection.fileWarnings(index)
            for c in try SeriesSelection.choose(list, path: series, uid: seriesUID, all: allSeries) {
                do {
                    let stack = try DICOMSeries.assemble(c)
                    results.append(TimePointMeasurement.measure(
                        stack: stack, path: series, roiFiles: rois, options: options, fileWarnings: fileWarnings,
                        fractionalThreshold: measurement.segThreshold))
                } catch {
                    seriesErrors.append("\(error)")
                }
            }
        } catch {
            seriesErrors.append("\(error)")
        }
        // A series that cannot be measured is named in the document as well as on stderr.
        let document: JSONValue
        if results.count == 1 && seriesErrors.isEmpty && !allSeries {
            document = MeasureDocument.json(results[0], resegmentationRange: range)
        } else if results.isEmpty && !allSeries {
            document = MeasureDocument.failure(path: series, messages: seriesErrors, resegmentationRange: range)
        } else {
            document = MeasureDocument.json(all: results, errors: seriesErrors.map { (series, $0) }, resegmentationRange: range)
        }
        if json {
            print(document.serialized())
        } else {
            for r in results { print(MeasureTable.text(r)) }
            for e in seriesErrors { print("ERROR \(e)") }
        }
        if let out {
            do { try AtomicFile.write(document.serialized() + "\n", to: (out as NSString).appendingPathComponent("results.json")) } catch {
                Console.error("\(out): cannot write results.json: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        for e in seriesErrors { Console.error(e) }
        for r in results { for f in r.failures { Console.error("\(f.file): \(f.lesionID.map { "lesion \($0): " } ?? "")\(f.message)") } }
        if !seriesErrors.isEmpty || results.contains(where: { !$0.failures.isEmpty }) { throw ExitCode(1) }
    }
}
