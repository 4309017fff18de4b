// swift-tools-version:6.1
// Benchmarks for LesionDensity's density kernel: its own package, so the product never depends on
// the benchmark harness (DESIGN.md "Modules"). Run from the repository root:
//   swift package --package-path Benchmarks benchmark          (package-benchmark suite)
//   swift run -c release --package-path Benchmarks density-gate  (CI: exactness + ratio gates)
//   swift run -c release --package-path Benchmarks series-bench  (series reading vs pydicom, issue 2)
//   swift run -c release --package-path Benchmarks registration-bench  (one lesion box: ours vs elastix)
import PackageDescription

/// The same CPU flags as the product's DensityKernel target (../Package.swift), so that the streaming
/// probe and the benchmark harness's own loops are compiled like the kernel they are compared with.
let cpuFlags: [SwiftSetting] = {
    #if arch(x86_64)
    return [.unsafeFlags(["-target-cpu", "haswell"])]
    #else
    return []
    #endif
}()

/// SwiftPM names a path dependency after its folder, which differs between checkouts (a worktree,
/// CI's fresh clone): take the name of the folder that holds this one.
let root: String = {
    let parts = "\(#filePath)".split(separator: "/")
    return parts.count >= 3 ? String(parts[parts.count - 3]) : "LesionDensity"
}()

let package = Package(
    name: "LesionDensityBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "DensityKernel", package: root), .product(name: "VolumeModel", package: root)],
            swiftSettings: cpuFlags
        ),
        .executableTarget(
            name: "density-gate",
            dependencies: [
                "BenchmarkSupport", .product(name: "DensityKernel", package: root), .product(name: "LesionROI", package: root),
            ],
            swiftSettings: cpuFlags
        ),
        .executableTarget(
            name: "series-bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "DICOMImport", package: root),
                .product(name: "SyntheticDICOM", package: root),
                .product(name: "VolumeModel", package: root),
            ]
        ),
        .executableTarget(
            name: "registration-bench",
            dependencies: [
                .product(name: "Registration", package: root),
                .product(name: "SyntheticPhantoms", package: root),
                .product(name: "VolumeModel", package: root),
            ]
        ),
        .executableTarget(
            name: "DensityBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "DensityKernel", package: root),
                .product(name: "Benchmark", package: "package-benchmark"),
            ],
            path: "Benchmarks/DensityBenchmarks",
            swiftSettings: cpuFlags,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
