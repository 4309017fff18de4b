import ArgumentParser
import DICOMNetwork
import Foundation

/// The node and how we talk to it, shared by the commands that use a PACS (Docs/PACS.md).
struct PACSOptions: ParsableArguments {
    @Option(name: .customLong("pacs"), help: "The DICOM node, AET@HOST:PORT (Docs/PACS.md).")
    var pacs: String

    @OptionGroup var association: AssociationOptions

    /// The checked settings; a bad value is a usage error naming it.
    func settings() throws -> AssociationSettings {
        try association.settings(node: DICOMNodeArgument.node(pacs, option: "--pacs"))
    }

    func validate() throws { _ = try settings() }
}

/// `--calling-aet` and `--timeout`: how we talk to a DICOM node (pull, batch --pacs, --store-to).
struct AssociationOptions: ParsableArguments {
    @Option(name: .customLong("calling-aet"), help: "Our AE title (calling AE), as registered at the node (default \(AssociationSettings.defaultCallingAETitle)).")
    var callingAET: String = AssociationSettings.defaultCallingAETitle

    @Option(help: "Seconds allowed for the connect, the association and each response (1-3600).")
    var timeout: Int = AssociationSettings.defaultTimeoutSeconds

    func validate() throws {
        do { _ = try settings(node: DICOMNode(aeTitle: "CHECK", host: "localhost", port: 104)) } catch let error as DICOMNetworkError {
            throw ValidationError(error.message)
        }
    }

    /// The association settings for `node`.
    func settings(node: DICOMNode) throws -> AssociationSettings {
        try AssociationSettings(node: node, callingAETitle: callingAET, timeoutSeconds: timeout)
    }
}

/// An `AET@HOST:PORT` option value.
enum DICOMNodeArgument {
    /// - Throws: `ValidationError` (exit 2) naming the option and what is wrong.
    static func node(_ text: String, option: String) throws -> DICOMNode {
        do { return try DICOMNode(parsing: text) } catch let error as DICOMNetworkError {
            throw ValidationError("\(option): \(error.message)")
        }
    }
}
