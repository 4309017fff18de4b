import DICOMImport
import DensityKernel
import Foundation
import LesionROI
import ResponseClassifier
import ResultsModel
import VolumeModel

/// One lesion measured at one time point.
public struct LesionMeasurement: Sendable {
    public let mask: LesionMask
    public let statistics: DensityStatistics
    /// Statistics of the core ROI (eroded by one voxel in-plane), nil when it keeps < 50 %.
    public let core: DensityStatistics?
    /// ROI voxels beyond the volume (not measured).
    public let voxelsOutsideVolume: Int
    /// Flags known at one time point: `incomplete`, `small_roi`, `metal_suspected`, `padding_in_roi`,
    /// `resampled_roi`, `contours_off_plane`.
    public let flags: [ResponseFlag]
    /// How the ROI reached this time point when it was drawn on another one, else nil.
    public var carried: CarriedROI? = nil

    public var label: String { mask.label }

    /// The measurement as the results report it (source `propagated` when the ROI was carried here).
    public var result: MeasuredROI {
        MeasuredROI(label: label, source: carried.map { mask.source.propagated(fromStudyDate: $0.fromStudyDate) } ?? mask.source,
                    statistics: statistics, core: core, flags: flags)
    }
}

/// The lesions of one series (one time point): masks put on the grid, only the planes they touch
/// decoded, statistics computed.
public struct TimePointMeasurement: Sendable {
    public let stack: ImageStack
    public let path: String
    /// The stack's warnings, then problems with other files under the path (`unreadable_file`, `skipped_file`).
    public var warnings: [ResultWarning]
    public var lesions: [LesionMeasurement]
    public var failures: [LesionFailure]
    /// The decoded planes kept for pictures: every plane the ROIs touch when they total at most
    /// ``PlaneStreaming/keptPlaneBytes``, else only non-integer-HU ones (pictures decode the planes
    /// they show); nil when nothing was decoded.
    public var volume: HUVolume?

    /// Thresholds used for the one-time-point flags (Docs/Classification.md; DESIGN.md decisions).
    public struct FlagThresholds: Sendable {
        public var smallROIVoxels = 100
        public var smallROIVolumeML = 0.5
        public var metalHU = 3000.0
        public init() {}
    }

    /// Measures the ROIs of `roiFiles` (sphere/box JSON, SEG, RTSTRUCT) on `stack`.
    /// - Parameter keptPlaneBytes: the decoded planes are kept in ``volume`` when those the ROIs touch
    ///   hold at most this many bytes of HU (default ``PlaneStreaming/keptPlaneBytes``, 64 MiB).
    public static func measure(
        stack: ImageStack, path: String, roiFiles: [String], options: DensityOptions = .init(),
        thresholds: FlagThresholds = .init(), fileWarnings: [String] = [], coreRetainedFraction: Double = 0.5,
        fractionalThreshold: Double = 0.5, labelMaps: LabelMapOptions = .init(), keptPlaneBytes: Int = PlaneStreaming.keptPlaneBytes
    ) -> TimePointMeasurement {
        let placed = place(roiFiles, on: stack, fractionalThreshold: fractionalThreshold, labelMaps: labelMaps)
        return measure(stack: stack, path: path, placed: placed, options: options, thresholds: thresholds,
                       fileWarnings: fileWarnings, coreRetainedFraction: coreRetainedFraction, keptPlaneBytes: keptPlaneBytes)
    }

    /// ROI files put on a stack: the placements with distinct labels, the failures, the notes.
    struct Placed: Sendable {
        var placements: [ROIPlacement] = []
        var failures: [LesionFailure] = []
        var notes: [ResultWarning] = []
        /// The ROIs carried from another time point, by matching key.
        var carried: [String: CarriedROI] = [:]
        /// Keys of ROIs placed across two frames without any transform (`frame_of_reference_mismatch`).
        var mismatched: Set<String> = []
    }

    /// Puts every lesion of `roiFiles` on `stack`; a label that matches one already placed at this
    /// time point is a failure naming both sources.
    static func place(_ roiFiles: [String], on stack: ImageStack, fractionalThreshold: Double,
                      labelMaps: LabelMapOptions = .init()) -> Placed {
        var placed = Placed()
        var placements: [ROIPlacement] = []
        for file in roiFiles {
            do {
                for result in try ROIFiles.place(file: file, on: stack, fractionalThreshold: fractionalThreshold, labelMaps: labelMaps) {
                    switch result {
                    case .success(let p): placements.append(p); placed.notes += p.warnings.map(ResultWarning.init(rendered:)) + p.notes.map { ResultWarning(.roiNote, "\(file): \($0)") }
                    case .failure(let e): placed.failures.append(failure(e, file: file))
                    }
                }
            } catch {
                placed.failures.append(failure(error, file: file))
            }
        }
        var seen: [String: ROIPlacement] = [:]
        placed.placements = placements.filter { p in
            let key = LesionMatching.key(p.mask.label)
            if let other = seen[key] {
                placed.failures.append(LesionFailure(
                    lesionID: p.mask.label, file: p.mask.source.file,
                    message: "label matches lesion \"\(other.mask.label)\" of \(other.mask.source.file) at the same time point; labels must be distinct"))
                return false
            }
            seen[key] = p
            return true
        }
        return placed
    }

