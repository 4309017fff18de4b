import DICOMExport
import Foundation
import Testing
import VolumeModel
import _TestSupport

/// The SR, SEG and REG we write, read back by independent tools: dciodvfy (dicom3tools) and
/// dsrdump (DCMTK) must report no error; highdicom, dcmqi's tid1500reader and pydicom must find
/// every value of the design (Tests/tools/check_dicom_outputs.py).
@Suite struct ReadBackTests {
    /// Two time points of one patient (different studies and frames of reference) and the REG between.
    struct Course {
        let baseline: ExportFixture
        let followup: ExportFixture
        let out: String
        var expected: [String: Any] = [:]
    }

    static let matrix: [Double] = {
        let angle = 3.0 * Double.pi / 180  // 3° about the patient's z axis, then (5, −3, 2) mm
        return [cos(angle), -sin(angle), 0, 5, sin(angle), cos(angle), 0, -3, 0, 0, 1, 2, 0, 0, 0, 1]
    }()

    static let existing = ExistingSegment(
        studyInstanceUID: "2.25.601", seriesInstanceUID: "2.25.601.7", sopClassUID: ExportSOPClass.segmentation,
        sopInstanceUID: "2.25.601.7.1", segmentNumber: 3)

    /// Writes the course; `pseudonym` replaces the patient's identity.
    static func writeCourse(pseudonym: String?) throws -> Course {
        let baseline = try ExportFixture(name: "base", studyUID: "2.25.601", seriesUID: "2.25.601.1",
                                         frameUID: "2.25.601.9", studyDate: "20240110")
        let followup = try ExportFixture(name: "follow", studyUID: "2.25.602", seriesUID: "2.25.602.1",
                                         frameUID: "2.25.602.9", studyDate: "20240410",
                                         origin: PatientPoint(-6, -9, 4))
        let out = baseline.folder + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let exporter = DICOMExporter(softwareVersion: "0.1.0")
        let patientID = pseudonym ?? "PAT-X"
        // Designed values (HU, mL); the follow-up label differs in case and spacing only.
        let timePoints: [(ExportFixture, String, [LesionExport])] = [
            (baseline, "2024-01-10", [
                LesionExport(lesionID: "L1 lytic", region: .mask(ExportFixture.boxMask(label: "L1 lytic")),
                             meanHU: 55.5, medianHU: 50, sdHU: 12.25, minHU: 10, maxHU: 99, volumeML: 0.094,
                             phenotype: "lytic", response: nil),
                LesionExport(lesionID: "L2 Sclerotic", region: .existingSegment(existing), meanHU: 640.125,
                             medianHU: 633, sdHU: nil, minHU: 401, maxHU: 1210, volumeML: 1.5,
                             phenotype: "sclerotic", response: nil),
            ]),
            (followup, "2024-04-10", [
                LesionExport(lesionID: "l1  LYTIC", region: .mask(ExportFixture.boxMask(label: "l1  LYTIC")),
                             meanHU: 120.75, medianHU: 118, sdHU: 20.5, minHU: 40, maxHU: 260, volumeML: 0.094,
                             phenotype: "lytic", response: "remineralizing"),
                LesionExport(lesionID: "L2 Sclerotic", region: .existingSegment(existing), meanHU: 600,
                             medianHU: 590.5, sdHU: 80.25, minHU: 380, maxHU: 1100, volumeML: 1.25,
                             phenotype: "sclerotic", response: "indeterminate (protocol)"),
            ]),
        ]
        var reports: [[String: Any]] = [], segmentations: [[String: Any]] = []
        for (index, (fixture, date, lesions)) in timePoints.enumerated() {
            let timePoint = TimePointExport(patientID: patientID, pseudonymized: pseudonym != nil, studyDate: date,
                                            ct: fixture.reference, lesions: lesions)
            let files = try exporter.write(timePoint, reportPath: "\(out)/SR\(index).dcm",
                                           segmentationPath: "\(out)/SEG\(index).dcm")
            #expect(files.map(\.sopClassUID) == [ExportSOPClass.segmentation, ExportSOPClass.enhancedSR])
            reports.append(["file": "\(out)/SR\(index).dcm", "patient_id": patientID,
                            "ct_series": fixture.ct.seriesInstanceUID, "lesions": lesions.map { l in
                var expected: [String: Any] = [
                    "lesion_id": l.lesionID, "mean_hu": l.meanHU as Any, "median_hu": l.medianHU as Any,
                    "sd_hu": l.sdHU as Any, "min_hu": l.minHU as Any, "max_hu": l.maxHU as Any,
                    "volume_ml": l.volumeML as Any, "phenotype": l.phenotype as Any, "response": l.response as Any]
                if l.lesionID.hasPrefix("L2") {
                    expected["segment_number"] = 3
                    expected["segment_sop_instance_uid"] = existing.sopInstanceUID
                } else {
                    expected["segment_number"] = 1
                    expected["segment_file"] = "\(out)/SEG\(index).dcm"
                }
                return expected
            }])
            segmentations.append(["file": "\(out)/SEG\(index).dcm", "series_instance_uid": fixture.ct.seriesInstanceUID,
                                  "frame_of_reference_uid": fixture.ct.frameOfReferenceUID,
                                  "segments": [["label": lesions[0].lesionID, "voxels": designVoxels(fixture)]]])
        }
        _ = try exporter.write(RegistrationExport(baseline: baseline.reference, followup: followup.reference,
                                                  baselineFromFollowup: matrix, pseudonym: pseudonym),
                               path: "\(out)/REG.dcm")
        var course = Course(baseline: baseline, followup: followup, out: out)
        course.expected = [
            "reports": reports, "segmentations": segmentations,
            "registrations": [["file": "\(out)/REG.dcm", "frame_of_reference_uid": baseline.ct.frameOfReferenceUID,
                               "followup_frame_of_reference_uid": followup.ct.frameOfReferenceUID, "matrix": matrix]],
            "patient": pseudonym.map { ["id": $0, "name": $0, "birth_date": ""] }
                ?? ["id": "PAT-X", "name": "DOE^JANE", "birth_date": "19500101"],
        ]
        return course
    }

