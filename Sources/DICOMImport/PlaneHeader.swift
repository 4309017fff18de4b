import VolumeModel

/// How a plane's stored values become HU (Image Pixel module PS3.3 C.7.6.3, CT Image module
/// C.8.2.1, Modality LUT C.11.1, Pixel Padding C.7.5.1.1.2).
public struct PixelEncoding: Sendable, Equatable {
    public var bitsAllocated: Int
    public var bitsStored: Int
    public var highBit: Int
    /// PixelRepresentation: 0 unsigned, 1 two's complement.
    public var pixelRepresentation: Int
    public var samplesPerPixel: Int
    /// PhotometricInterpretation. MONOCHROME1 is a display instruction only (PS3.3 C.7.6.3.1.2):
    /// HU come from the Modality LUT all the same.
    public var photometricInterpretation: String
    public var rescaleSlope: Double
    public var rescaleIntercept: Double
    /// RescaleType (0028,1054); "HU" or absent for CT in Hounsfield units.
    public var rescaleType: String?
    /// PixelPaddingValue (0028,0120), as a stored value (sign applied per PixelRepresentation).
    public var pixelPaddingValue: Int?
    /// PixelPaddingRangeLimit (0028,0121): with PixelPaddingValue, an inclusive range of padding values.
    public var pixelPaddingRangeLimit: Int?
}

/// The byte range of an uncompressed Pixel Data (7FE0,0010) value in its file, as DCMTK's header
/// scan found it: all frames, frame after frame (PS3.5 §8.1.1, §8.2).
public struct PixelDataLocation: Sendable, Equatable {
    /// Offset of the value's first byte from the start of the file.
    public let offset: Int
    /// The value length in bytes (the element's length field).
    public let length: Int
}

/// The header of one image plane: a single-frame CT file, or one frame of an Enhanced CT file.
public struct PlaneHeader: Sendable {
    public var path: String
    /// Zero-based frame number within the file (0 for single-frame images).
    public var frame: Int
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var modality: String?
    public var imageType: [String]
    public var patientID: String?
    public var patientName: String?
    public var studyInstanceUID: String?
    /// StudyDate as written (YYYYMMDD).
    public var studyDate: String?
    public var studyTime: String?
    /// SeriesDate, AcquisitionDate, ContentDate (YYYYMMDD) and their times as written: the dates a
    /// time point is placed by when StudyDate is empty (DESIGN.md, Longitudinal correspondence).
    public var seriesDate: String?
    public var seriesTime: String?
    public var acquisitionDate: String?
    public var acquisitionTime: String?
    public var contentDate: String?
    public var contentTime: String?
    public var studyDescription: String?
    public var seriesInstanceUID: String?
    public var seriesNumber: Int?
    public var seriesDescription: String?
    public var frameOfReferenceUID: String?
    public var instanceNumber: Int?
    public var acquisitionNumber: Int?
    /// ImagePositionPatient (mm, LPS): centre of the plane's first voxel.
    public var imagePositionPatient: PatientPoint?
    /// ImageOrientationPatient: six direction cosines.
    public var imageOrientationPatient: [Double]?
    /// PixelSpacing (row spacing, column spacing) in mm.
    public var pixelSpacing: [Double]?
    public var rows: Int
    public var columns: Int
    public var encoding: PixelEncoding
    public var scanProtocol: ScanProtocol
    public var spacingBetweenSlices: Double?
    public var gantryDetectorTilt: Double?
    public var transferSyntaxUID: String
    /// Where the file's uncompressed Pixel Data lies (nil: compressed, or read through DCMTK).
    public var pixelDataLocation: PixelDataLocation? = nil

    /// Whether ImageType marks the plane as a localizer (scout) image (PS3.3 C.8.2.1.1.1).
    public var isLocalizer: Bool { imageType.contains { $0.uppercased() == "LOCALIZER" } }
}