    /// Measures placed ROIs on `stack`, decoding only the planes they touch, each plane measured as it
    /// is decoded (``PlaneStreaming``).
    static func measure(
        stack: ImageStack, path: String, placed: Placed, options: DensityOptions, thresholds: FlagThresholds,
        fileWarnings: [String], coreRetainedFraction: Double, keptPlaneBytes: Int = PlaneStreaming.keptPlaneBytes
    ) -> TimePointMeasurement {
        let warnings = (stack.warnings + fileWarnings).map(ResultWarning.init(rendered:)) + placed.notes
        var failures = placed.failures
        let placements = placed.placements
        let pass = PlaneStreaming.measure(
            placements.map { ($0.mask, $0.mask.coreROI(minimumRetainedFraction: coreRetainedFraction)) }, on: stack, options: options,
            keptPlaneBytes: keptPlaneBytes)
        var lesions: [LesionMeasurement] = []
        for (p, result) in zip(placements, pass.statistics) {
            if let k = p.mask.planes.first(where: { pass.planeFailures[$0] != nil }), let error = pass.planeFailures[k] {
                failures.append(LesionFailure(lesionID: p.mask.label, file: p.mask.source.file, message: "cannot be measured: \(error)"))
                continue
            }
            do {
                let (stats, core) = try result.get()
                var flags: [ResponseFlag] = []
                if p.mask.extendsOutsideVolume || p.mask.touchesVolumeEdge(of: stack.geometry)
                    || p.mask.bordersMissingPlanes(of: stack.geometry) { flags.append(.incomplete) }
                if stats.voxelCount < thresholds.smallROIVoxels || stats.volumeML < thresholds.smallROIVolumeML { flags.append(.smallROI) }
                if (stats.maximum ?? 0) > thresholds.metalHU { flags.append(.metalSuspected) }
                if p.resampled { flags.append(.resampledROI) }
                flags += p.flags.compactMap(ResponseFlag.init(rawValue:))
                if stats.paddingVoxelsExcluded > 0 { flags.append(.paddingInROI) }
                lesions.append(LesionMeasurement(mask: p.mask, statistics: stats, core: core,
                                                 voxelsOutsideVolume: p.voxelsOutsideVolume, flags: flags,
                                                 carried: placed.carried[LesionMatching.key(p.mask.label)]))
            } catch {
                failures.append(LesionFailure(lesionID: p.mask.label, file: p.mask.source.file, message: "cannot be measured: \(error)"))
            }
        }
        return TimePointMeasurement(stack: stack, path: path, warnings: warnings, lesions: lesions, failures: failures, volume: pass.volume)
    }

    /// The same lesions measured again with other options (e.g. HU bands shifted by a reference
    /// ROI): on the planes already decoded when they were kept, else by reading them again
    /// (``PlaneStreaming/keptPlaneBytes``). Flags do not depend on the bands and are kept.
    func remeasured(options: DensityOptions, coreRetainedFraction: Double) -> TimePointMeasurement {
        let masks = lesions.map { ($0.mask, $0.mask.coreROI(minimumRetainedFraction: coreRetainedFraction)) }
        let results: [Result<(full: DensityStatistics, core: DensityStatistics?), DensityError>]
        if let volume, lesions.allSatisfy({ $0.mask.planes.allSatisfy { volume.planes[$0] != nil } }) {
            results = PlaneStreaming.measure(masks, in: volume, options: options)
        } else {
            results = PlaneStreaming.measure(masks, on: stack, options: options).statistics
        }
        var copy = self
        copy.lesions = []
        for (l, result) in zip(lesions, results) {
            do {
                let (stats, core) = try result.get()
                copy.lesions.append(LesionMeasurement(mask: l.mask, statistics: stats, core: core,
                                                      voxelsOutsideVolume: l.voxelsOutsideVolume, flags: l.flags, carried: l.carried))
            } catch {
                copy.failures.append(LesionFailure(lesionID: l.label, file: l.mask.source.file, message: "cannot be measured: \(error)"))
            }
        }
        return copy
    }

    /// The series as the results report it.
    public var result: SeriesMeasurementResult {
        SeriesMeasurementResult(seriesInstanceUID: stack.seriesInstanceUID, path: path, planes: stack.geometry.planeCount,
                                warnings: warnings, lesions: lesions.map(\.result), failures: failures)
    }

    private static func failure(_ error: Error, file: String) -> LesionFailure {
        if let e = error as? ROIError { return LesionFailure(lesionID: e.lesion, file: e.file, message: e.message) }
        return LesionFailure(lesionID: nil, file: file, message: "\(error)")
    }
}

/// Lesion labels across time points (Docs/Outputs.md): compared lower-case with all white space removed.
public enum LesionMatching {
    /// The matching key of a label: "L1  Lytic" and "l1 lytic" give "l1lytic".
    public static func key(_ label: String) -> String {
        String(label.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
}
