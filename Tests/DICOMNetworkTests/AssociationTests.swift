import DICOMNetwork
import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

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
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-A/20240110")).count
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

extension AssociationTests {
    @Test("C-STORE: every readable file stored (Orthanc's REST count), a non-DICOM file refused alone",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func store() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let files = OrthancServer.dicomFiles(under: SharedData.fixture("example/PAT-B/20240205"))
        try #require(!files.isEmpty)
        let outcomes = try DICOMStorage.store(files: [SharedData.fixture("example/PAT-C/20240603/SE2/NOTES.dcm")] + files, Self.settings(server))
        #expect(outcomes.count == files.count + 1)
        #expect(!outcomes[0].stored && outcomes[0].error?.kind == .invalidArgument)
        #expect(outcomes.dropFirst().allSatisfy { $0.stored && $0.dimseStatus == 0 })
        #expect(try server.instanceCount() == files.count)
    }

    @Test("A wrong called AE title is rejected, naming the node", .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func wrongCalledAE() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let settings = try Self.settings(server, calledAE: "NOT_ORTHANC")
        let error = try #require(throws: DICOMNetworkError.self) { try QueryRetrieveAssociation(settings) }
        #expect(error.kind == .rejected)
        #expect(error.description.contains("NOT_ORTHANC@127.0.0.1:\(server.dicomPort)"))
    }

    @Test("A closed port is unreachable at once; a silent listener times out after --timeout, not later")
    func closedAndSilent() throws {
        let closed = LoopbackPort.free()
        let node = try DICOMNode(aeTitle: "NOBODY", host: "127.0.0.1", port: closed)
        let error = try #require(throws: DICOMNetworkError.self) { try QueryRetrieveAssociation(AssociationSettings(node: node, timeoutSeconds: 5)) }
        #expect(error.kind == .unreachable)
        #expect(error.description.contains("NOBODY@127.0.0.1:\(closed)"))

        let (listener, port) = LoopbackPort.silentListener()
        defer { close(listener) }
        let silent = try DICOMNode(aeTitle: "SILENT", host: "127.0.0.1", port: port)
        let start = Date()
        let timeout = try #require(throws: DICOMNetworkError.self) { try QueryRetrieveAssociation(AssociationSettings(node: silent, timeoutSeconds: 1)) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(timeout.kind == .timeout || timeout.kind == .unreachable, "\(timeout)")
        #expect(elapsed >= 0.9 && elapsed < 10, "gave up after \(elapsed) s with a 1 s timeout")
        #expect(timeout.description.contains("SILENT@127.0.0.1"))
    }

    @Test("Failed C-GET sub-operations (a study-level C-GET meets a class we did not accept) are an error with the counts; what arrived is kept",
          .enabled(if: OrthancServer.executable != nil && ExternalTool.find("dcmodify") != nil, "Orthanc or dcmodify (Debian dcmtk) not found: skipped"))
    func failedSubOperations() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let ct = try server.uploadTree(SharedData.fixture("example/PAT-A/20240110/SE2"))
        let work = try SharedData.temporaryFolder("sc")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try server.uploadSecondaryCapture(copyOf: ct[0], uid: "2.25.999001", work: work)
        let qr = try QueryRetrieveAssociation(Self.settings(server))
        let study = try #require(try qr.findStudies(patientID: "PAT-A").first)
        let folder = work + "/get"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let error = try #require(throws: RetrieveError.self) { try qr.retrieve(.study(study.studyInstanceUID), into: folder) }
        #expect(error.underlying.kind == .failed)
        #expect(error.outcome.failed + error.outcome.warning >= 1, "\(error.outcome)")
        #expect(error.description.contains(study.studyInstanceUID) && error.description.contains(server.node))
        // Orthanc stops the C-GET at the first instance it cannot send; what arrived before is on disk, complete.
        let kept = OrthancServer.dicomFiles(under: folder)
        #expect(kept.count == error.outcome.written && kept.count == error.outcome.completed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == kept.count, "no temporary file left")
    }
}
