import BenchmarkSupport
import DensityKernel

/// Times the kernel on the peers' data set: median of 3 runs × 11 timed repetitions, like
/// density_ref.c's figures (performance.md §2), throughput per bounding-box voxel. Wall-clock times
/// (as density_ref.c reports) plus the full kernel's thread CPU time (robust to a busy machine).
func comparePeers(directory: String) {
    guard let volume = PeerData.volume(directory: directory) else {
        log("no vol.i16 in \(directory): run ../shared/bench/gen_volume.py first")
        return
    }
    for name in ["r15", "r60", "all"] {
        guard let mask = PeerData.mask(directory: directory, name: name) else { continue }
        let voxels = Double(mask.box.voxelCount)
        func time(_ clock: TimingClock, _ body: () -> Void) -> Double {
            body()
            return median((0..<3).map { _ in median((0..<11).map { _ in seconds(on: clock, body) }) })
        }
        let full = time(.wall) { blackHole(try? measureDensity(in: volume, mask: mask)) }
        let fullCPU = time(.threadCPU) { blackHole(try? measureDensity(in: volume, mask: mask)) }
        let moments = time(.wall) { blackHole(try? measureMoments(in: volume, mask: mask)) }
        let probe = time(.wall) { blackHole(streamingSum(volume, planes: mask.box.planes)) }
        let s = try? measureDensity(in: volume, mask: mask)
        log("mask=\(name) bbox_vox=\(mask.box.voxelCount) full_kernel_ms=\(full * 1e3) Mvox/s=\(Int(voxels / full / 1e6)) "
            + "moments_ms=\(moments * 1e3) GB/s=\(gbps(3 * voxels, moments)) probe_planes_ms=\(probe * 1e3) "
            + "full_kernel_cpu_ms=\(fullCPU * 1e3)")
        log("  check: n=\(s?.voxelCount ?? 0) mean=\(s?.mean ?? .nan) sd=\(s?.standardDeviation ?? .nan) "
            + "min=\(s?.minimum ?? .nan) max=\(s?.maximum ?? .nan) p10=\(s?.p10 ?? .nan) p25=\(s?.p25 ?? .nan) "
            + "p50=\(s?.median ?? .nan) p75=\(s?.p75 ?? .nan) p90=\(s?.p90 ?? .nan)")
    }
}
