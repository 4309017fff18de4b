/// Tag paths of the attributes LesionDensity reads, named by their DICOM keywords (PS3.6).
/// Top-level attributes are "GGGG,EEEE"; nested ones use DCMTK's path syntax with keywords.
enum DICOMTag {
    static let mediaStorageSOPClassUID = "0002,0002"
    static let sopClassUID = "0008,0016"
    static let sopInstanceUID = "0008,0018"
    static let imageType = "0008,0008"
    static let studyDate = "0008,0020"
    static let seriesDate = "0008,0021"
    static let acquisitionDate = "0008,0022"
    static let contentDate = "0008,0023"
    static let studyTime = "0008,0030"
    static let seriesTime = "0008,0031"
    static let acquisitionTime = "0008,0032"
    static let contentTime = "0008,0033"
    static let modality = "0008,0060"
    static let manufacturer = "0008,0070"
    static let studyDescription = "0008,1030"
    static let seriesDescription = "0008,103E"
    static let manufacturerModelName = "0008,1090"
    static let patientName = "0010,0010"
    static let patientID = "0010,0020"
    static let patientBirthDate = "0010,0030"
    static let contrastBolusAgent = "0018,0010"
    static let sliceThickness = "0018,0050"
    static let kvp = "0018,0060"
    static let spacingBetweenSlices = "0018,0088"
    static let gantryDetectorTilt = "0018,1120"
    static let convolutionKernel = "0018,1210"
    static let studyInstanceUID = "0020,000D"
    static let seriesInstanceUID = "0020,000E"
    static let seriesNumber = "0020,0011"
    static let acquisitionNumber = "0020,0012"
    static let instanceNumber = "0020,0013"
    static let imagePositionPatient = "0020,0032"
    static let imageOrientationPatient = "0020,0037"
    static let frameOfReferenceUID = "0020,0052"
    static let samplesPerPixel = "0028,0002"
    static let photometricInterpretation = "0028,0004"
    static let numberOfFrames = "0028,0008"
    static let rows = "0028,0010"
    static let columns = "0028,0011"
    static let pixelSpacing = "0028,0030"
    static let bitsAllocated = "0028,0100"
    static let bitsStored = "0028,0101"
    static let highBit = "0028,0102"
    static let pixelRepresentation = "0028,0103"
    static let pixelPaddingValue = "0028,0120"
    static let pixelPaddingRangeLimit = "0028,0121"
    static let rescaleIntercept = "0028,1052"
    static let rescaleSlope = "0028,1053"
    static let rescaleType = "0028,1054"
}

/// SOP Class UIDs (PS3.4 Annex B.5) the product recognizes.
public enum SOPClass {
    public static let ctImage = "1.2.840.10008.5.1.4.1.1.2"
    public static let enhancedCTImage = "1.2.840.10008.5.1.4.1.1.2.1"
    public static let legacyConvertedEnhancedCTImage = "1.2.840.10008.5.1.4.1.1.2.2"
    public static let segmentation = "1.2.840.10008.5.1.4.1.1.66.4"
    /// Label Map Segmentation Storage (PS3.3 A.51.1, 2024): one frame per plane, pixel values are
    /// segment numbers. DCMTK 3.6.7's dcmseg does not know it; it is read through the dataset.
    public static let labelMapSegmentation = "1.2.840.10008.5.1.4.1.1.66.7"

    /// Manufacturer (0008,0070) of the DICOM objects LesionDensity writes (Docs/Outputs.md "DICOM outputs").
    public static let ownManufacturer = "LesionDensity"

    /// SOP classes of our outputs (SEG, any SR, REG): with Manufacturer ``ownManufacturer`` they are
    /// never read back as inputs (`own_output_skipped`).
    public static func isOwnOutputClass(_ uid: String) -> Bool {
        uid == segmentation || uid == spatialRegistration || uid.hasPrefix("1.2.840.10008.5.1.4.1.1.88.")
    }

    public static let rtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3"
    /// Spatial Registration Storage (REG, PS3.3 A.39).
    public static let spatialRegistration = "1.2.840.10008.5.1.4.1.1.66.1"
    public static let mediaStorageDirectory = "1.2.840.10008.1.3.10"

    /// Whether `uid` is a CT image storage class (single-frame or enhanced).
    public static func isCT(_ uid: String) -> Bool {
        uid == ctImage || uid == enhancedCTImage || uid == legacyConvertedEnhancedCTImage
    }

    /// Whether `uid` is a Segmentation storage class (binary/fractional or label map).
    public static func isSegmentation(_ uid: String) -> Bool { uid == segmentation || uid == labelMapSegmentation }

    /// A readable name for `uid` (for `inspect`).
    public static func name(_ uid: String) -> String {
        switch uid {
        case ctImage: return "CT Image Storage"
        case enhancedCTImage: return "Enhanced CT Image Storage"
        case legacyConvertedEnhancedCTImage: return "Legacy Converted Enhanced CT Image Storage"
        case segmentation: return "Segmentation Storage"
        case "1.2.840.10008.5.1.4.1.1.88.22": return "Enhanced SR Storage"
        case labelMapSegmentation: return "Label Map Segmentation Storage"
        case rtStructureSet: return "RT Structure Set Storage"
        case mediaStorageDirectory: return "Media Storage Directory (DICOMDIR)"
        case spatialRegistration: return "Spatial Registration Storage"
        default: return uid
        }
    }
}
