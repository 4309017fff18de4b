import DICOMExport
import Foundation
import VolumeModel
import _TestSupport

/// A synthetic CT (16 × 16 × 8, 1 mm pixels, 2 mm planes) written to a temporary folder, with the
/// references our writers need built from its design (not read back).
struct ExportFixture {
    let folder: String
    let ct: SyntheticCT
    let paths: [String]

    init(name: String, studyUID: String, seriesUID: String, frameUID: String, studyDate: String,
         origin: PatientPoint = PatientPoint(-8, -8, 0)) throws {
        folder = NSTemporaryDirectory() + "dicomexport-\(name)-\(UUID().uuidString)"
        var ct = SyntheticCT()
        ct.studyInstanceUID = studyUID
        ct.seriesInstanceUID = seriesUID
        ct.frameOfReferenceUID = frameUID
        ct.studyDate = studyDate
        ct.patientID = "PAT-X"
        ct.patientName = "DOE^JANE"
        ct.extra = ["0010,0030": "19500101", "0010,0040": "F", "0008,0050": "ACC1", "0020,0010": "S1",
                    "0008,0090": "REF^DOC"]
        ct.origin = origin
        self.ct = ct
        paths = try ct.write(to: folder + "/ct")
    }

    var reference: CTSeriesReference {
        let positions = (0..<ct.planes).map { ct.position($0) }
        let geometry = StackGeometry(rows: ct.rows, columns: ct.columns, imageOrientationPatient: ct.orientation,
                                     pixelSpacing: ct.pixelSpacing, planePositions: positions)
        return CTSeriesReference(
            studyInstanceUID: ct.studyInstanceUID, seriesInstanceUID: ct.seriesInstanceUID,
            frameOfReferenceUID: ct.frameOfReferenceUID, sopClassUID: "1.2.840.10008.5.1.4.1.1.2",
            sourceFile: paths[0], planes: (0..<ct.planes).map { ("\(ct.seriesInstanceUID).\($0 + 1)", 0) },
            geometry: geometry, sliceThicknessMM: ct.sliceThickness)
    }

    /// A box mask: planes 2..<5, rows 4..<8, columns 5..<9, with the voxel (3, 5, 6) left out.
    static func boxMask(label: String) -> LesionMask {
        let box = VoxelBox(planes: 2..<5, rows: 4..<8, columns: 5..<9)
        var inside = [UInt8](repeating: 1, count: box.voxelCount)
        inside[(1 * 4 + 1) * 4 + 1] = 0
        return LesionMask(label: label, source: ROISource(kind: .box, file: "rois.json"), box: box, inside: inside)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
