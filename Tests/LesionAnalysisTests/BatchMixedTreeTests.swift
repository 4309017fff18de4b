import Foundation
import LesionAnalysis
import Testing
import VolumeModel
import _TestSupport

/// A batch over a tree mixing good pairs, a truncated file, a text file named .dcm, a study with two
/// CT series and an ROI with a foreign FrameOfReferenceUID: it finishes, names each problem by path
/// and loses no good result (issue 6, Done means).
@Suite("Batch over a messy tree")
struct BatchMixedTreeTests {
    /// 16 × 16 pixels of 1 mm, 6 planes 2 mm apart at z = 0…10; HU 200 everywhere.
    static func series(_ patient: String, study: Int, series: Int, date: String, frame: String = "2.25.900") -> SyntheticCT {
        var ct = SyntheticCT()
        ct.planes = 6
        ct.patientID = patient
        ct.studyInstanceUID = "2.25.\(patient.hashStable).\(study)"
        ct.seriesInstanceUID = "2.25.\(patient.hashStable).\(study).\(series)"
        ct.frameOfReferenceUID = frame
        ct.studyDate = date
        ct.hu = { _, _, _ in 200 + study * 50 }
        return ct
    }

    @Test("Every problem named by path; the good pair measured")
    func messyTree() throws {
        let root = try SharedData.temporaryFolder("messy")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sphere = #"{"lesions": [{"id": "L1", "center_mm": [8, 8, 4], "radius_mm": 3}]}"#
        // P1: a good pair with a sphere file beside the baseline series; a truncated file and a text file in the follow-up folder.
        try Self.series("P1", study: 1, series: 1, date: "20240101").write(to: root + "/p1/a")
        try sphere.write(toFile: root + "/p1/a/rois.json", atomically: true, encoding: .utf8)
        let p1b = try Self.series("P1", study: 2, series: 1, date: "20240401").write(to: root + "/p1/b")
        let truncated = root + "/p1/b/broken"
        try (try Data(contentsOf: URL(fileURLWithPath: p1b[0]))).prefix(200).write(to: URL(fileURLWithPath: truncated))
        try "not DICOM".write(toFile: root + "/p1/b/notes.dcm", atomically: true, encoding: .utf8)
        // P2: the first study holds two CT series and no ROI object → ambiguous.
        try Self.series("P2", study: 1, series: 1, date: "20240101").write(to: root + "/p2/a1")
        try Self.series("P2", study: 1, series: 2, date: "20240101").write(to: root + "/p2/a2")
        try Self.series("P2", study: 2, series: 1, date: "20240401").write(to: root + "/p2/b")
        try sphere.write(toFile: root + "/p2/b/rois.json", atomically: true, encoding: .utf8)
        // P3: a SEG whose FrameOfReferenceUID is foreign to its CT.
        let p3a = Self.series("P3", study: 1, series: 1, date: "20240101")
        try p3a.write(to: root + "/p3/a")
        try Self.series("P3", study: 2, series: 1, date: "20240401").write(to: root + "/p3/b")
        var seg = SyntheticSEG(rows: 16, columns: 16, frameOfReferenceUID: "2.25.999999", referencedSeriesUID: p3a.seriesInstanceUID)
        seg.study.patientID = "P3"
        seg.segments = [(1, "S1")]
        seg.frames = [.init(segment: 1, referencedSOPInstanceUID: nil, position: p3a.position(2), values: Array(repeating: 1, count: 256))]
        try seg.write(to: root + "/p3/seg.dcm")

        let plan = try BatchPlan.discover(root: root, pairing: .baseline, criteria: .init())
        let results = BatchRunner().run(plan, workers: 2)
        let p1 = try #require(results.first { $0.patientID == "P1" })
        #expect(p1.status == .ok)
        // L1: radius 3 mm on 1 mm pixels: plane z = 4 holds the 29 lattice points with dx² + dy² ≤ 9,
        // planes z = 2 and 6 the 21 with dx² + dy² ≤ 5: 71 voxels; 250 → 300 HU (200 + 50 × study).
        let l1 = try #require(p1.lesions.first)
        #expect(l1.baseline?.statistics.voxelCount == 71 && l1.delta?.meanHU == 50)
        #expect(p1.warnings.contains { $0.description.hasPrefix("unreadable_file: \(truncated)") })
        #expect(p1.warnings.contains { $0.description.hasPrefix("skipped_file: \(root)/p1/b/notes.dcm") })
        let p2 = try #require(results.first { $0.patientID == "P2" })
        #expect(p2.status == .ambiguous)
        #expect(p2.error?.contains("2 CT series") == true && p2.error?.contains(root + "/p2/a1") == true && p2.error?.contains(root + "/p2/a2") == true)
        let p3 = try #require(results.first { $0.patientID == "P3" })
        #expect(p3.failures.contains { $0.file == root + "/p3/seg.dcm" && $0.message.contains("FrameOfReferenceUID") })
    }
}

extension String {
    /// A small deterministic number from the text (UIDs of the synthetic tree).
    var hashStable: Int { unicodeScalars.reduce(7) { ($0 * 31 + Int($1.value)) % 100_000 } }
}
