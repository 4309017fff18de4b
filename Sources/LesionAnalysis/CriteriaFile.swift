import Foundation
import ResultsModel
import ResponseClassifier

/// `--criteria FILE.json`.
public enum CriteriaFile {
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
