import Foundation
import LesionAnalysis
import ResponseClassifier
import ResultsModel
import Testing
import VolumeModel
import _TestSupport

/// A course of three scans, each in its own frame of reference, the spheres drawn at the first only
/// (the scene of ``CorrespondenceTests``). L1 is a healing lytic lesion: 50 → 150 → 300 HU by design.
/// The anatomy lies at +(5, 0, 0) mm in the second scan's frame and +(0, 4, 0) mm in the third's;
/// one REG per later scan links its frame to the first's.
@Suite("A course of three time points")
struct CourseTests {
    static func tree() throws -> String {
        let root = try SharedData.temporaryFolder("course")
        let shifts = [PatientPoint(0, 0, 0), PatientPoint(5, 0, 0), PatientPoint(0, 4, 0)]
        for (i, (date, hu)) in [("20240110", 50), ("20240410", 150), ("20240710", 300)].enumerated() {
            let folder = root + "/P/t\(i)"
            try CorrespondenceTests.timePoint(folder, study: i + 1, frame: i + 1, studyDate: date, shift: shifts[i], l1HU: hu)
            guard i > 0 else { continue }
            // Follow-up point p maps to p − shift in the first scan's frame.
            var reg = SyntheticREG(frameOfReferenceUID: "2.25.61.1.9", items: [
                ("2.25.61.\(i + 1).9", SyntheticREG.translation((-shifts[i].x, -shifts[i].y, -shifts[i].z)), "RIGID"),
            ])
            reg.sopInstanceUID = "2.25.62.\(i)"
            reg.study.studyInstanceUID = "2.25.61.\(i + 1)"
            try reg.write(to: folder + "/reg.dcm")
        }
        try CorrespondenceTests.spheres.write(toFile: root + "/P/t0/rois.json", atomically: true, encoding: .utf8)
        return root
    }

    @Test("Consecutive pairs: ROIs carried directly from the first scan, phenotype of the first scan, trends over all three")
    func consecutive() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try BatchPlan.discover(root: root, pairing: .consecutive, criteria: .init())
        let results = BatchRunner().run(plan, workers: 1)
        #expect(results.map(\.status) == [.ok, .ok])
        #expect(results.map { $0.followup?.studyDate } == ["2024-04-10", "2024-07-10"])
        let second = try #require(results.last?.lesions.first { $0.lesionID == "L1" })
        // Both time points carried from 2024-01-10; t1 → t2 in follow-up terms: (5, 0, 0) − (0, 4, 0).
        #expect(second.baseline?.source.kind == .propagated && second.baseline?.source.fromStudyDate == "2024-01-10")
        #expect(second.followup?.source.fromStudyDate == "2024-01-10")
        #expect(second.registration?.method == .dicomREG && second.registration?.translationMM == [5, -4, 0])
        #expect(second.delta?.meanHU == 150)
        // 150 HU is neither lytic nor sclerotic: recomputed at this pair's baseline the phenotype is
        // indeterminate; read against the first scan's (lytic) the lesion is remineralizing.
        #expect(second.classification.phenotype == .lytic && second.phenotypeAtPairBaseline == .indeterminate)
        #expect(second.classification.response == .remineralizing)
        let trend = try #require(CourseTrends.trends(results).first { $0.lesionID == "L1" })
        #expect(trend.phenotype == .lytic)
        #expect(trend.timePoints.map { $0.statistics?.mean } == [50, 150, 300])
        #expect(trend.timePoints.map(\.daysFromFirst) == [0, 91, 182])
        #expect(trend.timePoints.map(\.responseFromPrevious) == [nil, .remineralizing, .remineralizing])
        #expect(trend.timePoints.map(\.responseFromFirst) == [nil, .remineralizing, nil])
        #expect(trend.timePoints.map { $0.source?.kind } == [.sphere, .propagated, .propagated])
        let csv = TrendCSV.text(CourseTrends.trends(results))
        #expect(csv.hasPrefix("patient_id,lesion_id,study_date,days_from_first,phenotype,mean_hu,core_mean_hu,median_hu,volume_ml,source_kind,propagated,response_from_previous,response_from_first,flags"))
        #expect(csv.contains("SYN001,L1,2024-07-10,182,lytic,300.0,300.0,300.0,0.91,propagated,true,remineralizing,,\r\n"))
    }
}
