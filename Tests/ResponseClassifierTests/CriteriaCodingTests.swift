import Foundation
import Testing
import ResponseClassifier

@Suite("criteria JSON")
struct CriteriaCodingTests {
    static func decode(_ json: String) throws -> ResponseCriteria {
        try JSONDecoder().decode(ResponseCriteria.self, from: Data(json.utf8))
    }

    /// Every numeric key of CONTRACT.md's `criteria` object with its default (clinical.md §4, DESIGN.md).
    static let defaultObject: [String: Double] = [
        "lytic_below_hu": 100, "sclerotic_above_hu": 350, "dense_from_hu": 1000,
        "reference_lytic_margin_hu": 60, "reference_lytic_floor_hu": 30, "reference_sclerotic_margin_hu": 200,
        "phenotype_major_fraction": 0.5, "phenotype_minor_fraction": 0.15,
        "min_change_floor_hu": 30, "min_change_relative_pct": 15,
        "mismatch_min_change_floor_hu": 50, "mismatch_min_change_relative_pct": 20,
        "mixed_fraction_change": 0.15, "marked_fill_in_sclerotic_fraction": 0.5,
        "flare_window_days": 180, "no_change_not_before_days": 56, "early_lysis_before_days": 90,
        "size_increase_volume_pct": 73, "size_decrease_volume_pct": 66,
        "small_roi_min_voxels": 100, "small_roi_min_volume_ml": 0.5, "metal_above_hu": 3000,
        "reference_unstable_above_hu": 30, "core_min_retained_fraction": 0.5,
        "kvp_tolerance_kv": 0.5, "slice_thickness_tolerance_mm": 0.1,
        "registration_min_similarity": 0.8, "registration_max_translation_mm": 50, "registration_max_rotation_deg": 15,
    ]

