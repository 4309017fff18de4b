import DICOMNetwork
import Foundation
import ReportWriters

extension PACSPull {
    /// One study found by C-FIND, with the folder it goes to.
    struct Target {
        let match: StudyMatch
        let folder: String
    }
}

/// `pull`: C-FIND (Study Root, STUDY level) for the requested patients' or studies' studies, then
/// C-GET of each into `<folder>/<PatientID>/<StudyInstanceUID>/` on the same association.
/// A study not yet in the folder is retrieved with one study-level C-GET. A study partly there (an
/// interrupted pull), or whose study-level C-GET failed, has its instances listed (C-FIND at SERIES
/// and IMAGE level) and only the instances of the accepted classes not in the folder yet are
/// retrieved; objects of other classes (a dose report, a screenshot) are counted, not fetched.
public enum PACSPull {
    /// Instances per IMAGE-level C-GET when resuming (a UID list per request keeps requests small).
    static let instancesPerRequest = 500

    /// Runs the pull. `isCancelled` is polled after each instance (Ctrl-C); `progress` is called
    /// once the studies are known, after each instance and after each study.
    /// - Throws: ``DICOMNetworkError`` when no association can be made (unreachable, rejected,
    ///   timeout) or the first C-FIND fails; per-study problems are in the report instead.
    public static func run(_ request: PullRequest, isCancelled: @escaping @Sendable () -> Bool = { false },
                           progress: (PullProgress) -> Void = { _ in }) throws -> PullReport {
        let qr = try QueryRetrieveAssociation(request.settings)
        let node = request.settings.node.description
        var report = PullReport()
        var targets: [Target] = []
        var seen = Set<String>()
        func add(_ match: StudyMatch) {
            if let modality = request.modality, !match.modalitiesInStudy.isEmpty, !match.modalitiesInStudy.contains(modality) { return }
            if let since = request.since, !match.studyDate.isEmpty, match.studyDate < since { return }
            guard seen.insert(match.studyInstanceUID).inserted else { return }
            let patient = PictureNames.sanitize(match.patientID.isEmpty ? "unknown" : match.patientID)
            targets.append(Target(match: match, folder: patient + "/" + match.studyInstanceUID))
        }
        let dateRange = request.since.map { $0 + "-" }
        switch request.selection {
        case .patients(let ids):
            for id in ids {
                let matches = try qr.findStudies(patientID: id, modality: request.modality, studyDate: dateRange)
                let exact = matches.filter { $0.patientID == id }
                if exact.isEmpty {
                    report.problems.append(DICOMNetworkError(.notFound, node: node, message: "no study of patient \(id) matches on the node"))
                }
                exact.forEach(add)
            }
        case .studies(let uids):
            // One C-FIND per 100 studies (List of UID Matching, PS3.4 C.2.2.2.2).
            var found: [String: StudyMatch] = [:]
            for start in stride(from: 0, to: uids.count, by: 100) {
                let list = uids[start..<min(start + 100, uids.count)].joined(separator: "\\")
                for match in try qr.findStudies(studyInstanceUID: list) { found[match.studyInstanceUID] = match }
            }
            for uid in uids {
                if let match = found[uid] { add(match) } else {
                    report.problems.append(DICOMNetworkError(.notFound, node: node, study: uid, message: "study \(uid) does not exist on the node"))
                }
            }
        }
        let counts = targets.map(\.match.numberOfStudyRelatedInstances)
        let total: Int? = counts.contains(nil) ? nil : counts.reduce(0) { $0 + $1! }
        var done = 0
        for (index, target) in targets.enumerated() {
            if isCancelled() { report.cancelled = true; break }
            func tick(_ studiesDone: Int) {
                progress(PullProgress(studiesDone: studiesDone, studiesTotal: targets.count, instancesDone: done, instancesTotal: total,
                                      patientID: target.match.patientID, studyInstanceUID: target.match.studyInstanceUID))
            }
            tick(index)
            let study = pullStudy(qr, target, into: request.folder, isCancelled: isCancelled) { done += 1; tick(index) }
            report.studies.append(study)
            tick(index + 1)
            if study.error?.kind == .cancelled { report.cancelled = true; break }
            // A broken association cannot serve the next study: stop, naming what is left.
            if let kind = study.error?.kind, [.timeout, .unreachable, .internal].contains(kind) { break }
        }
        return report
    }

