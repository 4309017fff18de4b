import Crypto
import Foundation
import ResultsModel

/// `--pseudonymize`: PatientID replaced by a salted hash, so results can be shared and still be
/// joined across runs that use the same salt.
///
/// pseudonym = "anon-" + the first 16 hex digits of SHA-256(salt ‖ 0x00 ‖ PatientID) (FIPS 180-4,
/// through swift-crypto). Without the salt the PatientID cannot be recovered by hashing guesses.
public struct Pseudonym: Sendable {
    public let salt: String

    /// - Throws: ``AnalysisError`` when the salt is empty.
    public init(salt: String) throws {
        guard !salt.isEmpty else { throw AnalysisError("--pseudonymize needs a salt: --salt TEXT or the environment variable LESION_DENSITY_SALT") }
        self.salt = salt
    }

    /// The pseudonym of `patientID` (nil stays nil).
    public func callAsFunction(_ patientID: String?) -> String? {
        guard let patientID else { return nil }
        let digest = SHA256.hash(data: Data(salt.utf8) + Data([0]) + Data(patientID.utf8))
        return "anon-" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// `pairs` with every PatientID replaced.
    public func apply(_ pairs: [PairResult]) -> [PairResult] {
        pairs.map { p in
            var q = p
            q.patientID = self(p.patientID)
            q.baseline?.patientID = self(p.baseline?.patientID)
            q.followup?.patientID = self(p.followup?.patientID)
            return q
        }
    }

    /// `document` with every PatientID replaced: pairs, patients not paired, trends. Paths are
    /// reported as the user gave them (Docs/Outputs.md "--pseudonymize").
    public func apply(_ document: ResultsDocument) -> ResultsDocument {
        var d = document
        d.pairs = apply(document.pairs)
        d.unpaired = document.unpaired.map { u in
            var v = u
            v.patientID = self(u.patientID) ?? u.patientID
            return v
        }
        d.trends = document.trends.map { t in
            var u = t
            u.patientID = self(t.patientID)
            return u
        }
        return d
    }
}
