import DICOMImport
import Foundation

/// What one patient's shard scans when it runs from a written plan (`batch ROOT --shard K/N --plan
/// FILE`, Docs/Cluster.md): the folders holding the patient's files, relative to the batch root, and
/// the plane count of each of its CT series, by which the shard checks that it sees the tree the plan
/// was written for.
public struct PatientScope: Sendable, Equatable {
    /// Folders relative to the root ("." for the root itself), sorted: those of the planes of every CT
    /// series of the patient (sphere/box ROI files and label maps lie beside them), of the SEG and
    /// RTSTRUCT objects referring to those series, and of the patient's Spatial Registration objects
    /// (and of those naming no patient, which apply to every patient).
    public var folders: [String]
    /// CT planes by SeriesInstanceUID.
    public var series: [String: Int]

    public init(folders: [String], series: [String: Int]) {
        self.folders = folders
        self.series = series
    }

    /// The scope of every patient of `index`, scanned from `root`; nil when a file's path does not
    /// lie under `root` as spelled (a single file given as the root), so that no scope can be written.
    static func of(_ index: DICOMIndex, root: String, registrations: [String: [String]]) -> [String: PatientScope]? {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        func folder(_ path: String) -> String? {
            guard path.hasPrefix(prefix) else { return nil }
            let relative = path.dropFirst(prefix.count)
            guard let slash = relative.lastIndex(of: "/") else { return "." }
            return String(relative[..<slash])
        }
        var folders: [String: Set<String>] = [:]
        var series: [String: [String: Int]] = [:]
        var owner: [String: String] = [:]
        for (uid, planes) in index.seriesPlanes {
            let pid = planes.first?.patientID ?? ""
            owner[uid] = pid
            series[pid, default: [:]][uid] = planes.count
            for p in planes {
                guard let f = folder(p.path) else { return nil }
                folders[pid, default: []].insert(f)
            }
        }
        for roi in index.roiObjects {
            for uid in roi.referencedSeriesUIDs {
                guard let pid = owner[uid] else { continue }
                guard let f = folder(roi.path) else { return nil }
                folders[pid, default: []].insert(f)
            }
        }
        let everyone = Set(registrations["", default: []].compactMap(folder))
        for pid in series.keys {
            let own = registrations[pid, default: []].compactMap(folder)
            folders[pid, default: []].formUnion(own + everyone)
        }
        var scopes: [String: PatientScope] = [:]
        for (pid, planes) in series { scopes[pid] = PatientScope(folders: folders[pid, default: []].sorted(), series: planes) }
        return scopes
    }
}
