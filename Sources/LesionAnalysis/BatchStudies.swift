import DICOMImport
import Foundation

/// One study of a patient as found by discovery, with the CT series its ROI objects refer to.
public struct StudyEntry: Sendable {
    public var patientID: String
    public var studyInstanceUID: String
    /// StudyDate + StudyTime as written (YYYYMMDD, HHMMSS), for ordering.
    public var studyDate: String?
    public var studyTime: String?
    /// When the study was acquired (StudyDate, or a fallback date); nil when it has no date at all.
    public var placedAt: TimePointDate?
    /// CT series of the study (localizer-only series dropped).
    public var series: [SeriesSelection.Candidate]
    /// The series to pair and its ROI files, when the study is not ambiguous.
    public var chosen: SeriesSelection.Candidate?
    public var roiFiles: [String]
    /// Why no series can be chosen (several referenced, or several and no ROI object).
    public var ambiguity: String?

    /// `unpaired_series` warnings for the study's other CT series.
    public var unpairedWarnings: [String] {
        guard let chosen else { return [] }
        return series.filter { $0.uid != chosen.uid }.map {
            "unpaired_series: \($0.uid) \"\($0.description ?? "")\" (\($0.planes.count) planes, \($0.folder)) is not referred to by an ROI object"
        }
    }
}

/// Groups an index into patients and studies and decides, per study, which CT series is paired
/// (DESIGN.md, Who uses it; Docs/Outputs.md, ROI files).
enum BatchStudies {
    /// Studies by patient, each patient's studies ordered by StudyDate/StudyTime (or the fallback
    /// date, ``TimePointDate``; undated studies last); and warnings for
    /// ROI files that apply to no series (`skipped_file`).
    static func studies(_ index: DICOMIndex) -> (patients: [String: [StudyEntry]], warnings: [String]) {
        var warnings: [String] = []
        // Sphere files apply to the one CT series whose files lie in their folder.
        var manifestFiles: [String: [String]] = [:]
        let candidates = index.seriesUIDs.compactMap { uid -> SeriesSelection.Candidate? in
            guard let planes = index.seriesPlanes[uid], planes.contains(where: { !$0.isLocalizer }) else { return nil }
            return SeriesSelection.Candidate(uid: uid, description: planes[0].seriesDescription, planes: planes,
                                             folder: Inspection.commonFolder(planes.map(\.path)))
        }
        for manifest in index.roiManifests + index.labelMaps {
            let folder = (manifest as NSString).deletingLastPathComponent
            let here = candidates.filter { c in c.planes.contains { ($0.path as NSString).deletingLastPathComponent == folder } }
            if here.count == 1 { manifestFiles[here[0].uid, default: []].append(manifest) } else {
                warnings.append("skipped_file: \(manifest): a sphere/box ROI file or label map applies to the one CT series in its folder; this folder holds \(here.count)")
            }
        }
        var objectFiles: [String: [String]] = [:]
        let known = Set(candidates.map(\.uid))
        for roi in index.roiObjects {
            let referenced = roi.referencedSeriesUIDs.filter(known.contains)
            if referenced.isEmpty {
                warnings.append("skipped_file: \(roi.path): \(roi.kind.rawValue.uppercased()) refers to no CT series found under the root")
            }
            for uid in referenced { objectFiles[uid, default: []].append(roi.path) }
        }
        var patients: [String: [StudyEntry]] = [:]
        for c in candidates {
            let h = c.planes[0]
            let pid = h.patientID ?? ""
            let studyUID = h.studyInstanceUID ?? ""
            var list = patients[pid] ?? []
            if let i = list.firstIndex(where: { $0.studyInstanceUID == studyUID }) {
                list[i].series.append(c)
            } else {
                list.append(StudyEntry(patientID: pid, studyInstanceUID: studyUID, studyDate: h.studyDate, studyTime: h.studyTime,
                                       placedAt: TimePointDate(h), series: [c], chosen: nil, roiFiles: [], ambiguity: nil))
            }
            patients[pid] = list
        }
        for (pid, list) in patients {
            patients[pid] = list.map { resolve($0, objects: objectFiles, manifests: manifestFiles) }
                .sorted { a, b in
                    switch (a.placedAt, b.placedAt) {
                    case let (x?, y?): return x != y ? x < y : a.studyInstanceUID < b.studyInstanceUID
                    case (.some, .none): return true
                    case (.none, .some): return false
                    case (.none, .none): return a.studyInstanceUID < b.studyInstanceUID
                    }
                }
        }
        return (patients, warnings)
    }

    /// Chooses the study's series: the one its ROI objects refer to; the only one when there is no
    /// ROI object; otherwise the study is ambiguous, with the candidates named.
    static func resolve(_ s: StudyEntry, objects: [String: [String]], manifests: [String: [String]]) -> StudyEntry {
        var study = s
        let withROIs = s.series.filter { objects[$0.uid] != nil || manifests[$0.uid] != nil }
        func names(_ list: [SeriesSelection.Candidate]) -> String {
            list.map { "\($0.uid) \"\($0.description ?? "")\" (\($0.folder))" }.joined(separator: "; ")
        }
        switch withROIs.count {
        case 1:
            study.chosen = withROIs[0]
            study.roiFiles = (objects[withROIs[0].uid] ?? []) + (manifests[withROIs[0].uid] ?? [])
        case 0 where s.series.count == 1:
            study.chosen = s.series[0]
        case 0:
            study.ambiguity = "study \(s.studyInstanceUID) has \(s.series.count) CT series and no ROI object to choose one: \(names(s.series))"
        default:
            study.ambiguity = "ROI objects of study \(s.studyInstanceUID) refer to \(withROIs.count) CT series: \(names(withROIs))"
        }
        return study
    }
}
