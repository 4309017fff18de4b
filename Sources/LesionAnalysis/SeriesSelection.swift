import DICOMImport
import Foundation

/// Why an analysis could not run; the message names the file or series and the problem.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Choosing the CT series of a path (Docs/Outputs.md, `measure --json`): after dropping duplicates and
/// localizers, one series is used as it is; several need `--series-uid` or `--all-series`.
public enum SeriesSelection {
    /// A CT series found under a path.
    public struct Candidate: Sendable {
        public let uid: String
        public let description: String?
        public let planes: [PlaneHeader]
        public let folder: String
    }

    /// The CT series under `path`, in a stable order, with the index that found them.
    public static func candidates(in path: String) throws -> ([Candidate], DICOMIndex) {
        let index = try Discovery.index(path)
        let list = index.seriesUIDs.compactMap { uid -> Candidate? in
            guard let planes = index.seriesPlanes[uid], let first = planes.first else { return nil }
            guard planes.contains(where: { !$0.isLocalizer }) else { return nil }
            return Candidate(uid: uid, description: first.seriesDescription, planes: planes,
                             folder: Inspection.commonFolder(planes.map(\.path)))
        }
        return (list, index)
    }

    /// The series to measure: the one with `uid`, every series (`all`), or the only one.
    /// - Throws: ``AnalysisError`` when none is found, `uid` is unknown, or several exist and
    ///   neither `uid` nor `all` chooses; the message lists the series and how to choose.
    ///   With `index`, "no CT series" names the first unreadable files and why (e.g. a RescaleSlope).
    public static func choose(_ list: [Candidate], path: String, uid: String?, all: Bool, index: DICOMIndex? = nil) throws -> [Candidate] {
        guard !list.isEmpty else {
            let problems = index?.unreadableFiles ?? []
            let why = problems.prefix(3).map { "\($0.path): \($0.message)" }.joined(separator: "; ")
            let more = problems.count > 3 ? "; and \(problems.count - 3) more unreadable file(s)" : ""
            throw AnalysisError("\(path): no CT series found" + (problems.isEmpty ? "" : " (unreadable: \(why)\(more))"))
        }
        if let uid {
            guard let c = list.first(where: { $0.uid == uid }) else {
                throw AnalysisError("\(path): no CT series with SeriesInstanceUID \(uid); found:\n" + listing(list))
            }
            return [c]
        }
        if all || list.count == 1 { return list }
        throw AnalysisError(
            "\(path) holds \(list.count) CT series; choose one with --series-uid UID, or measure each with --all-series:\n"
                + listing(list))
    }

    /// `unreadable_file` and `skipped_file` warnings for the files of `index` that could not be used.
    public static func fileWarnings(_ index: DICOMIndex) -> [String] {
        index.unreadableFiles.map { "unreadable_file: \($0.path): \($0.message)" }
            + index.skippedFiles.map { "skipped_file: \($0): not a DICOM file" }
            + index.nonRegularFiles.map { "skipped_file: \($0): not a regular file (named pipe or device), not opened" }
    }

    static func listing(_ list: [Candidate]) -> String {
        list.map { "  \($0.uid)  \"\($0.description ?? "")\"  \($0.planes.count) planes  (\($0.folder))" }.joined(separator: "\n")
    }
}
