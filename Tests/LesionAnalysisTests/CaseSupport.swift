import DensityKernel
import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// Reading ../shared/cases: each case's expected.json and the `measure` path on its inputs.
enum CaseSupport {
    /// The expected values of one lesion, with CONTRACT.md's keys (cases/README.md's mapping).
    struct Expected {
        let values: [String: Any]
        var count: Int? { values["count"] as? Int }
        func number(_ key: String) -> Double? { (values[key] as? NSNumber)?.doubleValue }
    }

    static func expected(_ caseName: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.cases("\(caseName)/expected.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Measures the case's `ct/` (or `folder`) with its roi.json through the `measure` workflow.
    static func measure(_ caseName: String, folder: String = "ct", seriesUID: String? = nil, roi: String = "roi.json") throws -> TimePointMeasurement {
        let path = SharedData.cases("\(caseName)/\(folder)")
        let (list, _) = try SeriesSelection.candidates(in: path)
        let chosen = try SeriesSelection.choose(list, path: path, uid: seriesUID, all: false)
        let stack = try DICOMSeries.assemble(chosen[0])
        return TimePointMeasurement.measure(stack: stack, path: path, roiFiles: [SharedData.cases("\(caseName)/\(roi)")])
    }

    /// Asserts every statistic the case gives (counts exact, HU to 1e-4, volume to 1e-6 mL).
    static func check(_ s: DensityStatistics, _ e: Expected, _ what: String, volumeMM3: Double? = nil) {
        if let n = e.count { #expect(s.voxelCount == n, "\(what): voxel_count") }
        let pairs: [(String, Double?)] = [
            ("mean", s.mean), ("sd_population", s.standardDeviation), ("sd_sample", s.sampleStandardDeviation),
            ("median", s.median), ("p10_linear", s.p10), ("p25_linear", s.p25), ("p75_linear", s.p75),
            ("p90_linear", s.p90), ("min", s.minimum), ("max", s.maximum), ("skewness_population", s.skewness),
            ("kurtosis_excess_population", s.excessKurtosis),
        ]
        for (key, value) in pairs {
            guard let want = e.number(key) else { continue }
            guard let got = value else { Issue.record("\(what): \(key) is null, expected \(want)"); continue }
            #expect(abs(got - want) <= 1e-4, "\(what): \(key) = \(got), expected \(want)")
        }
        if let v = volumeMM3 ?? e.number("volume_mm3") { #expect(abs(s.volumeML - v / 1000) <= 1e-6, "\(what): volume_ml") }
        if let p = e.values["padding_voxels_in_roi_excluded"] as? Int { #expect(s.paddingVoxelsExcluded == p, "\(what): padding") }
    }
}
