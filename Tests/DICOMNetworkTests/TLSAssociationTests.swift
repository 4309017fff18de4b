import DICOMNetwork
import Foundation
import Testing
import _TestSupport

/// DICOM TLS against an Orthanc whose DICOM port speaks only TLS and requires our certificate.
extension AssociationTests {
    @Test("TLS: C-ECHO and C-FIND with our certificate; without it, with a foreign CA or in plain TCP: a clear error, no hang",
          .enabled(if: OrthancServer.executable != nil && TLSCertificates.openssl != nil,
                   "\(OrthancServer.skipMessage) / \(TLSCertificates.skipMessage)"))
    func tls() throws {
        let pki = try TLSCertificates()
        defer { pki.remove() }
        let server = try OrthancServer(extraConfiguration: pki.orthancConfiguration)
        defer { server.stop() }
        try server.uploadTree(SharedData.fixture("example/PAT-B/20240205"))
        let node = try DICOMNode(aeTitle: server.aeTitle, host: "127.0.0.1", port: server.dicomPort)
        func settings(_ tls: TLSSettings?) throws -> AssociationSettings {
            try AssociationSettings(node: node, callingAETitle: server.callingAETitle, timeoutSeconds: 5, tls: tls)
        }
        let mutual = try TLSSettings(trustedCertificates: pki.caCertificate, certificate: pki.clientCertificate, privateKey: pki.clientKey)
        try DICOMStorage.echo(settings(mutual))
        let studies = try QueryRetrieveAssociation(settings(mutual)).findStudies(patientID: "PAT-B")
        #expect(studies.map(\.studyDate) == ["20240205"])

        // Orthanc's certificate is not signed by the other CA: refused by us, naming the file.
        let foreign = try TLSSettings(trustedCertificates: pki.otherCACertificate, certificate: pki.clientCertificate, privateKey: pki.clientKey)
        let untrusted = #expect(throws: DICOMNetworkError.self) { try DICOMStorage.echo(settings(foreign)) }
        #expect(untrusted?.kind == .failed && untrusted?.message.contains("not trusted") == true, "\(String(describing: untrusted))")
        #expect(untrusted?.message.contains(pki.otherCACertificate) == true && untrusted?.message.contains(server.node) == true)

        // Orthanc requires our certificate: without one the handshake fails.
        let anonymous = #expect(throws: DICOMNetworkError.self) { try DICOMStorage.echo(settings(TLSSettings(trustedCertificates: pki.caCertificate))) }
        #expect(anonymous?.message.contains("TLS handshake failed") == true, "\(String(describing: anonymous))")

        // An unreadable CA file is named before any connection.
        let missing = #expect(throws: DICOMNetworkError.self) {
            try DICOMStorage.echo(settings(TLSSettings(trustedCertificates: pki.folder + "/absent.crt")))
        }
        #expect(missing?.kind == .io && missing?.message.contains(pki.folder + "/absent.crt") == true, "\(String(describing: missing))")

        // A plain association to the TLS port fails within the timeout (5 s), it does not hang.
        let start = Date()
        let plain = #expect(throws: DICOMNetworkError.self) { try DICOMStorage.echo(settings(nil)) }
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(plain?.message.contains(server.node) == true && plain?.message.contains("cannot connect") == true, "\(String(describing: plain))")
    }
}
