import Foundation
import ResponseClassifier
import ResultsModel
import Testing

@Suite("Readers of user JSON: criteria, manifest, sphere/box ROI files")
struct InputReaderTests {
    func sphereBox(_ text: String) throws -> SphereBoxFile { try SphereBoxFile.read(Data(text.utf8), file: "r.json") }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test("A sphere and a box are read with their coordinates (LPS, mm)")
    func reads() throws {
        let f = try sphereBox(#"{"frame_of_reference_uid": "1.2", "lesions": [{"id": " L1 ", "center_mm": [1, -2.5, 3], "radius_mm": 4},"#
            + #"{"id": 7, "box_mm": [[0, 0, 0], [1, 2, 3]], "reference": true}]}"#)
        #expect(f.frameOfReferenceUID == "1.2")
        #expect(f.lesions == [
            .init(id: "L1", shape: .sphere(center: [1, -2.5, 3], radiusMM: 4), isReference: false),
            .init(id: "7", shape: .box([0, 0, 0], [1, 2, 3]), isReference: true),
        ])
    }

    @Test("Type errors name the file and the key", arguments: [
        (#"{"lesions": [{"id": "L1", "center_mm": [0, 0, 0], "radius_mm": true}]}"#, "r.json: lesions[0].radius_mm: must be a number"),
        (#"{"lesions": [{"id": "L1", "center_mm": [true, false, true], "radius_mm": 2}]}"#, "r.json: lesions[0].center_mm[0]: must be a number"),
        (#"{"lesions": [{"id": "L1", "center_mm": [0, 0], "radius_mm": 2}]}"#, "r.json: lesions[0].center_mm: must be three numbers"),
        (#"{"lesions": [{"id": "L1", "center_mm": [1e30, 0, 0], "radius_mm": 2}]}"#, "r.json: lesions[0].center_mm[0]: 1e+30 mm lies beyond"),
        (#"{"lesions": [{"id": "L1", "center_mm": [0, 0, 0], "radius_mm": 1e9}]}"#, "r.json: lesions[0].radius_mm: must be a radius in mm within (0, 1000]"),
        (#"{"lesions": [{"id": "L1", "center_mm": [0, 0, 0], "radius_mm": -1}]}"#, "r.json: lesions[0].radius_mm: must be a radius"),
        (#"{"lesions": [{"id": "L1", "center_mm": [0, 0, 1e400], "radius_mm": 1}]}"#, "r.json: the number 1e400 lies beyond the range"),
        (#"{"lesions": [{"id": "L1", "centre_mm": [0, 0, 0], "radius_mm": 1}]}"#, "r.json: lesions[0].centre_mm: unknown key"),
        (#"{"lesions": []}"#, "r.json: lesions: lists no lesion"),
        (#"{"lesions": [{"id": "", "box_mm": [[0, 0, 0], [1, 1, 1]]}]}"#, "r.json: lesions[0].id: is empty"),
        ("[1, 2", "r.json: not valid JSON"),
    ])
    func typeErrors(text: String, expected: String) {
        let m = message { _ = try sphereBox(text) }
        #expect(m.hasPrefix(expected), "\(m)")
    }

    @Test("200 000-deep JSON is refused before parsing, by every reader and by the ordered parser")
    func deepNesting() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(message { _ = try sphereBox(deep) }.hasPrefix("r.json: arrays and objects nest deeper than 64 levels"))
        #expect(message { _ = try CriteriaFile.read(Data(deep.utf8), file: "c.json") }.hasPrefix("c.json: arrays and objects nest deeper"))
        #expect(message { _ = try ManifestFile.read(Data(deep.utf8), file: "m.json") }.hasPrefix("m.json: arrays and objects nest deeper"))
        #expect(message { _ = try JSONValue.parse(deep, file: "results.json") }.hasPrefix("results.json: arrays and objects nest deeper"))
        // Brackets inside strings do not count.
        #expect(throws: Never.self) { _ = try JSONValue.parse("[\"" + String(repeating: "[", count: 100) + "\"]") }
    }

    @Test("Criteria: a bare object or a results.json; wrong types and ranges name the key")
    func criteria() throws {
        let c = try CriteriaFile.read(Data(#"{"min_change_floor_hu": 40}"#.utf8), file: "c.json")
        #expect(c.minChangeFloorHU == 40 && c.lyticBelowHU == 100)
        let r = try CriteriaFile.read(Data(#"{"schema_version": 1, "criteria": {"lytic_below_hu": 80}, "pairs": []}"#.utf8), file: "c.json")
        #expect(r.lyticBelowHU == 80)
        let wrong = message { _ = try CriteriaFile.read(Data(#"{"min_change_floor_hu": true}"#.utf8), file: "c.json") }
        #expect(wrong.hasPrefix("c.json: ") && wrong.contains("min_change_floor_hu"), "\(wrong)")
        let huge = message { _ = try CriteriaFile.read(Data(#"{"lytic_below_hu": -1e300}"#.utf8), file: "c.json") }
        #expect(huge.hasPrefix("c.json: ") && huge.contains("lytic_below_hu"), "\(huge)")
    }

    @Test("Manifest: lists of objects; ROI lists joined by ';'; unknown keys and wrong types named")
    func manifest() throws {
        let rows = try ManifestFile.read(Data(#"[{"patient_id": "P1", "baseline_series": "a", "followup_series": "b", "baseline_rois": ["x.json", "y.json"]}]"#.utf8), file: "m.json")
        #expect(rows == [["patient_id": "P1", "baseline_series": "a", "followup_series": "b", "baseline_rois": "x.json;y.json"]])
        #expect(message { _ = try ManifestFile.read(Data(#"[{"patient": "P1"}]"#.utf8), file: "m.json") }.hasPrefix("m.json: [0].patient: unknown key"))
        #expect(message { _ = try ManifestFile.read(Data(#"[{"patient_id": 3}]"#.utf8), file: "m.json") } == "m.json: [0].patient_id: must be text")
        #expect(message { _ = try ManifestFile.read(Data(#"{"patient_id": "P1"}"#.utf8), file: "m.json") }.hasPrefix("m.json: a JSON manifest is a list"))
    }
}
