import DICOMImport
import Foundation
import VolumeModel

/// The small synthetic "vertebra" series bundled in Fixtures/example-measure for the README's
/// first command: soft tissue 40 HU, a vertebral body (cylinder r = 16 mm, 250 HU), a lytic lesion
/// (sphere r = 7 mm, 60 HU) and a sclerotic lesion (sphere r = 6 mm, 700 HU), each with a ±10 HU
/// checkerboard texture. 64 × 64 pixels of 0.75 mm, 20 planes 2 mm apart, origin (−24, −24, 0) LPS mm.
public enum ExamplePhantom {
    public static let lyticCentre = PatientPoint(-6, -2, 19)
    public static let scleroticCentre = PatientPoint(7, 4, 19)

    /// The series' design.
    public static var series: SyntheticCT {
        var ct = SyntheticCT()
        ct.rows = 64
        ct.columns = 64
        ct.planes = 20
        ct.pixelSpacing = (0.75, 0.75)
        ct.origin = PatientPoint(-24, -24, 0)
        ct.planeSpacing = 2
        ct.patientID = "EXAMPLE01"
        ct.patientName = "EXAMPLE^VERTEBRA"
        ct.seriesDescription = "SYNTHETIC VERTEBRA 2MM"
        ct.hu = { k, r, c in
            let p = PatientPoint(-24 + Double(c) * 0.75, -24 + Double(r) * 0.75, Double(k) * 2)
            let texture = ((r + c + k) % 2) * 20 - 10
            func inside(_ centre: PatientPoint, _ radius: Double) -> Bool { (p - centre).length <= radius }
            if inside(lyticCentre, 7) { return 60 + texture }
            if inside(scleroticCentre, 6) { return 700 + texture }
            if (p.x * p.x + p.y * p.y).squareRoot() <= 16 { return 250 + texture }
            return 40 + texture
        }
        return ct
    }

    /// The sphere ROI file: the two lesions and a normal-bone reference.
    public static let roisJSON = """
        {"lesions": [
          {"id": "L1 lytic", "center_mm": [-6, -2, 19], "radius_mm": 6},
          {"id": "L2 sclerotic", "center_mm": [7, 4, 19], "radius_mm": 5},
          {"id": "REF", "center_mm": [0, -10, 8], "radius_mm": 4, "reference": true}
        ]}

        """

    /// Writes the series to `folder/ct` and the ROI file to `folder/rois.json`.
    public static func write(to folder: String) throws {
        try series.write(to: (folder as NSString).appendingPathComponent("ct"))
        try roisJSON.write(toFile: (folder as NSString).appendingPathComponent("rois.json"), atomically: true, encoding: .utf8)
    }
}
