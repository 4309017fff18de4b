import ArgumentParser
import Foundation
import LesionAnalysis

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what a folder holds: patients, studies, CT series (geometry, encoding, protocol, problems), ROI objects, skipped and unreadable files.",
        discussion: "Exit status 1 when a DICOM file cannot be read or a series cannot form a volume (each named on stderr); 2 when PATH does not exist."
    )

    @Argument(help: "A folder (searched recursively; any file names) or one DICOM file.")
    var path: String

    @Flag(help: "Print the JSON document instead of the readable listing.")
    var json = false

    func run() throws {
        let inspection: Inspection
        do { inspection = try Inspection.run(path: path) } catch {
            Console.error("\(error)", see: .series)
            throw ExitCode(2)
        }
        if json {
            print(inspection.json.serialized())
        } else {
            print(InspectionListing.text(inspection), terminator: "")
        }
        // Exit 1 when a file cannot be read or a series cannot form a volume; each is named on stderr.
        let broken = inspection.patients.flatMap { $0.studies.flatMap { $0.series.compactMap(\.error) } }
        for u in inspection.index.unreadableFiles { Console.error("unreadable_file: \(u.path): \(u.message)") }
        for e in broken { Console.error("series error: \(e)", see: .series) }
        if !inspection.index.unreadableFiles.isEmpty || !broken.isEmpty { throw ExitCode(1) }
    }
}
