import DensityKernel
import Foundation
import ResponseClassifier
import VolumeModel

/// Reads a results.json written by `analyze`, `batch` or `merge` back into a ``ResultsDocument``
/// (for `merge`): the key tables give the scalar keys, the vocabulary types check every word.
public enum ResultsReader {
    /// - Parameter file: names the document in errors.
    /// - Throws: ``JSONInputError`` naming the file and the key path at fault (depth, syntax,
    ///   `schema_version` other than this tool's, a value of the wrong type, an unknown word).
    public static func read(_ text: String, file: String) throws -> ResultsDocument {
        let root: JSONValue
        do { root = try JSONValue.parse(text, file: file) } catch let e as JSONParseError {
            throw JSONInputError(file: file, "not valid JSON (\(e))")
        }
        do {
            let version = try JSONRead.int(JSONRead.value(root, "schema_version", "$"), "schema_version")
            guard version == ToolDescription.schemaVersion else {
                throw JSONRead.Failure(keyPath: "schema_version", message: "is \(version.map(String.init) ?? "missing"), this tool reads \(ToolDescription.schemaVersion)")
            }
            let criteria = try CriteriaFile.read(Data(text.utf8), file: file)
            var d = ResultsDocument(tool: try tool(JSONRead.value(root, "tool", "$")), criteria: criteria, pairs: [])
            d.resegmentationRange = try JSONRead.range(JSONRead.value(root, "resegmentation_range_hu", "$"), "resegmentation_range_hu")
            d.pairs = try list(root, "pairs", "", pair)
            d.unpaired = try list(root, "unpaired", "", unpaired)
            d.warnings = try list(root, "warnings") { v, p in ResultWarning(rendered: try JSONRead.required(JSONRead.string(v, p), p)) }
            d.trends = try list(root, "trends", "", trend)
            d.dicomOutputs = try list(root, "dicom_outputs", "", dicomOutput)
            d.shard = try JSONRead.string(JSONRead.value(root, "shard", "$"), "shard")
            return d
        } catch let e as JSONRead.Failure {
            throw JSONInputError(file: file, keyPath: e.keyPath, e.message)
        }
    }

    /// The items of list `key` of `v` (absent: none), each read by `read`.
    static func list<T>(_ v: JSONValue, _ key: String, _ path: String = "", _ read: (JSONValue, String) throws -> T) throws -> [T] {
        let p = path.isEmpty ? key : path + "." + key
        guard let value = try JSONRead.member(v, key, path.isEmpty ? "$" : path) else { return [] }
        return try JSONRead.items(value, p).enumerated().map { i, item in try read(item, "\(p)[\(i)]") }
    }

    static func tool(_ v: JSONValue) throws -> ToolDescription {
        var t = ToolDescription(dcmtkVersion: try JSONRead.string(JSONRead.value(v, "dcmtk_version", "tool"), "tool.dcmtk_version") ?? "")
        t.name = try JSONRead.string(JSONRead.value(v, "name", "tool"), "tool.name") ?? t.name
        t.version = try JSONRead.string(JSONRead.value(v, "version", "tool"), "tool.version") ?? t.version
        return t
    }

    static func pair(_ v: JSONValue, _ p: String) throws -> PairResult {
        var r = PairResult(patientID: nil, baseline: nil, followup: nil, intervalDays: nil, daysFromTherapyStart: nil,
                           status: try JSONRead.required(JSONRead.word(JSONRead.value(v, "status", p), p + ".status"), p + ".status"),
                           error: nil, warnings: [], lesions: [], failures: [], bands: nil)
        try PairColumns.jsonColumns.fill(&r, from: v, path: p)
        r.baseline = try timePoint(JSONRead.value(v, "baseline", p), p + ".baseline")
        r.followup = try timePoint(JSONRead.value(v, "followup", p), p + ".followup")
        r.warnings = try list(v, "warnings", p) { w, wp in ResultWarning(rendered: try JSONRead.required(JSONRead.string(w, wp), wp)) }
        r.lesions = try list(v, "lesions", p, lesion)
        r.failures = try list(v, "errors", p, failure)
        let reference = try JSONRead.value(v, "reference", p)
        if case .null = reference {} else { r.reference = try self.reference(reference, p + ".reference") }
        return r
    }

    static func timePoint(_ v: JSONValue, _ p: String) throws -> TimePointInfo? {
        if case .null = v { return nil }
        var t = TimePointInfo(patientID: nil, studyDate: nil, studyInstanceUID: nil, seriesInstanceUID: "", path: "",
                              scanProtocol: ScanProtocol(), frameOfReferenceUID: nil)
        try TimePointColumns.columns.fill(&t, from: v, path: p)
        let protocolValue = try JSONRead.value(v, "protocol", p)
        if case .null = protocolValue {} else { try ProtocolJSON.columns.fill(&t.scanProtocol, from: protocolValue, path: p + ".protocol") }
        return t
    }

