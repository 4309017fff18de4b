import DICOMNetwork
import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// `pull`'s workflow against a real Orthanc: stopped after a few instances and resumed (only the
/// rest arrives: counted from the files' identities, not from our report), and a study deleted on
/// the server between C-FIND and C-GET.
@Suite("PACS pull workflow against Orthanc", .serialized)
struct PACSPullTests {
    static func request(_ server: OrthancServer, _ selection: PullRequest.Selection, into folder: String) throws -> PullRequest {
        let node = try DICOMNode(aeTitle: server.aeTitle, host: "127.0.0.1", port: server.dicomPort)
        return PullRequest(settings: try AssociationSettings(node: node, callingAETitle: server.callingAETitle, timeoutSeconds: 10),
                           selection: selection, folder: folder)
    }

    /// Inode and modification time of every file under `root`, by path.
    static func identities(_ root: String) -> [String: String] {
        var out: [String: String] = [:]
        for path in OrthancServer.dicomFiles(under: root) {
            var info = stat()
            if stat(path, &info) == 0 { out[path] = "\(info.st_ino)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" }
        }
        return out
    }

    @Test("Stopped after 5 instances, then resumed: the 5 stay untouched, only the others arrive",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func interruptedAndResumed() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let uploaded = try server.uploadTree(SharedData.fixture("example/PAT-A/20240110")).count
        let folder = try SharedData.temporaryFolder("pull")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let request = try Self.request(server, .patients(["PAT-A"]), into: folder)

        final class Counter: @unchecked Sendable { var n = 0 }
        let seen = Counter()
        let first = try PACSPull.run(request, isCancelled: { seen.n >= 5 }, progress: { p in seen.n = p.instancesDone })
        #expect(first.cancelled && !first.complete)
        let kept = Self.identities(folder)
        #expect(kept.count == 5, "files kept after the stop: \(kept.count)")
        // No temporary file is left looking like an instance.
        let study = try #require(first.studies.first)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/" + study.folder)
        #expect(names.filter { $0.hasSuffix(".dcm") }.count == 5)

        let second = try PACSPull.run(request)
        #expect(second.complete)
        let after = Self.identities(folder)
        #expect(after.count == uploaded)
        for (path, identity) in kept { #expect(after[path] == identity, "\(path) was fetched again") }
        #expect(Set(after.keys).subtracting(kept.keys).count == uploaded - 5)

        // A third run transfers nothing: every file keeps its identity.
        let third = try PACSPull.run(request)
        #expect(third.complete && Self.identities(folder) == after)
    }

    @Test("A study deleted between C-FIND and C-GET is an error naming the node and the study",
          .enabled(if: OrthancServer.executable != nil, "\(OrthancServer.skipMessage)"))
    func vanishedStudy() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        try server.uploadTree(SharedData.fixture("example/PAT-A"))
        let folder = try SharedData.temporaryFolder("pull")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let studies = try #require(try server.json("/studies?expand") as? [[String: Any]])
        let doomed = try #require(studies.first { (($0["MainDicomTags"] as? [String: Any])?["StudyDate"] as? String) == "20240410" })
        let doomedUID = try #require((doomed["MainDicomTags"] as? [String: Any])?["StudyInstanceUID"] as? String)
        var deleted = false
        // The progress callback runs after C-FIND and before each study's C-GET.
        let report = try PACSPull.run(try Self.request(server, .patients(["PAT-A"]), into: folder), progress: { p in
            if !deleted && p.studyInstanceUID == doomedUID {
                deleted = true
                try? server.delete("/studies/\(doomed["ID"] as! String)")
            }
        })
        #expect(deleted)
        #expect(!report.complete)
        let failed = try #require(report.studies.first { $0.studyInstanceUID == doomedUID })
        let error = try #require(failed.error)
        #expect(error.kind == .notFound, "\(error)")
        #expect(error.description.contains(doomedUID) && error.description.contains(server.node))
        #expect(error.description.contains("vanished"))
        // The other study is complete.
        #expect(report.studies.filter { $0.error == nil }.count == 1)
    }
}

extension PACSPullTests {
    @Test("An object of a class pull does not retrieve (Secondary Capture) is counted, not fetched, and does not fail the study",
          .enabled(if: OrthancServer.executable != nil && ExternalTool.find("dcmodify") != nil, "Orthanc or dcmodify (Debian dcmtk) not found: skipped"))
    func otherClassesLeftOut() throws {
        let server = try OrthancServer()
        defer { server.stop() }
        let ct = try server.uploadTree(SharedData.fixture("example/PAT-A/20240110"))
        let work = try SharedData.temporaryFolder("sc")
        defer { try? FileManager.default.removeItem(atPath: work) }
        try server.uploadSecondaryCapture(copyOf: ct[0], uid: "2.25.999002", work: work)
        let report = try PACSPull.run(try Self.request(server, .patients(["PAT-A"]), into: work + "/pull"))
        #expect(report.complete, "\(report.studies.compactMap(\.error))")
        let study = try #require(report.studies.first)
        #expect(study.notNeeded == 1)
        let pulled = OrthancServer.dicomFiles(under: work + "/pull").map { ($0 as NSString).lastPathComponent }
        #expect(pulled.count == ct.count)
        #expect(!pulled.contains("2.25.999002.dcm"))
    }
}
