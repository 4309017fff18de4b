import Foundation
import LesionROI
import Registration
import Testing
import VolumeModel
import SyntheticPhantoms

/// The phantom's design is the truth: each follow-up shows the anatomy moved by a known rigid
/// motion (TrunkPhantom.standard: 8–14 mm, 2.5–3.5°) on its own grid, with lesions of designed HU.
@Suite("Local rigid registration on the synthetic trunk (ITK through CITKBridge)")
struct LocalRigidRegistrationTests {
    static let phantom = TrunkPhantom.standard
    static let options = RegistrationOptions()
    /// Radius of the ROI drawn at baseline around each lesion (lesions have radius 8–9 mm).
    static let roiRadiusMM = 6.0

    /// Baseline and follow-up volumes sampled where the registration of lesion `i` reads them.
    static func volumes(lesion i: Int, followup t: Int) -> (HUVolume, HUVolume) {
        let box = phantom.lesionBox(i).expanded(by: options.marginMM)
        let carried = box.mapped(by: phantom.baselineFromTimePoint(t).inverse)
        let region = PatientBox(enclosing: box.corners + carried.corners)!.expanded(by: options.searchMarginMM + 2)
        return (phantom.volume(timePoint: 0, region: box.expanded(by: 2)), phantom.volume(timePoint: t, region: region))
    }

    /// Mean HU of the voxels of `mask` in `volume`.
    static func mean(_ mask: LesionMask, _ volume: HUVolume) -> Double {
        var sum = 0.0, n = 0
        for k in mask.box.planes {
            for r in mask.box.rows {
                for c in mask.box.columns where mask.contains(plane: k, row: r, column: c) {
                    sum += volume.planes[k]!.hu(row: r, column: c)
                    n += 1
                }
            }
        }
        return sum / Double(n)
    }

    @Test("Transform within 0.5 mm at the lesion centre and 0.5° of the design; carried ROI's Δmean within ±5 HU",
          arguments: [(0, 1), (1, 1), (2, 1), (0, 2), (1, 2), (2, 2)])
    func recoversDesignedMotion(lesion i: Int, followup t: Int) throws {
        let (baseline, followup) = Self.volumes(lesion: i, followup: t)
        let result = try LocalRigidRegistration.register(
            baseline: baseline, followup: followup, lesionBox: Self.phantom.lesionBox(i), options: Self.options)
        let truth = Self.phantom.baselineFromTimePoint(t)
        let centre = Self.phantom.lesionCentre(i, timePoint: t)
        let error = (result.baselineFromFollowup.apply(centre) - truth.apply(centre)).length
        let angle = result.baselineFromFollowup.after(truth.inverse).rotationAngleDegrees
        #expect(error <= 0.5, "lesion \(i), follow-up \(t): \(error) mm at the lesion centre")
        #expect(angle <= 0.5, "lesion \(i), follow-up \(t): \(angle)° off")
        #expect(result.passedQualityCheck, "\(result.qualityProblems)")
        #expect(result.box.contains(Self.phantom.lesions[i].centre))

        // The ROI drawn at baseline (a sphere of 6 mm inside the 8–9 mm lesion), carried onto the
        // follow-up grid both by the sphere's own rule and as a baseline voxel mask.
        let lesion = Self.phantom.lesions[i]
        let sphere = GeometricROI(id: lesion.id, shape: .sphere(center: lesion.centre, radiusMM: Self.roiRadiusMM))
        let atBaseline = try GeometricRasterizer.place(sphere, on: baseline.geometry, file: "rois.json").mask
        let carriedSphere = try MaskPropagation.carry(sphere, file: "rois.json", onto: followup.geometry,
                                                      baselineFromFollowup: result.baselineFromFollowup).mask
        let carriedMask = try MaskPropagation.carry(atBaseline, from: baseline.geometry, onto: followup.geometry,
                                                    baselineFromFollowup: result.baselineFromFollowup).mask
        let designed = lesion.hu[t] - lesion.hu[0]
        let before = Self.mean(atBaseline, baseline)
        for carried in [carriedSphere, carriedMask] {
            let delta = Self.mean(carried, followup) - before
            #expect(abs(delta - designed) <= 5, "lesion \(i), follow-up \(t): Δmean \(delta) HU, designed \(designed)")
        }
    }

    @Test("A box without bone is refused, naming the reason")
    func noBone() throws {
        // A box in the soft tissue in front of the spine (the phantom's anterior abdomen).
        let box = PatientBox(PatientPoint(-30, -30, -40), PatientPoint(-20, -20, -30))
        var options = Self.options
        options.marginMM = 10
        let baseline = Self.phantom.volume(timePoint: 0, region: box.expanded(by: 12))
        let followup = Self.phantom.volume(timePoint: 1, region: box.expanded(by: 34))
        #expect {
            try LocalRigidRegistration.register(baseline: baseline, followup: followup, lesionBox: box, options: options)
        } throws: { ($0 as? RegistrationError)?.kind == .noBone && "\($0)".contains("200 HU") }
    }

    @Test("Planes the box needs but not decoded, and a box outside the image, are errors")
    func missingPlanesAndOutside() throws {
        let box = Self.phantom.lesionBox(0)
        let needed = LocalRigidRegistration.planesNeeded(baseline: Self.phantom.timePoints[0].geometry,
                                                         followup: Self.phantom.timePoints[1].geometry, lesionBox: box)
        // Baseline planes at z = −80 + 2k; the registered box spans z −39 ± 39 → planes 1…40.
        #expect(needed.baseline == 1..<41)
        var baseline = Self.phantom.volume(timePoint: 0, region: box.expanded(by: 32))
        baseline.planes[needed.baseline.lowerBound + 3] = nil
        let followup = Self.phantom.volume(timePoint: 1, region: box.expanded(by: 52))
        #expect {
            try LocalRigidRegistration.register(baseline: baseline, followup: followup, lesionBox: box)
        } throws: { ($0 as? RegistrationError)?.kind == .planesNotDecoded }
        let far = PatientBox(PatientPoint(500, 500, 500), PatientPoint(510, 510, 510))
        #expect {
            try LocalRigidRegistration.register(baseline: baseline, followup: followup, lesionBox: far)
        } throws: { ($0 as? RegistrationError)?.kind == .boxOutsideImage }
    }

    @Test("Quality criteria: each threshold is reported by name when exceeded")
    func qualityCriteria() {
        let criteria = RegistrationQualityCriteria()
        #expect(criteria.problems(similarity: 0.95, displacementMM: 12, rotationDegrees: 3).isEmpty)
        let problems = criteria.problems(similarity: 0.5, displacementMM: 60, rotationDegrees: 20)
        #expect(problems.count == 3)
        #expect(problems[0].contains("similarity 0.5 below 0.8"))
        #expect(problems[1].contains("60.0 mm above 50.0 mm"))
        #expect(problems[2].contains("20.0° above 15.0°"))
        #expect(!criteria.problems(similarity: .nan, displacementMM: 1, rotationDegrees: 1).isEmpty)
    }
}
