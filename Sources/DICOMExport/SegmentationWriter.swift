internal import CDICOMExportBridge
import VolumeModel

/// A binary SEG on the CT's grid (PS3.3 A.51): one segment per lesion mask, one frame per CT plane
/// the lesion touches, each frame derived from (DerivationImageSequence) and positioned on
/// (PlanePositionSequence) that CT plane.
enum SegmentationWriter {
    /// Writes `lesions` (lesion id and mask, in this order) and returns their SegmentNumbers.
    static func write(_ lesions: [(lesionID: String, mask: LesionMask)], patientID: String, ct: CTSeriesReference,
                      identity: ObjectIdentity, path: String) throws -> [Int] {
        let g = ct.geometry
        guard g.rows > 0, g.columns > 0, g.rows <= Int(UInt16.max), g.columns <= Int(UInt16.max),
              ct.planes.count == g.planeCount else {
            throw DICOMExportError(file: path, message: "the CT grid (\(g.rows) × \(g.columns), \(g.planeCount) planes, \(ct.planes.count) instances) cannot carry a SEG")
        }
        let arena = CStringArena()
        var info = arena.objectInfo(identity, sourceFile: ct.sourceFile)
        let r = g.rowDirection, c = g.columnDirection
        var grid = CDICOMExportBridge_grid(
            rows: UInt16(g.rows), columns: UInt16(g.columns), pixel_spacing: (g.rowSpacing, g.columnSpacing),
            image_orientation_patient: (r.x, r.y, r.z, c.x, c.y, c.z), slice_thickness_mm: ct.sliceThicknessMM ?? 0)
        var created: OpaquePointer?
        try bridgeCall(file: path) { CDICOMExportBridge_segmentation_create(&info, &grid, &created, $0, $1) }
        guard let handle = created else { throw DICOMExportError(file: path, message: "out of memory") }
        defer { CDICOMExportBridge_segmentation_destroy(handle) }
        var category = arena.code(ExportCodes.category), type = arena.code(ExportCodes.finding)
        var region = arena.code(ExportCodes.findingSite)
        var numbers: [Int] = []
        var frame = [UInt8](repeating: 0, count: g.rows * g.columns)
        for (lesionID, mask) in lesions {
            var number: UInt16 = 0
            let tracking = DICOMUID.tracking(patientID: patientID, lesionKey: LesionKey.of(lesionID))
            try bridgeCall(file: path) {
                CDICOMExportBridge_segmentation_add_segment(handle, lesionID, &category, &type, &region, "LesionDensity",
                                             lesionID, tracking, &number, $0, $1)
            }
            numbers.append(Int(number))
            let box = mask.box
            var offset = 0
            for plane in box.planes {
                for index in frame.indices { frame[index] = 0 }
                var any = false
                for row in box.rows {
                    for column in box.columns {
                        if mask.inside[offset] != 0 {
                            frame[row * g.columns + column] = 1
                            any = true
                        }
                        offset += 1
                    }
                }
                guard any else { continue }
                let p = g.planePositions[plane]
                var position = (p.x, p.y, p.z)
                let source = ct.planes[plane]
                try bridgeCall(file: path) { message, size in
                    withUnsafePointer(to: &position) { pointer in
                        pointer.withMemoryRebound(to: Double.self, capacity: 3) { xyz in
                            CDICOMExportBridge_segmentation_add_frame(handle, number, frame, frame.count, xyz, ct.sopClassUID,
                                                       source.sopInstanceUID, Int32(source.frameNumber), message, size)
                        }
                    }
                }
            }
        }
        var source = arena.seriesRef(ct)
        try bridgeCall(file: path) { CDICOMExportBridge_segmentation_save(handle, &source, path, $0, $1) }
        return numbers
    }
}

/// Docs/Outputs.md's matching key of a label: lower case, all white space removed.
enum LesionKey {
    static func of(_ label: String) -> String {
        String(String.UnicodeScalarView(label.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}
