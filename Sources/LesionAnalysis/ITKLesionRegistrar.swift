import Registration
import VolumeModel

/// The computed registration of the workflows: ``LesionRegistering`` over the Registration
/// module's ``LocalRigidRegistration`` (ITK; method, defaults and thresholds: Docs/Longitudinal.md
/// "Registration"). The quality check is the workflow's (`--criteria`), so only the transform, its
/// similarity and the box are passed on.
public struct ITKLesionRegistrar: LesionRegistering {
    public var options: RegistrationOptions

    public init(options: RegistrationOptions = .init()) {
        self.options = options
    }

    public func planesNeeded(fixed: StackGeometry, moving: StackGeometry, lesionBoxMM: (PatientPoint, PatientPoint))
        -> (fixed: [Int], moving: [Int]) {
        let planes = LocalRigidRegistration.planesNeeded(
            baseline: fixed, followup: moving, lesionBox: PatientBox(lesionBoxMM.0, lesionBoxMM.1), options: options)
        return (Array(planes.baseline), Array(planes.followup))
    }

    public func register(fixed: HUVolume, moving: HUVolume, lesionBoxMM: (PatientPoint, PatientPoint)) throws
        -> (movingFromFixed: [Double], similarity: Double, boxMM: (PatientPoint, PatientPoint)) {
        let result = try LocalRigidRegistration.register(
            baseline: fixed, followup: moving, lesionBox: PatientBox(lesionBoxMM.0, lesionBoxMM.1), options: options)
        return (result.followupFromBaseline.matrix4x4, result.similarity, (result.box.lower, result.box.upper))
    }
}
