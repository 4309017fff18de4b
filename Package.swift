// swift-tools-version:6.0
// LesionDensity: density change of bone metastases between two CT scans.
// Layout and dependency direction: ../shared/DESIGN.md ("Modules and the way data flows").
import PackageDescription

/// DCMTK is linked by library name: Debian's dcmtk.pc names private requirements that are not
/// installed, so a pkg-config lookup fails (DESIGN.md).
let dcmtkLibraries: [LinkerSetting] = [
    "dcmseg", "dcmfg", "dcmiod", "dcmrt", "dcmect", "dcmjpls", "dcmtkcharls", "dcmjpeg",
    "ijg8", "ijg12", "ijg16", "dcmimage", "dcmimgle", "dcmdata", "oflog", "ofstd", "z", "stdc++",
].map { .linkedLibrary($0) }

/// What CDICOMExportBridge links, by name as above.
let dicomExportLibraries: [LinkerSetting] = [
    "cmr", "dcmsr", "dcmseg", "dcmfg", "dcmiod", "dcmdata", "oflog", "ofstd", "z", "stdc++",
].map { .linkedLibrary($0) }

/// What CDICOMNetBridge links (dcmnet's DcmSCU, dcmtls's DcmTLSTransportLayer over OpenSSL), by name as above.
let dicomNetworkLibraries: [LinkerSetting] = [
    "dcmtls", "ssl", "crypto", "dcmnet", "dcmdata", "oflog", "ofstd", "z", "stdc++",
].map { .linkedLibrary($0) }

/// DensityKernel's hot loop is written with Swift SIMD types; without an explicit CPU, swiftc targets
/// baseline x86-64 (SSE2), which lacks the 16→32-bit widening and 32-bit min/max that loop needs.
/// On an x86_64 host the target is built for Haswell (AVX2, 2013 on); see the decision and the
/// measurements in Sources/DensityKernel/Int16Kernel.swift. Other hosts (arm64) get no flag.
/// DICOMImport gets the same flag: its stored-word → HU loop (ModalityTransform) needs the same
/// 32-bit min/max to vectorise (scalar at baseline x86-64; README "Performance").
let densityKernelSettings: [SwiftSetting] = {
    #if arch(x86_64)
    return [.unsafeFlags(["-target-cpu", "haswell"])]
    #else
    return []
    #endif
}()

/// ITK 5.2 (Debian libinsighttoolkit5-dev) is linked by library name, the smallest set that links
/// CITKBridge's rigid registration (found by linking). Its headers sit in a versioned folder.
let itkLibraries: [LinkerSetting] = [
    "ITKRegistrationMethodsv4-5.2", "ITKSmoothing-5.2", "ITKOptimizersv4-5.2", "ITKTransform-5.2", "ITKCommon-5.2",
    "itkvnl_algo-5.2", "itkvnl-5.2", "stdc++",
].map { .linkedLibrary($0) }

/// CITKBridge is compiled optimised even in debug builds (ITK's templates at -O0 make a
/// registration ~10× slower, and tests register many boxes); its ITK templates are instantiated in
/// one .cpp so the build compiles ITK's headers once.
let itkBridgeSettings: [CXXSetting] = [.unsafeFlags(["-O2", "-isystem", "/usr/include/ITK-5.2"])]

