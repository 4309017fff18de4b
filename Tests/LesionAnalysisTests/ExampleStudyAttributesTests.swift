import Foundation
import Testing
import _TestSupport

/// Every SEG and RTSTRUCT of the bundled example carries the Patient (PS3.3 C.7.1.1) and General
/// Study (C.7.2.1) attributes of the CT it outlines, as a PACS expects of one study (a PACS listing
/// shows a study's StudyDate from whichever instance it indexed): read back by pydicom
/// (Tests/tools/check_study_attributes.py) and checked by dciodvfy against the IODs (A.51, A.19).
@Suite("Bundled example: Patient and Study attributes of the ROI objects")
struct ExampleStudyAttributesTests {
    static let root = SharedData.fixture("example")
    /// The ROI objects: PAT-A's SEG at both dates, PAT-B's RTSTRUCT at both, PAT-D's baseline SEG.
    static let objects = ["PAT-A/20240110/SE300/IM0001", "PAT-A/20240410/SE300/IM0001", "PAT-B/20240205/SE301/IM0001",
                          "PAT-B/20240506/SE301/IM0001", ExamplePatientD.segFile]

    @Test("pydicom: each SEG and RTSTRUCT has its CT's PatientName…AccessionNumber, StudyDate among them, none absent")
    func copiedFromTheCT() throws {
        switch PythonScript.run("check_study_attributes.py", [Self.root]) {
        case .ran(let output):
            let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
            #expect(result["objects"] as? [String: Int] == ["SEG": 3, "RTSTRUCT": 2], "\(output)")
            #expect((result["problems"] as? [String])?.isEmpty == true, "\(result["problems"] ?? output)")
        case .unavailable(let why): print("SKIPPED pydicom check of the example's Study attributes: \(why)")
        case .failed(let status, let output): Issue.record("check_study_attributes.py exit \(status): \(output)")
        }
    }

    @Test("dciodvfy: no Patient or General Study module error in any SEG or RTSTRUCT")
    func iodModulesComplete() throws {
        guard let dciodvfy = ExternalTool.find("dciodvfy") else {
            print("SKIPPED: dciodvfy (dicom3tools) not installed")
            return
        }
        for name in Self.objects {
            let result = try ExternalTool.run(dciodvfy, [(Self.root as NSString).appendingPathComponent(name)])
            // dciodvfy names the IOD it checked; an unrecognised object would check nothing.
            let iod = result.output.split(separator: "\n").contains { $0 == "Segmentation" || $0 == "RTStructureSet" }
            #expect(iod, "\(name): \(result.output.prefix(300))")
            let errors = result.output.split(separator: "\n").filter {
                $0.hasPrefix("Error") && ($0.contains("Module=<Patient>") || $0.contains("Module=<GeneralStudy>"))
            }
            #expect(errors.isEmpty, "dciodvfy \(name): \(errors.joined(separator: "; "))")
        }
    }
}
