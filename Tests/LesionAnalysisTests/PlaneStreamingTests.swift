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
}
