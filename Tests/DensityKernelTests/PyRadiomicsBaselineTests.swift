import DensityKernel
import Foundation
import Testing
import VolumeModel
import _TestSupport

/// pyradiomics' published first-order baseline (../shared/data/radiomics_reference/pyradiomics,
/// `baseline_firstorder.csv`, column `brain1`: original image, no normalisation or resampling) on its
/// own test case brain1 (MR, 256 × 256 × 25 int16, label 1 = 4 137 voxels), read in place from the
/// NRRD files. Where pyradiomics' definitions agree with IBSI's (mean, population variance, median,
/// min, max, range, P10, P90 by numpy's linear interpolation, IQR, skewness, mean and robust mean
/// absolute deviation), the kernel must give the same numbers. Differences, documented in
/// pyradiomics' features.rst: its Kurtosis is not excess (IBSI's excess kurtosis = Kurtosis − 3), and
/// its RootMeanSquared / Energy add `voxelArrayShift` (2000 in the settings that made the baseline),
/// so they are not compared.
@Suite("pyradiomics first-order baseline", .enabled(if: SharedData.isAvailable, "../shared/data is absent: pyradiomics baseline test skipped"))
struct PyRadiomicsBaselineTests {
    /// Reads a gzip-encoded NRRD (little endian) as its header fields and raw bytes, decompressing
    /// with the system's gzip (tests only).
    static func nrrd(_ path: String) throws -> (fields: [String: String], bytes: Data) {
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let separator = Data("\n\n".utf8)
        let split = try #require(file.range(of: separator))
        let header = String(decoding: file[..<split.lowerBound], as: UTF8.self)
        var fields: [String: String] = [:]
        for line in header.split(separator: "\n") where line.contains(": ") {
            let parts = line.split(separator: ":", maxSplits: 1)
            fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc"]
        let input = Pipe(), output = Pipe()
        gzip.standardInput = input
        gzip.standardOutput = output
        try gzip.run()
        let payload = file[split.upperBound...]
        DispatchQueue.global().async {
            input.fileHandleForWriting.write(payload)
            try? input.fileHandleForWriting.close()
        }
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        return (fields, bytes)
    }

    @Test("brain1: every statistic whose definition agrees equals the baseline")
    func brain1() throws {
        let root = SharedData.data("radiomics_reference/pyradiomics/")
        let image = try Self.nrrd(root + "brain1_image.nrrd"), label = try Self.nrrd(root + "brain1_label.nrrd")
        #expect(image.fields["type"] == "short" && label.fields["type"] == "int" && image.fields["sizes"] == "256 256 25")
        let (nx, ny, nz) = (256, 256, 25)
        let voxels: [Int16] = image.bytes.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let labels: [Int32] = label.bytes.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) }
        #expect(voxels.count == nx * ny * nz && labels.count == nx * ny * nz)
        var planes: [Int: HUPlane] = [:]
        for z in 0..<nz {
            planes[z] = HUPlane(rows: ny, columns: nx, storage: .int16(Array(voxels[(z * nx * ny)..<((z + 1) * nx * ny)])), padding: nil)
        }
        let geometry = StackGeometry(rows: ny, columns: nx, imageOrientationPatient: [1, 0, 0, 0, -1, 0], pixelSpacing: (0.78125, 0.78125),
                                     planePositions: (0..<nz).map { PatientPoint(0, 0, Double($0) * 6.5) })
        let mask = LesionMask.build(label: "brain1", source: ROISource(kind: .seg, file: "brain1_label.nrrd"),
                                    candidates: VoxelBox(planes: 0..<nz, rows: 0..<ny, columns: 0..<nx)) { z, y, x in
            labels[(z * ny + y) * nx + x] == 1
        }
        let s = try measureDensity(in: HUVolume(geometry: geometry, planes: planes), mask: mask)
        // baseline_firstorder.csv, column brain1.
        #expect(s.voxelCount == 4137)
        let expected: [(String, Double?, Double)] = [
            ("Mean", s.mean, 825.2354363065023), ("Variance", s.variance, 24527.07920837261),
            ("Median", s.median, 812.0), ("Minimum", s.minimum, 468.0), ("Maximum", s.maximum, 1266.0),
            ("Range", s.range, 798.0), ("10Percentile", s.p10, 632.0), ("90Percentile", s.p90, 1044.4),
            ("InterquartileRange", s.interquartileRange, 253.0), ("Skewness", s.skewness, 0.27565085908587594),
            ("MeanAbsoluteDeviation", s.meanAbsoluteDeviation, 133.44726195252767),
            ("RobustMeanAbsoluteDeviation", s.robustMeanAbsoluteDeviation, 103.00138343026681),
            ("Kurtosis − 3", s.excessKurtosis, 2.1807729393860265 - 3),
        ]
        for (name, got, want) in expected {
            let value = try #require(got, "\(name) computed")
            #expect(abs(value - want) <= 1e-9 * max(1, abs(want)), "\(name): \(value) vs pyradiomics \(want)")
        }
    }
}
