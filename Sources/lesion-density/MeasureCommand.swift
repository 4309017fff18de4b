import ArgumentParser
import Foundation
import LesionAnalysis
import ReportWriters
import ResultsModel

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure lesion density (HU statistics) at one time point.",
        discussion: """
            ROIs are spheres or boxes in DICOM patient coordinates (LPS, mm), in the JSON format of \
            Docs/Outputs.md: {"lesions": [{"id": "L1", "center_mm": [x, y, z], "radius_mm": r}, \
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

    @Flag(help: "Print the JSON document (Docs/Outputs.md) instead of the table.")
    var json = false

    @Option(help: "Write results.json into this folder (atomically).")
    var out: String?

    func validate() throws {
        try ExistingPath.check(series, option: "--series")
        if rois.isEmpty { throw ValidationError("give at least one ROI file with --rois") }
        for file in rois { try ExistingPath.checkFile(file, option: "--rois") }
    }

    func run() throws {
        let outcome = MeasureWorkflow.run(path: series, roiFiles: rois, uid: seriesUID, all: allSeries,
                                          resegmentationRange: measurement.resegmentationRange,
                                          fractionalThreshold: measurement.segThreshold, labelMaps: measurement.labelMaps)
        if json {
            print(outcome.document.serialized())
        } else {
            for r in outcome.series { print(MeasureTable.text(r)) }
            for e in outcome.seriesErrors { print(TerminalText.escaped("ERROR \(e)")) }
        }
        if let out {
            do { try AtomicFile.write(outcome.document.serialized() + "\n", to: (out as NSString).appendingPathComponent("results.json")) } catch {
                Console.error("\(out): cannot write results.json: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        for e in outcome.seriesErrors { Console.seriesError(e) }
        for r in outcome.series { for f in r.failures { Console.failure(f) } }
        if outcome.failed { throw ExitCode(1) }
    }
}
