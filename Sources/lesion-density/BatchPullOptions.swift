import ArgumentParser
import DICOMNetwork
import Foundation
import LesionAnalysis

/// `batch --pacs AET@HOST:PORT --patient ID... [--into CACHE]`: the patients' studies are pulled
/// from the node first (as `pull` does: C-FIND, C-GET, instances already in the cache not fetched
/// again), then the batch runs on the cache (Docs/PACS.md "batch --pacs").
struct BatchPullOptions: ParsableArguments {
    @Option(help: "Pull the --patient studies from this node (C-FIND, C-GET) into the cache, then run the batch on it; AET@HOST:PORT (Docs/PACS.md).")
    var pacs: String?

    @Option(parsing: .upToNextOption, help: "PatientID(s) to pull with --pacs (matched exactly).")
    var patient: [String] = []

    @Option(help: "Cache folder for --pacs (default DIR/pacs-cache): DIR/<PatientID>/<StudyInstanceUID>/; instances already there are not fetched again.")
    var into: String?

    func validate() throws {
        guard let pacs else {
            if !patient.isEmpty || into != nil { throw ValidationError("--patient and --into go with --pacs AET@HOST:PORT") }
            return
        }
        _ = try DICOMNodeArgument.node(pacs, option: "--pacs")
        if patient.isEmpty { throw ValidationError("--pacs needs the patients to pull: --patient ID...") }
        do { try patient.forEach(PullRequest.checkPatientID) } catch let error as DICOMNetworkError {
            throw ValidationError("--patient: \(error.message)")
        }
    }

    /// With `--pseudonymize` the cache must lie outside the output folder: it holds the studies as
    /// pulled (the real PatientIDs in its folder names and files), and the output folder is what
    /// gets shared.
    func check(out: String?, pseudonymize: Bool) throws {
        guard pacs != nil, pseudonymize, let out else { return }
        let folder = URL(fileURLWithPath: out).standardizedFileURL.path + "/"
        guard let into, !(URL(fileURLWithPath: into).standardizedFileURL.path + "/").hasPrefix(folder) else {
            throw ValidationError("--pseudonymize with --pacs: give --into CACHE outside --out \(out) (the cache holds the studies as pulled, with the real PatientIDs)")
        }
    }

    /// The folder pulled into: `--into`, else `out/pacs-cache`.
    func cache(out: String) -> String { into ?? (out as NSString).appendingPathComponent("pacs-cache") }

    /// Pulls the patients' studies into ``cache(out:)``, with progress on stderr (not with `quiet`)
    /// and every problem on stderr naming the node and the study.
    /// - Returns: whether every study is complete (what arrived is kept either way).
    func pull(out: String, association: AssociationOptions, quiet: Bool) throws -> Bool {
        guard let pacs else { return true }
        let settings = try association.settings(node: DICOMNodeArgument.node(pacs, option: "--pacs"))
        let request = PullRequest(settings: settings, selection: .patients(patient), folder: cache(out: out))
        try FileManager.default.createDirectory(atPath: request.folder, withIntermediateDirectories: true)
        let stop = StopFlag()
        let interrupt = Interrupt.install(command: "batch", finishing: "keeping the complete instances") { stop.set() }
        defer { interrupt.cancel() }
        let display = PullProgressDisplay(quiet: quiet)
        let report: PullReport
        do { report = try PACSPull.run(request, isCancelled: { stop.isSet }, progress: display.update) } catch {
            display.finish()
            Console.error("pull: \(error)")
            return false
        }
        display.finish()
        for study in report.studies { if let error = study.error { Console.error("pull: \(error)") } }
        for problem in report.problems { Console.error("pull: \(problem)") }
        if !quiet {
            let received = report.studies.reduce(0) { $0 + $1.received }, present = report.studies.reduce(0) { $0 + $1.alreadyPresent }
            Console.error("pull: \(report.studies.count) stud\(report.studies.count == 1 ? "y" : "ies"), \(received) instance(s) received, "
                          + "\(present) already present\(report.cancelled ? ", interrupted" : "") into \(request.folder)")
        }
        return report.complete
    }
}
