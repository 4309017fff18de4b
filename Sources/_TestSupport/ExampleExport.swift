import DICOMImport
import Foundation
import VolumeModel

/// The bundled example export tree, Fixtures/example (the README's first command): a small synthetic
/// PACS export of four patients (``ExamplePatientD``: a course of three scans carried by registration), each with CT studies and ROI objects, every
/// HU value designed so that each lesion's Δ mean and label can be checked by hand. The patients are
/// ``ExampleExport/PatientA``, ``ExampleExport/PatientB`` and ``ExampleExport/PatientC``.
///
/// The grid, shared by every series: 48 × 48 pixels of 1 mm, 16 planes 2 mm apart (SliceThickness
/// 2 mm), orientation 1\0\0\0\1\0, origin (0, 0, 0), so voxel (plane k, row r, column c) has its centre
/// at LPS (x, y, z) = (c, r, 2k) mm and a volume of 2 mm³ (0.5 mL = 250 voxels).
///
/// The scene: soft tissue 40 HU; a vertebral body, the cylinder (x − 24)² + (y − 24)² ≤ 20² mm², of
/// ``bodyHU`` HU (250 unless a patient says otherwise); the lesion plateaus of each patient. Every voxel
/// gets a checkerboard texture of ±10 HU (+10 where k + r + c is odd), so the SD inside a plateau is
/// 10 HU. Every ROI (and its core, eroded one voxel in-plane) is mirror-symmetric about a plane halfway
/// between two columns, and each plateau within it too; the mirror pairs each +10 voxel with a −10 voxel
/// of the same plateau, so the texture cancels exactly and an ROI's mean is the voxel-weighted mean of
/// its plateaus (and the median of one plateau P is P, halfway between P − 10 and P + 10). Plateaus
/// stay ≥ 20 HU away from the band edges (100, 350, 1000 HU), so the texture never moves a voxel
/// across one. Every ROI lies inside planes 4…10 and rows and columns 10…37, so none touches the
/// field-of-view edge or the first/last plane (no `incomplete`), and each lesion ROI has ≥ 400 voxels
/// (≥ 0.8 mL, no `small_roi`).
///
/// Layout (PACS-like folders, file names that say nothing):
/// ```
/// PAT-A/20240110/SE2/IM…        CT        PAT-A/20240110/SE300/IM0001  SEG
/// PAT-A/20240410/SE2/IM…        CT        PAT-A/20240410/SE300/IM0001  SEG
/// PAT-B/20240205/SE3/IM…        CT B70f   PAT-B/20240205/SE301/IM0001  RTSTRUCT
/// PAT-B/20240506/SE3/IM…        CT B30f   PAT-B/20240506/SE301/IM0001  RTSTRUCT
/// PAT-C/20240301/SE2/IM…, rois.json       (spheres in patient mm, serving both time points)
/// PAT-C/20240603/SE2/IM…, NOTES.dcm       (IM0007, plane 15, truncated; NOTES.dcm is text)
/// ```
/// UIDs are fixed (root 2.25.7041.p.v for patient p, visit v), so every run writes identical files.
public enum ExampleExport {
    /// Grid size and spacing shared by every series.
    public static let rows = 48, columns = 48, planes = 16
    public static let planeSpacingMM = 2.0
    /// Normal vertebral body HU (patient C's follow-up raises it, see ``PatientC``).
    public static let bodyHU = 250

    /// A block of voxels, index ranges inclusive: LPS x = column, y = row, z = 2 × plane (mm).
    public struct VoxelBox: Sendable {
        public let planes: ClosedRange<Int>
        public let rows: ClosedRange<Int>
        public let columns: ClosedRange<Int>

        public func contains(_ k: Int, _ r: Int, _ c: Int) -> Bool {
            planes.contains(k) && rows.contains(r) && columns.contains(c)
        }

        /// planes × rows × columns.
        public var voxelCount: Int { planes.count * rows.count * columns.count }
    }

    /// A lesion plateau: its HU at a voxel, or nil outside it.
    typealias Plateau = @Sendable (_ k: Int, _ r: Int, _ c: Int) -> Int?

    /// One study of a patient: identity, date and CT protocol.
    struct Visit {
        /// 1, 2, 3, 4 for patients A, B, C, D.
        let patient: Int
        /// 1 baseline, 2 follow-up.
        let number: Int
        /// StudyDate, YYYYMMDD (also the study folder's name).
        let date: String
        var convolutionKernel = "B70f"
        /// The baseline visit's number when the follow-up shares its FrameOfReferenceUID (registered).
        var frameOfReferenceVisit: Int?
        var seriesNumber = 2
        var roiSeriesNumber = 300
        var studyDescription = "CT SPINE"

        var letter: String { ["A", "B", "C", "D"][patient - 1] }
        var patientID: String { "PAT-\(letter)" }
        var studyFolder: String { "\(patientID)/\(date)" }
        var ctFolder: String { "\(studyFolder)/SE\(seriesNumber)" }
        var roiFile: String { "\(studyFolder)/SE\(roiSeriesNumber)/IM0001" }
        var studyUID: String { "2.25.7041.\(patient).\(number)" }
        var ctSeriesUID: String { "\(studyUID).\(seriesNumber)" }
        var roiSeriesUID: String { "\(studyUID).\(roiSeriesNumber)" }
        var frameOfReferenceUID: String { "2.25.7041.\(patient).\(frameOfReferenceVisit ?? number).9" }
        /// The Patient and General Study attributes of the CT and of every ROI object of the study.
        var study: SyntheticStudy {
            var s = SyntheticStudy()
            s.patientID = patientID
            s.patientName = "EXAMPLE^\(letter)"
            s.patientSex = "O"
            s.studyInstanceUID = studyUID
            s.studyDate = date
            s.studyID = String(number)
            s.accessionNumber = "EX7041\(patient)\(number)"
            s.studyDescription = studyDescription
            return s
        }
    }

