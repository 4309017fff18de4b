/// The unit of a result key, as Docs/Outputs.md lists it. The unit is also part of the key's name
/// where it has one (`_hu`, `_ml`, `_mm`, `_days`, `_pct`).
public enum ResultUnit: String, Sendable, CaseIterable {
    /// Hounsfield units.
    case hu = "HU"
    /// Hounsfield units squared (energy).
    case hu2 = "HU²"
    /// Millilitres.
    case ml = "mL"
    /// Millimetres, DICOM patient coordinates (LPS) where a position.
    case mm
    /// Degrees.
    case degrees = "°"
    /// Calendar days.
    case days
    /// Percent of the baseline value.
    case percent = "%"
    /// A fraction of voxels, 0…1.
    case fraction = "0–1"
    /// A number of voxels.
    case voxels
    /// A dimensionless number.
    case dimensionless = "1"
    /// Text (a word of the contract's vocabulary, a label, a message).
    case text
    /// An ISO date `YYYY-MM-DD`.
    case date = "YYYY-MM-DD"
    /// A DICOM UID.
    case uid = "UID"
    /// A path as the user gave it.
    case path
    /// A list (JSON array; in CSV joined by `;`).
    case list
    /// A nested object (JSON only).
    case object
}

/// One row of a key table: a result key, its unit, and how its value is read from `Root`.
///
/// The key tables (``StatisticsColumns``, ``DeltaColumns``, ``LesionColumns`` …) are the one place that
/// says which keys a result has and in which order: the JSON objects are written by walking a
/// table, and the CSV columns are the same tables flattened with a prefix (``prefixed(_:_:)``).
public struct ResultColumn<Root>: Sendable {
    /// The key as written (JSON member name, CSV column stem).
    public let key: String
    public let unit: ResultUnit
    private let read: @Sendable (Root) -> JSONValue
    /// Sets the value from a JSON value read back (``ResultsReader``); nil for keys the reader
    /// decodes itself (objects, words of the vocabulary).
    let write: (@Sendable (inout Root, JSONValue, String) throws -> Void)?

    /// A column whose value is computed by `read` (and read back by `write`, when given).
    public init(_ key: String, _ unit: ResultUnit, _ read: @escaping @Sendable (Root) -> JSONValue,
                write: (@Sendable (inout Root, JSONValue, String) throws -> Void)? = nil) {
        self.key = key
        self.unit = unit
        self.read = read
        self.write = write
    }

    /// A number (null when nil or not finite).
    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, Double?> & Sendable) {
        self.init(key, unit, { .number($0[keyPath: path]) }, write: { $0[keyPath: path] = try JSONRead.double($1, $2) })
    }

    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, Double> & Sendable) {
        self.init(key, unit, { .number(Optional($0[keyPath: path])) }, write: { $0[keyPath: path] = try JSONRead.required(JSONRead.double($1, $2), $2) })
    }

    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, Int> & Sendable) {
        self.init(key, unit, { .int($0[keyPath: path]) }, write: { $0[keyPath: path] = try JSONRead.required(JSONRead.int($1, $2), $2) })
    }

    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, Int?> & Sendable) {
        self.init(key, unit, { .int($0[keyPath: path]) }, write: { $0[keyPath: path] = try JSONRead.int($1, $2) })
    }

    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, String?> & Sendable) {
        self.init(key, unit, { .string($0[keyPath: path]) }, write: { $0[keyPath: path] = try JSONRead.string($1, $2) })
    }

    public init(_ key: String, _ unit: ResultUnit, _ path: WritableKeyPath<Root, String> & Sendable) {
        self.init(key, unit, { .string($0[keyPath: path]) }, write: { $0[keyPath: path] = try JSONRead.required(JSONRead.string($1, $2), $2) })
    }

    /// The value of this key for `root`.
    public func value(_ root: Root) -> JSONValue { read(root) }

    /// The same column read through `get` from an enclosing value, its key prefixed (`baseline_` +
    /// `mean_hu`); null where `get` gives nil.
    public func prefixed<Outer>(_ prefix: String, _ get: @escaping @Sendable (Outer) -> Root?) -> ResultColumn<Outer> {
        let read = self.read
        return ResultColumn<Outer>(prefix + key, unit) { outer in get(outer).map(read) ?? .null }
    }
}

extension Array {
    /// The JSON object of `root` with this table's keys in order.
    public func object<Root>(_ root: Root) -> JSONValue where Element == ResultColumn<Root> {
        .object(map { ($0.key, $0.value(root)) })
    }

    /// Sets every key of this table found in `object` (a JSON object read back); keys absent keep
    /// `root`'s values. `path` names the object in errors.
    public func fill<Root>(_ root: inout Root, from object: JSONValue, path: String) throws where Element == ResultColumn<Root> {
        let members = try JSONRead.members(object, path)
        for column in self {
            guard let write = column.write, let value = members.first(where: { $0.0 == column.key })?.1 else { continue }
            try write(&root, value, path + "." + column.key)
        }
    }

    /// Every column of this table read through `get`, keys prefixed.
    public func prefixed<Root, Outer>(_ prefix: String, _ get: @escaping @Sendable (Outer) -> Root?) -> [ResultColumn<Outer>]
    where Element == ResultColumn<Root> {
        map { $0.prefixed(prefix, get) }
    }
}
