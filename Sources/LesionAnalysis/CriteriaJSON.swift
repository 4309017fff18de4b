import Foundation
import ReportWriters
import ResponseClassifier

/// CONTRACT.md's `criteria` object: every threshold in force, keys in ResponseCriteria's order.
public enum CriteriaJSON {
    public static func json(_ c: ResponseCriteria) -> JSONValue {
        guard let data = try? JSONEncoder().encode(c),
              let dict = try? JSONDecoder().decode([String: Scalar].self, from: data) else { return .null }
        return .object(ResponseCriteria.CodingKeys.allCases.compactMap { key in
            dict[key.rawValue].map { (key.rawValue, $0.json) }
        })
    }

    /// A criteria value as encoded: a boolean, a whole number or a number.
    struct Scalar: Decodable {
        let json: JSONValue
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { json = .bool(b) } else if let i = try? c.decode(Int.self) { json = .int(i) } else {
                json = .number(try c.decode(Double.self))
            }
        }
    }

    /// Reads a `--criteria FILE.json`: the keys given replace the defaults. The file is the bare
    /// `criteria` object, or any document holding one under `"criteria"` (e.g. a results.json).
    /// - Throws: ``AnalysisError`` naming the file and the key at fault.
    public static func read(file: String) throws -> ResponseCriteria {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw AnalysisError("\(file): cannot read the criteria file (\(error.localizedDescription))")
        }
        do {
            // A results.json (or any object with a "criteria" member) may serve as the criteria file.
            let object = data
            let criteriaData = (try? JSONValue.parse(String(decoding: object, as: UTF8.self))).flatMap { value -> Data? in
                guard case .object(let members) = value, let inner = members.first(where: { $0.0 == "criteria" })?.1,
                      case .object = inner else { return nil }
                return Data(inner.serialized(pretty: false).utf8)
            } ?? data
            let criteria = try JSONDecoder().decode(ResponseCriteria.self, from: criteriaData)
            try criteria.validate()
            return criteria
        } catch let error as CriteriaError {
            throw AnalysisError("\(file): \(error)")
        } catch let DecodingError.dataCorrupted(context) {
            throw AnalysisError("\(file): not valid JSON (\(context.debugDescription))")
        } catch {
            throw AnalysisError("\(file): \(error)")
        }
    }
}
