/// A DICOM Segmentation (PS3.3 A.51, C.8.20) as plain values, read by DICOMImport and put on a CT
/// grid by LesionROI. Frames are unpacked: one value per pixel.
public struct SegmentationObject: Sendable {
    /// How the pixel values of the frames are to be read (SegmentationType, PS3.3 C.8.20.2).
    public enum ValueType: Sendable, Equatable {
        /// BINARY: 1 bit per pixel, bit-packed across frames (PS3.5 §8.1.1); values 0 or 1.
        case binary
        /// FRACTIONAL: 8 bits per pixel; `maximum` is MaximumFractionalValue (0062,000E).
        case fractional(maximum: Int)
    }

    /// One item of SegmentSequence (0062,0002).
    public struct Segment: Sendable, Equatable {
        /// SegmentNumber (0062,0004).
        public let number: Int
        /// SegmentLabel (0062,0005), trimmed.
        public let label: String

        public init(number: Int, label: String) {
            self.number = number
            self.label = label
        }
    }

    /// One frame with its per-frame functional groups (PS3.3 C.7.6.16.2), shared groups applied.
    public struct Frame: Sendable {
        /// ReferencedSegmentNumber of SegmentIdentificationSequence (C.8.20.3.1).
        public let segmentNumber: Int
        /// ReferencedSOPInstanceUID of DerivationImageSequence › SourceImageSequence, if any.
        public let referencedSOPInstanceUID: String?
        /// ImagePositionPatient of PlanePositionSequence (LPS, mm), if any.
        public let imagePositionPatient: PatientPoint?
        /// ImageOrientationPatient of PlaneOrientationSequence: six direction cosines, if any.
        public let imageOrientationPatient: [Double]?
        /// PixelSpacing of PixelMeasuresSequence as (row spacing, column spacing) in mm, if any.
        public let pixelSpacing: SIMD2<Double>?
        /// Rows × Columns values in row-major order (0/1 for BINARY, 0…maximum for FRACTIONAL).
        public let values: [UInt8]

        public init(
            segmentNumber: Int, referencedSOPInstanceUID: String?, imagePositionPatient: PatientPoint?,
            imageOrientationPatient: [Double]?, pixelSpacing: SIMD2<Double>?, values: [UInt8]
        ) {
            self.segmentNumber = segmentNumber
            self.referencedSOPInstanceUID = referencedSOPInstanceUID
            self.imagePositionPatient = imagePositionPatient
            self.imageOrientationPatient = imageOrientationPatient
            self.pixelSpacing = pixelSpacing
            self.values = values
        }
    }

    /// The SEG file, as the user gave it.
    public let file: String
    /// FrameOfReferenceUID (0020,0052).
    public let frameOfReferenceUID: String?
    /// SeriesInstanceUIDs of ReferencedSeriesSequence (0008,1115).
    public let referencedSeriesUIDs: [String]
    public let rows: Int
    public let columns: Int
    public let valueType: ValueType
    /// SliceThickness or SpacingBetweenSlices of the shared PixelMeasuresSequence (mm), if any:
    /// the extent of a frame along its normal when the frames alone do not tell it.
    public let sliceSpacing: Double?
    public let segments: [Segment]
    public let frames: [Frame]

    public init(
        file: String, frameOfReferenceUID: String?, referencedSeriesUIDs: [String], rows: Int, columns: Int,
        valueType: ValueType, sliceSpacing: Double?, segments: [Segment], frames: [Frame]
    ) {
        self.file = file
        self.frameOfReferenceUID = frameOfReferenceUID
        self.referencedSeriesUIDs = referencedSeriesUIDs
        self.rows = rows
        self.columns = columns
        self.valueType = valueType
        self.sliceSpacing = sliceSpacing
        self.segments = segments
        self.frames = frames
    }
}
