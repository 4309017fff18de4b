import DICOMImport
import Foundation
import VolumeModel

/// The small synthetic "vertebra" series bundled in Fixtures/example-measure for the README's
/// first command: soft tissue 40 HU, a vertebral body (cylinder r = 12 mm, 250 HU), a lytic lesion
/// (sphere r = 4.5 mm, 60 HU) and a sclerotic lesion (sphere r = 4 mm, 700 HU), each with a ±10 HU
/// checkerboard texture. 40 × 40 pixels of 0.75 mm, 16 planes 2 mm apart, origin (−15, −15, 0) LPS mm.
public enum ExamplePhantom {
    public static let lyticCentre = PatientPoint(-4, -1, 15)
    public static let scleroticCentre = PatientPoint(5, 3, 15)

    /// The series' design.
    public static var series: SyntheticCT {
        var ct = SyntheticCT()
        ct.rows = 40
        ct.columns = 40
        ct.planes = 16
        ct.pixelSpacing = (0.75, 0.75)
        ct.origin = PatientPoint(-15, -15, 0)
        ct.planeSpacing = 2
        ct.patientID = "EXAMPLE01"
        ct.patientName = "EXAMPLE^VERTEBRA"
        ct.seriesDescription = "SYNTHETIC VERTEBRA 2MM"
        ct.hu = { k, r, c in
            let p = PatientPoint(-15 + Double(c) * 0.75, -15 + Double(r) * 0.75, Double(k) * 2)
            let texture = ((r + c + k) % 2) * 20 - 10
            func inside(_ centre: PatientPoint, _ radius: Double) -> Bool { (p - centre).length <= radius }
            if inside(lyticCentre, 4.5) { return 60 + texture }
            if inside(scleroticCentre, 4) { return 700 + texture }
            if (p.x * p.x + p.y * p.y).squareRoot() <= 12 { return 250 + texture }
            return 40 + texture
        }
        return ct
    }

    /// The sphere ROI file: the two lesions and a normal-bone reference.
    public static let roisJSON = """
        {"lesions": [
          {"id": "L1 lytic", "center_mm": [-4, -1, 15], "radius_mm": 3.5},
          {"id": "L2 sclerotic", "center_mm": [5, 3, 15], "radius_mm": 3},
          {"id": "REF", "center_mm": [0, -8, 6], "radius_mm": 2.5, "reference": true}
        ]}

        """

    /// Writes the series to `folder/ct` and the ROI file to `folder/rois.json`.
    public static func write(to folder: String) throws {
        try series.write(to: (folder as NSString).appendingPathComponent("ct"))
        try roisJSON.write(toFile: (folder as NSString).appendingPathComponent("rois.json"), atomically: true, encoding: .utf8)
    }
}
