@testable import DICOMImport
import Foundation
import Testing
import _TestSupport

/// Every CT object in ../shared/data is decoded through DCMTK and compared, voxel by voxel on a
/// 5 × 5 grid per frame, with HU computed independently by pydicom (+ pylibjpeg) and the modality
/// LUT applied by hand (Tests/tools/sample_hu.py → Resources/hu_samples.json).
@Suite("Real CT data: HU equal to an independent decoder", .enabled(if: SharedData.isAvailable, "../shared/data is absent: real-data HU tests skipped"))
struct RealDataHUTests {
    struct Sample: Decodable { let frame: Int; let row: Int; let column: Int; let hu: Double; let padding: Bool }
    struct Object: Decodable { let file: String; let decodable: Bool; let samples: [Sample]?; let reason: String? }
    struct Reference: Decodable { let objects: [Object] }

    static let reference: [Object] = {
        guard let url = Bundle.module.url(forResource: "hu_samples", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url),
              let decoded = try? JSONDecoder().decode(Reference.self, from: data) else { return [] }
        return decoded.objects
    }()

    /// Lossy JPEG (baseline 8-bit, extended 12-bit): IJG (DCMTK) and libjpeg (pylibjpeg) may round
    /// the inverse DCT differently by one stored step.
    static let lossy: Set<String> = ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"]

    @Test("The reference lists every CT object of ../shared/data")
    func referenceLoaded() {
        #expect(Self.reference.count >= 280)
    }

    @Test("HU at sampled voxels", arguments: reference.filter(\.decodable).map(\.file))
    func sampledHU(file: String) throws {
        let object = try #require(Self.reference.first { $0.file == file })
        let path = SharedData.data(file)
        guard case .ctImage(let planes) = try HeaderReader.scan(path: path) else {
            Issue.record("\(file) was not recognized as a CT image")
            return
        }
        let dicom = try DICOMFile(path: path, headersOnly: false)
        let tolerance = Self.lossy.contains(planes[0].transferSyntaxUID) ? planes[0].encoding.rescaleSlope * 1.01 : 1e-9
        for (f, header) in planes.enumerated() {
            let words = try dicom.frameWords(f, count: header.rows * header.columns)
            let plane = ModalityTransform.huPlane(words: words, rows: header.rows, columns: header.columns, encoding: header.encoding)
            for s in object.samples ?? [] where s.frame == f {
                #expect(plane.isPadding(row: s.row, column: s.column) == s.padding, "\(file) padding at (\(s.row),\(s.column))")
                if !s.padding {
                    #expect(abs(plane.hu(row: s.row, column: s.column) - s.hu) <= tolerance,
                            "\(file) frame \(f) (\(s.row),\(s.column)): \(plane.hu(row: s.row, column: s.column)) vs \(s.hu)")
                }
            }
        }
    }

    @Test("JPEG 2000 is a clear error naming the file and the transfer syntax", arguments: reference.filter { !$0.decodable }.map(\.file))
    func jpeg2000(file: String) throws {
        let path = SharedData.data(file)
        let dicom = try DICOMFile(path: path, headersOnly: false)
        #expect {
            _ = try dicom.frameWords(0, count: 512 * 512)
        } throws: { error in
            guard let e = error as? DICOMError else { return false }
            return e.kind == .unsupportedTransferSyntax && e.path == path && e.message.contains("JPEG 2000")
        }
    }

    @Test("Lossless encodings of the NEMA CT1 slice decode identically to the uncompressed file",
          arguments: ["CT1_JPLL", "CT1_JLSL", "CT1_RLE"])
    func losslessIdentical(name: String) throws {
        func hu(_ n: String) throws -> [Double] {
            let path = SharedData.data("encodings/nema_wg04_ct1/" + n)
            guard case .ctImage(let planes) = try HeaderReader.scan(path: path) else { return [] }
            let words = try DICOMFile(path: path, headersOnly: false).frameWords(0, count: planes[0].rows * planes[0].columns)
            let plane = ModalityTransform.huPlane(words: words, rows: planes[0].rows, columns: planes[0].columns, encoding: planes[0].encoding)
            return (0..<(plane.rows * plane.columns)).map { plane.hu(row: $0 / plane.columns, column: $0 % plane.columns) }
        }
        #expect(try hu(name) == (try hu("CT1_UNC")))
    }
}
