import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// `measure` on the real Philips pair (../shared/data/ct_series/pair_rois), each time point on its
/// own, against statistics computed independently with pydicom + numpy (its expected.json).
@Suite("Real pair: measure each time point", .enabled(if: SharedData.isAvailable, "../shared/data is absent: real-pair tests skipped"))
struct RealPairMeasureTests {
    static let series = [
        "baseline": "ct_series/philips_plastic_head_study1_5mm",
        "followup": "ct_series/philips_plastic_head_study2_tilt_minus18_subset",
    ]

    /// Each time point with its decoded planes kept (the default) and with every plane dropped
    /// once measured (`keptPlaneBytes` 0, the path of a ROI over a whole series).
    @Test("Statistics equal pair_rois/expected.json", arguments: ["baseline", "followup"], [PlaneStreaming.keptPlaneBytes, 0])
    func statistics(timePoint: String, keptPlaneBytes: Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.data("ct_series/pair_rois/expected.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expected = try #require(root["expected"] as? [String: [String: Any]])
        let path = SharedData.data(try #require(Self.series[timePoint]))
        let (list, _) = try SeriesSelection.candidates(in: path)
        let stack = try DICOMSeries.assemble(try SeriesSelection.choose(list, path: path, uid: nil, all: false)[0])
        let m = TimePointMeasurement.measure(stack: stack, path: path, roiFiles: [SharedData.data("ct_series/pair_rois/rois.json")],
                                             keptPlaneBytes: keptPlaneBytes)
        #expect(m.failures.isEmpty)
        #expect(m.volume?.planes.isEmpty == (keptPlaneBytes == 0), "planes kept only within the budget")
        for (id, lesion) in expected {
            let want = try #require(lesion[timePoint] as? [String: Any])
            let got = try #require(m.lesions.first { $0.label == id }).statistics
            func near(_ key: String, _ value: Double?, _ tolerance: Double = 1e-4) {
                guard let w = (want[key] as? NSNumber)?.doubleValue else { return }
                #expect(value.map { abs($0 - w) <= tolerance } == true, "\(timePoint) \(id) \(key): \(String(describing: value)) vs \(w)")
            }
            #expect(got.voxelCount == want["voxel_count"] as? Int, "\(timePoint) \(id) voxel_count")
            #expect(got.paddingVoxelsExcluded == want["padding_voxels_excluded"] as? Int)
            near("volume_ml", got.volumeML, 1e-5)
            near("mean_hu", got.mean); near("sd_hu", got.standardDeviation); near("sd_sample_hu", got.sampleStandardDeviation)
            near("median_hu", got.median); near("p10_hu", got.p10); near("p25_hu", got.p25); near("p75_hu", got.p75)
            near("p90_hu", got.p90); near("min_hu", got.minimum); near("max_hu", got.maximum)
            near("skewness", got.skewness); near("excess_kurtosis", got.excessKurtosis)
        }
        if timePoint == "followup" { #expect(m.stack.warnings.contains { $0.hasPrefix("gantry_tilt:") }) }
    }
}
