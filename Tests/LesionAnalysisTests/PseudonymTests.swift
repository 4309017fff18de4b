import LesionAnalysis
import Testing

@Suite("Pseudonymization")
struct PseudonymTests {
    @Test("PatientID becomes anon- + 16 hex digits of SHA-256(salt, 0x00, PatientID)")
    func knownDigest() throws {
        // python3: hashlib.sha256(b"s3cret\x00ANON001").hexdigest()[:16]
        #expect(try Pseudonym(salt: "s3cret")("ANON001") == "anon-f69e15fc3e9211b5")
        #expect(try Pseudonym(salt: "other")("ANON001") != "anon-f69e15fc3e9211b5")
        #expect(throws: AnalysisError.self) { _ = try Pseudonym(salt: "") }
    }
}
