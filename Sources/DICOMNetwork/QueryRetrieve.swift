internal import CDICOMNetBridge
import Foundation

/// One study as a C-FIND at STUDY level returned it (Study Root, PS3.4 C.6.2). Every value comes
/// from the network: UIDs are checked for UI syntax, the count for being a number ≥ 0.
public struct StudyMatch: Sendable, Hashable {
    public let studyInstanceUID: String
    public let patientID: String
    /// StudyDate as sent (YYYYMMDD, or "" when the node has none).
    public let studyDate: String
    public let studyTime: String
    public let modalitiesInStudy: [String]
    /// NumberOfStudyRelatedInstances, when the node sent a valid one.
    public let numberOfStudyRelatedInstances: Int?
}

/// One series (C-FIND at SERIES level).
public struct SeriesMatch: Sendable, Hashable {
    public let seriesInstanceUID: String
    public let modality: String
    public let numberOfSeriesRelatedInstances: Int?
}

/// One instance (C-FIND at IMAGE level).
public struct InstanceMatch: Sendable, Hashable {
    public let sopInstanceUID: String
    public let sopClassUID: String
}

/// What a C-GET asks for.
public enum RetrieveScope: Sendable, Hashable {
    case study(String)
    case series(study: String, series: String)
    /// Listed instances of one series (one request with a UID list, PS3.4 C.4.3.2.1).
    case instances(study: String, series: String, sopInstanceUIDs: [String])

    var studyUID: String {
        switch self {
        case .study(let s), .series(let s, _), .instances(let s, _, _): return s
        }
    }
}

/// What one C-GET did: the node's final counts and ours.
public struct RetrieveOutcome: Sendable, Hashable {
    /// DIMSE status of the final C-GET response (0 success), or 0xFFFF when none arrived.
    public let finalStatus: UInt16
    /// Sub-operations the node reported completed / failed / with a warning.
    public let completed: Int, failed: Int, warning: Int
    /// Instances we wrote / acknowledged because their file was already there / refused.
    public let written: Int, skipped: Int, refused: Int
}

/// An instance that arrived during a C-GET: its file, and whether it was already there.
public struct ReceivedInstance: Sendable {
    public let sopInstanceUID: String
    public let sopClassUID: String
    public let path: String
    public let wasPresent: Bool
}

/// An open association to a node for C-FIND and C-GET (Study Root Query/Retrieve), which also
/// accepts, as storage SCP on the same association, CT Image, Enhanced CT Image, Segmentation,
/// RT Structure Set, Spatial Registration, Comprehensive SR and Enhanced SR objects. The association
/// is released when the value goes away (aborted if it broke). Not shared between threads.
public final class QueryRetrieveAssociation {
    public let settings: AssociationSettings
    private let handle: OpaquePointer

    /// Connects and negotiates.
    /// - Throws: ``DICOMNetworkError`` `.unreachable`, `.rejected`, `.timeout`, `.invalidArgument`.
    public init(_ settings: AssociationSettings) throws {
        self.settings = settings
        var out: OpaquePointer?
        try netCall(node: settings.node.description) { message, size in
            settings.withParameters { CDICOMNetBridge_qr_open($0, &out, message, size) }
        }
        handle = out!
    }

    deinit { CDICOMNetBridge_qr_destroy(handle) }

    /// The storage SOP classes (UIDs) this association accepts in a C-GET.
    public static let acceptedStorageClasses: Set<String> = Set((0..<CDICOMNetBridge_storage_class_count()).map {
        String(cString: CDICOMNetBridge_storage_class($0))
    })

    /// The largest number of matches one C-FIND may return before it is refused as too broad.
    public static let maxMatches = 100_000

