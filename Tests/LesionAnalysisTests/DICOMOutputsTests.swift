import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import Testing
import _TestSupport

/// `batch --out` on a copy of the bundled example writes `DIR/dicom/`: per time point an SR whose
/// every value equals results.json (read back by highdicom and dcmqi's tid1500reader), SEGs for the
/// ROIs that were not a SEG, `dicom_outputs` listing them; a rerun over a tree holding them skips
/// them (`own_output_skipped`), and an --out folder inside ROOT is not searched.
@Suite("DICOM outputs of batch")
struct DICOMOutputsTests {
    @Test func batchWritesSRAndSEGEqualToResults() throws {
        let root = try SharedData.temporaryFolder("dicom-outputs")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: SharedData.fixture("example"), toPath: root)
        let out = root + "/results"
        let plan = try BatchPlan.discover(root: root, pairing: .baseline, criteria: ResponseCriteria(), excluding: [out])
        let sink = DICOMOutputSink(outFolder: out, pseudonymized: false)
        let results = BatchRunner().run(plan, workers: 2, dicom: sink)
        let document = RunDocument.batch(results, plan: plan, criteria: ResponseCriteria(), resegmentationRange: nil,
                                         pictures: nil, dicom: sink, pseudonym: nil, notRun: 0, stopReason: "")
        #expect(results.map(\.status) == [.ok, .ok, .ok])
        #expect(sink.problems.isEmpty, "\(sink.problems)")
        let reports = document.dicomOutputs.filter { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.88.22" }
        let segs = document.dicomOutputs.filter { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.66.4" }
        // Three patients, two time points each: six SRs. PAT-A's ROIs are SEGs (referenced as they
        // are); PAT-B's RTSTRUCT and PAT-C's sphere file become a SEG at each time point.
        #expect(reports.count == 6)
        #expect(segs.count == 4)
        for record in document.dicomOutputs {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(record.file)"), "\(record.file)")
            #expect(record.storedTo == nil && record.status == nil)
        }

        // The expectation is results.json's values, per time point.
        var expected: [[String: Any]] = []
        for pair in document.pairs {
            for (info, isFollowup) in [(pair.baseline, false), (pair.followup, true)] {
                guard let info, let date = info.studyDate else { continue }
                let iso = date.contains("-") ? date : "\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.dropFirst(6))"
                let report = try #require(reports.first { $0.file.hasPrefix("dicom/\(pair.patientID ?? "")/\(iso)_") })
                let lesions: [[String: Any]] = pair.lesions.compactMap { l in
                    guard let s = (isFollowup ? l.followup : l.baseline)?.statistics else { return nil }
                    return ["lesion_id": l.lesionID, "mean_hu": s.mean, "median_hu": s.median,
                            "sd_hu": s.standardDeviation as Any, "min_hu": s.minimum, "max_hu": s.maximum,
                            "volume_ml": s.volumeML, "phenotype": l.classification.phenotype.rawValue,
                            "response": isFollowup ? l.classification.response.rawValue : NSNull()]
                }
                expected.append(["file": "\(out)/\(report.file)", "patient_id": pair.patientID ?? "",
                                 "ct_series": info.seriesInstanceUID, "lesions": lesions])
            }
        }
        if ExternalTool.pythonCheckersAvailable, let python = ExternalTool.find("python3") {
            let path = root + "/expected.json"
            try JSONSerialization.data(withJSONObject: ["reports": expected]).write(to: URL(fileURLWithPath: path))
            let result = try ExternalTool.run(python, [ExternalTool.script("check_dicom_outputs.py"), path])
            #expect(result.status == 0, "\(result.output)")
        } else {
            print("python3 with highdicom/pydicom or dcmqi's tid1500reader not installed: read-back skipped")
        }

        // --out inside ROOT is not searched; searched anyway, our objects are skipped, never inputs.
        #expect(!plan.warnings.contains { $0.hasPrefix("own_output_skipped") })
        let again = try BatchPlan.discover(root: root, pairing: .baseline, criteria: ResponseCriteria())
        let skipped = again.warnings.filter { $0.hasPrefix("own_output_skipped: ") }
        #expect(skipped.count == document.dicomOutputs.count)
        let rerun = BatchRunner().run(again, workers: 2)
        #expect(rerun.map { $0.lesions.count } == results.map { $0.lesions.count })
    }

    @Test func computedTransformBecomesAREGInTheBaselineFrame() throws {
        let out = try SharedData.temporaryFolder("dicom-reg")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (candidates, _) = try SeriesSelection.candidates(in: SharedData.fixture("example"))
        let a = candidates.filter { $0.planes[0].patientID == "PAT-A" }.sorted { $0.planes[0].studyDate ?? "" < $1.planes[0].studyDate ?? "" }
        try #require(a.count == 2)
        let baseline = try DICOMSeries.assemble(a[0]), followup = try DICOMSeries.assemble(a[1])
        let sink = DICOMOutputSink(outFolder: out, pseudonymized: true, reportedPatientID: { _ in "anon-1" })
        // 90° about z and (10, −4, 2.5) mm: follow-up points to baseline points.
        let matrix: [Double] = [0, -1, 0, 10, 1, 0, 0, -4, 0, 0, 1, 2.5, 0, 0, 0, 1]
        let file = try #require(sink.addRegistration(patientID: "PAT-A", lesionID: "L1 lytic", baseline: baseline,
                                                     followup: followup, baselineFromFollowup: matrix))
        #expect(file.hasPrefix("dicom/anon-1/REG_2024-01-10_") && file.hasSuffix("_L1_lytic.dcm"))
        #expect(sink.records.map(\.sopClassUID) == ["1.2.840.10008.5.1.4.1.1.66.1"])
        guard ExternalTool.pythonCheckersAvailable, let python = ExternalTool.find("python3") else {
            print("python3 with pydicom not installed: REG read-back skipped")
            return
        }
        let expected: [String: Any] = [
            "patient": ["id": "anon-1", "name": "anon-1", "birth_date": ""],
            "registrations": [["file": "\(out)/\(file)", "frame_of_reference_uid": baseline.reference.frameOfReferenceUID ?? "",
                               "followup_frame_of_reference_uid": followup.reference.frameOfReferenceUID ?? "",
                               "matrix": matrix]],
        ]
        let path = out + "/expected.json"
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: path))
        let result = try ExternalTool.run(python, [ExternalTool.script("check_dicom_outputs.py"), path])
        #expect(result.status == 0, "\(result.output)")
    }
}
