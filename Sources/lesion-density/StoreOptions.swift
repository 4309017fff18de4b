import ArgumentParser
import DICOMNetwork
import Foundation
import LesionAnalysis

/// Options shared by analyze and batch: `--store-to AET@HOST:PORT`, C-STORE of the DICOM outputs
/// once they are written (Docs/PACS.md "Storing the outputs").
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store-to"),
            help: "After the DICOM outputs (SR, SEG, REG) are written, send them with C-STORE to this node, AET@HOST:PORT (Docs/PACS.md).")
    var storeTo: String?

    func validate() throws {
        if let storeTo { _ = try DICOMNodeArgument.node(storeTo, option: "--store-to") }
    }

    /// Checks the combination with the output options (a usage error, exit 2, when it cannot work).
    func check(out: String?, noDICOM: Bool) throws {
        guard storeTo != nil else { return }
        if noDICOM { throw ValidationError("--store-to sends the DICOM outputs, which --no-dicom turns off: give one of them") }
        if out == nil { throw ValidationError("--store-to needs --out DIR (the DICOM outputs are written there first)") }
    }

    /// Sends the outputs of `sink` (when `--store-to` was given) as `association` says, printing
    /// what it does on stderr.
    /// - Returns: whether every object was stored (true without `--store-to`).
    func store(_ sink: DICOMOutputSink?, association: AssociationOptions, quiet: Bool = false) throws -> Bool {
        guard let storeTo, let sink else { return true }
        let destination = try association.settings(node: DICOMNodeArgument.node(storeTo, option: "--store-to"))
        let count = sink.records.count
        if !quiet { Console.error("storing \(count) DICOM object(s) to \(destination.node) ...") }
        let failed = sink.store(to: destination)
        if !quiet { Console.error("stored \(count - failed) of \(count) DICOM object(s) to \(destination.node)") }
        return failed == 0
    }
}
