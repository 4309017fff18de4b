import Foundation
import VolumeModel

/// A rigid transform between two frames of reference, LPS millimetres: `p' = rotation · p + translation`.
/// The name of each value says its direction (`baselineFromFollowup` maps follow-up patient points to
/// baseline patient points, DESIGN.md "Longitudinal correspondence").
struct FrameTransform: Sendable, Equatable {
    /// Rows of the 3 × 3 rotation.
    var rotation: [PatientPoint]
    /// Translation (mm).
    var translation: PatientPoint

    static let identity = FrameTransform(rotation: [PatientPoint(1, 0, 0), PatientPoint(0, 1, 0), PatientPoint(0, 0, 1)],
                                         translation: .zero)

    /// A transform from the 16 values of a DICOM FrameOfReferenceTransformationMatrix (row-major 4 × 4,
    /// PS3.3 C.20.2.1.1), or nil unless its last row is 0 0 0 1 and its 3 × 3 part is a rotation
    /// (orthonormal within 1e-3, determinant +1): a RIGID matrix.
    init?(dicomMatrix m: [Double]) {
        guard m.count == 16, m.allSatisfy(\.isFinite),
              abs(m[12]) < 1e-6, abs(m[13]) < 1e-6, abs(m[14]) < 1e-6, abs(m[15] - 1) < 1e-6 else { return nil }
        let rows = [PatientPoint(m[0], m[1], m[2]), PatientPoint(m[4], m[5], m[6]), PatientPoint(m[8], m[9], m[10])]
        for i in 0..<3 {
            for j in 0..<3 where abs(rows[i].dot(rows[j]) - (i == j ? 1 : 0)) > 1e-3 { return nil }
        }
        guard rows[0].cross(rows[1]).dot(rows[2]) > 0 else { return nil }
        self.init(rotation: rows, translation: PatientPoint(m[3], m[7], m[11]))
    }

    init(rotation: [PatientPoint], translation: PatientPoint) {
        self.rotation = rotation
        self.translation = translation
    }

    /// The 16 values of the row-major 4 × 4 matrix (DICOM FrameOfReferenceTransformationMatrix order).
    var dicomMatrix: [Double] {
        let r = rotation, t = translation
        return [r[0].x, r[0].y, r[0].z, t.x, r[1].x, r[1].y, r[1].z, t.y, r[2].x, r[2].y, r[2].z, t.z, 0, 0, 0, 1]
    }

    /// The transform applied to a point.
    func apply(_ p: PatientPoint) -> PatientPoint {
        PatientPoint(rotation[0].dot(p), rotation[1].dot(p), rotation[2].dot(p)) + translation
    }

    /// The inverse transform (`rotationᵀ`, `−rotationᵀ · translation`).
    var inverse: FrameTransform {
        let r = rotation
        let t = [PatientPoint(r[0].x, r[1].x, r[2].x), PatientPoint(r[0].y, r[1].y, r[2].y), PatientPoint(r[0].z, r[1].z, r[2].z)]
        let inv = FrameTransform(rotation: t, translation: .zero)
        return FrameTransform(rotation: t, translation: -inv.apply(translation))
    }

    /// `self ∘ other`: applies `other` first.
    func after(_ other: FrameTransform) -> FrameTransform {
        let cols = [PatientPoint(1, 0, 0), PatientPoint(0, 1, 0), PatientPoint(0, 0, 1)].map { e in
            FrameTransform(rotation: rotation, translation: .zero).apply(FrameTransform(rotation: other.rotation, translation: .zero).apply(e))
        }
        let rows = [PatientPoint(cols[0].x, cols[1].x, cols[2].x), PatientPoint(cols[0].y, cols[1].y, cols[2].y),
                    PatientPoint(cols[0].z, cols[1].z, cols[2].z)]
        return FrameTransform(rotation: rows, translation: apply(other.translation))
    }

    /// The angle of the rotation in degrees (0…180): acos((trace − 1) / 2).
    var rotationDegrees: Double {
        let trace = rotation[0].x + rotation[1].y + rotation[2].z
        return acos(max(-1, min(1, (trace - 1) / 2))) * 180 / .pi
    }
}
