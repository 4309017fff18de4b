import ArgumentParser
import Foundation
import LesionAnalysis

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what a folder holds: patients, studies, CT series (geometry, encoding, protocol, problems), ROI objects, skipped and unreadable files."
    )

    @Argument(help: "A folder (searched recursively; any file names) or one DICOM file.")
    var path: String

    @Flag(help: "Print the JSON document instead of the readable listing.")
    var json = false

    func run() throws {
        let inspection: Inspection
        do { inspection = try Inspection.run(path: path) } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        if json {
            print(inspection.json.serialized())
        } else {
            print(InspectionListing.text(inspection), terminator: "")
        }
        let failed = !inspection.index.unreadableFiles.isEmpty
            || inspection.patients.contains { $0.studies.contains { $0.series.contains { $0.error != nil } } }
        if failed { throw ExitCode(1) }
    }
}