    @Test("The defaults encode as every criteria key with its documented value")
    func encodesDefaults() throws {
        let data = try JSONEncoder().encode(ResponseCriteria())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(Self.defaultObject.keys).union(["reference_shifts_bands"]))
        #expect(object["reference_shifts_bands"] as? Bool == true)
        for (key, value) in Self.defaultObject {
            #expect((object[key] as? NSNumber)?.doubleValue == value, "\(key)")
        }
    }

    @Test("An empty object gives the defaults")
    func emptyObject() throws {
        #expect(try Self.decode("{}") == ResponseCriteria())
    }

    @Test("A partial file changes its keys and keeps every other default")
    func partialFile() throws {
        let criteria = try Self.decode(
            #"{"min_change_floor_hu": 40, "flare_window_days": 90, "reference_shifts_bands": false}"#)
        #expect(criteria.minChangeFloorHU == 40)
        #expect(criteria.flareWindowDays == 90)
        #expect(criteria.referenceShiftsBands == false)
        #expect(criteria.minChangeRelativePct == 15)
        #expect(criteria.mismatchMinChangeFloorHU == 50)
        #expect(criteria.lyticBelowHU == 100)
        var expected = ResponseCriteria()
        expected.minChangeFloorHU = 40
        expected.flareWindowDays = 90
        expected.referenceShiftsBands = false
        #expect(criteria == expected)
    }

    @Test("Encoding then decoding keeps changed values")
    func roundTrip() throws {
        var criteria = ResponseCriteria()
        criteria.lyticBelowHU = 80
        criteria.sizeIncreaseVolumePct = 50
        criteria.smallROIMinVoxels = 64
        criteria.referenceShiftsBands = false
        let decoded = try JSONDecoder().decode(ResponseCriteria.self, from: JSONEncoder().encode(criteria))
        #expect(decoded == criteria)
    }

    @Test("An unknown key is an error naming it")
    func unknownKey() throws {
        #expect(throws: CriteriaError.unknownKey("min_change_floor")) {
            try Self.decode(#"{"min_change_floor_hu": 40, "min_change_floor": 40}"#)
        }
        #expect(CriteriaError.unknownKey("min_change_floor").description.contains("\"min_change_floor\""))
    }

    @Test("A value of the wrong JSON type is an error naming the key", arguments: [
        (#"{"flare_window_days": "ninety"}"#, "flare_window_days", "a whole number"),
        (#"{"flare_window_days": 90.5}"#, "flare_window_days", "a whole number"),
        (#"{"min_change_floor_hu": null}"#, "min_change_floor_hu", "a number"),
        (#"{"min_change_floor_hu": "30"}"#, "min_change_floor_hu", "a number"),
        (#"{"reference_shifts_bands": "yes"}"#, "reference_shifts_bands", "true or false"),
    ])
    func wrongType(json: String, key: String, expected: String) {
        #expect(throws: CriteriaError.wrongType(key: key, expected: expected)) { try Self.decode(json) }
    }

    @Test("An invalid value is an error naming the key", arguments: [
        (#"{"min_change_floor_hu": -5}"#, "min_change_floor_hu"),
        (#"{"min_change_floor_hu": 0}"#, "min_change_floor_hu"),
        (#"{"min_change_relative_pct": -1}"#, "min_change_relative_pct"),
        (#"{"mismatch_min_change_floor_hu": 29}"#, "mismatch_min_change_floor_hu"),
        (#"{"min_change_floor_hu": 60}"#, "mismatch_min_change_floor_hu"),
        (#"{"mismatch_min_change_relative_pct": 14}"#, "mismatch_min_change_relative_pct"),
        (#"{"lytic_below_hu": 350}"#, "lytic_below_hu"),
        (#"{"lytic_below_hu": 400}"#, "lytic_below_hu"),
        (#"{"sclerotic_above_hu": 90}"#, "lytic_below_hu"),
        (#"{"dense_from_hu": 350}"#, "dense_from_hu"),
        (#"{"reference_lytic_floor_hu": 101}"#, "reference_lytic_floor_hu"),
        (#"{"reference_lytic_margin_hu": -1}"#, "reference_lytic_margin_hu"),
        (#"{"phenotype_major_fraction": 1.5}"#, "phenotype_major_fraction"),
        (#"{"phenotype_major_fraction": -0.1}"#, "phenotype_major_fraction"),
        (#"{"phenotype_minor_fraction": 0.6}"#, "phenotype_minor_fraction"),
        (#"{"mixed_fraction_change": 1.01}"#, "mixed_fraction_change"),
        (#"{"marked_fill_in_sclerotic_fraction": -0.01}"#, "marked_fill_in_sclerotic_fraction"),
        (#"{"core_min_retained_fraction": 2}"#, "core_min_retained_fraction"),
        (#"{"flare_window_days": -1}"#, "flare_window_days"),
        (#"{"small_roi_min_voxels": -1}"#, "small_roi_min_voxels"),
        (#"{"small_roi_min_volume_ml": -0.5}"#, "small_roi_min_volume_ml"),
        (#"{"size_increase_volume_pct": 0}"#, "size_increase_volume_pct"),
        (#"{"size_decrease_volume_pct": 101}"#, "size_decrease_volume_pct"),
        (#"{"reference_unstable_above_hu": -1}"#, "reference_unstable_above_hu"),
        (#"{"slice_thickness_tolerance_mm": -0.1}"#, "slice_thickness_tolerance_mm"),
    ])
    func invalidValue(json: String, key: String) {
        do {
            _ = try Self.decode(json)
            Issue.record("\(json) was accepted")
        } catch let CriteriaError.invalidValue(reportedKey, reason) {
            #expect(reportedKey == key)
            #expect(!reason.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Values on the edge of their range are accepted", arguments: [
        #"{"phenotype_major_fraction": 1, "phenotype_minor_fraction": 0}"#,
        #"{"phenotype_minor_fraction": 0.5}"#,
        #"{"min_change_relative_pct": 0, "mismatch_min_change_relative_pct": 0}"#,
        #"{"mismatch_min_change_floor_hu": 30}"#,
        #"{"min_change_floor_hu": 60, "mismatch_min_change_floor_hu": 60}"#,
        #"{"lytic_below_hu": 349}"#,
        #"{"reference_lytic_floor_hu": 100}"#,
        #"{"size_decrease_volume_pct": 100}"#,
        #"{"flare_window_days": 0, "small_roi_min_voxels": 0}"#,
    ])
    func edgeValuesAccepted(json: String) throws {
        _ = try Self.decode(json)
    }

    @Test("An invalid value's message names the key and the reason")
    func invalidValueMessage() throws {
        do {
            _ = try Self.decode(#"{"lytic_below_hu": 400}"#)
            Issue.record("accepted")
        } catch let error as CriteriaError {
            #expect(error.description == "criteria: \"lytic_below_hu\" (400) must be below sclerotic_above_hu (350)")
        }
    }
}
