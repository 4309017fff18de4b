@testable import DICOMImport
import Foundation
import Testing
import VolumeModel
import _TestSupport

/// The decode-once path (Pixel Data read at the offset DCMTK's header scan reported) against
/// DCMTK's own decode, which stays the reference: identical HU and padding on every plane of every
/// CT file in ../shared/data and ../shared/cases.
@Suite("Pixel Data read by offset: HU identical to DCMTK's decode",
       .enabled(if: SharedData.isAvailable && SharedData.casesAvailable, "../shared/data or ../shared/cases is absent: skipped"))
struct DirectPixelReaderTests {
    /// Every regular file under `root`.
    static func files(_ root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.map { (root as NSString).appendingPathComponent($0) }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    static func same(_ a: HUPlane, _ b: HUPlane) -> Bool {
        guard a.rows == b.rows, a.columns == b.columns, a.padding == b.padding else { return false }
        switch (a.storage, b.storage) {
        case (.int16(let x), .int16(let y)): return x == y
        case (.float64(let x), .float64(let y)): return x == y
        default: return false
        }
    }

    @Test("Every CT plane", arguments: [SharedData.data(""), SharedData.cases("")])
    func everyPlane(root: String) throws {
        var direct = 0, compared = 0
        for path in Self.files(root) {
            guard case .ctImage(let planes)? = try? HeaderReader.scan(path: path) else { continue }
            guard planes.allSatisfy(DirectPixelReader.applies) else { continue }
            let open = try DirectPixelReader.OpenFile(path: path)
            let dicom = try DICOMFile(path: path, headersOnly: false)
            var words: [UInt16] = []
            for header in planes {
                let count = header.rows * header.columns
                let reference = try dicom.withFrameWords(header.frame, count: count) {
                    ModalityTransform.huPlane(words: $0, rows: header.rows, columns: header.columns, encoding: header.encoding)
                }
                try DirectPixelReader.readFrame(header, from: open, into: &words)
                let plane = words.withUnsafeBufferPointer {
                    ModalityTransform.huPlane(words: $0, rows: header.rows, columns: header.columns, encoding: header.encoding)
                }
                #expect(Self.same(plane, reference), "\(path) frame \(header.frame)")
                compared += 1
            }
            direct += 1
        }
        #expect(direct >= 20, "only \(direct) files under \(root) had a Pixel Data location")
        #expect(compared >= direct)
    }

    @Test("Whole series: decodePlanes by offset equals decodePlanes through DCMTK", arguments: [
        "01-rescale-per-slice/ct", "04-signed-12bit-garbage-high-bits/ct", "05-pixel-padding-fov/ct", "06-monochrome1/ct",
    ])
    func series(folder: String) throws {
        let index = try Discovery.index(SharedData.cases(folder))
        let uid = try #require(index.seriesUIDs.first)
        let stack = try SeriesAssembly.assemble(try #require(index.seriesPlanes[uid]), seriesInstanceUID: uid)[0]
        #expect(stack.planes.contains(where: DirectPixelReader.applies))
        let (direct, f1) = stack.decodePlanes(nil, reader: .direct)
        let (dcmtk, f2) = stack.decodePlanes(nil, reader: .dcmtk)
        #expect(f1.isEmpty && f2.isEmpty && direct.planes.count == stack.planes.count)
        for k in 0..<stack.planes.count {
            let a = try #require(direct.planes[k]), b = try #require(dcmtk.planes[k])
            #expect(Self.same(a, b), "\(folder) plane \(k)")
        }
    }

    @Test("A file cut short inside its Pixel Data after the scan is an error naming it, not a short plane")
    func truncatedAfterScan() throws {
        let folder = try SharedData.temporaryFolder("direct-pixels")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = try #require(Self.files(SharedData.cases("05-pixel-padding-fov/ct")).first)
        let copy = (folder as NSString).appendingPathComponent("plane.dcm")
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        guard case .ctImage(let planes) = try HeaderReader.scan(path: copy) else { Issue.record("not CT"); return }
        let header = try #require(planes.first)
        #expect(DirectPixelReader.applies(to: header))
        let handle = try #require(FileHandle(forWritingAtPath: copy))
        try handle.truncate(atOffset: UInt64(try #require(header.pixelDataLocation).offset + 100))
        try handle.close()
        var words: [UInt16] = []
        #expect { try DirectPixelReader.readFrame(header, from: try .init(path: copy), into: &words) } throws: {
            ($0 as? DICOMError)?.path == copy && ($0 as? DICOMError)?.message.contains("shorter") == true
        }
    }
}