let package = Package(
    name: "LesionDensity",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lesion-density", targets: ["lesion-density"]),
        .library(name: "LesionAnalysis", targets: ["LesionAnalysis"]),
        .library(name: "DensityKernel", targets: ["DensityKernel"]),
        .library(name: "VolumeModel", targets: ["VolumeModel"]),
        .library(name: "DICOMImport", targets: ["DICOMImport"]),
        .library(name: "LesionROI", targets: ["LesionROI"]),
        .library(name: "ResponseClassifier", targets: ["ResponseClassifier"]),
        .library(name: "ResultsModel", targets: ["ResultsModel"]),
        // For Tests/Fuzz (its label-map targets).
        .library(name: "LabelMapImport", targets: ["LabelMapImport"]),
        // Fixture and bench writers (synthetic DICOM through DCMTK) for tests, generate-fixtures and Benchmarks.
        .library(name: "SyntheticDICOM", targets: ["SyntheticDICOM"]),
        .library(name: "Registration", targets: ["Registration"]),
        .library(name: "DICOMNetwork", targets: ["DICOMNetwork"]),
        // The synthetic trunk of the registration tests and benchmarks (pure Swift, analytic).
        .library(name: "SyntheticPhantoms", targets: ["SyntheticPhantoms"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // MARK: - Pure Swift model and algorithms (no DCMTK, no file system)
        .target(name: "VolumeModel"),
        .target(name: "LesionROI", dependencies: ["VolumeModel"]),
        .target(name: "DensityKernel", dependencies: ["VolumeModel"], swiftSettings: densityKernelSettings),
        .target(name: "ResponseClassifier", dependencies: ["VolumeModel"]),
        // The output contract: typed results, key tables, JSON/CSV writers and readers, merge.
        .target(name: "ResultsModel", dependencies: ["VolumeModel", "DensityKernel", "ResponseClassifier"]),

        // MARK: - DICOM through DCMTK
        .target(
            name: "CDICOMBridge",
            linkerSettings: dcmtkLibraries
        ),
        .target(name: "DICOMImport", dependencies: ["CDICOMBridge", "VolumeModel"], swiftSettings: densityKernelSettings),
        // DICOMExport's own bridge (SR TID 1500 through dcmsr/cmr, SEG through dcmseg, REG through dcmdata).
        .target(name: "CDICOMExportBridge", linkerSettings: dicomExportLibraries),
        .target(
            name: "DICOMExport",
            dependencies: ["CDICOMExportBridge", "VolumeModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // DICOMNetwork's own bridge: C-ECHO, C-FIND, C-GET (storage SCP on the same association), C-STORE through dcmnet.
        .target(name: "CDICOMNetBridge", linkerSettings: dicomNetworkLibraries),
        .target(name: "DICOMNetwork", dependencies: ["CDICOMNetBridge"]),

        // MARK: - Label maps: NIfTI through libnifti2, NRRD through teem (LabelMapImport is the one owner of both)
        // nifti2_io.h includes <znzlib.h>, which Debian installs beside it in include/nifti.
        .target(name: "CNIfTIBridge", cSettings: [.unsafeFlags(["-I/usr/include/nifti"])],
                linkerSettings: ["nifti2", "znz", "z", "m"].map { .linkedLibrary($0) }),
        .target(name: "CNRRDBridge", linkerSettings: [.linkedLibrary("teem"), .linkedLibrary("m")]),
        .target(name: "LabelMapImport", dependencies: ["CNIfTIBridge", "CNRRDBridge", "VolumeModel"]),

        // MARK: - Registration through ITK (CITKBridge's only importer is Registration)
        .target(name: "CITKBridge", cxxSettings: itkBridgeSettings, linkerSettings: itkLibraries),
        .target(name: "Registration", dependencies: ["CITKBridge", "VolumeModel"]),

        // MARK: - PNG through libpng's simplified API (CPNGBridge is the only C importer of png.h)
        .systemLibrary(name: "CLibPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .target(name: "CPNGBridge", dependencies: ["CLibPNG"]),

        // MARK: - Text of the panels through Cairo (CCairoBridge is the only C importer of cairo.h)
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev", "fonts-dejavu-core"])]),
        .target(name: "CCairoBridge", dependencies: ["CCairo"]),

        // MARK: - Pictures (PNG panels with Cairo text) and report.html
        .target(name: "ReportWriters", dependencies: ["VolumeModel", "DensityKernel", "ResponseClassifier", "ResultsModel", "CPNGBridge", "CCairoBridge"]),

        // MARK: - Workflows and the command line
        .target(
            name: "LesionAnalysis",
            dependencies: [
                "DICOMImport", "DICOMExport", "DICOMNetwork", "LabelMapImport", "Registration", "VolumeModel", "LesionROI", "DensityKernel",
                "ResponseClassifier", "ResultsModel", "ReportWriters",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .executableTarget(
            name: "lesion-density",
            dependencies: [
                "LesionAnalysis", "DICOMNetwork", "ResultsModel", "ResponseClassifier", "ReportWriters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Test support, fixture generator and tests
        .target(name: "SyntheticDICOM", dependencies: ["DICOMImport"]),
        // Optimised even in debug builds: the synthetic phantoms are sampled voxel by voxel (millions
        // of analytic evaluations per registration test), ~20× slower at -Onone.
        .target(name: "SyntheticPhantoms", dependencies: ["VolumeModel"], swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "_TestSupport", dependencies: ["DICOMImport", "SyntheticDICOM", "SyntheticPhantoms", "VolumeModel"],
                swiftSettings: [.unsafeFlags(["-O"])]),
        .testTarget(name: "RegistrationTests", dependencies: ["Registration", "LesionROI", "VolumeModel", "SyntheticPhantoms"]),
        .executableTarget(name: "generate-fixtures", dependencies: ["_TestSupport"]),
        .testTarget(name: "VolumeModelTests", dependencies: ["VolumeModel"]),
        .testTarget(name: "DICOMImportTests", dependencies: ["DICOMImport", "_TestSupport"], resources: [.copy("Resources")]),
        .testTarget(name: "LesionROITests", dependencies: ["LesionROI", "_TestSupport"]),
        .testTarget(name: "LabelMapImportTests", dependencies: ["LabelMapImport", "LesionAnalysis", "DICOMImport", "LesionROI", "VolumeModel", "_TestSupport"]),
        .testTarget(name: "DensityKernelTests", dependencies: ["DensityKernel", "_TestSupport"]),
        .testTarget(name: "ResponseClassifierTests", dependencies: ["ResponseClassifier", "VolumeModel"]),
        .testTarget(name: "ResultsModelTests", dependencies: ["ResultsModel", "DensityKernel", "ResponseClassifier", "VolumeModel"]),
        .testTarget(name: "ReportWritersTests", dependencies: ["ReportWriters", "VolumeModel", "ResponseClassifier", "_TestSupport"]),
        .testTarget(name: "DICOMExportTests", dependencies: ["DICOMExport", "_TestSupport"]),
        .testTarget(name: "DICOMNetworkTests", dependencies: ["DICOMNetwork", "_TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["lesion-density", "DICOMNetwork", "_TestSupport"]),
        .testTarget(name: "LesionAnalysisTests", dependencies: ["LesionAnalysis", "DICOMNetwork", "ResultsModel", "ResponseClassifier", "DensityKernel", "VolumeModel", "ReportWriters", "_TestSupport"],
                    exclude: ["Golden"]),  // read by path (#filePath), not bundled
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
