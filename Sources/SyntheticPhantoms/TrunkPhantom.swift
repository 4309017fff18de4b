import Foundation
import VolumeModel

/// A synthetic trunk (``TrunkAnatomy``) scanned at several time points, each with its own grid,
/// its own FrameOfReferenceUID and a known rigid motion of the patient, with lesions of designed HU
/// at every time point: the ground truth of registration and propagation tests.
///
/// Anatomy coordinates are the baseline's patient coordinates (time point 0 has no motion). Time
/// point t shows the anatomy moved by ``TimePoint/patientFromAnatomy``, so a voxel centre p of its
/// grid has the HU of the anatomy at `patientFromAnatomy.inverse.apply(p)`, sampled analytically
/// (no reference volume is resampled), plus a deterministic texture of ±`textureHU`. Pure Swift
/// (VolumeModel only), so unit tests, the benchmarks and the fixture generator share one design;
/// the test support writes a time point as a DICOM series (`TrunkPhantom.series(timePoint:)`).
public struct TrunkPhantom: Sendable {
    /// A spherical lesion: centre (anatomy mm), radius (mm) and its plateau HU at each time point.
    public struct Lesion: Sendable {
        public let id: String
        public let centre: PatientPoint
        public let radiusMM: Double
        public let hu: [Double]
    }

    /// One scan: its date, grid and the patient's pose.
    public struct TimePoint: Sendable {
        /// StudyDate, YYYYMMDD.
        public let date: String
        /// Where the anatomy lies in this scan's patient coordinates.
        public let patientFromAnatomy: RigidTransform
        public let rows: Int, columns: Int, planes: Int
        /// PixelSpacing (row, column), mm.
        public let pixelSpacing: (Double, Double)
        public let planeSpacing: Double
        /// ImagePositionPatient of plane 0 (axial, ImageOrientationPatient 1\0\0\0\1\0).
        public let origin: PatientPoint

        public init(date: String, patientFromAnatomy: RigidTransform, rows: Int, columns: Int, planes: Int,
                    pixelSpacing: (Double, Double), planeSpacing: Double, origin: PatientPoint) {
            self.date = date
            self.patientFromAnatomy = patientFromAnatomy
            self.rows = rows
            self.columns = columns
            self.planes = planes
            self.pixelSpacing = pixelSpacing
            self.planeSpacing = planeSpacing
            self.origin = origin
        }

        public var geometry: StackGeometry {
            StackGeometry(rows: rows, columns: columns, imageOrientationPatient: [1, 0, 0, 0, 1, 0],
                          pixelSpacing: pixelSpacing,
                          planePositions: (0..<planes).map { origin + PatientPoint(0, 0, Double($0) * planeSpacing) })
        }
    }

    public let anatomy = TrunkAnatomy()
    public var lesions: [Lesion]
    public var timePoints: [TimePoint]
    /// Amplitude of the deterministic voxel texture (HU); it averages out over any ROI of ≥ 100 voxels.
    public var textureHU = 12.0

    /// The standard design: three time points 3 and 4 months apart; motions of 8–14 mm and 2.5–3.5°;
    /// grids 0.8/0.75/0.85 mm pixels, 2/2.5/1.5 mm planes, covering the spine region.
    public static var standard: TrunkPhantom {
        let v = TrunkAnatomy().vertebrae
        let lesions = [
            Lesion(id: "L1 lytic", centre: PatientPoint(-4, 48, v[1].zCentre + 2), radiusMM: 9, hu: [60, 120, 175]),
            Lesion(id: "L2 sclerotic", centre: PatientPoint(5, 51, v[2].zCentre - 1), radiusMM: 9, hu: [720, 650, 560]),
            Lesion(id: "L3 lytic", centre: PatientPoint(3, 53, v[3].zCentre + 3), radiusMM: 8, hu: [90, 85, 40]),
        ]
        let centre = PatientPoint(0, 40, -20)
        let times = [
            TimePoint(date: "20240110", patientFromAnatomy: .identity, rows: 200, columns: 220, planes: 76,
                      pixelSpacing: (0.8, 0.8), planeSpacing: 2, origin: PatientPoint(-88, -35, -80)),
            TimePoint(date: "20240412", patientFromAnatomy: RigidTransform(
                axis: PatientPoint(0.2, 0.3, 1), angleDegrees: 2.5, center: centre, translation: PatientPoint(6, -8, 9)),
                      rows: 216, columns: 236, planes: 60, pixelSpacing: (0.75, 0.75), planeSpacing: 2.5,
                      origin: PatientPoint(-80, -42, -78)),
            TimePoint(date: "20240815", patientFromAnatomy: RigidTransform(
                axis: PatientPoint(1, -0.4, 0.3), angleDegrees: 3.5, center: centre, translation: PatientPoint(-9, 5, -7)),
                      rows: 190, columns: 206, planes: 100, pixelSpacing: (0.85, 0.85), planeSpacing: 1.5,
                      origin: PatientPoint(-95, -30, -80)),
        ]
        return TrunkPhantom(lesions: lesions, timePoints: times)
    }

