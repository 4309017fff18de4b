import LesionROI
import VolumeModel

/// An ROI as drawn on the time point where it was drawn (its origin), in the form LesionROI's
/// ``MaskPropagation`` carries: a sphere or box by its own rule, or a mask on the origin's grid.
enum DrawnROI: Sendable {
    /// A sphere or box (its own rule: Docs/Outputs.md "Sphere/box ROI files").
    case geometric(GeometricROI, source: ROISource)
    /// A mask on the origin's grid (SEG, RTSTRUCT, label map): a point belongs when the origin voxel
    /// whose centre is nearest to it is inside the mask.
    case mask(LesionMask, StackGeometry)

    var label: String {
        switch self {
        case .geometric(let roi, _): roi.id
        case .mask(let m, _): m.label
        }
    }

    var isReference: Bool {
        switch self {
        case .geometric(let roi, _): roi.isReference
        case .mask(let m, _): m.isReference
        }
    }

    var source: ROISource {
        switch self {
        case .geometric(_, let s): s
        case .mask(let m, _): m.source
        }
    }

    /// The smallest axis-aligned box (origin LPS, mm) holding the ROI (the registration's lesion box).
    var boundsMM: (PatientPoint, PatientPoint) {
        let corners: [PatientPoint]
        switch self {
        case .geometric(let roi, _): corners = MaskPropagation.corners(of: roi)
        case .mask(let m, let g): corners = MaskPropagation.corners(of: m, on: g)
        }
        return (corners.reduce(PatientPoint(repeating: .infinity), pointwiseMin),
                corners.reduce(PatientPoint(repeating: -.infinity), pointwiseMax))
    }
}

/// Carries an ROI drawn on one time point onto another's grid (DESIGN.md, Longitudinal
/// correspondence) with LesionROI's ``MaskPropagation``: which ROI goes to which time point is
/// decided by ``CourseTimePoints``; the resampling itself is LesionROI's.
enum ROICarrier {
    /// The carried ROI on `target`, with the source of the drawn ROI; `.failure` when no voxel of
    /// the target falls inside it.
    static func carry(_ roi: DrawnROI, originFromTarget: RigidTransform, onto target: StackGeometry) -> Result<ROIPlacement, ROIError> {
        do {
            switch roi {
            case .geometric(let shape, let source):
                return .success(try MaskPropagation.carry(shape, file: source.file, onto: target, baselineFromFollowup: originFromTarget))
            case .mask(let mask, let origin):
                return .success(try MaskPropagation.carry(mask, from: origin, onto: target, baselineFromFollowup: originFromTarget))
            }
        } catch let e as ROIError where e.kind == .outsideVolume || e.kind == .empty {
            return .failure(ROIError(.outsideVolume, file: roi.source.file, lesion: roi.label,
                                     "carried onto the other time point, lies entirely outside its CT volume"))
        } catch let e as ROIError {
            return .failure(e)
        } catch {
            return .failure(ROIError(.invalidFile, file: roi.source.file, lesion: roi.label, "\(error)"))
        }
    }
}
