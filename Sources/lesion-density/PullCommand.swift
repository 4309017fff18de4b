import ArgumentParser
import DICOMNetwork
import Foundation
import LesionAnalysis
import ResultsModel

struct PullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Query and retrieve studies from a PACS (C-FIND, C-GET) into DIR/<PatientID>/<StudyInstanceUID>/.",
        discussion: """
            Finds the studies of the patients (or the given studies) with a Study Root C-FIND and retrieves each \
            with C-GET on the same association (the node must know our calling AE title). Files are named \
            <SOPInstanceUID>.dcm and written atomically; instances already in DIR are not fetched again, so an \
            interrupted pull (Ctrl-C keeps what is complete) resumes where it stopped. Exit status 0 when every \
            study is complete, 1 when the node or a study failed (named on stderr; what arrived is kept), 2 for a \
            usage error. Node configuration and a worked example: Docs/PACS.md.
            """
    )

    @OptionGroup var node: PACSOptions

    @Option(parsing: .upToNextOption, help: "PatientID(s) whose studies to pull (matched exactly).")
    var patient: [String] = []

    @Option(parsing: .upToNextOption, help: "StudyInstanceUID(s) to pull.")
    var study: [String] = []

    @Option(name: .customLong("patients-file"), help: "A text file with one PatientID per line (# starts a comment).")
    var patientsFile: String?

    @Option(help: "The folder to pull into (created if needed).")
    var into: String

    @Option(help: "Only studies whose ModalitiesInStudy holds this modality, e.g. CT.")
    var modality: String?

    @Option(help: "Only studies on or after this date, YYYY-MM-DD.")
    var since: String?

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        let sources = [!patient.isEmpty, !study.isEmpty, patientsFile != nil].filter { $0 }.count
        if sources != 1 { throw ValidationError("give exactly one of --patient ID..., --study UID... or --patients-file FILE") }
        _ = try request()
    }

    /// The checked request; every bad value is a usage error naming it.
    func request() throws -> PullRequest {
        let settings = try node.settings()
        do {
            var ids = patient
            if let patientsFile {
                guard let text = try? String(contentsOfFile: patientsFile, encoding: .utf8) else {
                    throw ValidationError("--patients-file \(patientsFile): cannot read it as UTF-8 text")
                }
                ids = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
                if ids.isEmpty { throw ValidationError("--patients-file \(patientsFile) lists no PatientID") }
            }
            try ids.forEach(PullRequest.checkPatientID)
            for uid in study where !DICOMNode.isValidUID(uid) {
                throw ValidationError("--study \"\(uid)\" is not a UID (digits and dots, at most 64 characters)")
            }
            if let modality, modality.isEmpty || modality.count > 16 || !modality.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }) {
                throw ValidationError("--modality \"\(modality)\" is not a DICOM modality (upper-case letters, digits, _; e.g. CT)")
            }
            let date = try since.map(PullRequest.dicomDate)
            let selection: PullRequest.Selection = study.isEmpty ? .patients(ids) : .studies(study)
            return PullRequest(settings: settings, selection: selection, folder: into, modality: modality, since: date)
        } catch let error as DICOMNetworkError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let request = try request()
        let stop = StopFlag()
        let interrupt = Interrupt.install(command: "pull", finishing: "keeping the complete instances") { stop.set() }
        defer { interrupt.cancel() }
        let display = PullProgressDisplay(quiet: quiet)
        let report: PullReport
        do {
            report = try PACSPull.run(request, isCancelled: { stop.isSet }, progress: display.update)
        } catch {
            display.finish()
            Console.error("pull: \(error)")
            throw ExitCode(1)
        }
        display.finish()
        for study in report.studies {
            let state = study.error == nil ? "complete" : "incomplete"
            print("\(TerminalText.escaped(study.patientID))  \(study.studyDate.isEmpty ? "-" : study.studyDate)  \(study.studyInstanceUID)  "
                  + "\(study.received) received, \(study.alreadyPresent) already present\(study.notNeeded > 0 ? ", \(study.notNeeded) of other classes not retrieved" : "")  \(state)  \(study.folder)")
        }
        for study in report.studies { if let error = study.error { Console.error("pull: \(error)") } }
        for problem in report.problems { Console.error("pull: \(problem)") }
        let received = report.studies.reduce(0) { $0 + $1.received }
        let present = report.studies.reduce(0) { $0 + $1.alreadyPresent }
        let failed = report.studies.filter { $0.error != nil }.count
        print("pull: \(report.studies.count) stud\(report.studies.count == 1 ? "y" : "ies"), \(received) instance(s) received, "
              + "\(present) already present, \(failed) incomplete\(report.cancelled ? ", interrupted" : "") into \(request.folder)")
        if !report.complete { throw ExitCode(1) }
    }
}

/// Set once by Ctrl-C, read by the pull after each instance.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Progress of a pull on stderr: redrawn in place on a terminal, one line per study otherwise.
final class PullProgressDisplay {
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var drew = false
    private var lastStudy = -1

    init(quiet: Bool) { self.quiet = quiet }

    func update(_ p: PullProgress) {
        guard !quiet else { return }
        let instances = "\(p.instancesDone)/\(p.instancesTotal.map(String.init) ?? "?") instances"
        if isTerminal {
            write("\r\u{1B}[2K\(p.studiesDone)/\(p.studiesTotal) studies, \(instances)  \(TerminalText.escaped(p.patientID))")
            drew = true
        } else if p.studiesDone != lastStudy {
            lastStudy = p.studiesDone
            write("pull: \(p.studiesDone)/\(p.studiesTotal) studies, \(instances)\n")
        }
    }

    func finish() { if drew { write("\n"); drew = false } }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
