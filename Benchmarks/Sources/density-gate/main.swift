// density-gate: the CI check of the density kernel (issue 4; performance.md §6).
//
//   swift run -c release --package-path Benchmarks density-gate
//
// 1. Exactness (never flaky): on a deterministic 512×512×64 synthetic slab and three masks (sphere
//    r = 15 mm, sphere r = 60 mm clipped to the slab, the whole slab), `measureDensity` must equal the
//    scalar reference `DensityReference.measure` (bit for bit on counts, volume, extremes,
//    percentiles and band fractions; 1e-9 on moments) and `measureMoments` must equal
//    `DensityReference.moments` exactly.
// 2. Ratio gates, never an absolute time: medians of per-pair ratios over interleaved pairs
//    measured in this process on the thread's CPU clock, whole slab (33.5 MB of HU + 16.8 MB of mask: larger than L3):
//    - moments pass (SIMD) vs the scalar moments loop: speed-up ≥ `minimumScalarSpeedup`;
//    - moments pass bytes/s (3 B/voxel) vs the streaming-read probe bytes/s (2 B/voxel):
//      ≥ `minimumProbeFraction`.
//    A failed gate is measured once more before the run fails. Times are printed for the log.
// Exit status: 0 pass, 1 a gate failed.
import BenchmarkSupport
import DensityKernel
import LesionROI
import VolumeModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gate thresholds: about two-thirds of what this build reached on the project's machine kind
/// (2-vCPU AMD EPYC Zen 4 KVM guest, Swift 6.3.1, DensityKernel built with `-target-cpu haswell`),
/// measured by this program (21 pairs, thread CPU time, six runs on one day with the machine shared
/// by several builds; issue 16):
/// - SIMD / scalar moments speed-up 10.0–12.0 → gate 7.0. A baseline x86-64 build (SSE2, no flag)
///   reached only 2.0–2.2 (wall clock), so losing the CPU flag or the vectorisation fails this gate.
/// - moments bytes/s / probe bytes/s 0.65–0.82 → gate 0.5 (issue 16's goal). The 8-lane kernel this
///   replaced measured 0.42–0.49 on the same clock and fails it.
/// Thread CPU time, not wall-clock time: with other processes on both cores, the 3 ms moments pass
/// was preempted far more often than the 1.5 ms probe, and wall-clock fractions of one build spread
/// from 0.19 to 0.8 between runs; CPU time still includes every memory stall.
let minimumScalarSpeedup = 7.0
let minimumProbeFraction = 0.5
let pairs = 21

func log(_ line: String) {
    print(line)
    fflush(nil)  // every stream: the log is read while the gate runs
}

func ms(_ s: Double) -> String { String(Int((s * 1e5).rounded())).paddingMilliseconds() }

extension String {
    /// Formats hundredths of a millisecond as "12.34 ms".
    func paddingMilliseconds() -> String {
        guard let v = Int(self) else { return self }
        let frac = abs(v % 100)
        return "\(v / 100).\(frac < 10 ? "0" : "")\(frac) ms"
    }
}

// `density-gate --peers DIR`: time the kernel on the peers' data (../shared/bench/gen_volume.py) for
// comparison with density_ref.c and density_numpy.py; prints figures only, gates nothing.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--peers" {
    comparePeers(directory: CommandLine.arguments[2])
    exit(0)
}

let slab = SyntheticCT(planes: 64)
let masks = [slab.sphereMask(radiusMM: 15), slab.sphereMask(radiusMM: 60), slab.wholeMask()]
log("density-gate: synthetic slab 512×512×64 (\(slab.planeCount * 512 * 512) voxels); \(pairs) interleaved pairs per ratio")

