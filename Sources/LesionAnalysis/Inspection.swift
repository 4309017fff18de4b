import DICOMImport
import Foundation
import ResultsModel

/// `lesion-density inspect PATH`: what a folder holds — patients, studies, series (geometry,
/// encoding, protocol, problems), ROI objects and files that could not be used — before anything
/// is computed.
public struct Inspection: Sendable {
    public struct Study: Sendable {
        public var studyInstanceUID: String
        public var studyDate: String?
        public var description: String?
        public var series: [SeriesSummary]
    }

    public struct Patient: Sendable {
        public var patientID: String
        public var patientName: String?
        public var studies: [Study]
    }

    public var path: String
    public var patients: [Patient]
    public var index: DICOMIndex
    /// Each SEG/RTSTRUCT of ``index`` placed on the series it refers to, in `index.roiObjects` order.
    public var roiSummaries: [ROIObjectSummary] = []
    /// Each label map of ``index`` placed on the CT series of its folder, in `index.labelMaps` order.
    public var labelMapSummaries: [LabelMapSummary] = []

    /// Scans `path` (headers only, in parallel) and assembles every series.
    /// - Throws: ``DICOMError`` when `path` does not exist.
    public static func run(path: String) throws -> Inspection {
        let index = try Discovery.index(path)
        var patients: [String: Patient] = [:]
        for uid in index.seriesUIDs {
            guard let planes = index.seriesPlanes[uid], let first = planes.first else { continue }
            let folder = commonFolder(planes.map(\.path))
            let (summary, _) = SeriesSummary.summarize(planes, uid: uid, folder: folder)
            let pid = first.patientID ?? ""
            var patient = patients[pid] ?? Patient(patientID: pid, patientName: first.patientName, studies: [])
            let studyUID = first.studyInstanceUID ?? ""
            if let s = patient.studies.firstIndex(where: { $0.studyInstanceUID == studyUID }) {
                patient.studies[s].series.append(summary)
            } else {
                patient.studies.append(Study(studyInstanceUID: studyUID, studyDate: first.studyDate,
                                             description: first.studyDescription, series: [summary]))
            }
            patients[pid] = patient
        }
        let sorted = patients.values.sorted { $0.patientID < $1.patientID }
        let summaries = index.roiObjects.map { ROIObjectSummary.summarize($0, index: index) }
        return Inspection(path: path, patients: sorted, index: index, roiSummaries: summaries,
                          labelMapSummaries: index.labelMaps.map { LabelMapSummary.summarize($0, index: index) })
    }

    /// The deepest folder holding all `paths`.
    static func commonFolder(_ paths: [String]) -> String {
        let folders = paths.map { ($0 as NSString).deletingLastPathComponent }
        guard var common = folders.first?.split(separator: "/", omittingEmptySubsequences: false) else { return "" }
        for f in folders.dropFirst() {
            let parts = f.split(separator: "/", omittingEmptySubsequences: false)
            var n = 0
            while n < min(common.count, parts.count), common[n] == parts[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        let joined = common.joined(separator: "/")
        return joined.isEmpty && folders.first?.hasPrefix("/") == true ? "/" : joined
    }

    /// ISO `YYYY-MM-DD` from a DICOM DA value, or the value as written when it is not a date.
    static func isoDate(_ da: String?) -> String? {
        guard let da else { return nil }
        let digits = da.filter(\.isNumber)
        guard digits.count == 8 else { return da }
        let a = digits.startIndex
        let y = digits[a..<digits.index(a, offsetBy: 4)]
        let m = digits[digits.index(a, offsetBy: 4)..<digits.index(a, offsetBy: 6)]
        let d = digits[digits.index(a, offsetBy: 6)...]
        return "\(y)-\(m)-\(d)"
    }

    /// The `inspect --json` document.
    public var json: JSONValue {
        let patientsJSON: [JSONValue] = patients.map { p in
            .object([
                ("patient_id", .string(p.patientID)), ("patient_name", .string(p.patientName)),
                ("studies", .array(p.studies.map { s in
                    .object([
                        ("study_instance_uid", .string(s.studyInstanceUID)), ("study_date", .string(Self.isoDate(s.studyDate))),
                        ("study_description", .string(s.description)), ("series", .array(s.series.map(\.json))),
                    ])
                })),
            ])
        }
        let rois: [JSONValue] = index.roiObjects.enumerated().map { i, r in
            .object([
                ("path", .string(r.path)), ("kind", .string(r.kind.rawValue)), ("labels", .array(r.labels.map { .string($0) })),
                ("referenced_series", .array(r.referencedSeriesUIDs.map { .string($0) })),
                ("frame_of_reference_uid", .string(r.frameOfReferenceUID)), ("patient_id", .string(r.patientID)),
                ("placement", i < roiSummaries.count ? roiSummaries[i].json : .null),
            ])
        }
        return .object([
            ("schema_version", .int(ToolDescription.schemaVersion)), ("tool", ToolInfo.json), ("path", .string(path)),
            ("patients", .array(patientsJSON)), ("roi_objects", .array(rois)),
            ("roi_files", .array(index.roiManifests.map { .string($0) })),
            ("label_maps", .array(labelMapSummaries.map(\.json))),
            ("other_objects", .array(index.otherObjects.map { o in
                .object([("path", .string(o.path)), ("sop_class", .string(SOPClass.name(o.sopClassUID))), ("modality", .string(o.modality))])
            })),
            ("own_outputs", .array(index.ownOutputs.map { o in
                .object([("path", .string(o.path)), ("sop_class", .string(SOPClass.name(o.sopClassUID)))])
            })),
            ("skipped_files", .array((index.skippedFiles + index.nonRegularFiles).map { .string($0) })),
            ("unreadable_files", .array(index.unreadableFiles.map { u in
                .object([("path", .string(u.path)), ("message", .string(u.message))])
            })),
        ])
    }
}
