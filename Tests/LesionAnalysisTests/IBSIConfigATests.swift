import DensityKernel
import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// The IBSI CT phantom (PAT1) with its RTSTRUCT GTV-1 and the config-A re-segmentation range
/// [−500, 400] HU, through the `measure` path (DICOM CT + RTSTRUCT → mask → kernel), against the
/// IBSI consensus reference values (../shared/data/ibsi/reference, rows "config. A"; Zwanenburg et
/// al., Radiology 2020). Every one of the 18 intensity-based statistical features must lie within
/// IBSI's tolerance (an empty tolerance in the table means the value must match as printed).
@Suite("IBSI config A on the CT phantom", .enabled(if: SharedData.isAvailable, "../shared/data is absent: IBSI test skipped"))
struct IBSIConfigATests {
    @Test("Every config-A intensity statistic within IBSI's tolerance")
    func configA() throws {
        let rows = try String(contentsOfFile: SharedData.data("ibsi/reference/ibsi1_intensity_statistics_reference.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count == 7 && $0[3] == "config. A" }
        #expect(rows.count == 18)
        let path = SharedData.data("ibsi/ct_phantom_pat1/dicom/image")
        let (list, _) = try SeriesSelection.candidates(in: path)
        let stack = try DICOMSeries.assemble(list[0])
        var options = DensityOptions()
        options.resegmentationRange = -500...400
        let m = TimePointMeasurement.measure(
            stack: stack, path: path, roiFiles: [SharedData.data("ibsi/ct_phantom_pat1/dicom/mask/DCM_RS_00060.dcm")], options: options)
        let s = try #require(m.lesions.first { $0.label == "GTV-1" }).statistics
        let byCode: [String: Double?] = [
            "Q4LE": s.mean, "ECT3": s.variance, "KE2A": s.skewness, "IPH6": s.excessKurtosis, "Y12H": s.median,
            "1GSF": s.minimum, "QG58": s.p10, "8DWT": s.p90, "84IY": s.maximum, "SALO": s.interquartileRange,
            "2OJQ": s.range, "4FUA": s.meanAbsoluteDeviation, "1128": s.robustMeanAbsoluteDeviation,
            "N72L": s.medianAbsoluteDeviation, "7TET": s.coefficientOfVariation,
            "9S40": s.quartileCoefficientOfDispersion, "N8CA": s.energy, "5ZWQ": s.rootMeanSquare,
        ]
        for row in rows {
            let code = row[1]
            let reference = try #require(Double(row[4]))
            let tolerance = Double(row[5]) ?? 0
            let got = try #require(byCode[code] ?? nil, "\(row[0]) (\(code)) computed")
            // Printed values are rounded to 3 significant digits: allow half a unit of the last digit.
            let printed = Self.halfLastDigit(row[4])
            #expect(abs(got - reference) <= tolerance + printed, "\(row[0]) (\(code)): \(got) vs \(reference) ± \(tolerance)")
        }
        // IBSI's 114 596 voxels remain after re-segmentation; 125 256 before (its mask.nii.gz).
        #expect(s.voxelCount == 114_596)
        #expect(s.voxelCount + s.resegmentedVoxelsExcluded == 125_256)
    }

    /// Half a unit in the last printed digit of `text` ("1.42e4" → 50, "13.4" → 0.05, "46" → 0.5).
    static func halfLastDigit(_ text: String) -> Double {
        let parts = text.lowercased().split(separator: "e")
        let mantissa = String(parts[0])
        let exponent = parts.count > 1 ? Double(parts[1]) ?? 0 : 0
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        return 0.5 * pow(10, exponent - Double(decimals))
    }
}
