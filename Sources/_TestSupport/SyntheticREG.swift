import DICOMImport
import SyntheticDICOM
import Foundation

/// A DICOM Spatial Registration object (REG, PS3.3 A.39 / C.20.2) with rigid matrices, written
/// through DCMTK: each item names a frame of reference and the 4 × 4 matrix (row-major) that maps
/// that frame's patient coordinates into the REG's own frame (PS3.3 C.20.2.1.1).
public struct SyntheticREG {
    /// The Patient and General Study attributes: those of the study it is stored in (`reg.study = ct.study`).
    public var study = SyntheticStudy()
    public var seriesInstanceUID = "2.25.7800.1"
    public var sopInstanceUID = "2.25.7800.1.1"
    /// The REG's own FrameOfReferenceUID.
    public var frameOfReferenceUID: String
    /// (FrameOfReferenceUID, 16 matrix values, FrameOfReferenceTransformationMatrixType) per item.
    public var items: [(frame: String, matrix: [Double], type: String)]
    public var manufacturer = "SyntheticREG"

    public init(frameOfReferenceUID: String, items: [(frame: String, matrix: [Double], type: String)]) {
        self.frameOfReferenceUID = frameOfReferenceUID
        self.items = items
    }

    /// A rigid translation by `t` (mm) as 16 row-major values.
    public static func translation(_ t: (Double, Double, Double)) -> [Double] {
        [1, 0, 0, t.0, 0, 1, 0, t.1, 0, 0, 1, t.2, 0, 0, 0, 1]
    }

    public func write(to path: String) throws {
        let w = try DICOMWriter()
        let fields: [(String, String)] = [
            ("0008,0016", SOPClass.spatialRegistration), ("0008,0018", sopInstanceUID), ("0008,0060", "REG"),
            ("0008,0070", manufacturer), ("0020,000E", seriesInstanceUID), ("0020,0052", frameOfReferenceUID),
        ]
        try study.write(to: w)
        for (tag, value) in fields { try w.set(tag, value) }
        for (i, item) in items.enumerated() {
            let base = "RegistrationSequence[\(i)]"
            try w.set("\(base).FrameOfReferenceUID", item.frame)
            let matrix = "\(base).MatrixRegistrationSequence[0].MatrixSequence[0]"
            try w.set("\(matrix).FrameOfReferenceTransformationMatrix", item.matrix.map { String($0) }.joined(separator: "\\"))
            try w.set("\(matrix).FrameOfReferenceTransformationMatrixType", item.type)
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try w.save(to: path)
    }
}