    static func lesion(_ v: JSONValue, _ p: String) throws -> LesionPairResult {
        let id = try JSONRead.required(JSONRead.string(JSONRead.value(v, "lesion_id", p), p + ".lesion_id"), p + ".lesion_id")
        func word<W: RawRepresentable>(_ key: String) throws -> W? where W.RawValue == String {
            try JSONRead.word(JSONRead.value(v, key, p), p + "." + key)
        }
        let classification = LesionClassification(
            classifiedOn: try JSONRead.required(word("classified_on"), p + ".classified_on"),
            phenotype: try JSONRead.required(word("phenotype"), p + ".phenotype"),
            phenotypeByMean: try JSONRead.required(word("phenotype_by_mean"), p + ".phenotype_by_mean"),
            thresholdHU: try JSONRead.double(JSONRead.value(v, "threshold_hu", p), p + ".threshold_hu"),
            response: try JSONRead.required(word("response"), p + ".response"),
            flags: try JSONRead.words(JSONRead.value(v, "flags", p), p + ".flags"),
            referenceAdjustedDeltaMeanHU: try JSONRead.double(JSONRead.value(v, "reference_adjusted_delta_mean_hu", p),
                                                              p + ".reference_adjusted_delta_mean_hu"))
        var l = LesionPairResult(
            lesionID: id,
            baseline: try measured(id, source: JSONRead.value(v, "baseline_source", p), stats: JSONRead.value(v, "baseline", p), p + ".baseline"),
            followup: try measured(id, source: JSONRead.value(v, "followup_source", p), stats: JSONRead.value(v, "followup", p), p + ".followup"),
            delta: try delta(JSONRead.value(v, "delta", p), p + ".delta"),
            deltaCore: try delta(JSONRead.value(v, "delta_core", p), p + ".delta_core"),
            classification: classification, phenotypeAtPairBaseline: try word("phenotype_at_pair_baseline"))
        let registration = try JSONRead.value(v, "registration", p)
        if case .null = registration {} else { l.registration = try self.registration(registration, p + ".registration") }
        return l
    }

    static func measured(_ label: String, source: JSONValue, stats: JSONValue, _ p: String) throws -> MeasuredROI? {
        if case .null = stats { return nil }
        guard let (s, core) = try statistics(stats, p) else { return nil }
        return MeasuredROI(label: label, source: try self.source(source, p + "_source"), statistics: s, core: core, flags: [])
    }

    /// STATS with its `core`.
    static func statistics(_ v: JSONValue, _ p: String) throws -> (DensityStatistics, DensityStatistics?)? {
        if case .null = v { return nil }
        var s = DensityStatistics()
        try StatisticsColumns.columns.fill(&s, from: v, path: p)
        var core: DensityStatistics?
        let c = try JSONRead.value(v, "core", p)
        if case .null = c {} else {
            var cs = DensityStatistics()
            try StatisticsColumns.columns.fill(&cs, from: c, path: p + ".core")
            core = cs
        }
        return (s, core)
    }

    static func delta(_ v: JSONValue, _ p: String) throws -> DensityDelta? {
        if case .null = v { return nil }
        var d = DensityDelta()
        try DeltaColumns.columns.fill(&d, from: v, path: p)
        d.meanHUCI95 = try JSONRead.range(JSONRead.value(v, "mean_hu_ci95", p), p + ".mean_hu_ci95")
        return d
    }

    static func source(_ v: JSONValue, _ p: String) throws -> ROISource {
        func int(_ key: String) throws -> Int? { try JSONRead.int(JSONRead.value(v, key, p), p + "." + key) }
        return ROISource(kind: try JSONRead.required(JSONRead.word(JSONRead.value(v, "kind", p), p + ".kind"), p + ".kind"),
                         file: try JSONRead.string(JSONRead.value(v, "file", p), p + ".file") ?? "",
                         segmentNumber: try int("segment_number"), roiNumber: try int("roi_number"),
                         labelValue: try int("label_value"), component: try int("component"),
                         fromStudyDate: try JSONRead.string(JSONRead.value(v, "from_study_date", p), p + ".from_study_date"))
    }

