import ArgumentParser
import Dispatch
import Foundation
import LesionAnalysis
import ResponseClassifier

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Analyze every scan pair of an export tree (or a manifest): one row per lesion.",
        discussion: """
            Finds every CT series and ROI object under ROOT (any folder layout, any file names), pairs each \
            patient's studies (baseline = earliest StudyDate/StudyTime), uses in each study the CT series its \
            SEG, RTSTRUCT or rois.json refers to, and analyzes the pairs in parallel. One bad pair is reported \
            and the rest go on. Writes results.json and results.csv into --out. With --pacs the patients' studies \
            are first pulled from a PACS into a cache folder, and --store-to sends the DICOM outputs back (Docs/PACS.md).
            """
    )

    @Argument(help: "The export tree to search (omit with --manifest or --pacs).")
    var root: String?

    @Option(help: "A CSV or JSON manifest listing the pairs instead of discovering them (columns: Docs/Outputs.md).")
    var manifest: String?

    @Option(help: "Folder for results.json, results.csv, pictures/ and report.html (each written atomically); not needed when writing a --plan.")
    var out: String?

    @Option(help: "baseline: the earliest study against each later one; consecutive: each study against the next.")
    var pairing: String = PairingMode.baseline.rawValue

    @Option(help: "Criteria JSON file: keys of the criteria object of results.json (Docs/Outputs.md); the rest keep their defaults.")
    var criteria: String?

    @Option(name: .customLong("therapy-start"), help: "Therapy start date YYYY-MM-DD (all patients), for possible_flare and early_follow_up.")
    var therapyStart: String?

    @Option(help: "Process the K-th of N shards of the patients, balanced by estimated work, e.g. 2/8 (Slurm array, Kubernetes indexed job; Docs/Cluster.md).")
    var shard: String?

    @Option(help: "Shard plan file: without --shard, write the plan for --shards N and exit; with --shard K/N, run shard K of it (Docs/Cluster.md).")
    var plan: String?

    @Option(help: "Number of shards N of the plan written by --plan FILE.")
    var shards: Int?

    @Option(help: "Pairs analyzed in parallel.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("fail-fast"), help: "Stop at the first pair that fails.")
    var failFast = false

    @Flag(name: .customLong("no-register"), help: "Compute no registration: a lesion compared across two frames of reference without a REG is flagged frame_of_reference_mismatch (Docs/Longitudinal.md).")
    var noRegister = false

    @Flag(help: "No progress output and no own_output_skipped lines on stderr (results.json keeps them); problems are still printed.")
    var quiet = false

    @OptionGroup var measurement: MeasurementOptions

    @OptionGroup var pseudonymOptions: PseudonymOptions

    @OptionGroup var pictureOptions: PictureOptions

    @OptionGroup var dicomOptions: DICOMOutputOptions

    @OptionGroup var pullOptions: BatchPullOptions

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var association: AssociationOptions

    @Flag(help: "Print the results.json document to stdout instead of the table.")
    var json = false

    func validate() throws {
        if [root != nil, manifest != nil, pullOptions.pacs != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give one of ROOT, --manifest FILE or --pacs AET@HOST:PORT --patient ID...")
        }
        if pullOptions.pacs != nil && out == nil { throw ValidationError("--pacs needs --out DIR (the cache is DIR/pacs-cache unless --into is given)") }
        if let root { try ExistingPath.check(root, option: "ROOT") }
        if let manifest { try ExistingPath.checkFile(manifest, option: "--manifest") }
        if PairingMode(rawValue: pairing) == nil { throw ValidationError("--pairing is baseline or consecutive") }
        if let shard, Shard.parse(shard) == nil { throw ValidationError("--shard is K/N with 1 ≤ K ≤ N, e.g. 2/8") }
        if plan != nil && shard == nil {
            guard let shards, shards >= 1 else { throw ValidationError("writing a plan (--plan FILE without --shard) needs --shards N with N ≥ 1") }
        } else {
            if shards != nil { throw ValidationError("--shards N is for writing a plan (--plan FILE without --shard)") }
            if out == nil { throw ValidationError("--out DIR is required") }
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let therapyStart, StudyDates.date(therapyStart) == nil { throw ValidationError("--therapy-start must be a date YYYY-MM-DD") }
        try storeOptions.check(out: out, noDICOM: dicomOptions.noDICOM)
        try pullOptions.check(out: out, pseudonymize: pseudonymOptions.pseudonymize)
    }

    func run() throws {
        let out = self.out ?? "."
        // batch --pacs: the studies are pulled into the cache first, and the cache is ROOT.
        let pulled = try pullOptions.pull(out: out, association: association, quiet: quiet)
        let root = pullOptions.pacs == nil ? self.root : pullOptions.cache(out: out)
        var criteriaInForce = ResponseCriteria()
        var pseudonym: Pseudonym?
        var plan: BatchPlan
        do {
            if let criteria { criteriaInForce = try InputFiles.criteria(criteria) }
            if pseudonymOptions.pseudonymize { pseudonym = try Pseudonym(salt: pseudonymOptions.salt ?? ProcessInfo.processInfo.environment["LESION_DENSITY_SALT"] ?? "") }
            guard let planned = try plannedPairs(root: root, criteria: criteriaInForce) else { return }
            plan = planned
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        let shardName = shard.flatMap(Shard.parse).map { "\($0.0)/\($0.1)" }
        let range = measurement.resegmentationRange
        for i in plan.pairs.indices {
            plan.pairs[i].request?.resegmentationRange = range
            plan.pairs[i].request?.fractionalThreshold = measurement.segThreshold
            plan.pairs[i].request?.labelMaps = measurement.labelMaps
            plan.pairs[i].request?.register = !noRegister
        }

        let runner = BatchRunner()
        let interrupt = Interrupt.install { runner.stop() }
        let progress = ProgressReporter(quiet: quiet, total: plan.pairs.count)
        let pictures = pictureOptions.sink(out: out, pseudonym: pseudonym)
        let dicom = dicomOptions.sink(out: out, pseudonym: pseudonym)
        let results = runner.run(plan, workers: jobs, failFast: failFast, pictures: pictures, dicom: dicom) { done, total, pid, status in
            progress.update(done: done, total: total, patientID: pid, status: status)
        }
        progress.finish()
        interrupt.cancel()
        let allStored = try storeOptions.store(dicom, association: association, quiet: quiet)
        let document = RunDocument.batch(
            results, plan: plan, criteria: criteriaInForce, resegmentationRange: range, pictures: pictures, dicom: dicom, pseudonym: pseudonym,
            notRun: plan.pairs.count - results.count, stopReason: runner.isStopped ? "interrupted or --fail-fast" : "unknown",
            shard: shardName)
        do {
            try ResultsFiles.write(document, to: out, command: "batch", report: pictures != nil)
        } catch {
            Console.error("\(out): cannot write results: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        if json { print(document.json.serialized()) } else { print(PairTable.text(document.pairs), terminator: "") }
        // --quiet drops the routine own_output_skipped lines (our outputs stored back and pulled again;
        // Docs/Outputs.md); results.json keeps every warning.
        for w in document.warnings where !(quiet && w.code == .ownOutputSkipped) { Console.error("\(w)") }
        for r in document.pairs { Console.pairProblems(r, prefix: "\(r.patientID ?? "?"): ") }
        // A whole ROOT without any CT series is a wrong ROOT, not an empty success (an empty shard
        // of --shard K/N is one: exit 0). The empty results are written all the same.
        let noSeries = self.root != nil && shard == nil && plan.pairs.isEmpty && plan.unpaired.isEmpty
        if let root = self.root, noSeries { Console.error("batch: no CT series found under \(root)", see: .series) }
        // Exit 1 whenever a pair's status is not ok (error, no_rois, ambiguous) or a lesion failed.
        // Exit 1 too when a DICOM output was not stored (--store-to) or a study not pulled (--pacs).
        if results.count < plan.pairs.count || results.contains(where: { $0.status != .ok || !$0.failures.isEmpty }) || !allStored || !pulled || noSeries {
            throw ExitCode(1)
        }
    }
}
