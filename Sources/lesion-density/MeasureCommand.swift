import ArgumentParser

struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "measure", abstract: "Measure lesion density at one time point.")
    func run() throws {}
}
