import Testing
import VolumeModel
@testable import DensityKernel

/// Small inputs whose statistics are worked out by hand in the comments.
@Suite struct HandComputedTests {
    /// CONTRACT.md's band edges: lytic < 100, intermediate 100…350 inclusive, sclerotic > 350,
    /// dense ≥ 1000 (inside sclerotic), metal > 3000.
    @Test func bandEdgesAreInclusiveAsContracted() throws {
        let (volume, mask) = Fixtures.row([99, 100, 350, 351, 999, 1000, 3000, 3001])
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.fractionLytic == 1.0 / 8)         // 99
        #expect(s.fractionIntermediate == 2.0 / 8)  // 100, 350
        #expect(s.fractionSclerotic == 5.0 / 8)     // 351 … 3001
        #expect(s.fractionDense == 3.0 / 8)         // 1000, 3000, 3001
        #expect(s.voxelsAboveMetalThreshold == 1)   // 3001
    }

    @Test func customBandsAreUsed() throws {
        let (volume, mask) = Fixtures.row([0, 50, 60, 200])
        let s = try measureDensity(
            in: volume, mask: mask, options: DensityOptions(lyticBelow: 55, scleroticAbove: 60, denseFrom: 200, metalAbove: 199))
        #expect(s.fractionLytic == 0.5 && s.fractionIntermediate == 0.25 && s.fractionSclerotic == 0.25)
        #expect(s.fractionDense == 0.25 && s.voxelsAboveMetalThreshold == 1)
    }

    /// Padding voxels and voxels outside the re-segmentation range are excluded and counted apart;
    /// padding is counted first (a padding voxel outside the range is padding).
    @Test func paddingAndResegmentation() throws {
        // Row of 10: values 1…10; padding at columns 0 and 9; mask excludes column 5.
        let values: [Int16] = [-2000, 2, 3, 4, 5, 6, 7, 8, 9, -2000]
        let padding: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        let volume = Fixtures.volume(rows: 1, columns: 10, planes: [.int16(values)], padding: [padding])
        let mask = Fixtures.mask(
            VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<10), [1, 1, 1, 1, 1, 0, 1, 1, 1, 1])
        let all = try measureDensity(in: volume, mask: mask)
        #expect(all.paddingVoxelsExcluded == 2 && all.resegmentedVoxelsExcluded == 0)
        #expect(all.voxelCount == 7 && all.minimum == 2 && all.maximum == 9)  // 2,3,4,5,7,8,9
        let ranged = try measureDensity(
            in: volume, mask: mask, options: DensityOptions(resegmentationRange: 3.5...8))
        #expect(ranged.paddingVoxelsExcluded == 2 && ranged.resegmentedVoxelsExcluded == 3)  // 2, 3, 9
        #expect(ranged.voxelCount == 4 && ranged.mean == 6)  // 4, 5, 7, 8
        #expect(ranged.volumeML == 0.004)
    }

    /// Non-integer HU (a fractional slope) keep their exact values.
    @Test func float64Plane() throws {
        let volume = Fixtures.volume(rows: 2, columns: 2, planes: [.float64([0.5, 1.25, 2.5, 100.75])])
        let s = try measureDensity(in: volume, mask: Fixtures.fullMask(VoxelBox(planes: 0..<1, rows: 0..<2, columns: 0..<2)))
        #expect(s.mean == 26.25)                  // 105 / 4
        #expect(s.median == 1.875)                // (1.25 + 2.5) / 2
        #expect(close(s.p10, 0.5 + 0.3 * 0.75))   // h = 0.3
        #expect(s.fractionLytic == 0.75 && s.fractionIntermediate == 0.25)
    }

    /// An integer plane and a fractional plane in one ROI: one merged distribution.
    @Test func mixedPlanes() throws {
        let volume = Fixtures.volume(rows: 1, columns: 2, planes: [.int16([1, 4]), .float64([2.5, 3.5])], sliceGap: 2)
        let s = try measureDensity(in: volume, mask: Fixtures.fullMask(VoxelBox(planes: 0..<2, rows: 0..<1, columns: 0..<2)))
        #expect(s.voxelCount == 4 && s.mean == 2.75 && s.median == 3)
        #expect(s.volumeML == 4 * 2 / 1000.0)
        #expect(s.energy == 1 + 16 + 6.25 + 12.25)
    }

    /// Volume follows CONTRACT.md: each plane's voxels times that plane's own voxel volume.
    @Test func volumeUsesEachPlanesExtent() throws {
        // Planes at z = 0, 1, 3 (uneven): extents 1, (3 − 0)/2 = 1.5, 2; pixel 0.5 × 0.5 mm.
        let geometry = StackGeometry(
            rows: 1, columns: 1, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.5, 0.5),
            planePositions: [PatientPoint(0, 0, 0), PatientPoint(0, 0, 1), PatientPoint(0, 0, 3)])
        let plane = HUPlane(rows: 1, columns: 1, storage: .int16([7]), padding: nil)
        let volume = HUVolume(geometry: geometry, planes: [0: plane, 1: plane, 2: plane])
        let s = try measureDensity(in: volume, mask: Fixtures.fullMask(VoxelBox(planes: 0..<3, rows: 0..<1, columns: 0..<1)))
        #expect(close(s.volumeML, 0.25 * (1 + 1.5 + 2) / 1000))
    }

    @Test func oneVoxelHasNoSpreadStatistics() throws {
        let (volume, mask) = Fixtures.row([42])
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.voxelCount == 1 && s.mean == 42 && s.median == 42 && s.p5 == 42 && s.p95 == 42)
        #expect(s.standardDeviation == 0 && s.sampleStandardDeviation == nil)
        #expect(s.skewness == nil && s.excessKurtosis == nil)
        #expect(s.robustMeanAbsoluteDeviation == 0 && s.coefficientOfVariation == 0)
    }

    /// N = 2: P10 and P90 both fall strictly between the two values, so the robust subset is empty.
    @Test func twoVoxelsHaveNoRobustSubset() throws {
        let (volume, mask) = Fixtures.row([0, 10])
        let s = try measureDensity(in: volume, mask: mask)
        #expect(s.p10 == 1 && s.p90 == 9 && s.robustMeanAbsoluteDeviation == nil)
        #expect(s.sampleStandardDeviation == 50.0.squareRoot())
        #expect(s.coefficientOfVariation == 1)  // σ = 5, μ = 5
    }

    @Test func flatAndZeroCentredROIs() throws {
        let (flatVolume, flatMask) = Fixtures.row([300, 300, 300])
        let flat = try measureDensity(in: flatVolume, mask: flatMask)
        #expect(flat.standardDeviation == 0 && flat.skewness == nil && flat.excessKurtosis == nil)
        let (zeroVolume, zeroMask) = Fixtures.row([-5, 5])
        let zero = try measureDensity(in: zeroVolume, mask: zeroMask)
        #expect(zero.mean == 0 && zero.coefficientOfVariation == nil)
        #expect(zero.quartileCoefficientOfDispersion == nil)  // P25 + P75 = −2.5 + 2.5
        #expect(zero.skewness == 0 && zero.excessKurtosis == -2)
    }

    @Test func emptyROIIsAllNil() throws {
        let volume = Fixtures.volume(rows: 1, columns: 3, planes: [.int16([1, 2, 3])], padding: [[0, 1, 0]])
        let s = try measureDensity(
            in: volume, mask: Fixtures.mask(VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<3), [0, 1, 0]))
        #expect(s.voxelCount == 0 && s.volumeML == 0 && s.paddingVoxelsExcluded == 1)
        #expect(s.mean == nil && s.median == nil && s.minimum == nil && s.fractionLytic == nil && s.energy == nil)
        let none = Fixtures.mask(VoxelBox(planes: 0..<0, rows: 0..<0, columns: 0..<0), [])
        #expect(try measureDensity(in: volume, mask: none).voxelCount == 0)
    }

    @Test func invalidInputsThrow() {
        let volume = Fixtures.volume(rows: 2, columns: 2, planes: [.int16([1, 2, 3, 4])])
        #expect(throws: DensityError.planeNotDecoded(plane: 1)) {
            try measureDensity(in: volume, mask: Fixtures.fullMask(VoxelBox(planes: 0..<2, rows: 0..<1, columns: 0..<1)))
        }
        #expect(throws: DensityError.boxOutsidePlane(plane: 0, planeRows: 2, planeColumns: 2)) {
            try measureDensity(in: volume, mask: Fixtures.fullMask(VoxelBox(planes: 0..<1, rows: 1..<3, columns: 0..<1)))
        }
        let broken = Fixtures.volume(rows: 2, columns: 2, planes: [.int16([1, 2, 3])])
        #expect(throws: DensityError.malformedPlane(plane: 0)) {
            try measureDensity(in: broken, mask: Fixtures.fullMask(VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<1)))
        }
    }
}
