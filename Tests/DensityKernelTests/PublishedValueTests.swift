import Testing
import VolumeModel
@testable import DensityKernel

/// Statistics checked against values computed outside this code: published references and cases.
@Suite struct PublishedValueTests {
    /// The IBSI-1 digital phantom (5×4×4 voxels, 2 mm isotropic; ../shared/data/ibsi/digital_phantom,
    /// MANIFEST.md §2b), decoded once from `nifti/image/phantom.nii.gz` and `nifti/mask/mask.nii.gz`
    /// with nibabel and written here plane by plane (NIfTI axis z = plane, y = row, x = column).
    static let phantomValues: [[Int16]] = [
        [1, 4, 4, 1, 1, 1, 4, 6, 1, 1, 4, 1, 6, 4, 1, 4, 4, 6, 4, 1],
        [1, 4, 4, 1, 1, 1, 1, 6, 1, 1, 1, 1, 3, 1, 1, 4, 4, 6, 1, 1],
        [1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 6, 1, 1],
        [1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 1, 1],
    ]
    static let phantomMask: [[UInt8]] = [
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    ]

    /// IBSI reference values of the digital phantom (ibsi/reference/ibsi1_intensity_statistics_reference.csv,
    /// rows `dig. phantom`), each checked to the precision it is printed with.
    @Test func ibsiDigitalPhantom() throws {
        let volume = Fixtures.volume(
            rows: 4, columns: 5, planes: Self.phantomValues.map { .int16($0) }, pixelSpacing: (2, 2), sliceGap: 2)
        let mask = Fixtures.mask(
            VoxelBox(planes: 0..<4, rows: 0..<4, columns: 0..<5), Self.phantomMask.flatMap { $0 })
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == 74)
        #expect(close(s.volumeML, 74 * 8 / 1000))
        #expect(matchesPrinted(s.mean, 2.15, decimals: 2))                           // Q4LE
        #expect(matchesPrinted(s.variance, 3.05, decimals: 2))                       // ECT3
        #expect(matchesPrinted(s.skewness, 1.08, decimals: 2))                       // KE2A
        #expect(matchesPrinted(s.excessKurtosis, -0.355, decimals: 3))               // IPH6
        #expect(s.median == 1)                                                       // Y12H
        #expect(s.minimum == 1)                                                      // 1GSF
        #expect(s.p10 == 1)                                                          // QG58
        #expect(s.p90 == 4)                                                          // 8DWT
        #expect(s.maximum == 6)                                                      // 84IY
        #expect(s.interquartileRange == 3)                                           // SALO
        #expect(s.range == 5)                                                        // 2OJQ
        #expect(matchesPrinted(s.meanAbsoluteDeviation, 1.55, decimals: 2))          // 4FUA
        #expect(matchesPrinted(s.robustMeanAbsoluteDeviation, 1.11, decimals: 2))    // 1128
        #expect(matchesPrinted(s.medianAbsoluteDeviation, 1.15, decimals: 2))        // N72L
        #expect(matchesPrinted(s.coefficientOfVariation, 0.812, decimals: 3))        // 7TET
        #expect(matchesPrinted(s.quartileCoefficientOfDispersion, 0.6, decimals: 1)) // 9S40
        #expect(matchesPrinted(s.energy, 567, decimals: 0))                          // N8CA
        #expect(matchesPrinted(s.rootMeanSquare, 2.77, decimals: 2))                 // 5ZWQ
    }

    /// ../shared/cases/17-stat-definitions: a 5-voxel ROI of 10, 20, 30, 40, 400 HU, voxel volume 2 mm³
    /// (expected.json; its DICOM input is not read here — this checks the definitions the case names:
    /// population vs sample SD, type-7 percentiles, excess kurtosis). The remaining IBSI features are
    /// worked by hand in the comments.
    @Test func case17StatDefinitions() throws {
        let (volume, mask) = Fixtures.row([10, 20, 30, 40, 400], extent: 2)
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == 5)
        #expect(close(s.volumeML, 0.010))
        #expect(s.mean == 100)
        #expect(close(s.standardDeviation, 150.332964, 1e-8))
        #expect(close(s.sampleStandardDeviation, 168.077363, 1e-8))
        #expect(s.median == 30)
        #expect(close(s.p10, 14))
        #expect(s.p25 == 20)
        #expect(s.p75 == 40)
        #expect(close(s.p90, 256))
        #expect(s.minimum == 10 && s.maximum == 400)
        #expect(close(s.skewness, 1.483433, 1e-6))
        #expect(close(s.excessKurtosis, 0.227951, 1e-6))
        // P5 = 10 + 0.2·10 = 12; P95 = 40 + 0.8·360 = 328.
        #expect(close(s.p5, 12))
        #expect(close(s.p95, 328))
        // |X − 100| = 90, 80, 70, 60, 300 → 600 / 5.
        #expect(close(s.meanAbsoluteDeviation, 120))
        // P10..P90 = [14, 256] keeps 20, 30, 40 (mean 30): (10 + 0 + 10) / 3.
        #expect(close(s.robustMeanAbsoluteDeviation, 20.0 / 3))
        // |X − 30| = 20, 10, 0, 10, 370 → 410 / 5.
        #expect(close(s.medianAbsoluteDeviation, 82))
        #expect(close(s.coefficientOfVariation, 1.50332964, 1e-8))
        #expect(close(s.quartileCoefficientOfDispersion, 20.0 / 60))
        #expect(s.energy == 163_000)
        #expect(close(s.rootMeanSquare, (163_000.0 / 5).squareRoot()))
        #expect(s.fractionLytic == 0.8 && s.fractionIntermediate == 0 && s.fractionSclerotic == 0.2)
        #expect(s.fractionDense == 0)
    }
}
