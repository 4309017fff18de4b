import Foundation

/// A rigid transform of patient coordinates (LPS, mm): `p ↦ rotation · p + translation`, with
/// `rotation` a proper rotation (orthonormal, determinant +1).
///
/// The type does not know which frames it joins; the name of every value does, in the form
/// `targetFromSource` (DESIGN.md "Longitudinal correspondence"): `baselineFromFollowup` maps a
/// point given in follow-up patient coordinates to the same anatomy in baseline patient coordinates.
/// Names compose like matrices: `aFromB.after(bFromC)` is `aFromC`.
///
/// As a 4×4 homogeneous matrix (``matrix4x4``, row-major) it is the form of a DICOM Spatial
/// Registration's FrameOfReferenceTransformationMatrix (PS3.3 C.20.2.1.1), which maps points of
/// the item's frame into the REG's own frame.
public struct RigidTransform: Sendable, Equatable {
    /// Rows of the 3×3 rotation matrix.
    public let rotationRows: (PatientPoint, PatientPoint, PatientPoint)
    /// Translation in mm, applied after the rotation.
    public let translation: PatientPoint

    /// The transform that leaves every point where it is.
    public static let identity = RigidTransform(
        rotationRows: (PatientPoint(1, 0, 0), PatientPoint(0, 1, 0), PatientPoint(0, 0, 1)), translation: .zero)

    /// A transform from the rows of its rotation matrix and its translation (mm). The rows are
    /// used as given; see ``init(matrix4x4:tolerance:)`` for values read from a file.
    public init(rotationRows: (PatientPoint, PatientPoint, PatientPoint), translation: PatientPoint) {
        self.rotationRows = rotationRows
        self.translation = translation
    }

    /// A rotation by `angleDegrees` about the unit `axis` (right-handed, Rodrigues' formula)
    /// through the point `center` (LPS, mm), followed by `translation` (mm):
    /// `p ↦ R (p − center) + center + translation`.
    public init(axis: PatientPoint, angleDegrees: Double, center: PatientPoint = .zero, translation: PatientPoint = .zero) {
        let u = axis.normalized
        let a = angleDegrees * .pi / 180
        let c = cos(a), s = sin(a), t = 1 - c
        let r0 = PatientPoint(t * u.x * u.x + c, t * u.x * u.y - s * u.z, t * u.x * u.z + s * u.y)
        let r1 = PatientPoint(t * u.x * u.y + s * u.z, t * u.y * u.y + c, t * u.y * u.z - s * u.x)
        let r2 = PatientPoint(t * u.x * u.z - s * u.y, t * u.y * u.z + s * u.x, t * u.z * u.z + c)
        let rc = PatientPoint(r0.dot(center), r1.dot(center), r2.dot(center))
        self.init(rotationRows: (r0, r1, r2), translation: center - rc + translation)
    }

    /// A transform from a row-major 4×4 homogeneous matrix (16 values; the last row must be
    /// 0 0 0 1), as DICOM's FrameOfReferenceTransformationMatrix (3006,00C6) holds it.
    /// - Returns: nil when the matrix is not rigid: the last row differs from 0 0 0 1, or the 3×3
    ///   part is not orthonormal with determinant +1 within `tolerance` (PS3.3 C.20.2.1.1 allows
    ///   only RIGID here; RIGID_SCALE and AFFINE are other transform types).
    public init?(matrix4x4 m: [Double], tolerance: Double = 1e-4) {
        guard m.count == 16, m.allSatisfy(\.isFinite) else { return nil }
        guard abs(m[12]) <= tolerance, abs(m[13]) <= tolerance, abs(m[14]) <= tolerance, abs(m[15] - 1) <= tolerance
        else { return nil }
        let rows = (PatientPoint(m[0], m[1], m[2]), PatientPoint(m[4], m[5], m[6]), PatientPoint(m[8], m[9], m[10]))
        let candidate = RigidTransform(rotationRows: rows, translation: PatientPoint(m[3], m[7], m[11]))
        guard candidate.orthonormalityError <= tolerance, abs(candidate.determinant - 1) <= tolerance else { return nil }
        self = candidate
    }

    /// The row-major 4×4 homogeneous matrix (16 values, last row 0 0 0 1).
    public var matrix4x4: [Double] {
        let (a, b, c) = rotationRows, t = translation
        return [a.x, a.y, a.z, t.x, b.x, b.y, b.z, t.y, c.x, c.y, c.z, t.z, 0, 0, 0, 1]
    }

    /// Maps a point (LPS, mm) from the source frame into the target frame.
    @inlinable
    public func apply(_ p: PatientPoint) -> PatientPoint {
        rotate(p) + translation
    }

    /// Rotates a direction (no translation): how the transform carries a vector.
    @inlinable
    public func rotate(_ v: PatientPoint) -> PatientPoint {
        PatientPoint(rotationRows.0.dot(v), rotationRows.1.dot(v), rotationRows.2.dot(v))
    }

