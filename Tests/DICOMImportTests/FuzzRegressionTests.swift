import DICOMImport
import Foundation
import Testing

/// Inputs found by the libFuzzer targets (Tests/Fuzz) that crashed the process; each is kept in
/// Resources/fuzz/ and read again here. They derive from the generated seeds of Tests/Fuzz/seeds.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func resource(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "dcm", subdirectory: "Resources/fuzz")).path
    }

    @Test("A REG whose MatrixRegistrationSequence has a VR other than SQ: read without a crash, the item has no matrix")
    func matrixSequenceNotSQ() throws {
        // reg target, crash db2bb43a: DCMTK's DcmPathProcessor cast the element to a sequence (SEGV).
        let path = try Self.resource("reg-matrix-sequence-not-sq")
        let reg = try SpatialRegistrationReader.read(path: path)
        #expect(reg.items.first?.frameOfReferenceUID == "2.25.1")
        #expect(reg.items.first?.matrix == nil)
    }
}