    static func failure(_ v: JSONValue, _ p: String) throws -> LesionFailure {
        LesionFailure(lesionID: try JSONRead.string(JSONRead.value(v, "lesion_id", p), p + ".lesion_id"),
                      file: try JSONRead.string(JSONRead.value(v, "file", p), p + ".file") ?? "",
                      message: try JSONRead.string(JSONRead.value(v, "message", p), p + ".message") ?? "")
    }

    static func reference(_ v: JSONValue, _ p: String) throws -> ReferenceResult {
        let id = try JSONRead.required(JSONRead.string(JSONRead.value(v, "lesion_id", p), p + ".lesion_id"), p + ".lesion_id")
        let none = ROISource(kind: .sphere, file: "")
        func roi(_ key: String) throws -> MeasuredROI {
            let (s, core) = try JSONRead.required(statistics(JSONRead.value(v, key, p), p + "." + key), p + "." + key)
            return MeasuredROI(label: id, source: none, statistics: s, core: core, flags: [])
        }
        return ReferenceResult(lesionID: id, baseline: try roi("baseline"), followup: try roi("followup"),
                               delta: try JSONRead.required(delta(JSONRead.value(v, "delta", p), p + ".delta"), p + ".delta"))
    }

    static func registration(_ v: JSONValue, _ p: String) throws -> RegistrationResult {
        let box = try JSONRead.value(v, "box_mm", p)
        var corners: [[Double]]?
        if case .null = box {} else { corners = try JSONRead.items(box, p + ".box_mm").enumerated().map { try JSONRead.doubles($1, "\(p).box_mm[\($0)]") } }
        return RegistrationResult(
            method: try JSONRead.required(JSONRead.word(JSONRead.value(v, "method", p), p + ".method"), p + ".method"),
            file: try JSONRead.string(JSONRead.value(v, "file", p), p + ".file"),
            translationMM: try JSONRead.doubles(JSONRead.value(v, "translation_mm", p), p + ".translation_mm"),
            rotationDegrees: try JSONRead.double(JSONRead.value(v, "rotation_deg", p), p + ".rotation_deg") ?? 0,
            similarity: try JSONRead.double(JSONRead.value(v, "similarity", p), p + ".similarity"), boxMM: corners)
    }

    static func unpaired(_ v: JSONValue, _ p: String) throws -> UnpairedStudy {
        func text(_ key: String) throws -> String? { try JSONRead.string(JSONRead.value(v, key, p), p + "." + key) }
        return UnpairedStudy(patientID: try text("patient_id") ?? "", studyDate: try text("study_date"),
                             studyInstanceUID: try text("study_instance_uid") ?? "", reason: try text("reason") ?? "")
    }

    static func trend(_ v: JSONValue, _ p: String) throws -> LesionTrend {
        LesionTrend(
            patientID: try JSONRead.string(JSONRead.value(v, "patient_id", p), p + ".patient_id"),
            lesionID: try JSONRead.required(JSONRead.string(JSONRead.value(v, "lesion_id", p), p + ".lesion_id"), p + ".lesion_id"),
            phenotype: try JSONRead.required(JSONRead.word(JSONRead.value(v, "phenotype", p), p + ".phenotype"), p + ".phenotype"),
            timePoints: try list(v, "time_points", p) { t, tp in
                let source = try JSONRead.value(t, "source", tp)
                let stats = try statistics(JSONRead.value(t, "statistics", tp), tp + ".statistics")
                return TrendTimePoint(
                    studyDate: try JSONRead.string(JSONRead.value(t, "study_date", tp), tp + ".study_date"),
                    daysFromFirst: try JSONRead.int(JSONRead.value(t, "days_from_first", tp), tp + ".days_from_first"),
                    seriesInstanceUID: try JSONRead.string(JSONRead.value(t, "series_instance_uid", tp), tp + ".series_instance_uid"),
                    source: try { if case .null = source { return nil }; return try self.source(source, tp + ".source") }(),
                    statistics: stats?.0, core: stats?.1,
                    responseFromPrevious: try JSONRead.word(JSONRead.value(t, "response_from_previous", tp), tp + ".response_from_previous"),
                    responseFromFirst: try JSONRead.word(JSONRead.value(t, "response_from_first", tp), tp + ".response_from_first"),
                    flags: try JSONRead.words(JSONRead.value(t, "flags", tp), tp + ".flags"))
            })
    }

    static func dicomOutput(_ v: JSONValue, _ p: String) throws -> DICOMOutputRecord {
        func text(_ key: String) throws -> String? { try JSONRead.string(JSONRead.value(v, key, p), p + "." + key) }
        return DICOMOutputRecord(file: try text("file") ?? "", sopClassUID: try text("sop_class_uid") ?? "",
                                 storedTo: try text("stored_to"), status: try text("status"))
    }
}
