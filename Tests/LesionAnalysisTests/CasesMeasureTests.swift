import Foundation
import LesionAnalysis
import Testing
import _TestSupport

/// Every case of ../shared/cases with sphere ROIs, through `measure`, against its expected.json.
@Suite("Cases: measure with sphere ROIs", .enabled(if: SharedData.casesAvailable, "../shared/cases is absent: case tests skipped"))
struct CasesMeasureTests {
    /// Cases whose expected outcome is plain statistics for the lesions in `expected`.
    @Test("Statistics equal expected.json", arguments: [
        "01-rescale-per-slice", "04-signed-12bit-garbage-high-bits", "05-pixel-padding-fov", "06-monochrome1",
        "08-duplicate-slice-files", "11-localizer-in-series", "14-sagittal-series", "17-stat-definitions",
    ])
    func statistics(caseName: String) throws {
        let expected = try #require(try CaseSupport.expected(caseName)["expected"] as? [String: [String: Any]])
        let m = try CaseSupport.measure(caseName)
        #expect(m.failures.isEmpty, "\(m.failures)")
        for (id, values) in expected where !id.hasPrefix("_") {  // "_volume" describes the series
            let lesion = try #require(m.lesions.first { $0.label == id }, "lesion \(id) measured")
            CaseSupport.check(lesion.statistics, .init(values: values), "\(caseName) \(id)")
        }
    }

    @Test("Padding in the ROI is excluded, counted and flagged")
    func paddingFlag() throws {
        let m = try CaseSupport.measure("05-pixel-padding-fov")
        #expect(m.lesions.first { $0.label == "L1" }?.flags.contains(.paddingInROI) == true)
        #expect(m.lesions.first { $0.label == "L2" }?.flags.contains(.paddingInROI) == false)
    }

    @Test("Duplicate files are dropped with a duplicate_instance warning")
    func duplicates() throws {
        let m = try CaseSupport.measure("08-duplicate-slice-files")
        #expect(m.stack.geometry.planeCount == 6)
        #expect(m.stack.warnings.filter { $0.hasPrefix("duplicate_instance:") }.count == 2)
    }

    @Test("A localizer in the series is excluded and reported")
    func localizer() throws {
        let m = try CaseSupport.measure("11-localizer-in-series")
        #expect(m.stack.warnings.contains { $0.hasPrefix("localizer_excluded:") })
    }

