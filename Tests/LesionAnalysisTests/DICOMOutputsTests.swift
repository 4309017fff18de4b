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
        #expect(results.allSatisfy { $0.status == .ok })
        #expect(sink.problems.isEmpty, "\(sink.problems)")
        let reports = document.dicomOutputs.filter { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.88.22" }
        let segs = document.dicomOutputs.filter { $0.sopClassUID == "1.2.840.10008.5.1.4.1.1.66.4" }
        func of(_ patients: [String], _ records: [DICOMOutputRecord]) -> Int {
            records.filter { r in patients.contains { r.file.hasPrefix("dicom/\($0)/") } }.count
        }
        // Patients A, B, C, two time points each: six SRs. PAT-A's ROIs are SEGs (referenced as
        // they are); PAT-B's RTSTRUCT and PAT-C's sphere file become a SEG at each time point.
        #expect(of(["PAT-A", "PAT-B", "PAT-C"], reports) == 6)
        #expect(of(["PAT-A"], segs) == 0 && of(["PAT-B", "PAT-C"], segs) == 4)
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
                    return ["lesion_id": l.lesionID, "mean_hu": s.mean as Any, "median_hu": s.median as Any,
                            "sd_hu": s.standardDeviation as Any, "min_hu": s.minimum as Any, "max_hu": s.maximum as Any,
                            "volume_ml": s.volumeML as Any, "phenotype": l.classification.phenotype.rawValue,
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
        // inspect lists them apart, as our outputs.
        let inspection = try Inspection.run(path: out)
        #expect(inspection.index.ownOutputs.count == document.dicomOutputs.count && inspection.index.roiObjects.isEmpty)
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

    @Test func aSEGCarriedToTheFollowupIsWrittenIntoOurSEG() throws {
        let root = try SharedData.temporaryFolder("dicom-carried")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Two studies of one patient in one frame of reference (identity carry), 16 × 16 × 8.
        var base = SyntheticCT(), follow = SyntheticCT()
        base.patientID = "PAT-S"; follow.patientID = "PAT-S"
        base.frameOfReferenceUID = "2.25.9100.9"; follow.frameOfReferenceUID = "2.25.9100.9"
        base.studyInstanceUID = "2.25.9101"; base.seriesInstanceUID = "2.25.9101.1"; base.studyDate = "20240110"
        follow.studyInstanceUID = "2.25.9102"; follow.seriesInstanceUID = "2.25.9102.1"; follow.studyDate = "20240410"
        base.hu = { _, _, _ in 50 }; follow.hu = { _, _, _ in 120 }
        try base.write(to: root + "/base"); try follow.write(to: root + "/follow")
        // The baseline SEG: one segment, a 4 × 4 square on planes 3 and 4.
        var seg = SyntheticSEG(rows: 16, columns: 16, frameOfReferenceUID: "2.25.9100.9", referencedSeriesUID: "2.25.9101.1")
        seg.study = base.study; seg.seriesInstanceUID = "2.25.9101.5"
        seg.sopInstanceUID = "2.25.9101.5.1"
        seg.segments = [(1, "L1")]
        let square = (0..<256).map { UInt8(($0 / 16) >= 6 && ($0 / 16) < 10 && ($0 % 16) >= 6 && ($0 % 16) < 10 ? 1 : 0) }
        seg.frames = [3, 4].map { SyntheticSEG.Frame(segment: 1, referencedSOPInstanceUID: "2.25.9101.1.\($0 + 1)",
                                                     position: base.position($0), values: square) }
        try seg.write(to: root + "/base-seg.dcm")
        let out = root + "/out"
        let sink = DICOMOutputSink(outFolder: out, pseudonymized: false)
        let request = PairRequest(baselinePath: root + "/base", followupPath: root + "/follow",
                                  baselineROIs: [root + "/base-seg.dcm"], followupROIs: [])
        let result = PairAnalysis.run(request, dicom: sink)
        #expect(result.status == .ok, "\(result.error ?? "")")
        let lesion = try #require(result.lesions.first)
        #expect(lesion.followup?.source.kind == .propagated && lesion.registration?.method == .identity)
        let files = sink.records.map(\.file)
        // The baseline SR references the input SEG; the follow-up gets a SEG of ours with the carried mask.
        let baseSR = try #require(files.first { $0.contains("/2024-01-10_") && $0.hasSuffix("SR.dcm") })
        let followSR = try #require(files.first { $0.contains("/2024-04-10_") && $0.hasSuffix("SR.dcm") })
        let followSEG = try #require(files.first { $0.contains("/2024-04-10_") && $0.hasSuffix("SEG.dcm") })
        #expect(!files.contains { $0.contains("/2024-01-10_") && $0.hasSuffix("SEG.dcm") })
        guard ExternalTool.pythonCheckersAvailable, let python = ExternalTool.find("python3") else {
            print("python3 with highdicom/pydicom or dcmqi's tid1500reader not installed: read-back skipped")
            return
        }
        let voxels: [[Double]] = [3, 4].flatMap { k in
            (6..<10).flatMap { r in (6..<10).map { c in [base.position(k).x, base.position(k).y, base.position(k).z, Double(r), Double(c)] } }
        }
        let expected: [String: Any] = [
            "reports": [
                ["file": "\(out)/\(baseSR)", "patient_id": "PAT-S", "ct_series": "2.25.9101.1",
                 "lesions": [["lesion_id": "L1", "mean_hu": 50.0, "segment_number": 1, "segment_sop_instance_uid": "2.25.9101.5.1"]]],
                ["file": "\(out)/\(followSR)", "patient_id": "PAT-S", "ct_series": "2.25.9102.1",
                 "lesions": [["lesion_id": "L1", "mean_hu": 120.0, "segment_number": 1, "segment_file": "\(out)/\(followSEG)"]]],
            ],
            "segmentations": [["file": "\(out)/\(followSEG)", "series_instance_uid": "2.25.9102.1",
                               "frame_of_reference_uid": "2.25.9100.9", "segments": [["label": "L1", "voxels": voxels]]]],
        ]
        let path = root + "/expected.json"
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: path))
        let check = try ExternalTool.run(python, [ExternalTool.script("check_dicom_outputs.py"), path])
        #expect(check.status == 0, "\(check.output)")
    }
}
