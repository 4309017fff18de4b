import DICOMImport
import Foundation
import Testing
import _TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Byte-level writers of files DCMTK itself would choke on (no DICOM toolkit writes them).
enum HostileBytes {
    /// A Part 10 file (CT Image Storage) whose dataset nests `depth` ReferencedSeriesSequence
    /// (0008,1115) of undefined length, each holding one item: explicit or implicit VR little endian.
    static func nestedSequences(depth: Int, implicitVR: Bool) -> Data {
        var meta = Data()
        func u16(_ v: UInt16, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8(v >> 8)) }
        func u32(_ v: UInt32, _ d: inout Data) { for s in stride(from: 0, to: 32, by: 8) { d.append(UInt8((v >> UInt32(s)) & 0xFF)) } }
        func explicit(_ g: UInt16, _ e: UInt16, _ vr: String, _ value: [UInt8], into d: inout Data) {
            u16(g, &d); u16(e, &d); d.append(contentsOf: Array(vr.utf8))
            if vr == "OB" || vr == "SQ" { u16(0, &d); u32(UInt32(value.count), &d) } else { u16(UInt16(value.count), &d) }
            d.append(contentsOf: value)
        }
        func implicit(_ g: UInt16, _ e: UInt16, _ value: [UInt8], into d: inout Data) {
            u16(g, &d); u16(e, &d); u32(UInt32(value.count), &d); d.append(contentsOf: value)
        }
        let sopClass = Array("1.2.840.10008.5.1.4.1.1.2\0".utf8), sop = Array("2.25.7\0".utf8)
        let syntax = Array((implicitVR ? "1.2.840.10008.1.2\0" : "1.2.840.10008.1.2.1\0").utf8)
        var group = Data()
        explicit(2, 1, "OB", [0, 1], into: &group)
        explicit(2, 2, "UI", sopClass, into: &group)
        explicit(2, 3, "UI", sop, into: &group)
        explicit(2, 0x10, "UI", syntax, into: &group)
        var length = Data(); u32(UInt32(group.count), &length)
        explicit(2, 0, "UL", Array(length), into: &meta)
        meta.append(group)
        var body = Data()
        if implicitVR {
            implicit(8, 0x16, sopClass, into: &body); implicit(8, 0x18, sop, into: &body)
        } else {
            explicit(8, 0x16, "UI", sopClass, into: &body); explicit(8, 0x18, "UI", sop, into: &body)
        }
        var open = Data()
        u16(8, &open); u16(0x1115, &open)
        if !implicitVR { open.append(contentsOf: Array("SQ".utf8)); u16(0, &open) }
        u32(0xFFFF_FFFF, &open)
        u16(0xFFFE, &open); u16(0xE000, &open); u32(0xFFFF_FFFF, &open)
        var close = Data()
        u16(0xFFFE, &close); u16(0xE00D, &close); u32(0, &close)
        u16(0xFFFE, &close); u16(0xE0DD, &close); u32(0, &close)
        for _ in 0..<depth { body.append(open) }
        for _ in 0..<depth { body.append(close) }
        return Data(count: 128) + Data("DICM".utf8) + meta + body
    }
}

@Suite("Hostile files: nesting, pipes, links")
struct HostileFileTests {
    @Test("20 000 nested sequences are refused before DCMTK parses them (explicit and implicit VR); 10 are not")
    func deepNesting() throws {
        let folder = try SharedData.temporaryFolder("deep")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try HostileBytes.nestedSequences(depth: 20_000, implicitVR: false).write(to: URL(fileURLWithPath: folder + "/explicit.dcm"))
        try HostileBytes.nestedSequences(depth: 20_000, implicitVR: true).write(to: URL(fileURLWithPath: folder + "/implicit.dcm"))
        try HostileBytes.nestedSequences(depth: 65, implicitVR: false).write(to: URL(fileURLWithPath: folder + "/65.dcm"))
        try HostileBytes.nestedSequences(depth: 10, implicitVR: false).write(to: URL(fileURLWithPath: folder + "/shallow.dcm"))
        let index = try Discovery.index(folder)
        let messages = Dictionary(uniqueKeysWithValues: index.unreadableFiles.map { (($0.path as NSString).lastPathComponent, $0.message) })
        for name in ["explicit.dcm", "implicit.dcm", "65.dcm"] {
            #expect(messages[name]?.contains("sequences nested deeper than 64 levels") == true, "\(name): \(messages[name] ?? "-")")
        }
        // 10 levels parse; the file is refused only for what a CT image lacks.
        #expect(messages["shallow.dcm"] == "CT image without Rows/Columns")
    }

    @Test("A named pipe in a series folder is skipped without being opened; the series is read")
    func namedPipe() throws {
        let folder = try SharedData.temporaryFolder("fifo")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 3
        try ct.write(to: folder)
        #expect(mkfifo(folder + "/pipe.dcm", 0o644) == 0)
        let index = try Discovery.index(folder)  // would block forever if the pipe were opened for reading
        #expect(index.nonRegularFiles == [folder + "/pipe.dcm"])
        #expect(index.unreadableFiles.isEmpty && index.skippedFiles.isEmpty)
        #expect(index.seriesPlanes.values.map(\.count) == [3])
    }

    @Test("A symbolically linked series folder is followed; a link loop is walked once")
    func symlinkedFolder() throws {
        let folder = try SharedData.temporaryFolder("links")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 4
        try ct.write(to: folder + "/elsewhere/ct")
        try FileManager.default.createDirectory(atPath: folder + "/tree", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/tree/series", withDestinationPath: folder + "/elsewhere/ct")
        try FileManager.default.createSymbolicLink(atPath: folder + "/tree/loop", withDestinationPath: folder + "/tree")
        try FileManager.default.createSymbolicLink(atPath: folder + "/tree/dangling", withDestinationPath: folder + "/nowhere")
        let index = try Discovery.index(folder + "/tree")
        // Four planes, each once: the loop back to the tree adds nothing.
        #expect(index.seriesPlanes.values.map(\.count) == [4])
        #expect(index.seriesPlanes.values.first?.allSatisfy { $0.path.hasPrefix(folder + "/tree/series/") } == true)
    }
}