    @Test("Two images at one position: an error naming the position and both files")
    func conflictingPosition() throws {
        let path = SharedData.cases("09-conflicting-same-position/ct")
        let (list, _) = try SeriesSelection.candidates(in: path)
        #expect {
            _ = try DICOMSeries.assemble(list[0])
        } throws: { error in
            let text = "\(error)"
            return text.contains("conflicting slices at the same position (-1 mm") && text.contains("CT003.dcm") && text.contains("CT007.dcm")
        }
    }

    @Test("A missing plane: statistics at the true positions with a non_uniform_spacing warning")
    func missingSlice() throws {
        let outcome = try #require(try CaseSupport.expected("10-missing-slice")["expected"] as? [String: Any])
        let b = try #require(outcome["accepted_outcome_B"] as? [String: Any])
        let m = try CaseSupport.measure("10-missing-slice")
        #expect(m.stack.warnings.contains { $0.hasPrefix("non_uniform_spacing:") && $0.contains("1 plane(s) missing between -1 and 3 mm") })
        let l1 = try #require(m.lesions.first { $0.label == "L1" })
        // Volume by CONTRACT.md's rule, which wins over the case's "count × 2 mm": the sphere has
        // 29 voxels on the plane at z = 3 mm, which stands for (4 + 2) / 2 = 3 mm, and 21 on the
        // plane at z = 5 mm (2 mm); 1 × 1 mm pixels: 29 × 3 + 21 × 2 = 129 mm³ (counted by hand
        // with pydicom + numpy from the case's files).
        CaseSupport.check(l1.statistics, .init(values: try #require(b["L1"] as? [String: Any])), "10 L1", volumeMM3: 129)
        // The sphere reaches the missing plane (z = 1): part of the lesion was never imaged.
        #expect(l1.flags.contains(.incomplete))
    }

    @Test("Two series in one folder: a selection error listing both; each measured on request")
    func twoSeries() throws {
        let path = SharedData.cases("12-two-series-one-folder/ct")
        let (list, _) = try SeriesSelection.candidates(in: path)
        #expect(throws: AnalysisError.self) { _ = try SeriesSelection.choose(list, path: path, uid: nil, all: false) }
        let expected = try #require(try CaseSupport.expected("12-two-series-one-folder")["expected"] as? [String: Any])
        for uid in ["2.25.8317204419583371.12.2.2", "2.25.8317204419583371.12.2.3"] {
            let m = try CaseSupport.measure("12-two-series-one-folder", seriesUID: uid)
            let values = try #require((expected["series_\(uid)"] as? [String: Any])?["L1"] as? [String: Any])
            CaseSupport.check(try #require(m.lesions.first).statistics, .init(values: values), "12 \(uid)")
        }
    }

    @Test("ROI partly outside: measured inside and flagged incomplete; wholly outside: an error naming the lesion")
    func outsideVolume() throws {
        let expected = try #require(try CaseSupport.expected("16-roi-outside-volume")["expected"] as? [String: [String: Any]])
        let m = try CaseSupport.measure("16-roi-outside-volume")
        for id in ["L1", "L3"] {
            let lesion = try #require(m.lesions.first { $0.label == id })
            CaseSupport.check(lesion.statistics, .init(values: try #require(expected[id])), "16 \(id)")
            #expect(lesion.flags.contains(.incomplete))
            #expect(lesion.voxelsOutsideVolume == expected[id]?["sphere_voxels_outside_volume"] as? Int)
        }
        let failure = try #require(m.failures.first)
        #expect(failure.lesionID == "L2" && failure.message.contains("entirely outside the CT volume"))
        #expect(failure.file.hasSuffix("roi.json"))
    }

    @Test("JPEG lossless and JPEG-LS encodings give identical statistics", arguments: ["ct_jpeg_lossless_sv1", "ct_jpeg_ls"])
    func jpegLossless(folder: String) throws {
        let expected = try #require(try CaseSupport.expected("22-jpeg-lossless")["expected"] as? [String: [String: Any]])
        let m = try CaseSupport.measure("22-jpeg-lossless", folder: folder)
        CaseSupport.check(try #require(m.lesions.first).statistics, .init(values: try #require(expected["L1"])), "22 \(folder)")
    }

    @Test("Signed baseline and unsigned follow-up are compared in HU", arguments: ["baseline", "followup"])
    func signedUnsigned(timePoint: String) throws {
        let expected = try #require((try CaseSupport.expected("24-pair-signed-vs-unsigned")["expected"] as? [String: Any])?["L1"] as? [String: Any])
        let m = try CaseSupport.measure("24-pair-signed-vs-unsigned", folder: timePoint)
        CaseSupport.check(try #require(m.lesions.first).statistics, .init(values: try #require(expected[timePoint] as? [String: Any])), "24 \(timePoint)")
    }
}

/// Cases with a SEG or an RTSTRUCT, through `measure`.
@Suite("Cases: measure with SEG and RTSTRUCT", .enabled(if: SharedData.casesAvailable, "../shared/cases is absent: case tests skipped"))
struct CasesObjectMeasureTests {
    @Test("Statistics equal expected.json", arguments: [("18-seg-shuffled-omitted-frames", "seg.dcm"), ("19-rtstruct-hole", "rtstruct.dcm")])
    func statistics(caseName: String, roi: String) throws {
        let expected = try #require(try CaseSupport.expected(caseName)["expected"] as? [String: Any])
        let m = try CaseSupport.measure(caseName, roi: roi)
        #expect(m.failures.isEmpty, "\(m.failures)")
        for (key, values) in expected where !key.hasPrefix("_") {
            // "L1 (segment 1)" names the SegmentLabel "L1".
            let label = String(key.split(separator: " ").first ?? "")
            let lesion = try #require(m.lesions.first { $0.label == label }, "lesion \(label)")
            CaseSupport.check(lesion.statistics, .init(values: try #require(values as? [String: Any])), "\(caseName) \(label)")
            #expect(lesion.mask.source.kind.rawValue == (roi == "seg.dcm" ? "seg" : "rtstruct"))
        }
    }
}
