import VolumeModel

/// What a header scan found in one file.
public enum ScannedFile: Sendable {
    /// CT image planes (one per frame).
    case ctImage([PlaneHeader])
    /// A SEG or RTSTRUCT object.
    case roiObject(ROIObjectHeader)
    /// A SEG, SR or REG that LesionDensity wrote (Manufacturer `LesionDensity`): never an input.
    case ownOutput(path: String, sopClassUID: String)
    /// Another DICOM object (other modality or SOP class, DICOMDIR): listed, not used.
    case otherDICOM(path: String, sopClassUID: String, modality: String?)
}

/// The identity of a SEG or RTSTRUCT file found by a header scan.
public struct ROIObjectHeader: Sendable {
    public enum Kind: String, Sendable { case seg, rtstruct }
    public var path: String
    public var kind: Kind
    public var sopInstanceUID: String
    public var patientID: String?
    public var studyInstanceUID: String?
    public var frameOfReferenceUID: String?
    /// SeriesInstanceUID of the object itself (an SR we write references a SEG by it).
    public var seriesInstanceUID: String?
    /// SeriesInstanceUID(s) of the CT series the object refers to.
    public var referencedSeriesUIDs: [String]
    /// SegmentLabel of each segment, or ROIName of each ROI.
    public var labels: [String]
}

/// Reads DICOM headers (stopping before Pixel Data) through DCMTK.
enum HeaderReader {
    /// Scans one file.
    /// - Throws: ``DICOMError`` `.notDICOM` for non-DICOM files, `.unreadable` for broken DICOM,
    ///   `.missingAttribute` for a CT image without Rows/Columns/SOPInstanceUID.
    static func scan(path: String) throws -> ScannedFile {
        let file = try DICOMFile(path: path, headersOnly: true)
        let sopClass = file.string(DICOMTag.sopClassUID) ?? file.string(DICOMTag.mediaStorageSOPClassUID) ?? ""
        if SOPClass.isCT(sopClass) {
            return .ctImage(try planes(of: file, sopClass: sopClass))
        }
        if SOPClass.isOwnOutputClass(sopClass), file.string(DICOMTag.manufacturer) == SOPClass.ownManufacturer {
            return .ownOutput(path: path, sopClassUID: sopClass)
        }
        if SOPClass.isSegmentation(sopClass) || sopClass == SOPClass.rtStructureSet {
            return .roiObject(roiObject(of: file, sopClass: sopClass))
        }
        return .otherDICOM(path: path, sopClassUID: sopClass, modality: file.string(DICOMTag.modality))
    }

    private static func roiObject(of file: DICOMFile, sopClass: String) -> ROIObjectHeader {
        let isSEG = SOPClass.isSegmentation(sopClass)
        var labels: [String] = []
        var referenced: [String] = []
        if isSEG {
            for i in 0..<file.itemCount("SegmentSequence") {
                labels.append(file.string("SegmentSequence[\(i)].SegmentLabel") ?? "segment \(i + 1)")
            }
            for i in 0..<file.itemCount("ReferencedSeriesSequence") {
                if let uid = file.string("ReferencedSeriesSequence[\(i)].SeriesInstanceUID") { referenced.append(uid) }
            }
        } else {
            for i in 0..<file.itemCount("StructureSetROISequence") {
                labels.append(file.string("StructureSetROISequence[\(i)].ROIName") ?? "ROI \(i + 1)")
            }
            let path = "ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0].RTReferencedSeriesSequence"
            for i in 0..<file.itemCount(path) {
                if let uid = file.string("\(path)[\(i)].SeriesInstanceUID") { referenced.append(uid) }
            }
        }
        let frameOfReference = file.string(DICOMTag.frameOfReferenceUID)
            ?? file.string("ReferencedFrameOfReferenceSequence[0].FrameOfReferenceUID")
        return ROIObjectHeader(
            path: file.path, kind: isSEG ? .seg : .rtstruct,
            sopInstanceUID: file.string(DICOMTag.sopInstanceUID) ?? "",
            patientID: file.string(DICOMTag.patientID), studyInstanceUID: file.string(DICOMTag.studyInstanceUID),
            frameOfReferenceUID: frameOfReference, seriesInstanceUID: file.string(DICOMTag.seriesInstanceUID),
            referencedSeriesUIDs: referenced, labels: labels)
    }

