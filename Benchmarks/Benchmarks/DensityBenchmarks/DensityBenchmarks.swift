// The density kernel's benchmark suite (ordo-one package-benchmark):
//   swift package --package-path Benchmarks benchmark
// One deterministic 512×512×300 synthetic volume generated in memory (SyntheticCT), three masks as
// in performance.md §2: sphere r = 15 mm, sphere r = 60 mm, the whole volume. For each: the kernel
// (`measureDensity`), its moments pass (`measureMoments`), the scalar reference beside them
// (`DensityReference.measure` on the spheres — it sorts every value — and the natural scalar loop
// with a histogram plus `DensityReference.moments` on all three), and the streaming-read probe over
// the planes of the mask's box. Throughput is calls/s: × box voxels (in the kernel's name) for
// voxels/s, × 3 B for GB/s of HU + mask (× 2 B per plane voxel for the probe).
import Benchmark
import BenchmarkSupport
import DensityKernel
import VolumeModel

let benchmarks: @Sendable () -> Void = {
    let ct = SyntheticCT(planes: 300)
    let masks = [("r15", ct.sphereMask(radiusMM: 15)), ("r60", ct.sphereMask(radiusMM: 60)), ("whole", ct.wholeMask())]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 2,
        scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 200)

    for (name, mask) in masks {
        let voxels = mask.box.voxelCount
        let config = Benchmark.Configuration(scalingFactor: .one, maxIterations: name == "whole" ? 15 : 200)
        Benchmark("kernel \(name) (\(voxels) box voxels)", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { Benchmark.blackHole(try? measureDensity(in: ct.volume, mask: mask)) }
        }
        Benchmark("moments pass \(name)", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { Benchmark.blackHole(try? measureMoments(in: ct.volume, mask: mask)) }
        }
        Benchmark("scalar moments \(name)", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { Benchmark.blackHole(try? DensityReference.moments(in: ct.volume, mask: mask)) }
        }
        Benchmark("natural scalar loop + histogram \(name)", configuration: config) { benchmark in
            var histogram: [Int64] = []
            for _ in benchmark.scaledIterations {
                histogram.removeAll(keepingCapacity: false)
                Benchmark.blackHole(naturalScalarPass(ct.volume, mask: mask, histogram: &histogram))
            }
        }
        if name != "whole" {
            Benchmark("scalar reference (sorting) \(name)", configuration: config) { benchmark in
                for _ in benchmark.scaledIterations { Benchmark.blackHole(try? DensityReference.measure(in: ct.volume, mask: mask)) }
            }
        }
        Benchmark("streaming probe, planes of \(name)", configuration: config) { benchmark in
            for _ in benchmark.scaledIterations { Benchmark.blackHole(streamingSum(ct.volume, planes: mask.box.planes)) }
        }
    }
}