    /// The box mask's voxels as (ImagePositionPatient of its plane, row, column), from the design.
    static func designVoxels(_ fixture: ExportFixture) -> [[Double]] {
        var voxels: [[Double]] = []
        for plane in 2..<5 {
            let p = fixture.ct.position(plane)
            for row in 4..<8 {
                for column in 5..<9 where !(plane == 3 && row == 5 && column == 6) {
                    voxels.append([p.x, p.y, p.z, Double(row), Double(column)])
                }
            }
        }
        return voxels
    }

    static var files: [String] { ["SR0", "SR1", "SEG0", "SEG1", "REG"] }

    @Test(arguments: [nil, "anon-0123456789abcdef"])
    func independentReadersAgree(pseudonym: String?) throws {
        let course = try Self.writeCourse(pseudonym: pseudonym)
        defer { course.baseline.remove(); course.followup.remove() }
        if let dciodvfy = ExternalTool.find("dciodvfy") {
            for name in Self.files {
                let result = try ExternalTool.run(dciodvfy, ["\(course.out)/\(name).dcm"])
                let errors = result.output.split(separator: "\n").filter { $0.hasPrefix("Error") }
                #expect(errors.isEmpty, "dciodvfy \(name): \(errors.joined(separator: "; "))")
            }
        } else {
            print("dciodvfy (dicom3tools) not installed: IOD check skipped")
        }
        if let dsrdump = ExternalTool.find("dsrdump") {
            for name in ["SR0", "SR1"] {
                let result = try ExternalTool.run(dsrdump, ["-Ee", "\(course.out)/\(name).dcm"])
                #expect(result.status == 0, "dsrdump \(name): \(result.output.prefix(400))")
                #expect(!result.output.split(separator: "\n").contains { $0.hasPrefix("E:") })
            }
        } else {
            print("dsrdump (DCMTK) not installed: SR dump skipped")
        }
        guard ExternalTool.pythonCheckersAvailable, let python = ExternalTool.find("python3") else {
            print("python3 with highdicom/pydicom or dcmqi's tid1500reader not installed: read-back skipped")
            return
        }
        let expectedPath = course.out + "/expected.json"
        try JSONSerialization.data(withJSONObject: course.expected).write(to: URL(fileURLWithPath: expectedPath))
        let result = try ExternalTool.run(python, [ExternalTool.script("check_dicom_outputs.py"), expectedPath])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func everyRunHasNewInstanceUIDs() throws {
        let fixture = try ExportFixture(name: "uids", studyUID: "2.25.701", seriesUID: "2.25.701.1",
                                        frameUID: "2.25.701.9", studyDate: "20240110")
        defer { fixture.remove() }
        let exporter = DICOMExporter(softwareVersion: "0.1.0")
        let registration = RegistrationExport(baseline: fixture.reference, followup: fixture.reference,
                                              baselineFromFollowup: Self.matrix, pseudonym: nil)
        var uids: Set<String> = []
        for run in 0..<2 {
            let path = "\(fixture.folder)/REG\(run).dcm"
            _ = try exporter.write(registration, path: path)
            let dump = try #require(ExternalTool.find("dcmdump"))
            let text = try ExternalTool.run(dump, ["+P", "0008,0018", path]).output
            uids.insert(text)
        }
        #expect(uids.count == 2)
    }

    @Test func nonRigidMatrixIsRefusedNamingTheFile() throws {
        let fixture = try ExportFixture(name: "shear", studyUID: "2.25.801", seriesUID: "2.25.801.1",
                                        frameUID: "2.25.801.9", studyDate: "20240110")
        defer { fixture.remove() }
        var sheared = Self.matrix
        sheared[1] += 0.2
        let path = fixture.folder + "/REG.dcm"
        let registration = RegistrationExport(baseline: fixture.reference, followup: fixture.reference,
                                              baselineFromFollowup: sheared, pseudonym: nil)
        #expect(throws: DICOMExportError(file: path, message: "the registration matrix is not a rigid transform")) {
            try DICOMExporter(softwareVersion: "0.1.0").write(registration, path: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
