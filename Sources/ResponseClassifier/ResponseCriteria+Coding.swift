// ResponseCriteria as JSON: Docs/Outputs.md's `criteria` object. Encoding writes every key; decoding
// starts from the defaults, so a `--criteria` file may give only the keys it changes.

extension ResponseCriteria: Codable {
    /// The `criteria` keys, in the order they are written. Units are part of each name.
    public enum CodingKeys: String, CodingKey, CaseIterable, Sendable {
        case lyticBelowHU = "lytic_below_hu"
        case scleroticAboveHU = "sclerotic_above_hu"
        case denseFromHU = "dense_from_hu"
        case referenceShiftsBands = "reference_shifts_bands"
        case referenceLyticMarginHU = "reference_lytic_margin_hu"
        case referenceLyticFloorHU = "reference_lytic_floor_hu"
        case referenceScleroticMarginHU = "reference_sclerotic_margin_hu"
        case phenotypeMajorFraction = "phenotype_major_fraction"
        case phenotypeMinorFraction = "phenotype_minor_fraction"
        case minChangeFloorHU = "min_change_floor_hu"
        case minChangeRelativePct = "min_change_relative_pct"
        case mismatchMinChangeFloorHU = "mismatch_min_change_floor_hu"
        case mismatchMinChangeRelativePct = "mismatch_min_change_relative_pct"
        case mixedFractionChange = "mixed_fraction_change"
        case markedFillInScleroticFraction = "marked_fill_in_sclerotic_fraction"
        case flareWindowDays = "flare_window_days"
        case noChangeNotBeforeDays = "no_change_not_before_days"
        case earlyLysisBeforeDays = "early_lysis_before_days"
        case sizeIncreaseVolumePct = "size_increase_volume_pct"
        case sizeDecreaseVolumePct = "size_decrease_volume_pct"
        case smallROIMinVoxels = "small_roi_min_voxels"
        case smallROIMinVolumeML = "small_roi_min_volume_ml"
        case metalAboveHU = "metal_above_hu"
        case referenceUnstableAboveHU = "reference_unstable_above_hu"
        case coreMinRetainedFraction = "core_min_retained_fraction"
        case kvpToleranceKV = "kvp_tolerance_kv"
        case sliceThicknessToleranceMM = "slice_thickness_tolerance_mm"
        case registrationMinSimilarity = "registration_min_similarity"
        case registrationMaxTranslationMM = "registration_max_translation_mm"
        case registrationMaxRotationDeg = "registration_max_rotation_deg"
    }

    /// Where each key's value lives, by JSON type.
    private enum Field {
        case number(WritableKeyPath<ResponseCriteria, Double>)
        case wholeNumber(WritableKeyPath<ResponseCriteria, Int>)
        case boolean(WritableKeyPath<ResponseCriteria, Bool>)
    }

