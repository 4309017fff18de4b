import ArgumentParser
import Foundation
import LesionAnalysis
import ResultsModel

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results of batch shards (--shard K/N) into one results.json and results.csv, and their pictures/.",
        discussion: "Each shard's report.html stays in its folder. Shards with different criteria or a shard given twice are refused (exit 2); a missing or failed shard (no results.json, or pairs not run) is named by K (exit 1): rerun it alone and merge again with its folder (Docs/Cluster.md). Docs/Outputs.md describes the files."
    )

    @Argument(help: "The shards' --out folders.")
    var folders: [String]

    @Option(help: "Folder for the merged results.json and results.csv.")
    var out: String

    func validate() throws {
        // The merged files would replace a shard's own results before they were read.
        let target = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        for folder in folders where URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path == target {
            throw ValidationError("--out \(out) is the shard folder \(folder): choose a folder of its own for the merged results")
        }
    }

    func run() throws {
        let merged: ResultsDocument
        do { merged = try ResultsMerge.merge(folders) } catch let error as MergeError where !error.incompleteShards.isEmpty {
            // Rerun those shards and merge again: exit 1 as for a batch with pairs not run.
            Console.error("\(error)")
            throw ExitCode(1)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        do {
            try ResultsFiles.write(merged, to: out, command: "merge", report: false)
            try ResultsMerge.copyPictures(from: folders, to: out)
        } catch {
            Console.error("\(out): cannot write results: \(error)")
            throw ExitCode(1)
        }
    }
}
