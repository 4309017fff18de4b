import DICOMImport
import DensityKernel
import Foundation
import LesionROI
import VolumeModel

/// One lesion measured at one time point.
public struct LesionMeasurement: Sendable {
    public let mask: LesionMask
    public let statistics: DensityStatistics
    /// Statistics of the core ROI (eroded by one voxel in-plane), nil when it keeps < 50 %.
    public let core: DensityStatistics?
    /// ROI voxels beyond the volume (not measured).
    public let voxelsOutsideVolume: Int
    /// CONTRACT.md flags known at one time point: `incomplete`, `padding_in_roi`, `small_roi`, `metal_suspected`.
    public let flags: [String]

    public var label: String { mask.label }
}

/// A lesion that could not be measured at one time point.
public struct LesionFailure: Sendable, Error {
    public let lesionID: String?
    public let file: String
    public let message: String
}

/// The lesions of one series (one time point): masks put on the grid, only the planes they touch
/// decoded, statistics computed.
public struct TimePointMeasurement: Sendable {
    public let stack: ImageStack
    public let path: String
    /// The stack's warnings, then problems with other files under the path (`unreadable_file`, `skipped_file`).
    public var warnings: [String]
    public var lesions: [LesionMeasurement]
    public var failures: [LesionFailure]

    /// Thresholds used for the one-time-point flags (clinical.md §4; DESIGN.md decisions).
    public struct FlagThresholds: Sendable {
        public var smallROIVoxels = 100
        public var smallROIVolumeML = 0.5
        public var metalHU = 3000.0
        public init() {}
    }

    /// Measures the ROIs of `roiFiles` (sphere/box JSON) on `stack`.
    public static func measure(
        stack: ImageStack, path: String, roiFiles: [String], options: DensityOptions = .init(),
        thresholds: FlagThresholds = .init(), fileWarnings: [String] = []
    ) -> TimePointMeasurement {
        let warnings = stack.warnings + fileWarnings
        var failures: [LesionFailure] = []
        var placements: [GeometricRasterizer.Placement] = []
        var seen: [String: String] = [:]
        for file in roiFiles {
            let rois: [GeometricROI]
            do { rois = try GeometricROI.read(file: file) } catch {
                failures.append(failure(error, file: file))
                continue
            }
            for roi in rois {
                let key = LesionMatching.key(roi.id)
                if let other = seen[key] {
                    failures.append(LesionFailure(lesionID: roi.id, file: file,
                                                  message: "label matches lesion \"\(other)\" of the same time point; labels must be distinct"))
                    continue
                }
                seen[key] = "\(roi.id)\" in \"\(file)"
                do { placements.append(try GeometricRasterizer.place(roi, on: stack.geometry, file: file)) } catch {
                    failures.append(failure(error, file: file))
                }
            }
        }
        let needed = Set(placements.flatMap { Array($0.mask.planes) }).sorted()
        let (volume, planeFailures) = stack.decodePlanes(needed)
        var lesions: [LesionMeasurement] = []
        for p in placements {
            if let k = p.mask.planes.first(where: { planeFailures[$0] != nil }), let error = planeFailures[k] {
                failures.append(LesionFailure(lesionID: p.mask.label, file: p.mask.source.file, message: "cannot be measured: \(error)"))
                continue
            }
            do {
                let stats = try measureDensity(in: volume, mask: p.mask, options: options)
                let core = try p.mask.coreROI().map { try measureDensity(in: volume, mask: $0, options: options) }
                var flags: [String] = []
                if p.mask.extendsOutsideVolume || p.mask.touchesVolumeEdge(of: stack.geometry) { flags.append("incomplete") }
                if stats.voxelCount < thresholds.smallROIVoxels || stats.volumeML < thresholds.smallROIVolumeML { flags.append("small_roi") }
                if (stats.maximum ?? 0) > thresholds.metalHU { flags.append("metal_suspected") }
                if stats.paddingVoxelsExcluded > 0 { flags.append("padding_in_roi") }
                lesions.append(LesionMeasurement(mask: p.mask, statistics: stats, core: core,
                                                 voxelsOutsideVolume: p.voxelsOutsideVolume, flags: flags))
            } catch {
                failures.append(LesionFailure(lesionID: p.mask.label, file: p.mask.source.file, message: "cannot be measured: \(error)"))
            }
        }
        return TimePointMeasurement(stack: stack, path: path, warnings: warnings, lesions: lesions, failures: failures)
    }

    private static func failure(_ error: Error, file: String) -> LesionFailure {
        if let e = error as? ROIError { return LesionFailure(lesionID: e.lesion, file: e.file, message: e.message) }
        return LesionFailure(lesionID: nil, file: file, message: "\(error)")
    }
}

/// Lesion labels across time points (CONTRACT.md): compared lower-case with all white space removed.
public enum LesionMatching {
    /// The matching key of a label: "L1  Lytic" and "l1 lytic" give "l1lytic".
    public static func key(_ label: String) -> String {
        String(label.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
}
