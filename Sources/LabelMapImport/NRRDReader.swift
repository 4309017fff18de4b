internal import CNRRDBridge
import Foundation
import VolumeModel

/// NRRD label maps through teem (CNRRDBridge): the space directions and origin in the file's
/// stated `space` (right-anterior-superior and left-anterior-superior converted to DICOM LPS), and
/// a 3D Slicer `.seg.nrrd`'s segment names (`Segment<N>_Name` with `Segment<N>_LabelValue`).
enum NRRDReader {
    static func read(_ path: String) throws -> LabelMapRead {
        var handle: OpaquePointer?
        var message = [CChar](repeating: 0, count: 640)
        guard CNRRDBridge_image_open(path, &handle, &message, message.count) == CNRRDBridge_OK, let handle else {
            throw LabelMapError(file: path, "NRRD: " + NIfTIReader.text(message))
        }
        defer { CNRRDBridge_image_destroy(handle) }
        var header = CNRRDBridge_header()
        CNRRDBridge_image_header(handle, &header)
        let checked = try check(header, path)
        var data: UnsafeRawPointer?, bytes = 0
        guard CNRRDBridge_image_load(handle, &data, &bytes, &message, message.count) == CNRRDBridge_OK else {
            throw LabelMapError(file: path, "NRRD: " + NIfTIReader.text(message))
        }
        // The header read with the data must describe the same voxels as the one checked.
        CNRRDBridge_image_header(handle, &header)
        let loaded = try check(header, path)
        guard loaded.size == checked.size, loaded.scalar == checked.scalar else {
            throw LabelMapError(file: path, "NRRD: its header changed while it was read")
        }
        let d = [header.directions.0, header.directions.1, header.directions.2, header.directions.3, header.directions.4,
                 header.directions.5, header.directions.6, header.directions.7, header.directions.8, header.directions.9,
                 header.directions.10, header.directions.11]
        // The sign of x and y from the stated space to LPS.
        let flip: PatientPoint = switch header.space {
        case CNRRDBridge_SPACE_RAS: PatientPoint(-1, -1, 1)
        case CNRRDBridge_SPACE_LAS: PatientPoint(1, -1, 1)
        default: PatientPoint(1, 1, 1)
        }
        let axes = (0..<3).map { a in PatientPoint(d[3 * (loaded.first + a)], d[3 * (loaded.first + a) + 1], d[3 * (loaded.first + a) + 2]) * flip }
        guard abs(axes[0].dot(axes[1].cross(axes[2]))) > 1e-9 else {
            throw LabelMapError(file: path, "NRRD: its space directions are degenerate (zero volume per voxel)")
        }
        let origin = PatientPoint(header.origin.0, header.origin.1, header.origin.2) * flip
        let voxels = UnsafeRawBufferPointer(start: data, count: bytes)
        let size = loaded.size
        let runs = try LabelScan.runs(voxels, scalar: loaded.scalar, rowLength: size.x, rows: size.y * size.z, file: path)
        let volume = LabelMapVolume(file: path, size: size, origin: origin, axes: axes, runs: runs, names: segmentNames(handle))
        return LabelMapRead(volume: volume, warnings: [
            "roi_geometry_only: \(path): a NRRD label map has no FrameOfReferenceUID; it was matched to the CT by its geometry alone",
        ])
    }

    /// Checks the header before any voxel is allocated: 3 axes, or 4 whose first is a one-element
    /// list (Slicer's one-layer segmentation); a space of right-anterior-superior,
    /// left-anterior-superior or left-posterior-superior; sizes 1...1 000 000 and at most
    /// ``LabelMapFile/maximumVoxels`` voxels; finite non-zero space directions; a finite space
    /// origin; a scalar integer or real type.
    /// - Returns: the first spatial axis, the voxels along the three and the stored type.
    static func check(_ h: CNRRDBridge_header, _ path: String) throws -> (first: Int, size: SIMD3<Int>, scalar: StoredScalar) {
        func fail(_ problem: String) -> LabelMapError { LabelMapError(file: path, "NRRD: " + problem) }
        let sizes = [h.sizes.0, h.sizes.1, h.sizes.2, h.sizes.3]
        let d = [h.directions.0, h.directions.1, h.directions.2, h.directions.3, h.directions.4, h.directions.5,
                 h.directions.6, h.directions.7, h.directions.8, h.directions.9, h.directions.10, h.directions.11]
        let base: Int
        if h.dim == 4 && sizes[0] == 1 { base = 1 } else if h.dim == 3 { base = 0 } else {
            throw fail("has \(h.dim) axes: a label map has 3 (a segmentation of several layers is not supported)")
        }
        guard [CNRRDBridge_SPACE_RAS, CNRRDBridge_SPACE_LAS, CNRRDBridge_SPACE_LPS].contains(h.space) else {
            throw fail("space \(NIfTIReader.text(h.space_name)): the patient space must be right-anterior-superior, left-anterior-superior or left-posterior-superior")
        }
        var total: Int64 = 1
        for a in base..<(base + 3) {
            guard (1...1_000_000).contains(sizes[a]) else { throw fail("axis \(a) has \(sizes[a]) samples: not 1...1000000") }
            let step = d[(3 * a)..<(3 * a + 3)]
            guard step.allSatisfy(\.isFinite) else { throw fail("axis \(a) has no finite space direction") }
            guard step.reduce(0, { $0 + $1 * $1 }) > 0 else { throw fail("axis \(a) has a zero space direction") }
            guard sizes[a] <= LabelMapFile.maximumVoxels / total else { throw fail("more than the \(LabelMapFile.maximumVoxels) voxels accepted") }
            total *= sizes[a]
        }
        guard h.origin.0.isFinite, h.origin.1.isFinite, h.origin.2.isFinite else { throw fail("space origin is absent or not finite") }
        guard let scalar = StoredScalar(bytes: Int(h.bytes_per_voxel), signed: h.is_signed != 0, integral: h.is_integral != 0) else {
            throw fail("type \(h.type) is not an integer or real scalar")
        }
        return (base, SIMD3(Int(sizes[base]), Int(sizes[base + 1]), Int(sizes[base + 2])), scalar)
    }

    /// Slicer's `Segment<N>_Name` by `Segment<N>_LabelValue` (absent: N + 1, Slicer's default).
    static func segmentNames(_ handle: OpaquePointer) -> [Int: String] {
        var fields: [String: String] = [:]
        var key = [CChar](repeating: 0, count: 256), value = [CChar](repeating: 0, count: 1024)
        for i in 0..<CNRRDBridge_image_key_count(handle) {
            guard CNRRDBridge_image_key_value(handle, i, &key, key.count, &value, value.count) == CNRRDBridge_OK else { continue }
            fields[NIfTIReader.text(key)] = NIfTIReader.text(value)
        }
        var names: [Int: String] = [:]
        for (k, name) in fields {
            guard k.hasPrefix("Segment"), k.hasSuffix("_Name"), let n = Int(k.dropFirst(7).dropLast(5)), n >= 0 else { continue }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let labelValue = fields["Segment\(n)_LabelValue"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? n + 1
            names[labelValue] = trimmed
        }
        return names
    }
}
