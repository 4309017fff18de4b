import ArgumentParser
import Foundation
import LesionAnalysis
import ReportWriters

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results of batch shards (--shard K/N) into one results.json and results.csv, and their pictures/.",
        discussion: "Each shard's report.html stays in its folder. Shards with different criteria, or a shard given twice, are refused (exit 2)."
    )

    @Argument(help: "The shards' --out folders.")
    var folders: [String]

    @Option(help: "Folder for the merged results.json and results.csv.")
    var out: String

    func run() throws {
        let merged: (json: String, csv: String)
        do { merged = try ResultsMerge.merge(folders) } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        do {
            try AtomicFile.write(merged.json, to: (out as NSString).appendingPathComponent("results.json"))
            try AtomicFile.write(merged.csv, to: (out as NSString).appendingPathComponent("results.csv"))
            try ResultsMerge.copyPictures(from: folders, to: out)
        } catch {
            Console.error("\(out): cannot write results: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
