import ArgumentParser
import Foundation
import LesionAnalysis
import ResultsModel

@main
struct LesionDensityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesion-density",
        abstract: "Measure how the density (HU) of bone metastases changes between two CT scans.",
        discussion: """
            Reads CT series through DCMTK, puts lesion ROIs (spheres/boxes in patient LPS mm) on the \
            CT grid and reports density statistics in Hounsfield units.
            Exit status: 0 everything measured; 1 a series or lesion failed (named on stderr); 2 usage error. \
            Every output, key, word and input file format: Docs/Outputs.md in the repository.
            """,
        version: ToolDescription.version,
        subcommands: [InspectCommand.self, MeasureCommand.self, AnalyzeCommand.self, BatchCommand.self, MergeCommand.self, PullCommand.self]
    )

    /// Docs/Outputs.md's exit statuses: a usage error (bad flags, a missing path; swift-argument-parser's
    /// EX_USAGE 64) becomes 2, its message followed by the pointer to Docs/Outputs.md's flag list; 0
    /// and 1 pass through.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                let pointer = "  See also Docs/Outputs.md, \"Commands and flags\"."
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n" + pointer + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