    /// Studies matching the keys (nil = universal). `studyDate` is a DICOM range ("20240101-");
    /// `studyInstanceUID` may list several UIDs separated by backslashes (List of UID Matching).
    /// - Throws: ``DICOMNetworkError`` (`.failed`, `.timeout`, `.invalidArgument` for a bad value in a response).
    public func findStudies(patientID: String? = nil, studyInstanceUID: String? = nil, modality: String? = nil,
                            studyDate: String? = nil) throws -> [StudyMatch] {
        try find(level: CDICOMNetBridge_LEVEL_STUDY, patientID: patientID, study: studyInstanceUID, series: nil,
                 modality: modality, studyDate: studyDate).map { value in
            StudyMatch(studyInstanceUID: try uid(value(CDICOMNetBridge_KEY_STUDY_INSTANCE_UID), "StudyInstanceUID"),
                       patientID: value(CDICOMNetBridge_KEY_PATIENT_ID), studyDate: value(CDICOMNetBridge_KEY_STUDY_DATE),
                       studyTime: value(CDICOMNetBridge_KEY_STUDY_TIME),
                       modalitiesInStudy: value(CDICOMNetBridge_KEY_MODALITIES_IN_STUDY).split(separator: "\\").map {
                           $0.trimmingCharacters(in: .whitespaces) },
                       numberOfStudyRelatedInstances: count(value(CDICOMNetBridge_KEY_NUMBER_OF_STUDY_RELATED_INSTANCES)))
        }
    }

    /// The series of one study.
    public func findSeries(studyInstanceUID: String, modality: String? = nil) throws -> [SeriesMatch] {
        try find(level: CDICOMNetBridge_LEVEL_SERIES, patientID: nil, study: studyInstanceUID, series: nil, modality: modality,
                 studyDate: nil).map { value in
            SeriesMatch(seriesInstanceUID: try uid(value(CDICOMNetBridge_KEY_SERIES_INSTANCE_UID), "SeriesInstanceUID"),
                        modality: value(CDICOMNetBridge_KEY_MODALITY),
                        numberOfSeriesRelatedInstances: count(value(CDICOMNetBridge_KEY_NUMBER_OF_SERIES_RELATED_INSTANCES)))
        }
    }

    /// The instances of one series.
    public func findInstances(studyInstanceUID: String, seriesInstanceUID: String) throws -> [InstanceMatch] {
        try find(level: CDICOMNetBridge_LEVEL_IMAGE, patientID: nil, study: studyInstanceUID, series: seriesInstanceUID,
                 modality: nil, studyDate: nil).map { value in
            InstanceMatch(sopInstanceUID: try uid(value(CDICOMNetBridge_KEY_SOP_INSTANCE_UID), "SOPInstanceUID"),
                          sopClassUID: value(CDICOMNetBridge_KEY_SOP_CLASS_UID))
        }
    }

    /// Retrieves `scope` into `folder` (which must exist): each instance becomes
    /// `folder/<SOPInstanceUID>.dcm`, written under a temporary name and renamed, so an interrupted
    /// pull leaves only complete files; an instance whose file exists is not written again.
    /// `onInstance` is called after each one; returning false stops the retrieve (`.cancelled`).
    /// - Returns: the counts, when the node reported success and every object was stored.
    /// - Throws: ``DICOMNetworkError``: `.failed` when sub-operations failed or warned (its message
    ///   gives the counts), `.io`, `.timeout`, `.cancelled`; the files already written stay.
    @discardableResult
    public func retrieve(_ scope: RetrieveScope, into folder: String, onInstance: (ReceivedInstance) -> Bool = { _ in true }) throws -> RetrieveOutcome {
        try withoutActuallyEscaping(onInstance) { try retrieve(scope, into: folder, escaping: $0) }
    }

