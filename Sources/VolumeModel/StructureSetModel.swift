/// An RT Structure Set (PS3.3 A.19; C.8.8.5 Structure Set, C.8.8.6 ROI Contour) as plain values,
/// read by DICOMImport and put on a CT grid by LesionROI.
public struct StructureSetObject: Sendable {
    /// One item of ContourSequence (3006,0040).
    public struct Contour: Sendable, Equatable {
        /// ContourGeometricType (3006,0042): POINT, OPEN_PLANAR, OPEN_NONPLANAR or CLOSED_PLANAR.
        public let geometricType: String
        /// ContourData (3006,0050): the vertices in patient coordinates (LPS, mm). A CLOSED_PLANAR
        /// contour is closed implicitly from the last vertex to the first (C.8.8.6.1).
        public let points: [PatientPoint]
        /// ReferencedSOPInstanceUIDs of ContourImageSequence (3006,0016); informative only, never
        /// relied on to place the contour.
        public let referencedSOPInstanceUIDs: [String]

        public init(geometricType: String, points: [PatientPoint], referencedSOPInstanceUIDs: [String] = []) {
            self.geometricType = geometricType
            self.points = points
            self.referencedSOPInstanceUIDs = referencedSOPInstanceUIDs
        }
    }

    /// One ROI: StructureSetROISequence item joined with its ROIContourSequence item by ROINumber.
    public struct ROI: Sendable, Equatable {
        /// ROINumber (3006,0022).
        public let number: Int
        /// ROIName (3006,0026), trimmed.
        public let name: String
        /// ReferencedFrameOfReferenceUID (3006,0024) of the ROI.
        public let frameOfReferenceUID: String?
        public let contours: [Contour]

        public init(number: Int, name: String, frameOfReferenceUID: String?, contours: [Contour]) {
            self.number = number
            self.name = name
            self.frameOfReferenceUID = frameOfReferenceUID
            self.contours = contours
        }
    }

    /// The RTSTRUCT file, as the user gave it.
    public let file: String
    /// SeriesInstanceUIDs of RTReferencedSeriesSequence (3006,0014).
    public let referencedSeriesUIDs: [String]
    public let rois: [ROI]

    public init(file: String, referencedSeriesUIDs: [String], rois: [ROI]) {
        self.file = file
        self.referencedSeriesUIDs = referencedSeriesUIDs
        self.rois = rois
    }
}
