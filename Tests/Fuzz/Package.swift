// swift-tools-version:6.0
// libFuzzer targets for LesionDensity's input readers: their own package (like Benchmarks/), so the
// product never links libFuzzer. Built and run by Tests/Fuzz/run.sh SECONDS (CI: .ci/run, stage
// "fuzzing"), with the Swift code instrumented for coverage (-sanitize-coverage) and AddressSanitizer,
// the C++ bridge with -fsanitize=fuzzer-no-link,address, and libFuzzer's driver linked without its
// main (libclang_rt.fuzzer_no_main): `lesion-fuzz` calls LLVMFuzzerRunDriver itself and picks the
// target from LESION_FUZZ_TARGET. Targets: Tests/Fuzz/README.md.
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between checkouts (a worktree,
/// CI's fresh clone): take the name of the folder that holds Tests/.
let root: String = {
    let parts = "\(#filePath)".split(separator: "/")
    return parts.count >= 4 ? String(parts[parts.count - 4]) : "LesionDensity"
}()

let package = Package(
    name: "LesionDensityFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "lesion-fuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "DICOMImport", package: root),
                .product(name: "LabelMapImport", package: root),
                .product(name: "ResultsModel", package: root),
                .product(name: "ResponseClassifier", package: root),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
