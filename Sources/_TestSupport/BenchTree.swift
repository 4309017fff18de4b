import Foundation
import VolumeModel

/// A synthetic export tree for timing `batch` against a pydicom + numpy script: `pairs` patients,
/// each with a baseline and a follow-up CT of `planes` planes of 512 × 512 (0.7 mm pixels, 1.5 mm
/// apart; soft tissue 40 HU, a 12 mm sphere of 300 HU at baseline and 350 HU at follow-up) and a
/// `rois.json` (the lesion sphere, r = 10 mm) beside the baseline series. Patients are numbered
/// from `firstPatient` (BENCH000…), so that trees of several series lengths can share one root.
public enum BenchTree {
    public static func write(to root: String, pairs: Int, planes: Int, firstPatient: Int = 0) throws {
        for p in firstPatient..<(firstPatient + pairs) {
            for (study, date, hu) in [(1, "20240110", 300), (2, "20240410", 350)] {
                var ct = SyntheticCT()
                ct.rows = 512
                ct.columns = 512
                ct.planes = planes
                ct.pixelSpacing = (0.7, 0.7)
                ct.planeSpacing = 1.5
                ct.origin = PatientPoint(-179.2, -179.2, 0)
                ct.patientID = String(format: "BENCH%03d", p)
                ct.studyInstanceUID = "2.25.4242.\(p).\(study)"
                ct.seriesInstanceUID = "2.25.4242.\(p).\(study).1"
                ct.frameOfReferenceUID = "2.25.4242.\(p).9"
                ct.studyDate = date
                let centre = PatientPoint(20, 10, Double(planes) * 0.75)
                ct.hu = { k, r, c in
                    let point = PatientPoint(-179.2 + Double(c) * 0.7, -179.2 + Double(r) * 0.7, Double(k) * 1.5)
                    return (point - centre).length <= 12 ? hu + (r + c) % 7 : 40 + (r * 3 + c) % 11
                }
                let folder = (root as NSString).appendingPathComponent(String(format: "BENCH%03d/%@", p, date))
                try ct.write(to: folder)
                if study == 1 {
                    let rois = #"{"lesions": [{"id": "L1", "center_mm": [20, 10, \#(Double(planes) * 0.75)], "radius_mm": 10}]}"#
                    try rois.write(toFile: (folder as NSString).appendingPathComponent("rois.json"), atomically: true, encoding: .utf8)
                }
            }
        }
    }
}
