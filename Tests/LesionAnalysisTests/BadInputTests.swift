import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// Bad input gets a clear error naming the file and the problem; the rest is still measured.
@Suite("Bad input")
struct BadInputTests {
    /// A 6-plane series (z = 0…10 mm, 1 mm pixels, 40 HU) with plane 5 (z = 10) truncated inside its
    /// Pixel Data, plane 0 truncated inside its header, and a text file named .dcm beside them.
    static func brokenSeries() throws -> (folder: String, truncatedPixels: String, truncatedHeader: String) {
        let folder = try SharedData.temporaryFolder("bad")
        var ct = SyntheticCT()
        ct.planes = 6
        ct.hu = { _, _, _ in 40 }
        let paths = try ct.write(to: folder)
        let pixels = try Data(contentsOf: URL(fileURLWithPath: paths[5]))
        try pixels.prefix(pixels.count - 100).write(to: URL(fileURLWithPath: paths[5]))
        let header = try Data(contentsOf: URL(fileURLWithPath: paths[0]))
        try header.prefix(300).write(to: URL(fileURLWithPath: paths[0]))
        try "not an image".write(toFile: folder + "/notes.dcm", atomically: true, encoding: .utf8)
        return (folder, paths[5], paths[0])
    }

    @Test("A truncated file, a text file named .dcm: named, and the good lesions still measured")
    func truncatedAndText() throws {
        let (folder, truncatedPixels, truncatedHeader) = try Self.brokenSeries()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rois = folder + "/rois.json"
        // L1 at z = 4 (planes 1…3 only); L2 touches the plane whose pixel data is cut short.
        try #"{"lesions": [{"id": "L1", "center_mm": [8, 8, 4], "radius_mm": 2}, {"id": "L2", "center_mm": [8, 8, 10], "radius_mm": 1.5}]}"#
            .write(toFile: rois, atomically: true, encoding: .utf8)
        let (list, index) = try SeriesSelection.candidates(in: folder)
        // Both are found by the header scan: the one cut inside its Pixel Data too.
        #expect(Set(index.unreadableFiles.map(\.path)) == [truncatedHeader, truncatedPixels])
        #expect(index.skippedFiles.contains(folder + "/notes.dcm"))
        let stack = try DICOMSeries.assemble(try SeriesSelection.choose(list, path: folder, uid: nil, all: false)[0])
        let m = TimePointMeasurement.measure(stack: stack, path: folder, roiFiles: [rois], fileWarnings: SeriesSelection.fileWarnings(index))
        // L1: a sphere of radius 2 mm on 1 mm pixels, planes at z = 2, 4, 6: 1 + 13 + 1 = 15 voxels of 40 HU.
        let l1 = try #require(m.lesions.first { $0.label == "L1" })
        #expect(l1.statistics.voxelCount == 15 && l1.statistics.mean == 40)
        // L2 sat on the plane at z = 10, which is gone: the sphere now lies beyond the volume.
        let failure = try #require(m.failures.first { $0.lesionID == "L2" })
        #expect(failure.message.contains("outside the CT volume"))
        #expect(m.warnings.contains { $0.description.hasPrefix("unreadable_file: \(truncatedPixels)") })
        #expect(m.warnings.contains { $0.description.hasPrefix("unreadable_file: \(truncatedHeader)") })
        #expect(m.warnings.contains { $0.description.hasPrefix("skipped_file: \(folder)/notes.dcm") })
    }

    @Test("An ROI file that is not valid JSON is an error naming the file")
    func badROIFile() throws {
        let folder = try SharedData.temporaryFolder("bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 3
        try ct.write(to: folder + "/ct")
        try "{lesions: oops".write(toFile: folder + "/rois.json", atomically: true, encoding: .utf8)
        let (list, _) = try SeriesSelection.candidates(in: folder + "/ct")
        let stack = try DICOMSeries.assemble(list[0])
        let m = TimePointMeasurement.measure(stack: stack, path: folder, roiFiles: [folder + "/rois.json", folder + "/missing.json"])
        #expect(m.failures.count == 2)
        #expect(m.failures[0].file == folder + "/rois.json" && m.failures[0].message.contains("not valid JSON"))
        #expect(m.failures[1].file == folder + "/missing.json" && m.failures[1].message.contains("cannot read"))
    }
}
