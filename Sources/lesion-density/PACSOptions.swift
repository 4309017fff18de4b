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

/// `--calling-aet`, `--timeout` and the `--tls` options: how we talk to a DICOM node (pull, batch --pacs, --store-to).
struct AssociationOptions: ParsableArguments {
    @Option(name: .customLong("calling-aet"), help: "Our AE title (calling AE), as registered at the node (default \(AssociationSettings.defaultCallingAETitle)).")
    var callingAET: String = AssociationSettings.defaultCallingAETitle

    @Option(help: "Seconds allowed for the connect, the association and each response (1-3600).")
    var timeout: Int = AssociationSettings.defaultTimeoutSeconds

    @Flag(help: "DICOM TLS on every association (needs --tls-ca; Docs/PACS.md).")
    var tls = false

    @Option(name: .customLong("tls-ca"), help: "With --tls: PEM file of the CA (or the node's certificate) that must have signed the node's certificate.")
    var tlsCA: String?

    @Option(name: .customLong("tls-cert"), help: "With --tls: our certificate (PEM), for a node that requires one (with --tls-key).")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "With --tls: the unencrypted private key (PEM) of --tls-cert.")
    var tlsKey: String?

    func validate() throws {
        do { _ = try settings(node: DICOMNode(aeTitle: "CHECK", host: "localhost", port: 104)) } catch let error as DICOMNetworkError {
            throw ValidationError(error.message)
        }
    }

    /// The association settings for `node`.
    func settings(node: DICOMNode) throws -> AssociationSettings {
        try AssociationSettings(node: node, callingAETitle: callingAET, timeoutSeconds: timeout, tls: tlsSettings())
    }

    /// The TLS settings, nil without `--tls`; a `--tls-*` option without `--tls`, `--tls` without
    /// `--tls-ca`, or only one of `--tls-cert` and `--tls-key` is a usage error.
    private func tlsSettings() throws -> TLSSettings? {
        guard tls else {
            guard tlsCA == nil, tlsCertificate == nil, tlsKey == nil else {
                throw ValidationError("--tls-ca, --tls-cert and --tls-key need --tls")
            }
            return nil
        }
        guard let tlsCA else { throw ValidationError("--tls needs --tls-ca FILE (the CA that signed the node's certificate)") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        return try TLSSettings(trustedCertificates: tlsCA, certificate: tlsCertificate, privateKey: tlsKey)
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
