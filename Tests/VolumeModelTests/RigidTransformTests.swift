import Foundation
import Testing
import VolumeModel

/// Hand-computed values: a rotation of 90° about +z takes +x to +y (right-handed).
@Suite("Rigid transforms (LPS mm; aFromB.after(bFromC) = aFromC)")
struct RigidTransformTests {
    static func close(_ a: PatientPoint, _ b: PatientPoint, _ tolerance: Double = 1e-12) -> Bool {
        (a - b).length <= tolerance
    }

    @Test("Rotation about an axis through a centre, then translation")
    func rotationAboutCentre() {
        let r = RigidTransform(axis: PatientPoint(0, 0, 2), angleDegrees: 90)
        #expect(Self.close(r.apply(PatientPoint(1, 0, 0)), PatientPoint(0, 1, 0)))
        #expect(Self.close(r.apply(PatientPoint(0, 1, 5)), PatientPoint(-1, 0, 5)))
        // About (10, 0, 0): (11, 0, 0) is 1 mm along +x from the centre and turns to (10, 1, 0);
        // then +(0, 0, 3).
        let c = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90, center: PatientPoint(10, 0, 0),
                               translation: PatientPoint(0, 0, 3))
        #expect(Self.close(c.apply(PatientPoint(11, 0, 0)), PatientPoint(10, 1, 3)))
        #expect(Self.close(c.apply(PatientPoint(10, 0, 0)), PatientPoint(10, 0, 3)))
        #expect(abs(c.rotationAngleDegrees - 90) < 1e-9)
    }

    @Test("Inverse: maps the image back; the translation of p ↦ R p + t inverts to −Rᵀ t")
    func inverse() {
        let t = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90, translation: PatientPoint(1, 2, 3))
        // t: (1, 0, 0) ↦ (0, 1, 0) + (1, 2, 3) = (1, 3, 3).
        #expect(Self.close(t.apply(PatientPoint(1, 0, 0)), PatientPoint(1, 3, 3)))
        #expect(Self.close(t.inverse.apply(PatientPoint(1, 3, 3)), PatientPoint(1, 0, 0)))
        // −Rᵀ (1, 2, 3): Rᵀ takes (1, 2, 3) to (2, −1, 3).
        #expect(Self.close(t.inverse.translation, PatientPoint(-2, 1, -3)))
        let oblique = RigidTransform(axis: PatientPoint(1, -2, 0.5), angleDegrees: 3.5, translation: PatientPoint(-9, 5, -7))
        let p = PatientPoint(12, -40, 230)
        #expect(Self.close(oblique.inverse.apply(oblique.apply(p)), p, 1e-9))
        #expect(oblique.after(oblique.inverse).rotationAngleDegrees < 1e-6)
    }

    @Test("Composition: aFromB.after(bFromC) applies bFromC first")
    func composition() {
        let aFromB = RigidTransform(rotationRows: RigidTransform.identity.rotationRows, translation: PatientPoint(1, 0, 0))
        let bFromC = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90)
        // (1, 0, 0) → rotate → (0, 1, 0) → shift → (1, 1, 0); the other order gives (0, 2, 0).
        #expect(Self.close(aFromB.after(bFromC).apply(PatientPoint(1, 0, 0)), PatientPoint(1, 1, 0)))
        #expect(Self.close(bFromC.after(aFromB).apply(PatientPoint(1, 0, 0)), PatientPoint(0, 2, 0)))
    }

    @Test("Angle and translation: 30° about (1, 1, 1); displacement of a point on the axis")
    func angleAndTranslation() {
        let t = RigidTransform(axis: PatientPoint(1, 1, 1), angleDegrees: 30, translation: PatientPoint(3, 4, 0))
        #expect(abs(t.rotationAngleDegrees - 30) < 1e-9)
        #expect(abs(t.translationLengthMM - 5) < 1e-12)
        // A point on the axis does not rotate: it moves by the translation only.
        #expect(abs(t.displacement(at: PatientPoint(7, 7, 7)) - 5) < 1e-9)
        #expect(abs(RigidTransform(axis: PatientPoint(0, 1, 0), angleDegrees: -170).rotationAngleDegrees - 170) < 1e-9)
    }

    @Test("4×4 matrix (PS3.3 C.20.2.1.1 FrameOfReferenceTransformationMatrix): round trip, non-rigid refused")
    func matrix() throws {
        let t = RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90, translation: PatientPoint(1, 2, 3))
        let m = t.matrix4x4
        #expect(m.count == 16)
        #expect(abs(m[1] - -1) < 1e-12 && abs(m[4] - 1) < 1e-12 && m[3] == 1 && m[7] == 2 && m[11] == 3 && m[15] == 1)
        let back = try #require(RigidTransform(matrix4x4: m))
        #expect(Self.close(back.apply(PatientPoint(5, 6, 7)), t.apply(PatientPoint(5, 6, 7))))
        // Scale 2 (RIGID_SCALE), a reflection (det −1), a projective last row, too few values.
        #expect(RigidTransform(matrix4x4: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1]) == nil)
        #expect(RigidTransform(matrix4x4: [-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]) == nil)
        #expect(RigidTransform(matrix4x4: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0.1, 1]) == nil)
        #expect(RigidTransform(matrix4x4: [1, 0, 0]) == nil)
    }

    @Test("A box carried by a rotation: [0, 2] × [0, 1] × [0, 1] turned 90° about z")
    func boxMapped() {
        let box = PatientBox(PatientPoint(2, 1, 1), PatientPoint(0, 0, 0))
        #expect(box.lower == PatientPoint(0, 0, 0) && box.upper == PatientPoint(2, 1, 1))
        let m = box.mapped(by: RigidTransform(axis: PatientPoint(0, 0, 1), angleDegrees: 90))
        #expect(Self.close(m.lower, PatientPoint(-1, 0, 0)) && Self.close(m.upper, PatientPoint(0, 2, 1)))
        #expect(box.expanded(by: 1).size == PatientPoint(4, 3, 3))
    }

    @Test("Nearest voxel: nearest plane along the normal, then row and column; nil beyond half a voxel")
    func nearestVoxel() {
        let g = StackGeometry(rows: 10, columns: 20, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.5, 0.8),
                              planePositions: [0, 2, 4, 8].map { PatientPoint(-10, -5, Double($0)) })
        // z 5.1: plane 2 (z 4) is nearer than plane 3 (z 8); x −10 + 3 × 0.8 = −7.6 → column 3;
        // y −5 + 4 × 0.5 = −3 → row 4.
        let v = g.nearestVoxel(to: PatientPoint(-7.5, -2.9, 5.1))
        #expect(v?.plane == 2 && v?.row == 4 && v?.column == 3)
        #expect(g.nearestVoxel(to: PatientPoint(-7.5, -2.9, 9.9))?.plane == 3)   // within half the last gap (2)
        #expect(g.nearestVoxel(to: PatientPoint(-7.5, -2.9, 10.1)) == nil)
        #expect(g.nearestVoxel(to: PatientPoint(-7.5, -2.9, -1.1)) == nil)       // half the first gap is 1
        #expect(g.nearestVoxel(to: PatientPoint(-10.5, -2.9, 0)) == nil)         // column −0.6 rounds to −1
    }
}