    /// The inverse: `targetFromSource.inverse` is `sourceFromTarget` (rotation transposed,
    /// translation `−Rᵀ t`).
    public var inverse: RigidTransform {
        let (a, b, c) = rotationRows
        let rows = (PatientPoint(a.x, b.x, c.x), PatientPoint(a.y, b.y, c.y), PatientPoint(a.z, b.z, c.z))
        let rt = PatientPoint(rows.0.dot(translation), rows.1.dot(translation), rows.2.dot(translation))
        return RigidTransform(rotationRows: rows, translation: -rt)
    }

    /// `self ∘ first`: apply `first`, then `self`. With names, `aFromB.after(bFromC)` is `aFromC`.
    public func after(_ first: RigidTransform) -> RigidTransform {
        let (a, b, c) = first.rotationRows
        let columns = (PatientPoint(a.x, b.x, c.x), PatientPoint(a.y, b.y, c.y), PatientPoint(a.z, b.z, c.z))
        let rows = rotationRows
        func row(_ r: PatientPoint) -> PatientPoint { PatientPoint(r.dot(columns.0), r.dot(columns.1), r.dot(columns.2)) }
        return RigidTransform(rotationRows: (row(rows.0), row(rows.1), row(rows.2)), translation: apply(first.translation))
    }

    /// The angle of the rotation in degrees (0…180): `atan2(sin θ, cos θ)` with cos θ = (trace − 1) / 2
    /// and sin θ the length of the skew part's axis vector ((R₃₂ − R₂₃, R₁₃ − R₃₁, R₂₁ − R₁₂) / 2),
    /// which stays exact for small angles where `acos` of the trace loses half the digits.
    /// Independent of the centre of rotation.
    public var rotationAngleDegrees: Double {
        let (a, b, c) = rotationRows
        let cosine = (a.x + b.y + c.z - 1) / 2
        let sine = PatientPoint(c.y - b.z, a.z - c.x, b.x - a.y).length / 2
        return atan2(sine, cosine) * 180 / .pi
    }

    /// The translation's length in mm (how far the origin of the source frame moves). For how far
    /// a given point moves, use ``displacement(at:)``: with a rotation it depends on the point.
    public var translationLengthMM: Double { translation.length }

    /// How far the point `p` (source frame, mm) moves: `|apply(p) − p|`.
    public func displacement(at p: PatientPoint) -> Double { (apply(p) - p).length }

    /// The largest absolute deviation of `R Rᵀ` from the identity (0 for an exact rotation).
    public var orthonormalityError: Double {
        let r = [rotationRows.0, rotationRows.1, rotationRows.2]
        var worst = 0.0
        for i in 0..<3 {
            for j in 0..<3 { worst = max(worst, abs(r[i].dot(r[j]) - (i == j ? 1 : 0))) }
        }
        return worst
    }

    /// Determinant of the 3×3 part (+1 for a rotation, −1 for a reflection).
    public var determinant: Double { rotationRows.0.dot(rotationRows.1.cross(rotationRows.2)) }

    public static func == (lhs: RigidTransform, rhs: RigidTransform) -> Bool {
        lhs.matrix4x4 == rhs.matrix4x4
    }
}

/// An axis-aligned box in patient coordinates (LPS, mm), corners inclusive: Docs/Outputs.md's
/// `box_mm` `[[x0, y0, z0], [x1, y1, z1]]`.
public struct PatientBox: Sendable, Equatable {
    /// The corner with the smallest coordinates.
    public let lower: PatientPoint
    /// The corner with the largest coordinates.
    public let upper: PatientPoint

    /// A box from any two opposite corners.
    public init(_ a: PatientPoint, _ b: PatientPoint) {
        lower = PatientPoint(min(a.x, b.x), min(a.y, b.y), min(a.z, b.z))
        upper = PatientPoint(max(a.x, b.x), max(a.y, b.y), max(a.z, b.z))
    }

    /// The smallest box holding every point (nil for none).
    public init?(enclosing points: [PatientPoint]) {
        guard var lo = points.first else { return nil }
        var hi = lo
        for p in points {
            lo = PatientPoint(min(lo.x, p.x), min(lo.y, p.y), min(lo.z, p.z))
            hi = PatientPoint(max(hi.x, p.x), max(hi.y, p.y), max(hi.z, p.z))
        }
        self.init(lo, hi)
    }

    public var center: PatientPoint { (lower + upper) / 2 }
    /// Edge lengths in mm.
    public var size: PatientPoint { upper - lower }

    /// The box grown by `mm` on every side.
    public func expanded(by mm: Double) -> PatientBox {
        PatientBox(lower - PatientPoint(repeating: mm), upper + PatientPoint(repeating: mm))
    }

    /// Whether `p` lies in the box (inclusive).
    public func contains(_ p: PatientPoint) -> Bool {
        p.x >= lower.x && p.x <= upper.x && p.y >= lower.y && p.y <= upper.y && p.z >= lower.z && p.z <= upper.z
    }

    /// The eight corners.
    public var corners: [PatientPoint] {
        (0..<8).map { i in
            PatientPoint(i & 1 == 0 ? lower.x : upper.x, i & 2 == 0 ? lower.y : upper.y, i & 4 == 0 ? lower.z : upper.z)
        }
    }

    /// The axis-aligned box (in the target frame) holding this box carried by `transform`.
    public func mapped(by transform: RigidTransform) -> PatientBox {
        PatientBox(enclosing: corners.map(transform.apply))!
    }
}