    /// ``standard`` on coarser, smaller grids (1.1–1.25 mm pixels, 2–3 mm planes, the spine and
    /// the rib heads only: about 1 MB per series), for a fixture tree small enough to ship.
    public static var compact: TrunkPhantom {
        var p = standard
        p.timePoints = [
            TimePoint(date: "20240110", patientFromAnatomy: p.timePoints[0].patientFromAnatomy, rows: 110, columns: 100, planes: 45,
                      pixelSpacing: (1.2, 1.2), planeSpacing: 3, origin: PatientPoint(-60, -12, -75)),
            TimePoint(date: "20240412", patientFromAnatomy: p.timePoints[1].patientFromAnatomy, rows: 120, columns: 110, planes: 54,
                      pixelSpacing: (1.1, 1.1), planeSpacing: 2.5, origin: PatientPoint(-58, -18, -72)),
            TimePoint(date: "20240815", patientFromAnatomy: p.timePoints[2].patientFromAnatomy, rows: 106, columns: 98, planes: 68,
                      pixelSpacing: (1.25, 1.25), planeSpacing: 2, origin: PatientPoint(-62, -10, -76)),
        ]
        return p
    }

    public init(lesions: [Lesion], timePoints: [TimePoint]) {
        self.lesions = lesions
        self.timePoints = timePoints
    }

    /// The true transform from time point `t`'s patient coordinates to the baseline's.
    public func baselineFromTimePoint(_ t: Int) -> RigidTransform {
        timePoints[0].patientFromAnatomy.after(timePoints[t].patientFromAnatomy.inverse)
    }

    /// Where lesion `i`'s centre lies in time point `t`'s patient coordinates.
    public func lesionCentre(_ i: Int, timePoint t: Int) -> PatientPoint {
        timePoints[t].patientFromAnatomy.apply(lesions[i].centre)
    }

    /// HU at anatomy point `(x, y, z)` at time point `t`, without texture.
    public func hu(anatomy p: PatientPoint, timePoint t: Int) -> Double {
        var hu = anatomy.hu(p.x, p.y, p.z)
        for lesion in lesions {
            let d = (p - lesion.centre).length - lesion.radiusMM
            TrunkAnatomy.paint(&hu, lesion.hu[t], d)
        }
        return hu
    }

    /// The texture at voxel (k, r, c): +textureHU or −textureHU in a checkerboard, so that it
    /// cancels over an ROI's pairs of neighbours and its mean is the plateau's within ~1 HU.
    public func texture(_ k: Int, _ r: Int, _ c: Int) -> Double {
        (k + r + c) % 2 == 0 ? textureHU : -textureHU
    }

    /// Integer HU of voxel (k, r, c) of time point `t` (rounded, as a CT stores it).
    public func voxelHU(timePoint t: Int, plane k: Int, row r: Int, column c: Int) -> Int {
        let tp = timePoints[t]
        let p = tp.origin + PatientPoint(Double(c) * tp.pixelSpacing.1, Double(r) * tp.pixelSpacing.0, Double(k) * tp.planeSpacing)
        let a = tp.patientFromAnatomy.inverse.apply(p)
        return Int((hu(anatomy: a, timePoint: t) + texture(k, r, c)).rounded())
    }

    /// Time point `t` as an in-memory volume. Only the voxels whose centres lie in `region`
    /// (patient coordinates of that time point; all when nil) are sampled, the rest are air
    /// (−1000 HU): tests sample what they read, and stay fast.
    public func volume(timePoint t: Int, region: PatientBox? = nil) -> HUVolume {
        let tp = timePoints[t]
        let g = tp.geometry
        var planes: [Int: HUPlane] = [:]
        let inverse = tp.patientFromAnatomy.inverse
        for k in 0..<tp.planes {
            let z = tp.origin.z + Double(k) * tp.planeSpacing
            if let region, z < region.lower.z || z > region.upper.z { continue }
            var values = [Int16](repeating: -1000, count: tp.rows * tp.columns)
            var (r0, r1, c0, c1) = (0, tp.rows - 1, 0, tp.columns - 1)
            if let region {
                r0 = max(0, Int(((region.lower.y - tp.origin.y) / tp.pixelSpacing.0).rounded(.up)))
                r1 = min(tp.rows - 1, Int(((region.upper.y - tp.origin.y) / tp.pixelSpacing.0).rounded(.down)))
                c0 = max(0, Int(((region.lower.x - tp.origin.x) / tp.pixelSpacing.1).rounded(.up)))
                c1 = min(tp.columns - 1, Int(((region.upper.x - tp.origin.x) / tp.pixelSpacing.1).rounded(.down)))
            }
            if r0 <= r1 && c0 <= c1 {
                for r in r0...r1 {
                    for c in c0...c1 {
                        let p = PatientPoint(tp.origin.x + Double(c) * tp.pixelSpacing.1, tp.origin.y + Double(r) * tp.pixelSpacing.0, z)
                        let hu = hu(anatomy: inverse.apply(p), timePoint: t) + texture(k, r, c)
                        values[r * tp.columns + c] = Int16(hu.rounded())
                    }
                }
            }
            planes[k] = HUPlane(rows: tp.rows, columns: tp.columns, storage: .int16(values), padding: nil)
        }
        return HUVolume(geometry: g, planes: planes)
    }

    /// A box (LPS mm, baseline coordinates) around lesion `i`: its sphere's bounding cube.
    public func lesionBox(_ i: Int) -> PatientBox {
        let l = lesions[i]
        return PatientBox(l.centre - PatientPoint(repeating: l.radiusMM), l.centre + PatientPoint(repeating: l.radiusMM))
    }
}
