import Foundation
import LabelMapImport
import Testing
import VolumeModel
import _TestSupport

/// Header checks of NIfTI and NRRD label maps, on files whose bytes are written here by hand (the
/// NIfTI-1 header layout of nifti1.h, NRRD0004 text headers): each problem refused with its message
/// naming the file, limits checked before any voxel is read (a header announcing 2³¹ voxels over a
/// few bytes of data is refused for its size, not read).
@Suite("Label map headers written by hand: checked before the voxels")
struct LabelMapHeaderTests {
    /// A NIfTI-1 single file (.nii): 348-byte header, 4 bytes of extension flag, then the voxels.
    static func nifti(dim: [Int16], datatype: Int16, bitpix: Int16, voxels: Data, slope: Float = 0) -> Data {
        var header = Data(count: 352)
        func put<T>(_ value: T, at offset: Int) { withUnsafeBytes(of: value) { header.replaceSubrange(offset..<(offset + $0.count), with: $0) } }
        put(Int32(348), at: 0)
        for (n, d) in dim.enumerated() { put(d, at: 40 + 2 * n) }
        put(datatype, at: 70); put(bitpix, at: 72)
        for n in 0..<8 { put(Float(n == 0 ? 1 : n <= 3 ? [2, 3, 4][n - 1] : 1), at: 76 + 4 * n) }
        put(Float(352), at: 108); put(slope, at: 112)
        put(Int16(0), at: 252); put(Int16(2), at: 254)  // qform_code 0, sform_code 2
        // sform (RAS+): x = −2 i, y = −3 j, z = 4 k + 10, i.e. LPS (2i, 3j, 4k + 10).
        for (row, values) in [[-2, 0, 0, 0], [0, -3, 0, 0], [0, 0, 4, 10]].enumerated() {
            for (c, v) in values.enumerated() { put(Float(v), at: 280 + 16 * row + 4 * c) }
        }
        header.replaceSubrange(344..<348, with: Array("n+1\0".utf8))
        return header + voxels
    }

    static func nrrd(_ fields: [String], data: Data) -> Data {
        Data((["NRRD0004"] + fields + ["encoding: raw", "", ""]).joined(separator: "\n").utf8) + data
    }

    static let good = ["type: unsigned char", "dimension: 3", "space: left-posterior-superior", "sizes: 2 2 2",
                       "space directions: (1,0,0) (0,1,0) (0,0,2)", "space origin: (5,6,7)"]