    /// The planes of a CT file: one for a single-frame image, one per frame for Enhanced CT, whose
    /// geometry and rescale come from the functional groups (PS3.3 C.7.6.16). Every number is
    /// checked here, where it enters (``HeaderValidation``, limits in ``HeaderLimits``).
    private static func planes(of file: DICOMFile, sopClass: String) throws -> [PlaneHeader] {
        typealias V = HeaderValidation
        let matrix = 1...HeaderLimits.maxMatrix
        guard let rows = try V.integer(file, DICOMTag.rows, "Rows", in: matrix),
              let columns = try V.integer(file, DICOMTag.columns, "Columns", in: matrix), rows > 0, columns > 0 else {
            throw DICOMError(.missingAttribute, path: file.path, "CT image without Rows/Columns")
        }
        guard let sopInstanceUID = file.string(DICOMTag.sopInstanceUID) else {
            throw DICOMError(.missingAttribute, path: file.path, "CT image without SOPInstanceUID")
        }
        let bitsAllocated = try V.integer(file, DICOMTag.bitsAllocated, "BitsAllocated", in: 0...64) ?? 16
        let bitsStored = try V.integer(file, DICOMTag.bitsStored, "BitsStored", in: 0...64) ?? bitsAllocated
        let pixelRepresentation = try V.integer(file, DICOMTag.pixelRepresentation, "PixelRepresentation", in: 0...1) ?? 0
        let legacy = sopClass == SOPClass.ctImage
        let transferSyntax = file.transferSyntaxUID
        // RescaleSlope/Intercept are Type 1 in the CT Image module (PS3.3 C.8.2.1): present and
        // numeric; an Enhanced CT image carries them per frame (checked per plane below).
        let slope = try V.numbers(file, DICOMTag.rescaleSlope, "RescaleSlope", count: nil, required: legacy)?.first
        let intercept = try V.numbers(file, DICOMTag.rescaleIntercept, "RescaleIntercept", count: nil, required: legacy)?.first
        let base = PixelEncoding(
            bitsAllocated: bitsAllocated, bitsStored: bitsStored,
            highBit: try V.integer(file, DICOMTag.highBit, "HighBit", in: 0...64) ?? (bitsStored - 1),
            pixelRepresentation: pixelRepresentation,
            samplesPerPixel: try V.integer(file, DICOMTag.samplesPerPixel, "SamplesPerPixel", in: 0...4) ?? 1,
            photometricInterpretation: file.string(DICOMTag.photometricInterpretation) ?? "MONOCHROME2",
            rescaleSlope: slope ?? 1,
            rescaleIntercept: intercept ?? 0,
            rescaleType: file.string(DICOMTag.rescaleType),
            pixelPaddingValue: paddingValue(file.int(DICOMTag.pixelPaddingValue), pixelRepresentation),
            pixelPaddingRangeLimit: paddingValue(file.int(DICOMTag.pixelPaddingRangeLimit), pixelRepresentation))
        let template = PlaneHeader(
            path: file.path, frame: 0, sopClassUID: sopClass, sopInstanceUID: sopInstanceUID,
            modality: file.string(DICOMTag.modality), imageType: file.strings(DICOMTag.imageType),
            patientID: file.string(DICOMTag.patientID), patientName: file.string(DICOMTag.patientName),
            studyInstanceUID: file.string(DICOMTag.studyInstanceUID), studyDate: file.string(DICOMTag.studyDate),
            studyTime: file.string(DICOMTag.studyTime),
            seriesDate: file.string(DICOMTag.seriesDate), seriesTime: file.string(DICOMTag.seriesTime),
            acquisitionDate: file.string(DICOMTag.acquisitionDate), acquisitionTime: file.string(DICOMTag.acquisitionTime),
            contentDate: file.string(DICOMTag.contentDate), contentTime: file.string(DICOMTag.contentTime),
            studyDescription: file.string(DICOMTag.studyDescription),
            seriesInstanceUID: file.string(DICOMTag.seriesInstanceUID), seriesNumber: file.int(DICOMTag.seriesNumber),
            seriesDescription: file.string(DICOMTag.seriesDescription),
            frameOfReferenceUID: file.string(DICOMTag.frameOfReferenceUID),
            instanceNumber: file.int(DICOMTag.instanceNumber), acquisitionNumber: file.int(DICOMTag.acquisitionNumber),
            imagePositionPatient: point(try V.numbers(file, DICOMTag.imagePositionPatient, "ImagePositionPatient", count: 3)),
            imageOrientationPatient: try V.numbers(file, DICOMTag.imageOrientationPatient, "ImageOrientationPatient", count: 6),
            pixelSpacing: try V.numbers(file, DICOMTag.pixelSpacing, "PixelSpacing", count: 2),
            rows: rows, columns: columns, encoding: base,
            scanProtocol: ScanProtocol(
                kvp: file.string(DICOMTag.kvp), convolutionKernel: file.string(DICOMTag.convolutionKernel),
                sliceThicknessMM: V.positiveLength(file.double(DICOMTag.sliceThickness)),
                contrastBolusAgent: file.string(DICOMTag.contrastBolusAgent),
                manufacturer: file.string(DICOMTag.manufacturer), model: file.string(DICOMTag.manufacturerModelName)),
            spacingBetweenSlices: V.positiveLength(file.double(DICOMTag.spacingBetweenSlices)),
            gantryDetectorTilt: file.double(DICOMTag.gantryDetectorTilt).flatMap { $0.isFinite && abs($0) <= 90 ? $0 : nil },
            transferSyntaxUID: transferSyntax, pixelDataLocation: file.pixelDataLocation)
        try V.checkPixelModule(base, path: file.path)
        let frames = legacy ? 1 : try V.integer(file, DICOMTag.numberOfFrames, "NumberOfFrames", in: 1...HeaderLimits.maxFrames) ?? 1
        // Sizes against the limits and the data's length before any frame is listed or decoded.
        try V.checkSize(rows: rows, columns: columns, frames: frames, bitsAllocated: bitsAllocated, file: file,
                        transferSyntax: transferSyntax)
        let planes = legacy ? [template] : (0..<frames).map { frame in enhancedPlane(template, file: file, frame: frame) }
        for plane in planes { try V.checkPlane(plane) }
        return planes
    }

