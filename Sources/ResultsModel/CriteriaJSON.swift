import ResponseClassifier

/// The `criteria` object: every threshold in force, keys in ``ResponseCriteria/CodingKeys`` order
/// (units are part of the key names; Docs/Classification.md gives each one's source).
public enum CriteriaJSON {
    public static func json(_ c: ResponseCriteria) -> JSONValue {
        .object(ResponseCriteria.CodingKeys.allCases.map { key in
            switch c.value(of: key) {
            // A whole HU value is written without a fraction ("lytic_below_hu": 100), as results
            // files have always shown it.
            case .number(let x) where x == x.rounded() && abs(x) < 1e15: (key.rawValue, .int(Int(x)))
            case .number(let x): (key.rawValue, .number(x))
            case .wholeNumber(let i): (key.rawValue, .int(i))
            case .boolean(let b): (key.rawValue, .bool(b))
            }
        })
    }
}
