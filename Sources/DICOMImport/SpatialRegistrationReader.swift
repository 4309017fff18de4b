/// A DICOM Spatial Registration object (REG, PS3.3 A.39 / C.20.2): which frames of reference it links
/// and, for each, the matrix that maps that frame's patient coordinates into the REG's own frame.
public struct SpatialRegistration: Sendable {
    /// One item of RegistrationSequence (0070,0308).
    public struct Item: Sendable {
        /// FrameOfReferenceUID (0020,0052) of the item: the frame its matrix maps from.
        public var frameOfReferenceUID: String
        /// FrameOfReferenceTransformationMatrix (3006,00C6): 16 values, row-major 4 × 4, mapping this
        /// item's frame into the REG's frame (PS3.3 C.20.2.1.1); nil when absent or not 16 numbers.
        public var matrix: [Double]?
        /// FrameOfReferenceTransformationMatrixType (0070,030C): RIGID, RIGID_SCALE or AFFINE.
        public var matrixType: String?
    }

    public var path: String
    public var sopInstanceUID: String
    public var patientID: String?
    /// The REG's own FrameOfReferenceUID (the frame every item maps into).
    public var frameOfReferenceUID: String?
    /// Manufacturer (0008,0070): `LesionDensity` for the objects this product writes.
    public var manufacturer: String?
    public var items: [Item]
}

/// Reads Spatial Registration objects through DCMTK (headers only; a REG holds no Pixel Data).
public enum SpatialRegistrationReader {
    /// Reads the REG at `path`: the first MatrixRegistrationSequence item of every RegistrationSequence item.
    /// - Throws: ``DICOMError`` naming the file: `.notDICOM`/`.unreadable`, or `.missingAttribute` when
    ///   the file is not a Spatial Registration or has no RegistrationSequence; `.invalidValue` when a
    ///   matrix holds a value that is not finite or beyond ±``HeaderLimits/maxCoordinateMM``.
    public static func read(path: String) throws -> SpatialRegistration {
        let file = try DICOMFile(path: path, headersOnly: true)
        let sopClass = file.string(DICOMTag.sopClassUID) ?? file.string(DICOMTag.mediaStorageSOPClassUID) ?? ""
        guard sopClass == SOPClass.spatialRegistration else {
            throw DICOMError(.missingAttribute, path: path, "not a Spatial Registration object (SOP Class \(sopClass))")
        }
        let count = file.itemCount("RegistrationSequence")
        guard count > 0 else { throw DICOMError(.missingAttribute, path: path, "Spatial Registration without RegistrationSequence") }
        var items: [SpatialRegistration.Item] = []
        for i in 0..<count {
            let item = "RegistrationSequence[\(i)]"
            guard let frame = file.string("\(item).FrameOfReferenceUID") else { continue }
            let matrixItem = "\(item).MatrixRegistrationSequence[0].MatrixSequence[0]"
            let matrix = file.doubles("\(matrixItem).FrameOfReferenceTransformationMatrix").flatMap { $0.count == 16 ? $0 : nil }
            if let matrix {
                try HeaderValidation.checkCoordinates(matrix, path: path,
                                                      what: "RegistrationSequence item \(i + 1) FrameOfReferenceTransformationMatrix")
            }
            items.append(.init(frameOfReferenceUID: frame, matrix: matrix,
                               matrixType: file.string("\(matrixItem).FrameOfReferenceTransformationMatrixType")))
        }
        return SpatialRegistration(path: path, sopInstanceUID: file.string(DICOMTag.sopInstanceUID) ?? "",
                                   patientID: file.string(DICOMTag.patientID),
                                   frameOfReferenceUID: file.string(DICOMTag.frameOfReferenceUID),
                                   manufacturer: file.string(DICOMTag.manufacturer), items: items)
    }
}
