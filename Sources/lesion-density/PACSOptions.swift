import ArgumentParser
import DICOMNetwork
import Foundation

/// The node and how we talk to it, shared by the commands that use a PACS (Docs/PACS.md).
struct PACSOptions: ParsableArguments {
    @Option(name: .customLong("pacs"), help: "The DICOM node, AET@HOST:PORT (Docs/PACS.md).")
    var pacs: String

    @Option(name: .customLong("calling-aet"), help: "Our AE title, registered at the node for C-GET (1-16 characters).")
    var callingAET: String = AssociationSettings.defaultCallingAETitle

    @Option(help: "Seconds for the connection, the association and each response (1-3600).")
    var timeout: Int = AssociationSettings.defaultTimeoutSeconds

    /// The checked settings; a bad value is a usage error naming it.
    func settings() throws -> AssociationSettings {
        do {
            return try AssociationSettings(node: DICOMNode(parsing: pacs), callingAETitle: callingAET, timeoutSeconds: timeout)
        } catch let error as DICOMNetworkError {
            throw ValidationError("--pacs/--calling-aet/--timeout: \(error)")
        }
    }

    func validate() throws { _ = try settings() }
}