    static func write(_ data: Data, _ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func refusal(_ path: String) -> String? {
        do { _ = try LabelMapFile.read(path); return nil } catch let e as LabelMapError { return e.file == path ? e.message : "other file" } catch { return "\(error)" }
    }

    @Test("A hand-written NIfTI-1 is read (sform to LPS, runs); bad datatype, size and values are refused")
    func niftiHeaders() throws {
        let folder = try SharedData.temporaryFolder("nifti-headers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 3 × 2 × 2 uint8: labels 5 at (1, 0, 0) and (2, 0, 0), 9 at (0, 1, 1).
        var voxels = Data(count: 12)
        voxels[1] = 5; voxels[2] = 5; voxels[9] = 9
        let good = try Self.write(Self.nifti(dim: [3, 3, 2, 2, 1, 1, 1, 1], datatype: 2, bitpix: 8, voxels: voxels), "good.nii", in: folder)
        let map = try LabelMapFile.read(good).volume
        #expect(map.size == SIMD3(3, 2, 2) && map.origin == PatientPoint(0, 0, 10))
        #expect(map.axes == [PatientPoint(2, 0, 0), PatientPoint(0, 3, 0), PatientPoint(0, 0, 4)])
        #expect(map.runs == [LabelRun(row: 0, start: 1, count: 2, label: 5), LabelRun(row: 3, start: 0, count: 1, label: 9)])
        let rgb = try Self.write(Self.nifti(dim: [3, 3, 2, 2, 1, 1, 1, 1], datatype: 128, bitpix: 24, voxels: Data(count: 36)), "rgb.nii", in: folder)
        #expect(Self.refusal(rgb)?.hasPrefix("NIfTI: datatype 128 (") == true)
        #expect(Self.refusal(rgb)?.hasSuffix(") is not an integer or real scalar") == true)
        let huge = try Self.write(Self.nifti(dim: [3, 2048, 2048, 512, 1, 1, 1, 1], datatype: 2, bitpix: 8, voxels: voxels), "huge.nii", in: folder)
        #expect(Self.refusal(huge) == "NIfTI: 2048 x 2048 x 512 voxels: more than the 1073741824 accepted")
        let cut = try Self.write(Self.nifti(dim: [3, 3, 2, 2, 1, 1, 1, 1], datatype: 2, bitpix: 8, voxels: voxels.prefix(5)), "cut.nii", in: folder)
        #expect(Self.refusal(cut) == "NIfTI: holds 357 bytes; its header needs 364 (truncated)")
        var floats = Data(count: 48)
        floats.withUnsafeMutableBytes { $0.storeBytes(of: Float(2.5), toByteOffset: 4 * 7, as: Float.self) }
        let real = try Self.write(Self.nifti(dim: [3, 3, 2, 2, 1, 1, 1, 1], datatype: 16, bitpix: 32, voxels: floats), "real.nii", in: folder)
        #expect(Self.refusal(real) == "voxel 7 holds 2.5: a label is a whole number in 1...2147483647 (0 = background)")
    }

    @Test("A hand-written NRRD is read (a one-element list axis first too); axes, space, directions, origin, size refused")
    func nrrdHeaders() throws {
        let folder = try SharedData.temporaryFolder("nrrd-headers")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = Data([0, 3, 3, 0, 0, 0, 0, 4])
        let good = try Self.write(Self.nrrd(Self.good, data: data), "good.nrrd", in: folder)
        let map = try LabelMapFile.read(good).volume
        #expect(map.size == SIMD3(2, 2, 2) && map.origin == PatientPoint(5, 6, 7) && map.axes[2] == PatientPoint(0, 0, 2))
        #expect(map.runs == [LabelRun(row: 0, start: 1, count: 1, label: 3), LabelRun(row: 1, start: 0, count: 1, label: 3),
                             LabelRun(row: 3, start: 1, count: 1, label: 4)])
        let layer = Self.good.map { $0 == "dimension: 3" ? "dimension: 4" : $0 == "sizes: 2 2 2" ? "sizes: 1 2 2 2" : $0 }
            .map { $0.hasPrefix("space directions") ? "space directions: none (1,0,0) (0,1,0) (0,0,2)" : $0 } + ["kinds: list domain domain domain"]
        #expect(try LabelMapFile.read(Self.write(Self.nrrd(layer, data: data), "layer.seg.nrrd", in: folder)).volume.runs == map.runs)
        func refused(_ replace: [String: String], _ name: String, data: Data = data) throws -> String? {
            let fields = Self.good.map { f in replace.first { f.hasPrefix($0.key) }.map { $0.value } ?? f }.filter { !$0.isEmpty }
            return Self.refusal(try Self.write(Self.nrrd(fields, data: data), name, in: folder))
        }
        #expect(try refused(["dimension": "dimension: 2", "sizes": "sizes: 2 4", "space directions": "space directions: (1,0,0) (0,1,0)"], "2d.nrrd")
            == "NRRD: has 2 axes: a label map has 3 (a segmentation of several layers is not supported)")
        #expect(try refused(["space:": "space: scanner-xyz"], "scanner.nrrd")?.hasSuffix(
            ": the patient space must be right-anterior-superior, left-anterior-superior or left-posterior-superior") == true)
        #expect(try refused(["space directions": "space directions: (1,0,0) (0,0,0) (0,0,2)"], "zero.nrrd") == "NRRD: axis 1 has a zero space direction")
        #expect(try refused(["space origin": ""], "no-origin.nrrd") == "NRRD: space origin is absent or not finite")
        #expect(try refused(["sizes": "sizes: 1024 1024 1025"], "huge.nrrd") == "NRRD: more than the 1073741824 voxels accepted")
        #expect(try refused([:], "short.nrrd", data: data.prefix(5))?.hasPrefix("NRRD: its data cannot be read: ") == true)
        #expect(try refused(["type": "type: short\nendian: little"], "odd.nrrd", data: Data([0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
            == "voxel 2 holds -1: a label is a whole number in 1...2147483647 (0 = background)")
    }
}
