import ReportWriters
import VolumeModel

/// CONTRACT.md's `source` object.
enum SourceJSON {
    static func json(_ s: ROISource) -> JSONValue {
        .object([
            ("kind", .string(s.kind.rawValue)), ("file", .string(s.file)),
            ("segment_number", .int(s.segmentNumber)), ("roi_number", .int(s.roiNumber)),
        ])
    }
}