// 1. Exactness.
var exact = true
for mask in masks {
    do {
        let kernel = try measureDensity(in: slab.volume, mask: mask)
        let reference = try DensityReference.measure(in: slab.volume, mask: mask)
        let bad = disagreements(kernel, reference)
        let momentsAgree = try measureMoments(in: slab.volume, mask: mask) == DensityReference.moments(in: slab.volume, mask: mask)
        // The ROI and its core in one pass: equal to two separate calls.
        let core = mask.coreROI(minimumRetainedFraction: 0) ?? mask
        let both = try measureDensity(in: slab.volume, mask: mask, core: core)
        let coreAlone = try measureDensity(in: slab.volume, mask: core)
        let onePassAgrees = both.full == kernel && both.core == coreAlone
        let ok = bad.isEmpty && momentsAgree && onePassAgrees
        exact = exact && ok
        log("exactness \(mask.label): \(ok ? "ok" : "MISMATCH \(bad) moments equal: \(momentsAgree), one pass equal: \(onePassAgrees)") "
            + "(n = \(kernel.voxelCount), mean = \(kernel.mean ?? .nan), median = \(kernel.median ?? .nan))")
    } catch {
        exact = false
        log("exactness \(mask.label): error \(error)")
    }
}
guard exact else {
    log("FAIL: the kernel differs from the scalar reference")
    exit(1)
}

// 2. Ratio gates on the whole slab.
let whole = masks[2]
let voxels = Double(whole.box.voxelCount)

func measureRatios() -> (speedup: Double, fraction: Double) {
    let scalar = interleaved(pairs: pairs, clock: .threadCPU, { blackHole(try? measureMoments(in: slab.volume, mask: whole)) },
                             { blackHole(try? DensityReference.moments(in: slab.volume, mask: whole)) })
    log("  moments pass: SIMD \(ms(scalar.a)), scalar \(ms(scalar.b)); speed-up \(scalar.ratio) (gate ≥ \(minimumScalarSpeedup))")
    let probe = interleaved(pairs: pairs, clock: .threadCPU, { blackHole(try? measureMoments(in: slab.volume, mask: whole)) },
                            { blackHole(streamingSum(slab.volume, planes: whole.box.planes)) })
    // bytes/s ratio: (3 B · N / t_kernel) / (2 B · N / t_probe) = 1.5 · t_probe / t_kernel.
    let fraction = 1.5 * probe.ratio
    log("  moments pass \(ms(probe.a)) = \(gbps(3 * voxels, probe.a)) GB/s; streaming probe \(ms(probe.b)) = "
        + "\(gbps(2 * voxels, probe.b)) GB/s; fraction \(fraction) (gate ≥ \(minimumProbeFraction))")
    return (scalar.ratio, fraction)
}

func gbps(_ bytes: Double, _ seconds: Double) -> Double { (bytes / seconds / 1e7).rounded() / 100 }

func informational() {
    var histogram: [Int64] = []
    let full = interleaved(pairs: 7, clock: .threadCPU, { blackHole(try? measureDensity(in: slab.volume, mask: whole)) },
                           { blackHole(naturalScalarPass(slab.volume, mask: whole, histogram: &histogram)) })
    log("  (info) full kernel whole slab \(ms(full.a)) = \(Int(voxels / full.a / 1e6)) Mvox/s; natural scalar loop "
        + "\(ms(full.b)); speed-up \(full.ratio)")
    for mask in [masks[1], whole] {
        guard let core = mask.coreROI(minimumRetainedFraction: 0) else { continue }
        let pass = interleaved(pairs: 7, clock: .threadCPU,
                               { blackHole(try? measureDensity(in: slab.volume, mask: mask, core: core)) },
                               { blackHole(try? measureDensity(in: slab.volume, mask: mask)); blackHole(try? measureDensity(in: slab.volume, mask: core)) })
        log("  (info) ROI + core ROI \(mask.label): one pass \(ms(pass.a)), two passes \(ms(pass.b)); speed-up \(pass.ratio)")
    }
    let r15 = masks[0]
    let small = seconds { for _ in 0..<100 { blackHole(try? measureDensity(in: slab.volume, mask: r15)) } } / 100
    log("  (info) full kernel r15 (\(r15.box.voxelCount) box voxels): \(ms(small))")
}

var passed = false
for attempt in 1...2 {
    log("ratio gates, attempt \(attempt):")
    let (speedup, fraction) = measureRatios()
    passed = speedup >= minimumScalarSpeedup && fraction >= minimumProbeFraction
    if passed { break }
}
informational()
log(passed ? "PASS" : "FAIL: a ratio gate failed twice")
exit(passed ? 0 : 1)
