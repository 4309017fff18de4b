internal import CDICOMNetBridge
import Foundation

/// A DICOM application entity on the network: AE title, host and TCP port, written `AET@HOST:PORT`
/// (the form DCMTK's tools and PACS configurations use). Every part is checked where it enters.
public struct DICOMNode: Sendable, Hashable, CustomStringConvertible {
    /// The node's AE title (PS3.5 6.2 AE: 1–16 characters, no backslash or control character).
    public let aeTitle: String
    public let host: String
    /// 1–65535.
    public let port: Int

    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) naming the bad part.
    public init(aeTitle: String, host: String, port: Int) throws {
        try DICOMNode.checkAETitle(aeTitle, what: "the AE title of \(aeTitle)@\(host):\(port)")
        guard !host.isEmpty, host.count <= 253, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw DICOMNetworkError(.invalidArgument, node: "\(aeTitle)@\(host):\(port)", message: "\"\(host)\" is not a host name")
        }
        guard (1...65535).contains(port) else {
            throw DICOMNetworkError(.invalidArgument, node: "\(aeTitle)@\(host):\(port)", message: "port \(port) is outside 1-65535")
        }
        self.aeTitle = aeTitle
        self.host = host
        self.port = port
    }

    /// Parses `AET@HOST:PORT` (an IPv6 address in brackets: `AET@[::1]:104`).
    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) saying what is wrong.
    public init(parsing text: String) throws {
        guard let at = text.lastIndex(of: "@"), let colon = text.lastIndex(of: ":"), at < colon else {
            throw DICOMNetworkError(.invalidArgument, node: text, message: "\"\(text)\" is not AET@HOST:PORT")
        }
        var host = String(text[text.index(after: at)..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let portText = text[text.index(after: colon)...]
        guard let port = Int(portText), portText.allSatisfy(\.isASCII) else {
            throw DICOMNetworkError(.invalidArgument, node: text, message: "\"\(portText)\" in \(text) is not a port number")
        }
        try self.init(aeTitle: String(text[..<at]), host: host, port: port)
    }

    /// `AET@HOST:PORT`.
    public var description: String { "\(aeTitle)@\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Checks an AE title (PS3.5 6.2): 1–16 printable ASCII characters, no backslash, not only spaces.
    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) naming `what`.
    public static func checkAETitle(_ title: String, what: String) throws {
        let ok = !title.isEmpty && title.utf8.count <= 16 && title.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f && $0 != 0x5c }
            && title.contains { $0 != " " }
        guard ok else {
            throw DICOMNetworkError(.invalidArgument, node: "", message: "\(what) \"\(title)\" is not an AE title (1-16 printable ASCII characters, no backslash)")
        }
    }

    /// Whether `uid` has the UI syntax (PS3.5 9.1: ≤ 64 characters, dot-separated digit components,
    /// no leading zero in a multi-digit component).
    public static func isValidUID(_ uid: String) -> Bool { CDICOMNetBridge_is_valid_uid(uid) == 1 }
}

/// DICOM TLS for an association (DCMTK's dcmtls over OpenSSL, BCP 195 profile, PS3.15 B.9): the
/// node's certificate is required and verified against `trustedCertificates`; `certificate` and
/// `privateKey` are ours, for a node that requires the client's certificate (mutual TLS).
public struct TLSSettings: Sendable, Hashable {
    /// PEM file of the CA certificate(s) (or the node's own certificate) trusted to sign the node's certificate.
    public let trustedCertificates: String
    /// Our certificate (PEM), or nil.
    public let certificate: String?
    /// The unencrypted private key (PEM) of `certificate`, or nil.
    public let privateKey: String?

    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) when only one of `certificate` and `privateKey` is given.
    public init(trustedCertificates: String, certificate: String? = nil, privateKey: String? = nil) throws {
        guard (certificate == nil) == (privateKey == nil) else {
            throw DICOMNetworkError(.invalidArgument, node: "", message: "TLS needs both our certificate and its private key, or neither")
        }
        self.trustedCertificates = trustedCertificates
        self.certificate = certificate
        self.privateKey = privateKey
    }
}

/// How we talk to a node: as which AE title, with which timeout, over TLS or not.
public struct AssociationSettings: Sendable, Hashable {
    public let node: DICOMNode
    /// Our AE title (calling AE), registered at the node for C-GET. Default `LESIONDENSITY`.
    public let callingAETitle: String
    /// Seconds for the TCP connect, the association negotiation and each response (1–3600; default 30).
    public let timeoutSeconds: Int
    /// TLS for every association with the node, or nil for plain TCP.
    public let tls: TLSSettings?

    public static let defaultCallingAETitle = "LESIONDENSITY"
    public static let defaultTimeoutSeconds = 30

    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) for a bad AE title or timeout.
    public init(node: DICOMNode, callingAETitle: String = defaultCallingAETitle, timeoutSeconds: Int = defaultTimeoutSeconds,
                tls: TLSSettings? = nil) throws {
        try DICOMNode.checkAETitle(callingAETitle, what: "the calling AE title")
        guard (1...3600).contains(timeoutSeconds) else {
            throw DICOMNetworkError(.invalidArgument, node: node.description, message: "the timeout must be 1-3600 seconds, not \(timeoutSeconds)")
        }
        self.node = node
        self.callingAETitle = callingAETitle
        self.timeoutSeconds = timeoutSeconds
        self.tls = tls
    }
}
