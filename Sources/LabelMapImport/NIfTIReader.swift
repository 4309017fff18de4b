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
        let status = CNIfTIBridge_image_open(path, LabelMapFile.maximumVoxels, &handle, &message, message.count)
        guard status == CNIfTIBridge_OK, let handle else { throw LabelMapError(file: path, "NIfTI: " + text(message)) }
        defer { CNIfTIBridge_image_destroy(handle) }
        var header = CNIfTIBridge_header()
        CNIfTIBridge_image_header(handle, &header)
        let size = SIMD3(Int(header.dims.0), Int(header.dims.1), Int(header.dims.2))
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
        let (indices, labels) = try nonzero(path) { indices, labels, capacity, found, message, size in
            CNIfTIBridge_image_nonzero(handle, slope, inter, indices, labels, capacity, found, message, size) == CNIfTIBridge_OK
        }
        let volume = LabelMapVolume(file: path, size: size, origin: origin, axes: axes, indices: indices, labels: labels)
        return LabelMapRead(volume: volume, warnings: warnings)
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
}

/// The non-zero voxels through a bridge's two-pass scan (count, then fill).
/// - Throws: ``LabelMapError`` with the bridge's message.
func nonzero(_ path: String, _ scan: (UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Int32>?, Int, UnsafeMutablePointer<Int>,
                                      UnsafeMutablePointer<CChar>, Int) -> Bool) throws -> ([Int], [Int32]) {
    var message = [CChar](repeating: 0, count: 512)
    var count = 0
    guard scan(nil, nil, 0, &count, &message, message.count) else { throw LabelMapError(file: path, NIfTIReader.text(message)) }
    var indices = [Int64](repeating: 0, count: count), labels = [Int32](repeating: 0, count: count)
    var found = 0
    let ok = indices.withUnsafeMutableBufferPointer { i in
        labels.withUnsafeMutableBufferPointer { l in scan(i.baseAddress, l.baseAddress, count, &found, &message, message.count) }
    }
    guard ok, found == count else { throw LabelMapError(file: path, NIfTIReader.text(message)) }
    return (indices.map { Int($0) }, labels)
}
