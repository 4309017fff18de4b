import DICOMImport
import SyntheticDICOM
import Foundation
import VolumeModel

/// A DICOM SEG written through DCMTK for tests (PS3.3 A.51): frames in the order given, each with
/// optional ReferencedSOPInstanceUID and PlanePositionSequence, BINARY frames bit-packed across
/// frame boundaries (PS3.5 §8.1.1). Layouts: SegmentIdentificationSequence per frame (default) or
/// in the shared functional groups (`sharedSegmentIdentification`, as highdicom writes a
/// one-segment SEG); or a Label Map SEG (`labelMapBitsAllocated` 8 or 16: one frame per plane whose
/// values are segment numbers, the frames' `segment` unused).
public struct SyntheticSEG {
    public struct Frame {
        public var segment: Int
        public var referencedSOPInstanceUID: String?
        public var position: PatientPoint?
        /// rows × columns values (0/1 for BINARY, 0…maximum for FRACTIONAL, segment numbers for a label map).
        public var values: [UInt8]
        /// A 16-bit label map's values, when they exceed 255 (else `values` widened).
        public var values16: [UInt16]?
        public init(segment: Int, referencedSOPInstanceUID: String?, position: PatientPoint?, values: [UInt8]) {
            self.segment = segment
            self.referencedSOPInstanceUID = referencedSOPInstanceUID
            self.position = position
            self.values = values
        }
    }

    public var rows: Int
    public var columns: Int
    public var pixelSpacing = (1.0, 1.0)
    public var orientation: [Double] = [1, 0, 0, 0, 1, 0]
    public var sliceThickness = 2.0
    /// nil: BINARY; else FRACTIONAL with this MaximumFractionalValue.
    public var fractionalMaximum: Int?
    /// Put the (one) segment's SegmentIdentificationSequence in SharedFunctionalGroupsSequence.
    public var sharedSegmentIdentification = false
    /// Write a Label Map SEG (SOP class …66.7) with this BitsAllocated (8 or 16).
    public var labelMapBitsAllocated: Int?
    public var segments: [(number: Int, label: String)] = []
    public var frames: [Frame] = []
    public var frameOfReferenceUID: String
    public var referencedSeriesUID: String
    /// The Patient and General Study attributes: those of the CT it outlines (`seg.study = ct.study`).
    public var study = SyntheticStudy()
    /// The object's identity; SOPInstanceUID nil: derived from the file path (not stable across runs).
    public var seriesInstanceUID = "2.25.7700.2"
    public var sopInstanceUID: String?
    /// Leave these out to make a malformed SEG.
    public var omitSegmentSequence = false
    public var numberOfFramesOverride: Int?
    public var truncatePixelDataTo: Int?

    public init(rows: Int, columns: Int, frameOfReferenceUID: String, referencedSeriesUID: String) {
        self.rows = rows
        self.columns = columns
        self.frameOfReferenceUID = frameOfReferenceUID
        self.referencedSeriesUID = referencedSeriesUID
    }

    public func write(to path: String) throws {
        let w = try DICOMWriter()
        let binary = fractionalMaximum == nil && labelMapBitsAllocated == nil
        let bits = labelMapBitsAllocated ?? (binary ? 1 : 8)
        let type = labelMapBitsAllocated != nil ? "LABELMAP" : binary ? "BINARY" : "FRACTIONAL"
        let fields: [(String, String)] = [
            ("0008,0016", labelMapBitsAllocated == nil ? SOPClass.segmentation : SOPClass.labelMapSegmentation), ("0008,0018", sopInstanceUID ?? "2.25.7700.\(abs(path.hashValue) % 100000)"),
            ("0008,0060", "SEG"), ("0020,000E", seriesInstanceUID),
            ("0020,0052", frameOfReferenceUID), ("0028,0002", "1"), ("0028,0004", "MONOCHROME2"),
            ("0028,0008", String(numberOfFramesOverride ?? frames.count)), ("0028,0010", String(rows)),
            ("0028,0011", String(columns)), ("0028,0100", String(bits)), ("0028,0101", String(bits)),
            ("0028,0102", String(bits - 1)), ("0028,0103", "0"), ("0062,0001", type),
            ("ReferencedSeriesSequence[0].SeriesInstanceUID", referencedSeriesUID),
            ("SharedFunctionalGroupsSequence[0].PlaneOrientationSequence[0].ImageOrientationPatient", orientation.map { "\($0)" }.joined(separator: "\\")),
            ("SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing", "\(pixelSpacing.0)\\\(pixelSpacing.1)"),
            ("SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].SliceThickness", "\(sliceThickness)"),
        ]
        try study.write(to: w)
        for (tag, value) in fields { try w.set(tag, value) }
        if let maximum = fractionalMaximum {
            try w.set("0062,000E", String(maximum))
            try w.set("0062,0010", "PROBABILITY")
        }
        if !omitSegmentSequence {
            for (i, s) in segments.enumerated() {
                try w.set("SegmentSequence[\(i)].SegmentNumber", String(s.number))
                try w.set("SegmentSequence[\(i)].SegmentLabel", s.label)
                try w.set("SegmentSequence[\(i)].SegmentAlgorithmType", "MANUAL")
            }
        }
        for (f, frame) in frames.enumerated() {
            let item = "PerFrameFunctionalGroupsSequence[\(f)]"
            if labelMapBitsAllocated == nil {
                let group = sharedSegmentIdentification ? "SharedFunctionalGroupsSequence[0]" : item
                try w.set("\(group).SegmentIdentificationSequence[0].ReferencedSegmentNumber", String(frame.segment))
            }
            if let uid = frame.referencedSOPInstanceUID {
                try w.set("\(item).DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID", uid)
                try w.set("\(item).DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPClassUID", SOPClass.ctImage)
            }
            if let p = frame.position {
                try w.set("\(item).PlanePositionSequence[0].ImagePositionPatient", "\(p.x)\\\(p.y)\\\(p.z)")
            }
        }
        if labelMapBitsAllocated == 16 {
            try w.setPixelWords(frames.flatMap { $0.values16 ?? $0.values.map(UInt16.init) })
            try w.save(to: path)
            return
        }
        var bytes = binary ? packBits(frames.flatMap(\.values)) : frames.flatMap(\.values)
        if bytes.count % 2 == 1 { bytes.append(0) }
        if let n = truncatePixelDataTo { bytes = Array(bytes.prefix(n)) }
        try w.setPixelBytes(bytes)
        try w.save(to: path)
    }