    /// A frame of an Enhanced CT image with its functional-group attributes (per-frame first, then shared).
    private static func enhancedPlane(_ template: PlaneHeader, file: DICOMFile, frame: Int) -> PlaneHeader {
        let groups = FunctionalGroups(file: file)
        func group(_ macro: String, _ keyword: String) -> [Double]? { groups.doubles(frame: frame, macro, keyword) }
        func groupString(_ macro: String, _ keyword: String) -> String? { groups.string(frame: frame, macro, keyword) }
        var plane = template
        plane.frame = frame
        plane.imagePositionPatient = point(group("PlanePositionSequence", "ImagePositionPatient")) ?? template.imagePositionPatient
        plane.imageOrientationPatient = group("PlaneOrientationSequence", "ImageOrientationPatient")
            .flatMap { $0.count == 6 ? $0 : nil } ?? template.imageOrientationPatient
        plane.pixelSpacing = group("PixelMeasuresSequence", "PixelSpacing").flatMap { $0.count == 2 ? $0 : nil }
            ?? template.pixelSpacing
        plane.scanProtocol.sliceThicknessMM = group("PixelMeasuresSequence", "SliceThickness")?.first
            ?? template.scanProtocol.sliceThicknessMM
        plane.encoding.rescaleSlope = group("PixelValueTransformationSequence", "RescaleSlope")?.first
            ?? template.encoding.rescaleSlope
        plane.encoding.rescaleIntercept = group("PixelValueTransformationSequence", "RescaleIntercept")?.first
            ?? template.encoding.rescaleIntercept
        plane.encoding.rescaleType = groupString("PixelValueTransformationSequence", "RescaleType")
            ?? template.encoding.rescaleType
        if let kvp = groupString("CTXRayDetailsSequence", "KVP") { plane.scanProtocol.kvp = kvp }
        if let kernel = groupString("CTReconstructionSequence", "ConvolutionKernel") {
            plane.scanProtocol.convolutionKernel = kernel
        }
        if let types = groupString("CTImageFrameTypeSequence", "FrameType") {
            plane.imageType = types.split(separator: "\\").map(String.init)
        }
        return plane
    }

    private static func point(_ values: [Double]?) -> PatientPoint? {
        guard let values, values.count == 3 else { return nil }
        return PatientPoint(values[0], values[1], values[2])
    }

    /// A padding value read as text from a US or SS element (implicit VR files may present a
    /// negative SS value as its unsigned 16-bit pattern): reinterpret per PixelRepresentation.
    private static func paddingValue(_ value: Int?, _ pixelRepresentation: Int) -> Int? {
        guard let value else { return nil }
        if pixelRepresentation == 1, value > 32767, value <= 65535 { return value - 65536 }
        return value
    }
}
