import ArgumentParser
import Foundation
import LesionAnalysis

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze one pair of scans: per-lesion HU at baseline and follow-up, deltas, phenotype and response.",
        discussion: """
            Lesions are matched by label (SegmentLabel, ROIName or sphere id), compared lower-case with all \
            white space removed. A lesion outlined at one time point only is reported as "new" or "no \
            longer outlined". Thresholds and their sources: Docs/Classification.md; override with --criteria \
            (Docs/Outputs.md describes every output).
            """
    )

    @Option(help: "Baseline CT series: a folder (searched recursively) or one file.")
    var baseline: String

    @Option(help: "Follow-up CT series: a folder (searched recursively) or one file.")
    var followup: String

    @Option(parsing: .upToNextOption, help: "ROI file(s) of the baseline: sphere/box JSON (LPS, mm), DICOM SEG or RTSTRUCT. Serve both time points unless --followup-rois is given.")
    var rois: [String]

    @Option(name: .customLong("followup-rois"), parsing: .upToNextOption, help: "ROI file(s) of the follow-up, when it has its own segmentation.")
    var followupROIs: [String] = []

    @Option(name: .customLong("baseline-series-uid"), help: "SeriesInstanceUID to use when the baseline path holds several CT series.")
    var baselineSeriesUID: String?

    @Option(name: .customLong("followup-series-uid"), help: "SeriesInstanceUID to use when the follow-up path holds several CT series.")
    var followupSeriesUID: String?

    @Option(help: "Criteria JSON file: keys of the criteria object of results.json (HU, %, days, mL; Docs/Outputs.md); the rest keep their defaults.")
    var criteria: String?

    @Option(name: .customLong("therapy-start"), help: "Therapy start date YYYY-MM-DD, for possible_flare and early_follow_up.")
    var therapyStart: String?

    @OptionGroup var measurement: MeasurementOptions

    @OptionGroup var pseudonymOptions: PseudonymOptions

    @OptionGroup var pictureOptions: PictureOptions

    @OptionGroup var dicomOptions: DICOMOutputOptions

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var association: AssociationOptions

    @Flag(help: "Print the results.json document instead of the table.")
    var json = false

    @Flag(name: .customLong("no-register"), help: "Compute no registration: a lesion compared across two frames of reference without a REG is flagged frame_of_reference_mismatch (Docs/Longitudinal.md).")
    var noRegister = false

    @Option(help: "Write results.json, results.csv, pictures/ and report.html into this folder (each atomically).")
    var out: String?

    func validate() throws {
        try ExistingPath.check(baseline, option: "--baseline")
        try ExistingPath.check(followup, option: "--followup")
        if rois.isEmpty { throw ValidationError("give at least one ROI file with --rois") }
        for file in rois { try ExistingPath.checkFile(file, option: "--rois") }
        for file in followupROIs { try ExistingPath.checkFile(file, option: "--followup-rois") }
        if let therapyStart, StudyDates.date(therapyStart) == nil { throw ValidationError("--therapy-start must be a date YYYY-MM-DD") }
        try storeOptions.check(out: out, noDICOM: dicomOptions.noDICOM)
    }

    func run() throws {
        var request = PairRequest(baselinePath: baseline, followupPath: followup, baselineROIs: rois,
                                  followupROIs: followupROIs.isEmpty ? nil : followupROIs, therapyStart: therapyStart)
        request.baselineSeriesUID = baselineSeriesUID
        request.followupSeriesUID = followupSeriesUID
        request.resegmentationRange = measurement.resegmentationRange
        request.fractionalThreshold = measurement.segThreshold
        request.labelMaps = measurement.labelMaps
        request.register = !noRegister
        if let criteria {
            do { request.criteria = try InputFiles.criteria(criteria) } catch {
                Console.error("\(error)")
                throw ExitCode(2)
            }
        }
        var pseudonym: Pseudonym?
        if pseudonymOptions.pseudonymize {
            do { pseudonym = try Pseudonym(salt: pseudonymOptions.salt ?? ProcessInfo.processInfo.environment["LESION_DENSITY_SALT"] ?? "") } catch {
                Console.error("\(error)")
                throw ExitCode(2)
            }
        }
        let pictures = pictureOptions.sink(out: out, pseudonym: pseudonym)
        let dicom = dicomOptions.sink(out: out, pseudonym: pseudonym)
        let pair = PairAnalysis.run(request, pictures: pictures, dicom: dicom)
        if pair.isUsageError {
            Console.error(pair.error ?? "usage error")
            throw ExitCode(2)
        }
        let allStored = try storeOptions.store(dicom, association: association)
        let document = RunDocument.analyze(pair, criteria: request.criteria,
                                           resegmentationRange: request.resegmentationRange, pictures: pictures, dicom: dicom,
                                           pseudonym: pseudonym)
        let result = document.pairs[0]
        if json { print(document.json.serialized()) } else { print(PairTable.text([result]), terminator: "") }
        if let out {
            do {
                try ResultsFiles.write(document, to: out, command: "analyze", report: pictures != nil)
            } catch {
                Console.error("\(out): cannot write results: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        for w in document.warnings { Console.error("\(w)") }
        Console.pairProblems(result)
        if result.status != .ok || !result.failures.isEmpty || !allStored { throw ExitCode(1) }
    }
}
