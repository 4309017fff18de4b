internal import CDICOMNetBridge
import Foundation

/// A failure talking to a DICOM node: what kind, which node (`AET@HOST:PORT`), which study, and why.
public struct DICOMNetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A value we were given is malformed (AE title, port, UID, date, timeout).
        case invalidArgument
        /// No TCP connection (unknown or unreachable host, closed port, connect timeout).
        case unreachable
        /// The node rejected the association (wrong called AE title, our AE title unknown there) or the service.
        case rejected
        /// No response within the timeout.
        case timeout
        /// The exchange failed: a failure status, failed or warned C-GET sub-operations, an aborted association.
        case failed
        /// A study that C-FIND did not return (it does not exist, or vanished before C-GET).
        case notFound
        /// A received object or file could not be written or read.
        case io
        /// Stopped on request; what was complete is kept.
        case cancelled
        /// Out of memory or an unexpected error inside DCMTK.
        case `internal`
    }

    public let kind: Kind
    /// `AET@HOST:PORT`, or "" when no node is involved yet.
    public let node: String
    /// The StudyInstanceUID concerned, if any.
    public let study: String?
    public let message: String

    public init(_ kind: Kind, node: String, study: String? = nil, message: String) {
        self.kind = kind
        self.node = node
        self.study = study
        self.message = message
    }

    /// `NODE: study UID: message`, leaving out what the message says already.
    public var description: String {
        var rest = message
        if !node.isEmpty, rest.hasPrefix(node + ": ") { rest.removeFirst(node.count + 2) }
        if let study, !rest.contains(study) { rest = "study \(study): " + rest }
        return node.isEmpty || rest.contains(node) ? rest : "\(node): \(rest)"
    }
}

extension DICOMNetworkError.Kind {
    init(_ status: CDICOMNetBridge_status) {
        switch status {
        case CDICOMNetBridge_INVALID: self = .invalidArgument
        case CDICOMNetBridge_UNREACHABLE: self = .unreachable
        case CDICOMNetBridge_REJECTED: self = .rejected
        case CDICOMNetBridge_TIMEOUT: self = .timeout
        case CDICOMNetBridge_FAILED: self = .failed
        case CDICOMNetBridge_IO: self = .io
        case CDICOMNetBridge_CANCELLED: self = .cancelled
        default: self = .internal
        }
    }
}

/// Runs one bridge call; a status other than CDICOMNetBridge_OK becomes a ``DICOMNetworkError``.
func netCall(node: String, study: String? = nil, _ body: (UnsafeMutablePointer<CChar>, Int) -> CDICOMNetBridge_status) throws {
    let capacity = 1024
    var message = [CChar](repeating: 0, count: capacity)
    let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress!, capacity) }
    guard status == CDICOMNetBridge_OK else {
        let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        throw DICOMNetworkError(.init(status), node: node, study: study, message: text.isEmpty ? "DCMTK status \(status.rawValue)" : text)
    }
}

extension AssociationSettings {
    /// Calls `body` with the bridge's parameter struct (its strings valid during the call).
    func withParameters<T>(_ body: (UnsafePointer<CDICOMNetBridge_association_parameters>) throws -> T) rethrows -> T {
        try node.aeTitle.withCString { called in
            try callingAETitle.withCString { calling in
                try node.host.withCString { host in
                    try withOptionalCString(tls?.trustedCertificates) { trusted in
                        try withOptionalCString(tls?.certificate) { certificate in
                            try withOptionalCString(tls?.privateKey) { key in
                                var parameters = CDICOMNetBridge_association_parameters(
                                    called_ae_title: called, calling_ae_title: calling, host: host, port: UInt16(node.port),
                                    timeout_seconds: Int32(timeoutSeconds), tls_trusted_certificates_file: trusted,
                                    tls_certificate_file: certificate, tls_private_key_file: key)
                                return try body(&parameters)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The DCMTK version DICOMNetwork talks with, e.g. "3.6.7".
public var dicomNetworkDCMTKVersion: String { String(cString: CDICOMNetBridge_dcmtk_version()) }