    /// PS3.5 §8.1.1: pixel i is bit (i mod 8) of byte i / 8, continuously across frames.
    func packBits(_ values: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (values.count + 7) / 8)
        for (i, v) in values.enumerated() where v != 0 { bytes[i / 8] |= 1 << UInt8(i % 8) }
        return bytes
    }
}

/// An RT Structure Set written through DCMTK for tests (PS3.3 A.19, C.8.8.5–6).
public struct SyntheticRTSTRUCT {
    public struct Contour {
        public var type: String
        /// Flat x, y, z values (LPS, mm); a count that is not a multiple of 3 makes a malformed file.
        public var data: [Double]
        public init(type: String = "CLOSED_PLANAR", data: [Double]) {
            self.type = type
            self.data = data
        }
        /// A square contour in the plane z from (x0, y0) to (x1, y1), counter-clockwise or clockwise.
        public static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, z: Double, clockwise: Bool = false) -> Contour {
            let corners = clockwise ? [(x0, y0), (x0, y1), (x1, y1), (x1, y0)] : [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            return Contour(data: corners.flatMap { [$0.0, $0.1, z] })
        }
    }

    public struct ROI {
        public var number: Int
        public var name: String
        public var frameOfReferenceUID: String?
        public var contours: [Contour]
        public init(number: Int, name: String, frameOfReferenceUID: String? = nil, contours: [Contour]) {
            self.number = number
            self.name = name
            self.frameOfReferenceUID = frameOfReferenceUID
            self.contours = contours
        }
    }

    public var frameOfReferenceUID: String
    public var referencedSeriesUID: String
    public var rois: [ROI] = []
    /// The Patient and General Study attributes: those of the CT it outlines (`rt.study = ct.study`).
    public var study = SyntheticStudy()
    /// The object's identity; SOPInstanceUID nil: derived from the file path (not stable across runs).
    public var seriesInstanceUID = "2.25.7701.2"
    public var sopInstanceUID: String?
    /// Implicit VR Little Endian (no 64 KiB limit on a DS value: contours of more than ~3 600 points).
    public var implicitVR = false

    public init(frameOfReferenceUID: String, referencedSeriesUID: String) {
        self.frameOfReferenceUID = frameOfReferenceUID
        self.referencedSeriesUID = referencedSeriesUID
    }

    public func write(to path: String) throws {
        let w = try DICOMWriter()
        let refSeries = "ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0].RTReferencedSeriesSequence[0].SeriesInstanceUID"
        let fields: [(String, String)] = [
            ("0008,0016", SOPClass.rtStructureSet), ("0008,0018", sopInstanceUID ?? "2.25.7701.\(abs(path.hashValue) % 100000)"),
            ("0008,0060", "RTSTRUCT"), ("0020,000E", seriesInstanceUID),
            ("3006,0002", "SYNTHETIC"), ("ReferencedFrameOfReferenceSequence[0].FrameOfReferenceUID", frameOfReferenceUID),
            ("ReferencedFrameOfReferenceSequence[0].RTReferencedStudySequence[0].ReferencedSOPInstanceUID", study.studyInstanceUID),
            (refSeries, referencedSeriesUID),
        ]
        try study.write(to: w)
        for (tag, value) in fields { try w.set(tag, value) }
        for (i, roi) in rois.enumerated() {
            try w.set("StructureSetROISequence[\(i)].ROINumber", String(roi.number))
            try w.set("StructureSetROISequence[\(i)].ROIName", roi.name)
            try w.set("StructureSetROISequence[\(i)].ReferencedFrameOfReferenceUID", roi.frameOfReferenceUID ?? frameOfReferenceUID)
            try w.set("ROIContourSequence[\(i)].ReferencedROINumber", String(roi.number))
            for (j, c) in roi.contours.enumerated() {
                let item = "ROIContourSequence[\(i)].ContourSequence[\(j)]"
                try w.set("\(item).ContourGeometricType", c.type)
                try w.set("\(item).NumberOfContourPoints", String(c.data.count / 3))
                try w.set("\(item).ContourData", c.data.map { "\($0)" }.joined(separator: "\\"))
            }
        }
        try w.save(to: path, transferSyntax: implicitVR ? TransferSyntax.implicitVRLittleEndian : TransferSyntax.explicitVRLittleEndian)
    }
}
