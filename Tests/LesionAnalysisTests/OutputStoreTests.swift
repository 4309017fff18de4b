import DICOMNetwork
import Foundation
import LesionAnalysis
import ResultsModel
import Testing
import _TestSupport

/// `--store-to` at the library level, against a real Orthanc (skipped with a message when absent):
/// one refused object (Orthanc answers 0xA700 to an object without StudyInstanceUID, made here with
/// DCMTK's dcmodify) and one held back by the pseudonym gate (its PatientID set back to the real
/// one with dcmodify) are reported, and the other objects are stored. What Orthanc holds afterwards
/// is read through its REST API, independently of our code.
@Suite("Storing the DICOM outputs (C-STORE)")
struct OutputStoreTests {
    /// PAT-C's pair (a sphere file): an SR and a SEG at each time point, four objects.
    static func writeOutputs(into out: String, pseudonym: Pseudonym?) throws -> DICOMOutputSink {
        let example = SharedData.fixture("example") + "/PAT-C"
        let request = PairRequest(baselinePath: example + "/20240301/SE2", followupPath: example + "/20240603/SE2",
                                  baselineROIs: [example + "/20240301/SE2/rois.json"], followupROIs: nil, therapyStart: nil)
        let sink = DICOMOutputSink(outFolder: out, pseudonymized: pseudonym != nil, reportedPatientID: { pseudonym?($0) ?? $0 })
        let pair = PairAnalysis.run(request, pictures: nil, dicom: sink)
        #expect(pair.status == .ok)
        #expect(sink.records.count == 4 && sink.problems.isEmpty, "\(sink.records) \(sink.problems)")
        return sink
    }

    @Test func aRefusalAndAHeldBackObjectAreReportedAndTheRestStored() throws {
        guard OrthancServer.executable != nil, let dcmodify = ExternalTool.find("dcmodify") else {
            print("\(OrthancServer.skipMessage) (or DCMTK's dcmodify missing)")
            return
        }
        let out = try SharedData.temporaryFolder("store-refusal")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let pseudonym = try Pseudonym(salt: "store-test")
        let sink = try Self.writeOutputs(into: out, pseudonym: pseudonym)
        let files = sink.records.map(\.file)
        // The first object loses its StudyInstanceUID (Orthanc refuses it), the second gets the
        // real PatientID back (the gate must hold it back).
        #expect(try ExternalTool.run(dcmodify, ["-nb", "-ea", "(0020,000D)", out + "/" + files[0]]).status == 0)
        #expect(try ExternalTool.run(dcmodify, ["-nb", "-m", "(0010,0020)=PAT-C", out + "/" + files[1]]).status == 0)

        let orthanc = try OrthancServer()
        defer { orthanc.stop() }
        let settings = try AssociationSettings(node: DICOMNode(parsing: orthanc.node), callingAETitle: orthanc.callingAETitle,
                                               timeoutSeconds: 10)
        #expect(sink.store(to: settings) == 2)

        let records = sink.records
        #expect(records.allSatisfy { $0.storedTo == orthanc.node })
        #expect(records[0].status?.hasPrefix("failed: DIMSE status 0xA700") == true, "\(records[0].status ?? "nil")")
        #expect(records[1].status?.hasPrefix("failed: not sent: --pseudonymize is in force and its PatientID is not the pseudonym") == true,
                "\(records[1].status ?? "nil")")
        #expect(records[2].status == "stored" && records[3].status == "stored")
        let warnings = sink.problems.filter { $0.code == .dicomNotStored }
        #expect(Set(warnings.map { String($0.message.prefix { $0 != ":" }) }) == [files[0], files[1]], "\(warnings)")
        #expect(!warnings.contains { $0.message.contains("PAT-C") }, "a warning repeats the real PatientID")

        // Orthanc holds exactly the two stored objects, both under the pseudonym only.
        #expect(try orthanc.instanceCount() == 2)
        let patients = try #require(try orthanc.json("/patients?expand") as? [[String: Any]])
        let ids = patients.compactMap { ($0["MainDicomTags"] as? [String: Any])?["PatientID"] as? String }
        #expect(ids == [pseudonym("PAT-C")!], "\(ids)")
    }

    @Test func anUnreachableNodeFailsEveryObject() throws {
        let out = try SharedData.temporaryFolder("store-unreachable")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let sink = try Self.writeOutputs(into: out, pseudonym: nil)
        let node = try DICOMNode(aeTitle: "NOBODY", host: "127.0.0.1", port: LoopbackPort.free())
        #expect(sink.store(to: try AssociationSettings(node: node, timeoutSeconds: 5)) == 4)
        for record in sink.records {
            #expect(record.storedTo == node.description)
            #expect(record.status?.hasPrefix("failed: cannot connect") == true, "\(record.status ?? "nil") \(sink.problems)")
        }
        let warnings = sink.problems.filter { $0.code == .dicomNotStored }
        #expect(warnings.count == 4 && warnings.allSatisfy { $0.message.contains("\(node) did not store it: cannot connect") }, "\(warnings)")
    }
}