    private func retrieve(_ scope: RetrieveScope, into folder: String, escaping onInstance: @escaping (ReceivedInstance) -> Bool) throws -> RetrieveOutcome {
        final class Box { let body: (ReceivedInstance) -> Bool; init(_ b: @escaping (ReceivedInstance) -> Bool) { body = b } }
        let box = Box(onInstance)
        let callback: CDICOMNetBridge_instance_callback = { context, uid, sopClass, path, skipped in
            let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
            let instance = ReceivedInstance(sopInstanceUID: String(cString: uid), sopClassUID: String(cString: sopClass),
                                            path: String(cString: path), wasPresent: skipped != 0)
            return box.body(instance) ? 0 : 1
        }
        var outcome = CDICOMNetBridge_retrieve_outcome()
        let (level, series, instances): (CDICOMNetBridge_level, String?, [String]) = switch scope {
        case .study: (CDICOMNetBridge_LEVEL_STUDY, nil, [])
        case .series(_, let s): (CDICOMNetBridge_LEVEL_SERIES, s, [])
        case .instances(_, let s, let list): (CDICOMNetBridge_LEVEL_IMAGE, s, list)
        }
        let study = scope.studyUID
        let cStrings = instances.map { strdup($0)! }
        defer { cStrings.forEach { free($0) } }
        var pointers = cStrings.map { UnsafePointer($0) }
        var caught: Error?
        do {
            try netCall(node: settings.node.description, study: study) { message, size in
                study.withCString { studyC in
                    folder.withCString { folderC in
                        withOptionalCString(series) { seriesC in
                            pointers.withUnsafeMutableBufferPointer { list in
                                var request = CDICOMNetBridge_retrieve_request(
                                    level: level, study_instance_uid: studyC, series_instance_uid: seriesC,
                                    sop_instance_uids: list.isEmpty ? nil : UnsafePointer(list.baseAddress), sop_instance_count: list.count,
                                    destination_folder: folderC)
                                return withExtendedLifetime(box) {
                                    CDICOMNetBridge_qr_get(handle, &request, callback, Unmanaged.passUnretained(box).toOpaque(),
                                                           &outcome, message, size)
                                }
                            }
                        }
                    }
                }
            }
        } catch { caught = error }
        let result = RetrieveOutcome(finalStatus: outcome.final_status, completed: Int(outcome.completed), failed: Int(outcome.failed),
                                     warning: Int(outcome.warning), written: Int(outcome.written), skipped: Int(outcome.skipped),
                                     refused: Int(outcome.refused))
        if let caught { throw RetrieveError(outcome: result, underlying: caught as! DICOMNetworkError) }
        return result
    }

    private func find(level: CDICOMNetBridge_level, patientID: String?, study: String?, series: String?, modality: String?,
                      studyDate: String?) throws -> [(CDICOMNetBridge_key) -> String] {
        var out: OpaquePointer?
        try netCall(node: settings.node.description, study: study) { message, size in
            withOptionalCString(patientID) { p in withOptionalCString(study) { st in withOptionalCString(series) { se in
                withOptionalCString(modality) { m in withOptionalCString(studyDate) { d in
                    var query = CDICOMNetBridge_query(level: level, patient_id: p, study_instance_uid: st, series_instance_uid: se,
                                                      modality: m, study_date: d)
                    return CDICOMNetBridge_qr_find(handle, &query, Self.maxMatches, &out, message, size)
                } }
            } } }
        }
        let matches = out!
        defer { CDICOMNetBridge_matches_destroy(matches) }
        return (0..<CDICOMNetBridge_matches_count(matches)).map { index in
            var values: [UInt32: String] = [:]
            for key in 0...10 { values[UInt32(key)] = String(cString: CDICOMNetBridge_matches_value(matches, index, CDICOMNetBridge_key(UInt32(key)))) }
            return { key in values[key.rawValue] ?? "" }
        }
    }

    private func uid(_ text: String, _ what: String) throws -> String {
        let value = text.trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
        guard DICOMNode.isValidUID(value) else {
            throw DICOMNetworkError(.failed, node: settings.node.description,
                                    message: "the node sent \(what) \"\(value.prefix(80))\", which is not a UID")
        }
        return value
    }

    private func count(_ text: String) -> Int? {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
        return n
    }
}

/// A failed C-GET: the error and the counts of what did arrive (those files are kept).
public struct RetrieveError: Error, Sendable, CustomStringConvertible {
    public let outcome: RetrieveOutcome
    public let underlying: DICOMNetworkError
    public var description: String { underlying.description }
}

func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) throws -> T) rethrows -> T {
    guard let text else { return try body(nil) }
    return try text.withCString { try body($0) }
}
