import ResponseClassifier
import ResultsModel

/// The results document of a run, assembled from the workflow's results: pictures' problems and
/// pairs not run become run warnings, and `--pseudonymize` is applied to everything the document
/// holds. The command line prints and writes this document; it assembles nothing itself.
public enum RunDocument {
    /// `analyze`: one pair.
    public static func analyze(_ result: PairResult, criteria: ResponseCriteria, resegmentationRange: ClosedRange<Double>?,
                               pictures: PictureSink?, dicom: DICOMOutputSink? = nil, pseudonym: Pseudonym?) -> ResultsDocument {
        let document = ResultsDocument(tool: ToolInfo.description, criteria: criteria, resegmentationRange: resegmentationRange,
                                       pairs: [result], warnings: (pictures?.problems ?? []) + (dicom?.problems ?? []),
                                       trends: CourseTrends.trends([result]), dicomOutputs: dicom?.records ?? [])
        return pseudonym.map { $0.apply(document) } ?? document
    }

    /// `batch`: the pairs run (in plan order), the patients not paired and the plan's warnings.
    /// - Parameters:
    ///   - shard: `K/N` when the run is one shard of a batch (`shard`).
    ///   - notRun: pairs of the plan that were not run (interrupted, `--fail-fast`), reported as `stopped`.
    public static func batch(_ results: [PairResult], plan: BatchPlan, criteria: ResponseCriteria,
                             resegmentationRange: ClosedRange<Double>?, pictures: PictureSink?,
                             dicom: DICOMOutputSink? = nil, pseudonym: Pseudonym?,
                             notRun: Int, stopReason: String, shard: String? = nil) -> ResultsDocument {
        var warnings = plan.warnings.map(ResultWarning.init(rendered:)) + (pictures?.problems ?? []) + (dicom?.problems ?? [])
        if notRun > 0 { warnings.append(ResultWarning(.stopped, "\(notRun) pair(s) not run (\(stopReason))")) }
        let document = ResultsDocument(tool: ToolInfo.description, criteria: criteria, resegmentationRange: resegmentationRange,
                                       pairs: results, unpaired: plan.unpaired, warnings: warnings,
                                       trends: CourseTrends.trends(results), dicomOutputs: dicom?.records ?? [], shard: shard)
        return pseudonym.map { $0.apply(document) } ?? document
    }
}
