@testable import DICOMImport
import Foundation
import Testing
import VolumeModel
import _TestSupport

/// Malformed SEG and RTSTRUCT objects give errors naming the file, never a crash; single-bit
/// frames unpack across byte boundaries (PS3.5 §8.1.1).
@Suite("SEG and RTSTRUCT readers: bit packing and malformed input")
struct ROIReaderTests {
    @Test("Bits unpack least significant first, continuously across frames")
    func bitUnpacking() {
        // 0b1010_0101, 0b0000_0011: bits 0…15 = 1 0 1 0 0 1 0 1 | 1 1 0 0 0 0 0 0
        let bytes: [UInt8] = [0xA5, 0x03]
        #expect(BitUnpacking.unpack(bytes, bitOffset: 0, count: 5) == [1, 0, 1, 0, 0])
        #expect(BitUnpacking.unpack(bytes, bitOffset: 5, count: 5) == [1, 0, 1, 1, 1])
        #expect(BitUnpacking.unpack(bytes, bitOffset: 10, count: 3) == [0, 0, 0])
    }

    func validSEG() -> SyntheticSEG {
        var seg = SyntheticSEG(rows: 3, columns: 5, frameOfReferenceUID: "2.25.1", referencedSeriesUID: "2.25.2")
        seg.segments = [(1, "L1")]
        seg.frames = (0..<3).map { k in
            .init(segment: 1, referencedSOPInstanceUID: nil, position: PatientPoint(0, 0, Double(k)),
                  values: (0..<15).map { UInt8(($0 + k) % 2) })
        }
        return seg
    }

    @Test("A well-formed SEG reads back frame by frame")
    func roundTrip() throws {
        let folder = try SharedData.temporaryFolder("rd")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try validSEG().write(to: folder + "/ok.dcm")
        let seg = try SegmentationReader.read(path: folder + "/ok.dcm")
        #expect(seg.frames.map(\.values) == validSEG().frames.map(\.values))
        #expect(seg.frames.map(\.imagePositionPatient) == [PatientPoint(0, 0, 0), PatientPoint(0, 0, 1), PatientPoint(0, 0, 2)])
        #expect(seg.segments == [.init(number: 1, label: "L1")] && seg.valueType == .binary)
        #expect(seg.referencedSeriesUIDs == ["2.25.2"] && seg.frameOfReferenceUID == "2.25.1")
    }

    @Test("Malformed SEGs: missing SegmentSequence, frame count mismatch, truncated Pixel Data, unknown segment",
          arguments: ["segments", "frames", "pixels", "segment"])
    func malformedSEG(_ fault: String) throws {
        let folder = try SharedData.temporaryFolder("bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var seg = validSEG()
        let expected: String
        switch fault {
        case "segments": seg.omitSegmentSequence = true; expected = "without SegmentSequence"
        case "frames": seg.numberOfFramesOverride = 4; expected = "3 items for NumberOfFrames 4"
        case "pixels": seg.truncatePixelDataTo = 2; expected = "does not hold 3 frames"
        default: seg.frames[1].segment = 9; expected = "refers to segment 9"
        }
        let path = folder + "/\(fault).dcm"
        try seg.write(to: path)
        let error = #expect(throws: DICOMError.self) { try SegmentationReader.read(path: path) }
        #expect(error?.path == path)
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test("RTSTRUCT ContourData that is not (x, y, z) triplets is an error naming the file and ROI")
    func oddContourData() throws {
        let folder = try SharedData.temporaryFolder("badrs")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var rs = SyntheticRTSTRUCT(frameOfReferenceUID: "2.25.1", referencedSeriesUID: "2.25.2")
        rs.rois = [.init(number: 1, name: "L1", contours: [.init(data: [0, 0, 0, 1, 0, 0, 1])])]
        let path = folder + "/rs.dcm"
        try rs.write(to: path)
        let error = #expect(throws: DICOMError.self) { try StructureSetReader.read(path: path) }
        #expect(error?.path == path && error?.message.contains("\"L1\"") == true && error?.message.contains("7 ContourData values") == true)
    }

    @Test("A CT file is not read as a SEG or RTSTRUCT")
    func wrongObject() throws {
        let folder = try SharedData.temporaryFolder("ct")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var ct = SyntheticCT()
        ct.planes = 1
        let path = try #require(try ct.write(to: folder).first)
        #expect(throws: DICOMError.self) { try SegmentationReader.read(path: path) }
        #expect(throws: DICOMError.self) { try StructureSetReader.read(path: path) }
    }
}
