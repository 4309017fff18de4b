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
        let status = CNRRDBridge_image_open(path, LabelMapFile.maximumVoxels, &handle, &message, message.count)
        guard status == CNRRDBridge_OK, let handle else { throw LabelMapError(file: path, "NRRD: " + NIfTIReader.text(message)) }
        defer { CNRRDBridge_image_destroy(handle) }
        var header = CNRRDBridge_header()
        CNRRDBridge_image_header(handle, &header)
        let d = [header.directions.0, header.directions.1, header.directions.2, header.directions.3, header.directions.4,
                 header.directions.5, header.directions.6, header.directions.7, header.directions.8]
        // The sign of x and y from the stated space to LPS.
        let flip: PatientPoint = switch header.space {
        case CNRRDBridge_SPACE_RAS: PatientPoint(-1, -1, 1)
        case CNRRDBridge_SPACE_LAS: PatientPoint(1, -1, 1)
        default: PatientPoint(1, 1, 1)
        }
        let axes = (0..<3).map { a in PatientPoint(d[3 * a], d[3 * a + 1], d[3 * a + 2]) * flip }
        guard abs(axes[0].dot(axes[1].cross(axes[2]))) > 1e-9 else {
            throw LabelMapError(file: path, "NRRD: its space directions are degenerate (zero volume per voxel)")
        }
        let origin = PatientPoint(header.origin.0, header.origin.1, header.origin.2) * flip
        let (indices, labels) = try nonzero(path) { indices, labels, capacity, found, message, size in
            CNRRDBridge_image_nonzero(handle, indices, labels, capacity, found, message, size) == CNRRDBridge_OK
        }
        let volume = LabelMapVolume(
            file: path, size: SIMD3(Int(header.sizes.0), Int(header.sizes.1), Int(header.sizes.2)), origin: origin, axes: axes,
            indices: indices, labels: labels, names: segmentNames(handle))
        return LabelMapRead(volume: volume, warnings: [
            "roi_geometry_only: \(path): a NRRD label map has no FrameOfReferenceUID; it was matched to the CT by its geometry alone",
        ])
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
