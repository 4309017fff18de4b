import Foundation
import SyntheticPhantoms
import VolumeModel

/// Patient D of the bundled example (Fixtures/example): a course of three CT scans of the synthetic
/// trunk (``TrunkPhantom``), each with its own FrameOfReferenceUID and a known rigid motion of the
/// patient, the lesions outlined in a DICOM SEG at the first scan only (every later scan needs its ROIs
/// carried by a computed registration).
///
/// Design (HU of the lesion plateaus at the three scans; Δ against the first):
/// - `L1 lytic`, r 9 mm (outlined at r 7 mm) in the second lumbar-like vertebra: 60 → 120 → 175 HU (+60, +115): a healing
///   lytic lesion, `remineralizing` at both follow-ups (threshold max(30, 15 % × 60) = 30 HU).
/// - `L2 sclerotic`, r 9 mm (outlined at r 7 mm) in the third: 720 → 650 → 560 HU (−70, −160): threshold max(30, 15 % × 720)
///   = 108 HU, so `stable` at the second scan and `demineralizing` at the third.
/// Motions (patientFromAnatomy, about (0, 40, −20) mm): scan 2 rotated 2.5° and moved (6, −8, 9) mm,
/// scan 3 rotated 3.5° and moved (−9, 5, −7) mm. Grids: 1.0 mm pixels at every scan (96 × 96, covering
/// the spine and the ribs' roots), planes 2.0 / 2.5 / 1.5 mm apart over the two vertebrae.
///
/// Layout: `PAT-D/<date>/SE2/IM…` CT at each date, `PAT-D/20240110/SE300/IM0001` the SEG.
public enum ExamplePatientD {
    public static let patientID = "PAT-D"
    public static let dates = ["20240110", "20240412", "20240815"]

    /// The phantom of patient D.
    public static var phantom: TrunkPhantom {
        let standard = TrunkPhantom.standard
        let lesions = Array(standard.lesions.prefix(2))
        let zLow = standard.anatomy.vertebrae[1].zLow - 14, zHigh = standard.anatomy.vertebrae[2].zHigh + 14
        let spacings = [2.0, 2.5, 1.5]
        let times = standard.timePoints.enumerated().map { t, tp in
            TrunkPhantom.TimePoint(date: dates[t], patientFromAnatomy: tp.patientFromAnatomy, rows: 96, columns: 96,
                                   planes: Int(((zHigh - zLow) / spacings[t]).rounded(.up)) + 1,
                                   pixelSpacing: (1, 1), planeSpacing: spacings[t], origin: PatientPoint(-48, 2, zLow))
        }
        return TrunkPhantom(lesions: lesions, timePoints: times)
    }

    /// The CT folder of scan `t`, relative to the example root.
    public static func ctFolder(_ t: Int) -> String { "\(patientID)/\(dates[t])/SE2" }
    public static let segFile = "PAT-D/20240110/SE300/IM0001"

    /// Writes the three CT series and the baseline SEG under `root`.
    public static func write(to root: String) throws {
        let phantom = phantom
        var cts: [SyntheticCT] = []
        for t in phantom.timePoints.indices {
            var ct = phantom.series(timePoint: t, patientID: patientID, uidRoot: "2.25.7041.4")
            ct.study = ExampleExport.Visit(patient: 4, number: t + 1, date: dates[t], studyDescription: ct.studyDescription).study
            // One reconstruction protocol (SliceThickness 2 mm) at every scan; only the plane spacing differs.
            ct.sliceThickness = 2
            try ct.write(to: (root as NSString).appendingPathComponent(ctFolder(t)))
            cts.append(ct)
        }
        try writeSEG(phantom, timePoint: 0, ct: cts[0], seriesUID: "2.25.7041.4.1.300",
                     to: (root as NSString).appendingPathComponent(segFile))
    }

    /// How far inside the lesion's edge its outline is drawn (mm): a carried mask is resampled by
    /// nearest voxel (up to ≈ 1.2 mm from a 1 × 1 × 2 mm grid's voxel centre), and the plateau's soft
    /// edge starts 0.5 mm inside the radius, so an outline 2 mm inside keeps every carried voxel on the
    /// plateau: each mean is the design's HU.
    public static let outlineInsetMM = 2.0

    /// A binary SEG of scan `t` of `phantom` (written as `ct`): one segment per lesion, its voxels those
    /// whose centres lie within the lesion's radius − ``outlineInsetMM`` of its centre moved to scan `t`.
    public static func writeSEG(_ phantom: TrunkPhantom, timePoint t: Int, ct: SyntheticCT, seriesUID: String, to path: String) throws {
        let g = phantom.timePoints[t].geometry
        let anatomyFromPatient = phantom.timePoints[t].patientFromAnatomy.inverse
        var seg = SyntheticSEG(rows: ct.rows, columns: ct.columns, frameOfReferenceUID: ct.frameOfReferenceUID,
                               referencedSeriesUID: ct.seriesInstanceUID)
        seg.sliceThickness = ct.planeSpacing
        seg.study = ct.study
        seg.seriesInstanceUID = seriesUID
        seg.sopInstanceUID = "\(seriesUID).1"
        seg.segments = phantom.lesions.enumerated().map { (number: $0.offset + 1, label: $0.element.id) }
        for (i, lesion) in phantom.lesions.enumerated() {
            for k in 0..<g.planeCount {
                let values = (0..<(g.rows * g.columns)).map { n -> UInt8 in
                    let p = anatomyFromPatient.apply(g.voxelCentre(plane: k, row: n / g.columns, column: n % g.columns))
                    return (p - lesion.centre).length <= lesion.radiusMM - outlineInsetMM ? 1 : 0
                }
                guard values.contains(1) else { continue }
                seg.frames.append(.init(segment: i + 1, referencedSOPInstanceUID: "\(ct.seriesInstanceUID).\(k + 1)",
                                        position: g.planePositions[k], values: values))
            }
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try seg.write(to: path)
    }
}
