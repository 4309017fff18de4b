internal import CNIfTIBridge
import Foundation
import VolumeModel

/// NIfTI-1/2 label maps through libnifti2 (CNIfTIBridge).
///
/// Geometry (NIfTI-1 header documentation, "3 different methods"): the sform when sform_code > 0,
/// else the qform (quaternion; with qform_code 0 the library's pixdim-only grid). NIfTI's x and y
/// run right-to-left and posterior-to-anterior (RAS+); DICOM's LPS negates both. The qform and the
/// sform disagreeing by more than 0.1 mm at a corner of the grid or 0.1° along an axis is
/// `qform_sform_disagree`. scl_slope applies when finite and non-zero (with scl_inter).
enum NIfTIReader {
    static func read(_ path: String) throws -> LabelMapRead {
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        guard CNIfTIBridge_image_open(path, &handle, &message, message.count) == CNIfTIBridge_OK, let handle else {
            throw LabelMapError(file: path, "NIfTI: " + text(message))
        }
        defer { CNIfTIBridge_image_destroy(handle) }
        var header = CNIfTIBridge_header()
        CNIfTIBridge_image_header(handle, &header)
        let (size, scalar) = try check(header, path)
        let qform = matrix(header.qto_xyz), sform = matrix(header.sto_xyz)
        var warnings = ["roi_geometry_only: \(path): a NIfTI label map has no FrameOfReferenceUID; it was matched to the CT by its geometry alone"]
        let chosen = header.sform_code > 0 ? sform : qform
        if header.sform_code > 0, header.qform_code > 0, let disagreement = disagree(qform, sform, size: size) {
            warnings.append("qform_sform_disagree: \(path): the qform and the sform differ by \(disagreement); the sform was used")
        }
        guard chosen.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw LabelMapError(file: path, "NIfTI: its \(header.sform_code > 0 ? "sform" : "qform") is not finite")
        }
        // RAS+ → LPS: negate x and y.
        let lps = chosen.enumerated().map { r, row in r < 2 ? row.map { -$0 } : row }
        let axes = (0..<3).map { c in PatientPoint(lps[0][c], lps[1][c], lps[2][c]) }
        guard abs(axes[0].dot(axes[1].cross(axes[2]))) > 1e-9 else {
            throw LabelMapError(file: path, "NIfTI: its voxel axes are degenerate (zero volume per voxel)")
        }
        let origin = PatientPoint(lps[0][3], lps[1][3], lps[2][3])
        var slope = 1.0, inter = 0.0
        if header.scl_slope.isFinite, header.scl_slope != 0 {
            slope = header.scl_slope
            inter = header.scl_inter.isFinite ? header.scl_inter : 0
        }
        var data: UnsafeRawPointer?, bytes = 0
        guard CNIfTIBridge_image_load(handle, &data, &bytes, &message, message.count) == CNIfTIBridge_OK else {
            throw LabelMapError(file: path, "NIfTI: " + text(message))
        }
        let voxels = UnsafeRawBufferPointer(start: data, count: bytes)
        let runs = try LabelScan.runs(voxels, scalar: scalar, rowLength: size.x, rows: size.y * size.z, slope: slope, inter: inter, file: path)
        let volume = LabelMapVolume(file: path, size: size, origin: origin, axes: axes, runs: runs)
        return LabelMapRead(volume: volume, warnings: warnings)
    }

    /// The NIfTI-1 datatype codes of scalar integers and reals (nifti1.h, "datatype").
    static let scalars: [Int32: StoredScalar] = [
        2: .uint8, 256: .int8, 4: .int16, 512: .uint16, 8: .int32, 768: .uint32, 1024: .int64, 1280: .uint64, 16: .float32, 64: .float64,
    ]

    /// Checks the header before any voxel is allocated: dims 1...7 with dims 4–7 equal to 1, each
    /// size ≤ 1 000 000 and at most ``LabelMapFile/maximumVoxels``, pixdim[1...3] finite and > 0 as
    /// stored, a scalar integer or real datatype, an uncompressed file holding all its voxels.
    /// - Returns: the voxels along i, j, k and the stored type.
    static func check(_ h: CNIfTIBridge_header, _ path: String) throws -> (SIMD3<Int>, StoredScalar) {
        func fail(_ problem: String) -> LabelMapError { LabelMapError(file: path, "NIfTI: " + problem) }
        let dim = [h.dim.0, h.dim.1, h.dim.2, h.dim.3, h.dim.4, h.dim.5, h.dim.6, h.dim.7]
        let pixdim = [h.pixdim.0, h.pixdim.1, h.pixdim.2, h.pixdim.3]
        for d in 1...3 where !(pixdim[d].isFinite && pixdim[d] > 0) {
            throw fail("pixdim[\(d)] = \(String(format: "%g", pixdim[d])): not a finite positive spacing")
        }
        guard (1...7).contains(dim[0]) else { throw fail("dim[0] = \(dim[0]): not 1...7") }
        let n = (0...7).map { d in d == 0 ? 1 : d <= dim[0] ? dim[d] : 1 }
        for d in 1...7 {
            guard (1...1_000_000).contains(n[d]) else { throw fail("dim[\(d)] = \(n[d]): not 1...1000000") }
            guard d <= 3 || n[d] == 1 else { throw fail("dim[\(d)] = \(n[d]): a label map has one volume (dims 4-7 must be 1)") }
        }
        let limit = LabelMapFile.maximumVoxels
        guard n[1] * n[2] * n[3] <= limit else {
            throw fail("\(n[1]) x \(n[2]) x \(n[3]) voxels: more than the \(limit) accepted")
        }
        guard let scalar = scalars[h.datatype], Int64(scalar.bytes) == h.bytes_per_voxel else {
            throw fail("datatype \(h.datatype) (\(text(h.datatype_name))) is not an integer or real scalar")
        }
        let need = h.voxel_offset + n[1] * n[2] * n[3] * Int64(scalar.bytes)
        if h.file_size >= 0, h.file_size < need {
            throw fail("holds \(h.file_size) bytes; its header needs \(need) (truncated)")
        }
        return (SIMD3(Int(n[1]), Int(n[2]), Int(n[3])), scalar)
    }

    /// The row-major 4 × 4 as rows.
    static func matrix(_ m: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double,
                             Double, Double, Double, Double)) -> [[Double]] {
        let flat = [m.0, m.1, m.2, m.3, m.4, m.5, m.6, m.7, m.8, m.9, m.10, m.11, m.12, m.13, m.14, m.15]
        return (0..<4).map { Array(flat[(4 * $0)..<(4 * $0 + 4)]) }
    }

    /// How far two voxel-to-patient matrices disagree, when by more than 0.1 mm at a grid corner or
    /// 0.1° along an axis; nil when they agree.
    static func disagree(_ a: [[Double]], _ b: [[Double]], size: SIMD3<Int>) -> String? {
        func apply(_ m: [[Double]], _ v: [Double]) -> PatientPoint {
            let row = { (r: Int) in m[r][0] * v[0] + m[r][1] * v[1] + m[r][2] * v[2] + m[r][3] }
            return PatientPoint(row(0), row(1), row(2))
        }
        var distance = 0.0
        for i in [0, size.x - 1] { for j in [0, size.y - 1] { for k in [0, size.z - 1] {
            let v = [Double(i), Double(j), Double(k)]
            distance = max(distance, (apply(a, v) - apply(b, v)).length)
        } } }
        var angle = 0.0
        for c in 0..<3 {
            let u = PatientPoint(a[0][c], a[1][c], a[2][c]).normalized, w = PatientPoint(b[0][c], b[1][c], b[2][c]).normalized
            angle = max(angle, acos(min(1, max(-1, u.dot(w)))) * 180 / .pi)
        }
        guard distance > 0.1 || angle > 0.1 else { return nil }
        return String(format: "up to %.2f mm at a corner of the grid and %.2f° along an axis", distance, angle)
    }

    static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A fixed-size C string of a bridge's header.
    static func text<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
