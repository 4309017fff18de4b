import DICOMNetwork
import Foundation
import ReportWriters

/// What `pull` fetches from a node: the studies of some patients or given studies, filtered by
/// modality and date, into one folder per patient and study.
public struct PullRequest: Sendable {
    public enum Selection: Sendable, Hashable {
        /// PatientIDs, each matched exactly (wildcards refused by ``PullRequest/checkPatientID(_:)``).
        case patients([String])
        case studies([String])
    }

    public let settings: AssociationSettings
    public let selection: Selection
    /// The folder receiving `<PatientID>/<StudyInstanceUID>/<SOPInstanceUID>.dcm` (names sanitized).
    public let folder: String
    /// Keep only studies whose ModalitiesInStudy holds this modality (e.g. "CT").
    public let modality: String?
    /// Keep only studies on or after this date (YYYYMMDD).
    public let since: String?

    public init(settings: AssociationSettings, selection: Selection, folder: String, modality: String? = nil, since: String? = nil) {
        self.settings = settings
        self.selection = selection
        self.folder = folder
        self.modality = modality
        self.since = since
    }

    /// A PatientID as a C-FIND key: 1–64 characters (LO, PS3.5 6.2), no backslash or control
    /// character, and no `*` or `?` (they would be wildcards and match other patients).
    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`) saying why.
    public static func checkPatientID(_ id: String) throws {
        let ok = !id.isEmpty && id.count <= 64 && !id.unicodeScalars.contains { $0.value < 0x20 || $0 == "\\" || $0 == "*" || $0 == "?" }
            && id.contains { $0 != " " }
        guard ok else {
            throw DICOMNetworkError(.invalidArgument, node: "", message: "PatientID \"\(id)\" is not usable as a C-FIND key (1-64 characters, no backslash, * or ?)")
        }
    }

    /// `YYYY-MM-DD` (a real calendar date) as a DICOM DA value `YYYYMMDD`.
    /// - Throws: ``DICOMNetworkError`` (`invalidArgument`).
    public static func dicomDate(_ text: String) throws -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), text.allSatisfy({ $0.isASCII }),
           var calendar = Optional(Calendar(identifier: .gregorian)) {
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let components = DateComponents(year: y, month: m, day: d)
            if let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components {
                return String(format: "%04d%02d%02d", y, m, d)
            }
        }
        throw DICOMNetworkError(.invalidArgument, node: "", message: "\"\(text)\" is not a date YYYY-MM-DD")
    }
}

/// Where a pull stands, for the progress display.
public struct PullProgress: Sendable {
    public let studiesDone: Int
    public let studiesTotal: Int
    /// Instances in the folder (received or already present) / the sum of NumberOfStudyRelatedInstances
    /// (nil when the node did not report it for every study).
    public let instancesDone: Int
    public let instancesTotal: Int?
    public let patientID: String
    public let studyInstanceUID: String
}

/// One study of a pull.
public struct PulledStudy: Sendable {
    public let patientID: String
    public let studyInstanceUID: String
    public let studyDate: String
    /// Its folder (relative to the pull folder): `<PatientID>/<StudyInstanceUID>`, sanitized.
    public let folder: String
    public let received: Int
    public let alreadyPresent: Int
    /// Instances of SOP classes `pull` does not retrieve (not CT, Enhanced CT, SEG, RTSTRUCT, REG or SR).
    public let notNeeded: Int
    /// Why it is incomplete (names the node and the study), nil when complete.
    public let error: DICOMNetworkError?
}

/// The outcome of a pull.
public struct PullReport: Sendable {
    public var studies: [PulledStudy] = []
    /// Problems not tied to a fetched study (a requested study the node does not have, a patient with none).
    public var problems: [DICOMNetworkError] = []
    /// True when Ctrl-C stopped it.
    public var cancelled = false
    /// Whether everything asked for is complete.
    public var complete: Bool { !cancelled && problems.isEmpty && studies.allSatisfy { $0.error == nil } }
}
