import DICOMNetwork
import Foundation
import Testing

/// Values from the user or the network are checked where they enter (PS3.5 6.2 AE, 9.1 UI).
@Suite("DICOMNode, AE titles and UIDs")
struct NodeTests {
    @Test("AET@HOST:PORT parses; host with brackets for IPv6")
    func parses() throws {
        let node = try DICOMNode(parsing: "ORTHANC@pacs.example.org:4242")
        #expect(node.aeTitle == "ORTHANC" && node.host == "pacs.example.org" && node.port == 4242)
        #expect(node.description == "ORTHANC@pacs.example.org:4242")
        let v6 = try DICOMNode(parsing: "PACS@[::1]:104")
        #expect(v6.host == "::1" && v6.port == 104)
        #expect(v6.description == "PACS@[::1]:104")
    }

    @Test("Bad nodes are refused with the reason", arguments: [
        "ORTHANC", "ORTHANC@host", "@host:104", "ORTHANC@:104", "ORTHANC@host:0", "ORTHANC@host:65536", "ORTHANC@host:-1",
        "ORTHANC@host:10x", "ABCDEFGHIJKLMNOPQ@host:104", "A\\B@host:104", "    @host:104", "A@ho st:104",
    ])
    func refuses(_ text: String) {
        #expect(throws: DICOMNetworkError.self) { try DICOMNode(parsing: text) }
    }

    @Test("Calling AE title and timeout are checked")
    func settings() throws {
        let node = try DICOMNode(parsing: "A@127.0.0.1:104")
        #expect(throws: DICOMNetworkError.self) { try AssociationSettings(node: node, callingAETitle: "") }
        #expect(throws: DICOMNetworkError.self) { try AssociationSettings(node: node, callingAETitle: "SEVENTEEN_CHARS_X") }
        #expect(throws: DICOMNetworkError.self) { try AssociationSettings(node: node, timeoutSeconds: 0) }
        #expect(throws: DICOMNetworkError.self) { try AssociationSettings(node: node, timeoutSeconds: 3601) }
        #expect(try AssociationSettings(node: node, callingAETitle: "SIXTEEN_CHARS_XX").callingAETitle.count == 16)
    }

    @Test("UI syntax: digits in dot-separated components, no leading zero, at most 64 characters")
    func uids() {
        for good in ["1.2.840.10008.5.1.4.1.1.2", "2.25.0", "0", String(repeating: "1", count: 64)] {
            #expect(DICOMNode.isValidUID(good), "\(good)")
        }
        for bad in ["", "1..2", ".1.2", "1.2.", "1.02", "1.2a", "../../etc", "1.2/3", String(repeating: "1", count: 65), "1.2 "] {
            #expect(!DICOMNode.isValidUID(bad), "\(bad)")
        }
    }
}