    private static func field(_ key: CodingKeys) -> Field {
        switch key {
        case .lyticBelowHU: .number(\.lyticBelowHU)
        case .scleroticAboveHU: .number(\.scleroticAboveHU)
        case .denseFromHU: .number(\.denseFromHU)
        case .referenceShiftsBands: .boolean(\.referenceShiftsBands)
        case .referenceLyticMarginHU: .number(\.referenceLyticMarginHU)
        case .referenceLyticFloorHU: .number(\.referenceLyticFloorHU)
        case .referenceScleroticMarginHU: .number(\.referenceScleroticMarginHU)
        case .phenotypeMajorFraction: .number(\.phenotypeMajorFraction)
        case .phenotypeMinorFraction: .number(\.phenotypeMinorFraction)
        case .minChangeFloorHU: .number(\.minChangeFloorHU)
        case .minChangeRelativePct: .number(\.minChangeRelativePct)
        case .mismatchMinChangeFloorHU: .number(\.mismatchMinChangeFloorHU)
        case .mismatchMinChangeRelativePct: .number(\.mismatchMinChangeRelativePct)
        case .mixedFractionChange: .number(\.mixedFractionChange)
        case .markedFillInScleroticFraction: .number(\.markedFillInScleroticFraction)
        case .flareWindowDays: .wholeNumber(\.flareWindowDays)
        case .noChangeNotBeforeDays: .wholeNumber(\.noChangeNotBeforeDays)
        case .earlyLysisBeforeDays: .wholeNumber(\.earlyLysisBeforeDays)
        case .sizeIncreaseVolumePct: .number(\.sizeIncreaseVolumePct)
        case .sizeDecreaseVolumePct: .number(\.sizeDecreaseVolumePct)
        case .smallROIMinVoxels: .wholeNumber(\.smallROIMinVoxels)
        case .smallROIMinVolumeML: .number(\.smallROIMinVolumeML)
        case .metalAboveHU: .number(\.metalAboveHU)
        case .referenceUnstableAboveHU: .number(\.referenceUnstableAboveHU)
        case .coreMinRetainedFraction: .number(\.coreMinRetainedFraction)
        case .kvpToleranceKV: .number(\.kvpToleranceKV)
        case .sliceThicknessToleranceMM: .number(\.sliceThicknessToleranceMM)
        case .registrationMinSimilarity: .number(\.registrationMinSimilarity)
        case .registrationMaxTranslationMM: .number(\.registrationMaxTranslationMM)
        case .registrationMaxRotationDeg: .number(\.registrationMaxRotationDeg)
        }
    }

    /// A criteria value by JSON type.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case wholeNumber(Int)
        case boolean(Bool)
    }

    /// The value in force for `key` (for writers of the `criteria` object).
    public func value(of key: CodingKeys) -> Value {
        switch Self.field(key) {
        case .number(let path): .number(self[keyPath: path])
        case .wholeNumber(let path): .wholeNumber(self[keyPath: path])
        case .boolean(let path): .boolean(self[keyPath: path])
        }
    }

    /// Any key of the JSON object, so that unknown keys can be named.
    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// Decodes a full or partial `criteria` object; absent keys keep their defaults.
    /// - Throws: ``CriteriaError`` naming the key for an unknown key, a value of the wrong type
    ///   (null included) or a value out of range (``validate()``).
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: AnyKey.self)
        let presentKeys = container.allKeys.map(\.stringValue).sorted()
        for name in presentKeys {
            guard let key = CodingKeys(rawValue: name) else { throw CriteriaError.unknownKey(name) }
            let anyKey = AnyKey(stringValue: name)
            switch Self.field(key) {
            case .number(let path):
                self[keyPath: path] = try Self.decode(Double.self, anyKey, in: container, "a number")
            case .wholeNumber(let path):
                self[keyPath: path] = try Self.decode(Int.self, anyKey, in: container, "a whole number")
            case .boolean(let path):
                self[keyPath: path] = try Self.decode(Bool.self, anyKey, in: container, "true or false")
            }
        }
        try validate()
    }

    private static func decode<T: Decodable>(
        _ type: T.Type, _ key: AnyKey, in container: KeyedDecodingContainer<AnyKey>, _ expected: String
    ) throws -> T {
        // Any failure here concerns this key's value only. Not just DecodingError: on Linux,
        // Foundation's JSONDecoder throws an internal error for a number that does not fit the type.
        do {
            return try container.decode(type, forKey: key)
        } catch {
            throw CriteriaError.wrongType(key: key.stringValue, expected: expected)
        }
    }

    /// Writes every key, in ``CodingKeys`` order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for key in CodingKeys.allCases {
            switch Self.field(key) {
            case .number(let path): try container.encode(self[keyPath: path], forKey: key)
            case .wholeNumber(let path): try container.encode(self[keyPath: path], forKey: key)
            case .boolean(let path): try container.encode(self[keyPath: path], forKey: key)
            }
        }
    }
}
