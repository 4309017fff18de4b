import DensityKernel
import Foundation
import Testing
import _TestSupport
@testable import LesionAnalysis

/// A re-measurement with shifted HU bands (a reference ROI's doing) on a time point whose planes were
/// dropped once measured reads them again and gives what it gives on kept planes.
@Suite("Plane streaming", .enabled(if: SharedData.isAvailable, "../shared/data is absent: real-pair tests skipped"))
struct PlaneStreamingTests {
    @Test func remeasureAfterDroppedPlanes() throws {
        let path = SharedData.data("ct_series/philips_plastic_head_study1_5mm")
        let (list, _) = try SeriesSelection.candidates(in: path)
        let stack = try DICOMSeries.assemble(try SeriesSelection.choose(list, path: path, uid: nil, all: false)[0])
        let rois = [SharedData.data("ct_series/pair_rois/rois.json")]
        let kept = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: rois)
        let dropped = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: rois, keptPlaneBytes: 0)
        #expect(kept.volume?.planes.isEmpty == false && dropped.volume?.planes.isEmpty == true)
        var shifted = DensityOptions()
        shifted.lyticBelow += 200
        shifted.scleroticAbove += 200
        let a = kept.remeasured(options: shifted, coreRetainedFraction: 0.5)
        let b = dropped.remeasured(options: shifted, coreRetainedFraction: 0.5)
        #expect(!a.lesions.isEmpty && a.failures.isEmpty && b.failures.isEmpty)
        #expect(a.lesions.map(\.statistics) == b.lesions.map(\.statistics))
        #expect(a.lesions.map(\.core) == b.lesions.map(\.core))
        // The bands moved: some lesion's lytic fraction differs from the first measurement.
        #expect(a.lesions.map(\.statistics.fractionLytic) != kept.lesions.map(\.statistics.fractionLytic))
    }

    /// 40 spheres (more than one streaming pass holds) around the pair's L1: measured together with
    /// planes dropped (two passes), with planes kept (decoded once, measured one by one) and each
    /// alone, the statistics agree exactly.
    @Test func manyLesionsInPasses() throws {
        let path = SharedData.data("ct_series/philips_plastic_head_study1_5mm")
        let (list, _) = try SeriesSelection.candidates(in: path)
        let stack = try DICOMSeries.assemble(try SeriesSelection.choose(list, path: path, uid: nil, all: false)[0])
        let folder = try SharedData.temporaryFolder("streaming")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spheres = (0..<40).map { i in
            "{\"id\": \"S\(i)\", \"center_mm\": [\(-3.2 + Double(i % 5) * 2), \(106.38 + Double(i / 5) * 1.5), 766.01], \"radius_mm\": \(3 + Double(i % 3))}"
        }
        let all = (folder as NSString).appendingPathComponent("all.json")
        try "{\"lesions\": [\(spheres.joined(separator: ", "))]}".write(toFile: all, atomically: true, encoding: .utf8)
        let dropped = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: [all], keptPlaneBytes: 0)
        let kept = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: [all])
        #expect(dropped.lesions.count == 40 && kept.lesions.count == 40 && dropped.failures.isEmpty)
        #expect(dropped.volume?.planes.isEmpty == true && kept.volume?.planes.isEmpty == false)
        #expect(dropped.lesions.map(\.statistics) == kept.lesions.map(\.statistics))
        #expect(dropped.lesions.map(\.core) == kept.lesions.map(\.core))
        for i in [0, 17, 39] {
            let one = (folder as NSString).appendingPathComponent("s\(i).json")
            try "{\"lesions\": [\(spheres[i])]}".write(toFile: one, atomically: true, encoding: .utf8)
            let alone = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: [one])
            #expect(alone.lesions.first?.statistics == dropped.lesions[i].statistics, "S\(i)")
        }
    }
}
