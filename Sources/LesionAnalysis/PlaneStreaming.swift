import DICOMImport
import DensityKernel
import Foundation
import VolumeModel

/// Lesions measured plane by plane while the planes are decoded (``ImageStack/decodePlanes(_:visit:)``
/// with one ``DensityAccumulator`` per lesion and worker): each plane is measured for every lesion
/// whose box it crosses as soon as it is decoded, on the core that decoded it, and kept afterwards
/// only when the planes the ROIs touch total at most ``keptPlaneBytes``. So a box over a whole
/// 300 × 512² series reads, converts and measures in the memory of a few planes per core (the HU
/// volume is never built), and the kernel runs on both cores beside the reads (issue 16, step 2).
/// Statistics equal one pass over the decoded volume bit for bit (``DensityAccumulator``).
public enum PlaneStreaming {
    /// Decoded planes are kept (for pictures and a re-measurement with shifted bands) when those the
    /// ROIs touch hold at most this many bytes of HU: 64 MiB, 128 planes of 512 × 512 `Int16`, more
    /// than any lesion ROI. Beyond it (a box over the whole series) no plane is kept; pictures then
    /// decode the few planes they show, and a re-measurement reads the files again.
    public static let keptPlaneBytes = 64 << 20

    /// What one measuring pass produced.
    struct Outcome {
        /// Per lesion (in the order given): the ROI and core ROI statistics, or the error that stopped
        /// the lesion's measurement.
        var statistics: [Result<(full: DensityStatistics, core: DensityStatistics?), DensityError>]
        /// The kept planes (every decoded plane, or only non-integer-HU ones; see ``keptPlaneBytes``).
        var volume: HUVolume
        /// Planes that failed to decode, by index.
        var planeFailures: [Int: DICOMError]
    }

    /// Lesions measured together in one streaming pass: their accumulators (two 32–128 KiB
    /// histograms per lesion and worker) are all live until the pass ends, so a label map split
    /// into hundreds of components is measured in passes of this many lesions.
    static let lesionsPerPass = 32

    /// Measures `lesions` (ROI, core ROI) on `stack`, decoding each plane they touch once per pass of
    /// ``lesionsPerPass`` lesions. When the planes are kept anyway and there are more lesions than one
    /// pass holds, the planes are decoded once and the lesions measured one after the other.
    static func measure(
        _ lesions: [(mask: LesionMask, core: LesionMask?)], on stack: ImageStack, options: DensityOptions,
        keptPlaneBytes: Int = keptPlaneBytes
    ) -> Outcome {
        let needed = planes(of: lesions)
        let planeBytes = stack.geometry.rows * stack.geometry.columns * MemoryLayout<Int16>.size
        let keepAll = needed.count * planeBytes <= keptPlaneBytes
        if keepAll && lesions.count > lesionsPerPass {
            let (volume, planeFailures) = stack.decodePlanes(needed)
            return Outcome(statistics: measure(lesions, in: volume, options: options), volume: volume, planeFailures: planeFailures)
        }
        var outcome: Outcome?
        for first in stride(from: 0, to: Swift.max(1, lesions.count), by: lesionsPerPass) {
            let group = Array(lesions[first..<Swift.min(lesions.count, first + lesionsPerPass)])
            let pass = stream(group, planes: planes(of: group), on: stack, options: options, keep: keepAll)
            guard var merged = outcome else { outcome = pass; continue }
            merged.statistics += pass.statistics
            merged.volume.planes.merge(pass.volume.planes) { a, _ in a }
            merged.planeFailures.merge(pass.planeFailures) { a, _ in a }
            outcome = merged
        }
        return outcome!
    }

    /// Measures `lesions` one after the other on planes already decoded into `volume`.
    static func measure(
        _ lesions: [(mask: LesionMask, core: LesionMask?)], in volume: HUVolume, options: DensityOptions
    ) -> [Result<(full: DensityStatistics, core: DensityStatistics?), DensityError>] {
        lesions.map { l in
            Result { () throws(DensityError) in try DensityAccumulator(mask: l.mask, core: l.core, options: options).finish(volume: volume) }
        }
    }

    /// The planes the lesions' boxes (ROI and core) cross, ascending.
    private static func planes(of lesions: [(mask: LesionMask, core: LesionMask?)]) -> [Int] {
        Set(lesions.flatMap { [$0.mask.box.planes, $0.core?.box.planes ?? 0..<0].joined() }).sorted()
    }

    /// One streaming pass: every plane of `needed` decoded once and measured at once for each lesion
    /// it crosses; kept when `keep` (or when it holds non-integer HU, measured in plane order later).
    private static func stream(
        _ lesions: [(mask: LesionMask, core: LesionMask?)], planes needed: [Int], on stack: ImageStack,
        options: DensityOptions, keep: Bool
    ) -> Outcome {
        let fresh = lesions.map { DensityAccumulator(mask: $0.mask, core: $0.core, options: options) }
        let workers = (0..<ImageStack.decodeWorkerLimit).map { _ in WorkerAccumulators(fresh) }
        let (volume, planeFailures) = stack.decodePlanes(needed) { worker, k, plane in
            workers[worker].add(plane: k, plane) || keep
        }
        var statistics: [Result<(full: DensityStatistics, core: DensityStatistics?), DensityError>] = []
        for j in lesions.indices {
            var merged = fresh[j]
            var failed: DensityError?
            for w in workers {
                merged.merge(w.accumulators[j])
                if let e = w.errors[j], failed == nil { failed = e }
            }
            if let failed {
                statistics.append(.failure(failed))
                continue
            }
            statistics.append(Result { () throws(DensityError) in try merged.finish(volume: volume) })
        }
        return Outcome(statistics: statistics, volume: volume, planeFailures: planeFailures)
    }
}

/// One decoding worker's accumulators (touched only by that worker while decoding).
private final class WorkerAccumulators: @unchecked Sendable {
    var accumulators: [DensityAccumulator]
    /// The first error per lesion.
    var errors: [Int: DensityError] = [:]

    init(_ fresh: [DensityAccumulator]) { accumulators = fresh }

    /// Measures plane `k` for every lesion it crosses; returns true when a lesion needs the plane kept
    /// (a non-integer-HU plane, measured later in plane order).
    func add(plane k: Int, _ plane: HUPlane) -> Bool {
        var keep = false
        for j in accumulators.indices where errors[j] == nil && accumulators[j].touches(plane: k) {
            do throws(DensityError) {
                if try !accumulators[j].add(plane: k, plane) { keep = true }
            } catch {
                errors[j] = error
            }
        }
        return keep
    }
}