    /// Retrieves one study into its folder; never throws (the error goes into the result).
    static func pullStudy(_ qr: QueryRetrieveAssociation, _ target: Target, into root: String, isCancelled: @escaping @Sendable () -> Bool,
                          onInstance: () -> Void) -> PulledStudy {
        let node = qr.settings.node.description
        let uid = target.match.studyInstanceUID
        let folder = (root as NSString).appendingPathComponent(target.folder)
        var received = 0, notNeeded = 0, listed = 0
        var fastPathFailed = false
        var present = Set<String>()
        func result(_ error: DICOMNetworkError?) -> PulledStudy {
            PulledStudy(patientID: target.match.patientID, studyInstanceUID: uid, studyDate: target.match.studyDate, folder: target.folder,
                        received: received, alreadyPresent: present.count, notNeeded: notNeeded, error: error)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            present = presentInstances(folder)
            for _ in present { onInstance() }
            func each(_ instance: ReceivedInstance) -> Bool {
                if !instance.wasPresent { received += 1 }
                onInstance()
                return !isCancelled()
            }
            // A fresh study: one study-level C-GET. When it fails (e.g. the node stops at an object of a
            // class we do not accept), the per-series path below fetches what is still missing.
            if present.isEmpty {
                do {
                    let outcome = try qr.retrieve(.study(uid), into: folder, onInstance: each)
                    if outcome.written + outcome.skipped > 0 { return result(nil) }
                } catch let error as RetrieveError where error.underlying.kind == .failed {
                    fastPathFailed = true
                }
            }
            // The node's instance list, series by series; only instances of the classes we accept
            // and not already here are requested (one IMAGE-level C-GET per series and chunk), so a
            // resumed pull fetches only the rest and an object we do not need cannot fail the study.
            let here = presentInstances(folder)
            for series in try qr.findSeries(studyInstanceUID: uid) {
                let instances = try qr.findInstances(studyInstanceUID: uid, seriesInstanceUID: series.seriesInstanceUID)
                let wanted = instances.filter { $0.sopClassUID.isEmpty || QueryRetrieveAssociation.acceptedStorageClasses.contains($0.sopClassUID) }
                notNeeded += instances.count - wanted.count
                let missing = wanted.map(\.sopInstanceUID).filter { !here.contains($0) }
                for start in stride(from: 0, to: missing.count, by: instancesPerRequest) {
                    let chunk = Array(missing[start..<min(start + instancesPerRequest, missing.count)])
                    try qr.retrieve(.instances(study: uid, series: series.seriesInstanceUID, sopInstanceUIDs: chunk), into: folder, onInstance: each)
                }
                listed += wanted.count
            }
            if listed == 0 && present.isEmpty { return result(try vanished(qr, target)) }
            let undelivered = listed - presentInstances(folder).count
            if undelivered > 0 {
                if received == 0, present.isEmpty, !fastPathFailed, let gone = try? vanished(qr, target), gone.message.contains("vanished") { return result(gone) }
                return result(DICOMNetworkError(.failed, node: node, study: uid,
                                                message: "\(undelivered) of the \(listed) instances C-FIND listed were not delivered by C-GET"))
            }
            return result(nil)
        } catch let error as RetrieveError {
            if received == 0, present.isEmpty, error.outcome.completed == 0, let gone = try? vanished(qr, target),
               gone.message.contains("vanished") {
                return result(gone)
            }
            return result(error.underlying)
        } catch let error as DICOMNetworkError {
            return result(error)
        } catch {
            return result(DICOMNetworkError(.io, node: node, study: uid, message: "\(folder): \(error.localizedDescription)"))
        }
    }

    /// The error for a study that C-FIND listed but whose instances are not there: gone from the
    /// node, or still listed with no instance.
    static func vanished(_ qr: QueryRetrieveAssociation, _ target: Target) throws -> DICOMNetworkError {
        let uid = target.match.studyInstanceUID
        let node = qr.settings.node.description
        if try qr.findStudies(studyInstanceUID: uid).isEmpty {
            return DICOMNetworkError(.notFound, node: node, study: uid, message: "study \(uid) vanished from the node between C-FIND and C-GET")
        }
        return DICOMNetworkError(.notFound, node: node, study: uid, message: "study \(uid) has no instance of a class we retrieve on the node")
    }

    /// SOPInstanceUIDs of the complete instances in `folder` (`<UID>.dcm`); stale temporary files
    /// of an interrupted pull (`.<UID>.partial-<pid>`) whose process is gone are removed.
    static func presentInstances(_ folder: String) -> Set<String> {
        var uids = Set<String>()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            if name.hasPrefix("."), let mark = name.range(of: ".partial-") {
                if let pid = Int32(name[mark.upperBound...]), kill(pid, 0) == 0 { continue }  // another pull is writing it
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
            } else if name.hasSuffix(".dcm"), DICOMNode.isValidUID(String(name.dropLast(4))) {
                uids.insert(String(name.dropLast(4)))
            }
        }
        return uids
    }
}
