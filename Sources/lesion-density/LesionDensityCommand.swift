import ArgumentParser
import LesionAnalysis

@main
struct LesionDensityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesion-density",
        abstract: "Measure how the density (HU) of bone metastases changes between two CT scans.",
        discussion: """
            Reads CT series through DCMTK, puts lesion ROIs (spheres/boxes in patient LPS mm) on the \
            CT grid and reports density statistics in Hounsfield units.
            Exit status: 0 everything measured; 1 a series or lesion failed (named on stderr); 2 usage error.
            """,
        version: ToolInfo.version,
        subcommands: [InspectCommand.self, MeasureCommand.self, AnalyzeCommand.self, BatchCommand.self, MergeCommand.self]
    )
}
