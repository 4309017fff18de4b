import Foundation
import VolumeModel

/// A code triple (CodeValue, CodingSchemeDesignator, CodeMeaning), PS3.3 8.8.
public struct CodedConcept: Sendable, Equatable, Hashable {
    public let value: String
    public let scheme: String
    public let meaning: String

    public init(_ value: String, _ scheme: String, _ meaning: String) {
        self.value = value
        self.scheme = scheme
        self.meaning = meaning
    }
}

/// The CT series an output object belongs to or references.
public struct CTSeriesReference: Sendable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var frameOfReferenceUID: String
    /// SOPClassUID of the planes (CT Image Storage, or Enhanced CT Image Storage).
    public var sopClassUID: String
    /// One file of the series: patient and study attributes of our objects are copied from it.
    public var sourceFile: String
    /// Per plane in stack order (as ``geometry``): its SOPInstanceUID and, for a multi-frame
    /// image, its frame number (1-based; 0 for single-frame images).
    public var planes: [(sopInstanceUID: String, frameNumber: Int)]
    /// The stack's geometry (LPS mm): a SEG written on this series has its grid.
    public var geometry: StackGeometry
    /// SliceThickness (mm) of the CT, if known.
    public var sliceThicknessMM: Double?

    public init(
        studyInstanceUID: String, seriesInstanceUID: String, frameOfReferenceUID: String, sopClassUID: String,
        sourceFile: String, planes: [(sopInstanceUID: String, frameNumber: Int)], geometry: StackGeometry,
        sliceThicknessMM: Double? = nil
    ) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.frameOfReferenceUID = frameOfReferenceUID
        self.sopClassUID = sopClassUID
        self.sourceFile = sourceFile
        self.planes = planes
        self.geometry = geometry
        self.sliceThicknessMM = sliceThicknessMM
    }

    /// The distinct SOPInstanceUIDs, in stack order (an Enhanced CT has one for all planes).
    var uniqueInstanceUIDs: [String] {
        var seen = Set<String>()
        return planes.map(\.sopInstanceUID).filter { seen.insert($0).inserted }
    }
}

/// A segment of a DICOM SEG that already exists (an input), referenced by the SR as it is.
public struct ExistingSegment: Sendable, Equatable {
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var segmentNumber: Int

    public init(studyInstanceUID: String, seriesInstanceUID: String, sopClassUID: String, sopInstanceUID: String,
                segmentNumber: Int) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.segmentNumber = segmentNumber
    }
}

/// One lesion measured at one time point, as the SR and SEG report it.
public struct LesionExport: Sendable {
    /// Where the lesion's voxels are: a segment of an existing SEG, or a mask on the CT's grid that
    /// our SEG carries (sphere, box, RTSTRUCT, label map, propagated ROI).
    public enum Region: Sendable {
        case existingSegment(ExistingSegment)
        case mask(LesionMask)
    }

    /// `lesion_id` of results.json (the TrackingIdentifier).
    public var lesionID: String
    public var region: Region
    /// Statistics of the full ROI, in HU and mL (results.json STATS); nil when not computable.
    public var meanHU: Double?
    public var medianHU: Double?
    /// Population SD (IBSI), `sd_hu`.
    public var sdHU: Double?
    public var minHU: Double?
    public var maxHU: Double?
    public var volumeML: Double?
    /// `phenotype` (lytic, sclerotic, mixed, indeterminate) and `response` (Docs/Outputs.md's words) or nil.
    public var phenotype: String?
    public var response: String?

    public init(
        lesionID: String, region: Region, meanHU: Double?, medianHU: Double?, sdHU: Double?, minHU: Double?,
        maxHU: Double?, volumeML: Double?, phenotype: String? = nil, response: String? = nil
    ) {
        self.lesionID = lesionID
        self.region = region
        self.meanHU = meanHU
        self.medianHU = medianHU
        self.sdHU = sdHU
        self.minHU = minHU
        self.maxHU = maxHU
        self.volumeML = volumeML
        self.phenotype = phenotype
        self.response = response
    }
}

/// Identity of one object we write: new UIDs each run, the run's date and time, pseudonym.
public struct ObjectIdentity: Sendable {
    /// Manufacturer (0008,0070) of every object LesionDensity writes; inputs carrying it are skipped.
    public static let manufacturer = "LesionDensity"

    public var sopInstanceUID: String
    public var seriesInstanceUID: String
    public var seriesNumber: Int
    public var seriesDescription: String
    /// Series/Content date (YYYYMMDD) and time (HHMMSS) of this run.
    public var date: String
    public var time: String
    public var softwareVersion: String
    /// Non-nil: PatientID and PatientName become this and PatientBirthDate is emptied.
    public var pseudonym: String?

    /// Fresh UIDs (``DICOMUID/random()``) and the date and time of `now` (UTC).
    public init(seriesNumber: Int, seriesDescription: String, softwareVersion: String, pseudonym: String?,
                now: Date = Date()) {
        self.sopInstanceUID = DICOMUID.random()
        self.seriesInstanceUID = DICOMUID.random()
        self.seriesNumber = seriesNumber
        self.seriesDescription = seriesDescription
        self.softwareVersion = softwareVersion
        self.pseudonym = pseudonym
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        self.date = String(format: "%04d%02d%02d", c.year!, c.month!, c.day!)
        self.time = String(format: "%02d%02d%02d", c.hour!, c.minute!, c.second!)
    }
}
