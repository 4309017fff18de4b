import DICOMNetwork
import Foundation
import Testing
import _TestSupport

/// The bridge against a real Orthanc started by the test: C-ECHO, C-FIND at STUDY/SERIES/IMAGE
/// level, C-GET of a study (counts from Orthanc's REST API, not from our code), C-STORE.
@Suite("DICOMNetwork against Orthanc", .serialized)
struct AssociationTests {
    static func settings(_ server: OrthancServer, calledAE: String? = nil, port: Int? = nil, timeout: Int = 10) throws -> AssociationSettings {
        let node = try DICOMNode(aeTitle: calledAE ?? server.aeTitle, host: "127.0.0.1", port: port ?? server.dicomPort)
        return try AssociationSettings(node: node, callingAETitle: server.callingAETitle, timeoutSeconds: timeout)
    }

    @Test("C-ECHO, C-FIND and C-GET of PAT-A's first study", .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func findAndGet() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-A/20240110"))
        #expect(uploaded > 0)
        let settings = try Self.settings(server)
        try DICOMStorage.echo(settings)
        let qr = try QueryRetrieveAssociation(settings)
        let studies = try qr.findStudies(patientID: "PAT-A")
        try #require(studies.count == 1)
        #expect(studies[0].patientID == "PAT-A")
        #expect(studies[0].studyDate == "20240110")
        #expect(studies[0].numberOfStudyRelatedInstances == uploaded)
        let series = try qr.findSeries(studyInstanceUID: studies[0].studyInstanceUID)
        #expect(series.count == 2)
        let folder = try SharedData.temporaryFolder("get")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var seen = 0
        let outcome = try qr.retrieve(.study(studies[0].studyInstanceUID), into: folder) { _ in seen += 1; return true }
        #expect(outcome.written == uploaded)
        #expect(outcome.completed == uploaded)
        #expect(seen == uploaded)
        #expect(OrthancServer.dicomFiles(under: folder).count == uploaded)
    }
}
