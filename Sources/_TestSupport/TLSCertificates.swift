import Foundation

/// A throw-away PKI for the DICOM TLS tests, made with the `openssl` command (Debian `openssl`) in a
/// temporary folder: a CA, the server's certificate (CN and SAN 127.0.0.1) and the client's, both
/// signed by it, and a second CA that signed neither. RSA 2048, SHA-256, valid 2 days.
public struct TLSCertificates {
    public static let openssl = ExternalTool.find("openssl")
    public static let skipMessage = "openssl not found (Debian package openssl): TLS test skipped"

    public let folder: String
    public var caCertificate: String { folder + "/ca.crt" }
    public var otherCACertificate: String { folder + "/other-ca.crt" }
    public var serverCertificate: String { folder + "/server.crt" }
    public var serverKey: String { folder + "/server.key" }
    public var clientCertificate: String { folder + "/client.crt" }
    public var clientKey: String { folder + "/client.key" }

    public init() throws {
        guard let openssl = Self.openssl else { throw OrthancError(message: Self.skipMessage) }
        folder = try SharedData.temporaryFolder("tls")
        func run(_ arguments: [String]) throws {
            let result = try ExternalTool.run(openssl, arguments)
            guard result.status == 0 else { throw OrthancError(message: "openssl \(arguments.joined(separator: " ")): \(result.output)") }
        }
        for ca in ["ca", "other-ca"] {
            try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", "/CN=LesionDensity test \(ca)",
                     "-keyout", "\(folder)/\(ca).key", "-out", "\(folder)/\(ca).crt"])
        }
        for (name, extensions) in [("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"),
                                   ("client", "extendedKeyUsage=clientAuth\n")] {
            try extensions.write(toFile: "\(folder)/\(name).ext", atomically: true, encoding: .utf8)
            try run(["req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=127.0.0.1", "-keyout", "\(folder)/\(name).key",
                     "-out", "\(folder)/\(name).csr"])
            try run(["x509", "-req", "-in", "\(folder)/\(name).csr", "-CA", caCertificate, "-CAkey", "\(folder)/ca.key",
                     "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "\(folder)/\(name).ext", "-out", "\(folder)/\(name).crt"])
        }
    }

    /// Orthanc's DicomTls* configuration keys (Orthanc ≥ 1.9) for this PKI: TLS on its DICOM port,
    /// the client's certificate required and checked against the CA.
    public var orthancConfiguration: [String: Any] {
        ["DicomTlsEnabled": true, "DicomTlsCertificate": serverCertificate, "DicomTlsPrivateKey": serverKey,
         "DicomTlsTrustedCertificates": caCertificate, "DicomTlsRemoteCertificateRequired": true]
    }

    public func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
