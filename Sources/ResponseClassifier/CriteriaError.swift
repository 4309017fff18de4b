/// Why a `criteria` object (`--criteria FILE.json`) was refused. Every case names the offending key.
public enum CriteriaError: Error, Equatable, CustomStringConvertible {
    /// The object holds a key that is not one of ``ResponseCriteria/CodingKeys``.
    case unknownKey(String)
    /// The key's value has the wrong JSON type (or is null); `expected` says what it must be.
    case wrongType(key: String, expected: String)
    /// The key's value has the right type but is out of range; `reason` says which range.
    case invalidValue(key: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let key):
            "criteria: unknown key \"\(key)\"; the keys are those of the criteria object in Docs/Outputs.md"
        case .wrongType(let key, let expected):
            "criteria: \"\(key)\" must be \(expected)"
        case .invalidValue(let key, let reason):
            "criteria: \"\(key)\" \(reason)"
        }
    }
}
