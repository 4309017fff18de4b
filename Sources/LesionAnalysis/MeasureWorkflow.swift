import DensityKernel
import ResultsModel

/// `measure`: the series under a path (one, the one chosen by UID, or all), each measured with the
/// ROI files given; a series that cannot be measured is named in the document and the outcome.
public enum MeasureWorkflow {
    /// What `measure` found: the series measured, the reasons others could not be, and the document.
    public struct Outcome: Sendable {
        public var series: [SeriesMeasurementResult]
        /// One message per series (or path) that could not be measured.
        public var seriesErrors: [String]
        /// The `measure --json` document.
        public var document: JSONValue

        /// Whether anything failed (exit status 1).
        public var failed: Bool { !seriesErrors.isEmpty || series.contains { !$0.failures.isEmpty } }
    }

    /// - Parameters:
    ///   - uid: the SeriesInstanceUID to measure when the path holds several series.
    ///   - all: measure every CT series under the path (`--all-series`).
    ///   - resegmentationRange: IBSI re-segmentation range (HU), or nil.
    ///   - fractionalThreshold: FRACTIONAL SEG pixels kept at ≥ this fraction of MaximumFractionalValue.
    ///   - labelMaps: how label maps are read (`--labels`, `--split-components`).
    public static func run(path: String, roiFiles: [String], uid: String?, all: Bool, resegmentationRange: ClosedRange<Double>?,
                           fractionalThreshold: Double, labelMaps: LabelMapOptions = .init()) -> Outcome {
        var options = DensityOptions()
        options.resegmentationRange = resegmentationRange
        var results: [SeriesMeasurementResult] = []
        var seriesErrors: [String] = []
        do {
            let (list, index) = try SeriesSelection.candidates(in: path)
            let fileWarnings = SeriesSelection.fileWarnings(index)
            for c in try SeriesSelection.choose(list, path: path, uid: uid, all: all, index: index) {
                do {
                    let stack = try DICOMSeries.assemble(c)
                    results.append(TimePointMeasurement.measure(
                        stack: stack, path: path, roiFiles: roiFiles, options: options, fileWarnings: fileWarnings,
                        fractionalThreshold: fractionalThreshold, labelMaps: labelMaps).result)
                } catch {
                    seriesErrors.append("\(error)")
                }
            }
        } catch {
            seriesErrors.append("\(error)")
        }
        let tool = ToolInfo.description, range = resegmentationRange
        let document: JSONValue
        if results.count == 1 && seriesErrors.isEmpty && !all {
            document = MeasureDocument.json(results[0], tool: tool, resegmentationRange: range)
        } else if results.isEmpty && !all {
            document = MeasureDocument.failure(path: path, messages: seriesErrors, tool: tool, resegmentationRange: range)
        } else {
            document = MeasureDocument.json(all: results, errors: seriesErrors.map { (path, $0) }, tool: tool, resegmentationRange: range)
        }
        return Outcome(series: results, seriesErrors: seriesErrors, document: document)
    }
}
