@testable import DICOMImport
import Foundation
import Testing
import VolumeModel
import _TestSupport

/// Round trips through DCMTK: a synthetic series with a designed HU pattern is written in each
/// transfer syntax and read back; every voxel must equal the design.
@Suite("Synthetic series: HU and geometry")
struct SyntheticSeriesTests {
    /// HU designed so every voxel is distinct and known: plane × 100 + row × 3 − column − 500.
    static func design(_ k: Int, _ r: Int, _ c: Int) -> Int { k * 100 + r * 3 - c - 500 }

    static let syntaxes = [
        TransferSyntax.explicitVRLittleEndian, TransferSyntax.implicitVRLittleEndian,
        TransferSyntax.explicitVRBigEndian, TransferSyntax.deflatedExplicitVRLittleEndian,
        TransferSyntax.jpegLosslessSV1, TransferSyntax.jpegLSLossless, TransferSyntax.rleLossless,
    ]

    @Test("Every transfer syntax decodes to the designed HU", arguments: syntaxes)
    func transferSyntaxRoundTrip(syntax: String) throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 4
        ct.transferSyntax = syntax
        ct.hu = { Self.design($0, $1, $2) }
        try ct.write(to: folder)
        let index = try Discovery.index(folder)
        let stacks = try SeriesAssembly.assemble(index.seriesPlanes[ct.seriesInstanceUID] ?? [], seriesInstanceUID: ct.seriesInstanceUID)
        let volume = try stacks[0].loadVolume()
        #expect(stacks[0].transferSyntaxes == [syntax])
        for k in 0..<4 {
            let plane = try #require(volume.planes[k])
            guard case .int16 = plane.storage else { Issue.record("integer HU must be stored as Int16"); continue }
            for r in 0..<ct.rows {
                for c in 0..<ct.columns where plane.hu(row: r, column: c) != Double(Self.design(k, r, c)) {
                    Issue.record("voxel (\(k),\(r),\(c)) = \(plane.hu(row: r, column: c)), designed \(Self.design(k, r, c))")
                    return
                }
            }
        }
    }

    @Test("Planes are sorted along the normal, not by file name or InstanceNumber")
    func sortedByPosition() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 6
        ct.origin = PatientPoint(-8, -8, 40)
        ct.planeSpacing = 2.5
        ct.hu = { k, _, _ in k * 10 }
        try ct.write(to: folder)
        let index = try Discovery.index(folder)
        let stack = try #require(try SeriesAssembly.assemble(index.seriesPlanes[ct.seriesInstanceUID] ?? [], seriesInstanceUID: ct.seriesInstanceUID).first)
        #expect(stack.geometry.normalPositions == [40, 42.5, 45, 47.5, 50, 52.5])
        let volume = try stack.loadVolume()
        #expect((0..<6).map { volume.planes[$0]?.hu(row: 0, column: 0) } == [0, 10, 20, 30, 40, 50])
        #expect(stack.warnings.isEmpty)
    }

    @Test("A fractional RescaleSlope keeps non-integer HU exactly")
    func fractionalSlope() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 2
        ct.rescaleSlope = 0.5
        ct.rescaleIntercept = -1024
        ct.hu = { _, r, c in r * 16 + c }  // written as stored = 2 × (HU + 1024)
        try ct.write(to: folder)
        let index = try Discovery.index(folder)
        let stack = try #require(try SeriesAssembly.assemble(index.seriesPlanes[ct.seriesInstanceUID] ?? [], seriesInstanceUID: ct.seriesInstanceUID).first)
        // Overwrite stored values with odd numbers to get .5 HU: stored 2049 → 2049 × 0.5 − 1024 = 0.5 HU.
        let plane = ModalityTransform.huPlane(words: [2049, 2051, 0, 1], rows: 2, columns: 2, encoding: stack.reference.encoding)
        guard case .float64(let values) = plane.storage else { Issue.record("non-integer slope must not give Int16"); return }
        #expect(values == [0.5, 1.5, -1024, -1023.5])
        let volume = try stack.loadVolume()
        #expect(volume.planes[1]?.hu(row: 3, column: 5) == 53)
    }

    @Test("Padding voxels are marked, not converted into tissue")
    func padding() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 2
        ct.pixelRepresentation = 1
        ct.rescaleIntercept = 0
        ct.paddingValue = -2000
        ct.isPadding = { _, r, _ in r < 2 }
        ct.hu = { _, _, _ in 40 }
        try ct.write(to: folder)
        let index = try Discovery.index(folder)
        let stack = try #require(try SeriesAssembly.assemble(index.seriesPlanes[ct.seriesInstanceUID] ?? [], seriesInstanceUID: ct.seriesInstanceUID).first)
        let volume = try stack.loadVolume()
        let plane = try #require(volume.planes[0])
        #expect(plane.paddingCount == 2 * 16)
        #expect(plane.isPadding(row: 1, column: 7))
        #expect(!plane.isPadding(row: 2, column: 7))
        #expect(plane.hu(row: 5, column: 5) == 40)
    }

    @Test("Signed 12-bit values: unused high bits masked, then sign-extended from bit 11")
    func signExtension() {
        let e = PixelEncoding(bitsAllocated: 16, bitsStored: 12, highBit: 11, pixelRepresentation: 1, samplesPerPixel: 1,
                              photometricInterpretation: "MONOCHROME2", rescaleSlope: 1, rescaleIntercept: 0,
                              rescaleType: nil, pixelPaddingValue: nil, pixelPaddingRangeLimit: nil)
        // 0x0F0F → 0xF0F (bit 11 set) → −241; 0xFFFF → −1; 0xF123 → 0x123 = 291 (junk high bits dropped).
        let plane = ModalityTransform.huPlane(words: [0x0F0F, 0xFFFF, 0xF123, 0x07FF], rows: 1, columns: 4, encoding: e)
        #expect((0..<4).map { plane.hu(row: 0, column: $0) } == [-241, -1, 291, 2047])
    }

    @Test("Duplicate files, a localizer and a missing plane are reported")
    func seriesProblems() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.positions = [0, 2, 4, 8, 10].map { PatientPoint(0, 0, Double($0)) }
        let paths = try ct.write(to: folder)
        try FileManager.default.copyItem(atPath: paths[1], toPath: folder + "/copy-of-plane-1")
        var scout = SyntheticCT()
        scout.planes = 1
        scout.rows = 8
        scout.orientation = [1, 0, 0, 0, 0, -1]
        scout.extra = ["0008,0008": "ORIGINAL\\PRIMARY\\LOCALIZER"]
        scout.seriesInstanceUID = ct.seriesInstanceUID
        scout.sopInstanceUIDRoot = "2.25.77"
        let scoutFolder = folder + "/scout"
        try scout.write(to: scoutFolder)
        let index = try Discovery.index(folder)
        let stacks = try SeriesAssembly.assemble(index.seriesPlanes[ct.seriesInstanceUID] ?? [], seriesInstanceUID: ct.seriesInstanceUID)
        let warnings = stacks[0].warnings
        #expect(stacks[0].geometry.planeCount == 5)
        #expect(warnings.contains { $0.hasPrefix("duplicate_instance:") && $0.contains("copy-of-plane-1") })
        #expect(warnings.contains { $0.hasPrefix("localizer_excluded:") && $0.contains("scout") })
        #expect(warnings.contains { $0.hasPrefix("non_uniform_spacing:") && $0.contains("1 plane(s) missing between 4 and 8 mm") })
    }
}