    /// Writes the whole tree into `folder` (replaced if present).
    public static func write(to folder: String) throws {
        try? FileManager.default.removeItem(atPath: folder)
        try PatientA.write(to: folder)
        try PatientB.write(to: folder)
        try PatientC.write(to: folder)
        try ExamplePatientD.write(to: folder)
    }

    /// The HU function of a scene: the first plateau holding the voxel, else the vertebral body of
    /// `bodyHU` or soft tissue (40 HU); plus the ±10 HU checkerboard texture.
    static func scene(bodyHU: Int = bodyHU, _ plateaus: [Plateau]) -> @Sendable (Int, Int, Int) -> Int {
        { k, r, c in
            let texture = (k + r + c) % 2 == 1 ? 10 : -10
            if let hu = plateaus.lazy.compactMap({ $0(k, r, c) }).first { return hu + texture }
            let dx = Double(c) - 24, dy = Double(r) - 24
            return (dx * dx + dy * dy <= 400 ? bodyHU : 40) + texture
        }
    }

    /// A plateau of `hu` on `box`.
    static func plateau(_ box: VoxelBox, _ hu: Int) -> Plateau {
        { k, r, c in box.contains(k, r, c) ? hu : nil }
    }

    /// The CT series of `visit` with the HU function `hu`, written into `root/visit.ctFolder`.
    @discardableResult
    static func writeCT(_ visit: Visit, hu: @escaping @Sendable (Int, Int, Int) -> Int, root: String) throws -> [String] {
        var ct = SyntheticCT()
        ct.rows = rows
        ct.columns = columns
        ct.planes = planes
        ct.pixelSpacing = (1, 1)
        ct.planeSpacing = planeSpacingMM
        ct.sliceThickness = planeSpacingMM
        ct.study = visit.study
        ct.seriesInstanceUID = visit.ctSeriesUID
        ct.seriesNumber = visit.seriesNumber
        ct.seriesDescription = "SPINE 2MM \(visit.convolutionKernel)"
        ct.frameOfReferenceUID = visit.frameOfReferenceUID
        ct.kvp = "120"
        ct.convolutionKernel = visit.convolutionKernel
        ct.hu = hu
        return try ct.write(to: (root as NSString).appendingPathComponent(visit.ctFolder))
    }

    /// A binary SEG of `visit`'s CT (its Patient and Study attributes): one segment per lesion (numbered in order), one frame per plane
    /// of its box, each frame referring to the CT plane by SOPInstanceUID and position.
    static func writeSEG(_ visit: Visit, lesions: [(label: String, box: VoxelBox)], root: String) throws {
        var seg = SyntheticSEG(rows: rows, columns: columns, frameOfReferenceUID: visit.frameOfReferenceUID,
                               referencedSeriesUID: visit.ctSeriesUID)
        seg.sliceThickness = planeSpacingMM
        seg.study = visit.study
        seg.seriesInstanceUID = visit.roiSeriesUID
        seg.sopInstanceUID = "\(visit.roiSeriesUID).1"
        seg.segments = lesions.enumerated().map { (number: $0.offset + 1, label: $0.element.label) }
        for (i, lesion) in lesions.enumerated() {
            for k in lesion.box.planes {
                let values = (0..<(rows * columns)).map { UInt8(lesion.box.contains(k, $0 / columns, $0 % columns) ? 1 : 0) }
                seg.frames.append(.init(segment: i + 1, referencedSOPInstanceUID: "\(visit.ctSeriesUID).\(k + 1)",
                                        position: PatientPoint(0, 0, Double(k) * planeSpacingMM), values: values))
            }
        }
        try writeROIObject(root, visit) { try seg.write(to: $0) }
    }

    /// An RTSTRUCT of `visit`'s CT (its Patient and Study attributes): one ROI per lesion, one square contour per plane of its box with
    /// edges halfway between voxel centres (x from first column − 0.5 to last column + 0.5 mm, y
    /// likewise), so exactly the box's voxel centres lie inside.
    static func writeRTSTRUCT(_ visit: Visit, lesions: [(label: String, box: VoxelBox)], root: String) throws {
        var rt = SyntheticRTSTRUCT(frameOfReferenceUID: visit.frameOfReferenceUID, referencedSeriesUID: visit.ctSeriesUID)
        rt.study = visit.study
        rt.seriesInstanceUID = visit.roiSeriesUID
        rt.sopInstanceUID = "\(visit.roiSeriesUID).1"
        rt.rois = lesions.enumerated().map { i, lesion in
            let b = lesion.box
            let contours = b.planes.map { k in
                SyntheticRTSTRUCT.Contour.square(
                    Double(b.columns.lowerBound) - 0.5, Double(b.rows.lowerBound) - 0.5,
                    Double(b.columns.upperBound) + 0.5, Double(b.rows.upperBound) + 0.5, z: Double(k) * planeSpacingMM)
            }
            return .init(number: i + 1, name: lesion.label, contours: contours)
        }
        try writeROIObject(root, visit) { try rt.write(to: $0) }
    }

    private static func writeROIObject(_ root: String, _ visit: Visit, _ write: (String) throws -> Void) throws {
        let path = (root as NSString).appendingPathComponent(visit.roiFile)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try write(path)
    }
}
