internal import CDICOMNetBridge
import Foundation

/// The outcome of storing one file with C-STORE.
public struct StoreOutcome: Sendable, Hashable {
    public let file: String
    /// DIMSE status of the response (0 success; 0xB000, 0xB006, 0xB007 warning; others failure), or
    /// nil when no response came (see `error`).
    public let dimseStatus: UInt16?
    /// Why the file was not stored (or the warning), nil when stored with status 0.
    public let error: DICOMNetworkError?

    /// Stored with a success or warning status (PS3.4 B.2.3).
    public var stored: Bool { dimseStatus.map { $0 == 0 || ($0 & 0xF000) == 0xB000 } ?? false }
}

public enum DICOMStorage {
    /// Sends one C-ECHO (Verification, PS3.4 A).
    /// - Throws: ``DICOMNetworkError`` `.unreachable`, `.rejected`, `.timeout`, `.failed`.
    public static func echo(_ settings: AssociationSettings) throws {
        try netCall(node: settings.node.description) { message, size in
            settings.withParameters { CDICOMNetBridge_echo($0, message, size) }
        }
    }

    /// Stores `files` on one association, in order; each file gets its own outcome (one refused
    /// file does not stop the rest).
    /// - Throws: ``DICOMNetworkError`` only when no association could be made at all.
    public static func store(files: [String], _ settings: AssociationSettings) throws -> [StoreOutcome] {
        guard !files.isEmpty else { return [] }
        let node = settings.node.description
        var results = [CDICOMNetBridge_store_result](repeating: CDICOMNetBridge_store_result(), count: files.count)
        let cStrings = files.map { strdup($0)! }
        defer { cStrings.forEach { free($0) } }
        let pointers = cStrings.map { UnsafePointer($0) }
        try netCall(node: node) { message, size in
            settings.withParameters { parameters in
                pointers.withUnsafeBufferPointer { list in
                    results.withUnsafeMutableBufferPointer {
                        CDICOMNetBridge_store_files(parameters, list.baseAddress!, files.count, $0.baseAddress!, message, size)
                    }
                }
            }
        }
        return zip(files, results).map { file, result in
            var r = result
            let text = withUnsafeBytes(of: &r.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let dimse: UInt16? = result.status == CDICOMNetBridge_OK ? result.dimse_status : nil
            let error: DICOMNetworkError? = result.status == CDICOMNetBridge_OK && result.dimse_status == 0 ? nil
                : DICOMNetworkError(result.status == CDICOMNetBridge_OK ? .failed : .init(result.status), node: node, message: text)
            return StoreOutcome(file: file, dimseStatus: dimse, error: error)
        }
    }
}
