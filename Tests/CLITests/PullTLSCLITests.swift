import Foundation
import Testing
import _TestSupport

/// `pull --tls` against an Orthanc whose DICOM port speaks only TLS and requires our certificate.
extension PullCLITests {
    @Test("pull --tls: the study arrives; a CA that did not sign Orthanc's certificate exits 1 naming the node and the file",
          .enabled(if: OrthancServer.executable != nil && TLSCertificates.openssl != nil,
                   "\(OrthancServer.skipMessage) / \(TLSCertificates.skipMessage)"))
    func pullOverTLS() throws {
        let pki = try TLSCertificates()
        defer { pki.remove() }
        let server = try OrthancServer(extraConfiguration: pki.orthancConfiguration)
        defer { server.stop() }
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-B/20240205")).count
        let folder = try SharedData.temporaryFolder("pull-tls")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func pull(ca: String, into: String) throws -> R.Run {
            try R.run(["pull", "--pacs", server.node, "--calling-aet", server.callingAETitle, "--patient", "PAT-B", "--timeout", "5",
                       "--tls", "--tls-ca", ca, "--tls-cert", pki.clientCertificate, "--tls-key", pki.clientKey, "--into", into, "--quiet"])
        }
        let good = try pull(ca: pki.caCertificate, into: folder + "/good")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(OrthancServer.dicomFiles(under: folder + "/good").count == uploaded)

        let untrusted = try pull(ca: pki.otherCACertificate, into: folder + "/untrusted")
        #expect(untrusted.status == 1)
        #expect(untrusted.stderr.contains(server.node) && untrusted.stderr.contains(pki.otherCACertificate)
                && untrusted.stderr.contains("not trusted"), "\(untrusted.stderr)")

        let usage = try R.run(["pull", "--pacs", server.node, "--patient", "PAT-B", "--tls", "--into", folder + "/usage"])
        #expect(usage.status == 2 && usage.stderr.contains("--tls-ca"), "\(usage.stderr)")
    }
}
