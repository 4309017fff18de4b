import Foundation
import VolumeModel

/// Puts the segments of a DICOM SEG onto a CT stack (PS3.3 C.8.20; DESIGN.md, ROIs).
///
/// A frame goes to the CT plane whose SOPInstanceUID its DerivationImageSequence ›
/// SourceImageSequence names (C.8.20.3.1) when that plane is in the stack, else to the plane whose
/// position along the normal is within half the plane gap of its PlanePositionSequence
/// (C.7.6.16.2.3). Frames may come in any order and empty frames may be omitted. When every frame
/// has the CT's orientation and pixel spacing and lies on a CT plane at a whole-voxel in-plane
/// offset (a crop), pixels map one to one. Otherwise the segment is resampled by nearest voxel
/// centre (``SegmentationResampler``) and the placement says so.
public enum SegmentationRasterizer {
    /// Places every segment of `seg` on `target`.
    /// - Parameter fractionalThreshold: for a FRACTIONAL SEG, a pixel is kept when its value is
    ///   ≥ `fractionalThreshold` × MaximumFractionalValue (default 0.5; must be in (0, 1]).
    /// - Returns: one result per segment, in SegmentSequence order: a placement whose mask has the
    ///   SegmentLabel and source `.seg` with the SegmentNumber, or an ``ROIError`` naming the
    ///   segment (`.empty`: no pixel kept; `.outsideVolume`: every kept pixel beyond the volume).
    ///   Kept pixels beyond the CT's planes or field of view set `extendsOutsideVolume`.
    /// - Throws: ``ROIError`` `.foreignReference` when the SEG's FrameOfReferenceUID differs from
    ///   the CT's or it refers to another series; `.invalidFile` for a threshold outside (0, 1].
    public static func place(
        _ seg: SegmentationObject, on target: ROITarget, fractionalThreshold: Double = 0.5
    ) throws -> [Result<ROIPlacement, ROIError>] {
        guard fractionalThreshold > 0, fractionalThreshold <= 1 else {
            throw ROIError(.invalidFile, file: seg.file, "fractional threshold \(fractionalThreshold) is not in (0, 1]")
        }
        try target.checkReferences(file: seg.file, frameOfReferenceUID: seg.frameOfReferenceUID,
                                   referencedSeriesUIDs: seg.referencedSeriesUIDs)
        let keep = keepRule(seg.valueType, threshold: fractionalThreshold)
        let placements = directPlacements(seg, target)
        let resampler = placements == nil ? SegmentationResampler(seg, target: target, keep: keep) : nil
        return seg.segments.map { segment in
            let source = ROISource(kind: .seg, file: seg.file, segmentNumber: segment.number)
            let label = segment.label.trimmingCharacters(in: .whitespaces)
            let frames = seg.frames.indices.filter { seg.frames[$0].segmentNumber == segment.number }
            if let placements {
                var hits: [(Int, Int, Int)] = []
                var outside = 0
                for f in frames {
                    map(seg.frames[f], placement: placements[f], seg: seg, target: target, keep: keep, hits: &hits, outside: &outside)
                }
                return ROIPlacement.make(label: label, source: source, hits: hits, outside: outside, resampled: false, notes: [])
            }
            let (hits, outside) = resampler?.resample(frames: frames) ?? ([], 0)
            return ROIPlacement.make(label: label, source: source, hits: hits, outside: outside, resampled: true,
                                     notes: ["resampled by nearest voxel centre: the SEG's grid differs from the CT's"])
        }
    }

    /// Which stored values belong to the segment (C.8.20.2.3: FRACTIONAL values are fractions of
    /// MaximumFractionalValue).
    static func keepRule(_ type: SegmentationObject.ValueType, threshold: Double) -> @Sendable (UInt8) -> Bool {
        switch type {
        case .binary: return { $0 != 0 }
        case .fractional(let maximum):
            let limit = threshold * Double(maximum)
            return { $0 != 0 && Double($0) >= limit }
        }
    }

    /// Where a frame's pixels go on a shared grid: a plane (nil: beyond the stack) and the row and
    /// column of the frame's first pixel.
    struct FramePlacement: Equatable {
        let plane: Int?
        let rowOffset: Int
        let columnOffset: Int
    }

    /// One placement per frame when every frame shares the CT's grid; nil when the SEG needs resampling.
    static func directPlacements(_ seg: SegmentationObject, _ target: ROITarget) -> [FramePlacement]? {
        let g = target.geometry
        var planeOfUID: [String: Int] = [:]
        for (k, uid) in target.sopInstanceUIDs.enumerated() { planeOfUID[uid] = k }
        let ctOrientation = [g.rowDirection.x, g.rowDirection.y, g.rowDirection.z,
                             g.columnDirection.x, g.columnDirection.y, g.columnDirection.z]
        var result: [FramePlacement] = []
        for frame in seg.frames {
            if let o = frame.imageOrientationPatient, zip(o, ctOrientation).contains(where: { abs($0 - $1) > 1e-4 }) { return nil }
            if let s = frame.pixelSpacing, abs(s.x - g.rowSpacing) > 1e-4 * g.rowSpacing || abs(s.y - g.columnSpacing) > 1e-4 * g.columnSpacing {
                return nil
            }
            var plane: Int?
            if let uid = frame.referencedSOPInstanceUID, let k = planeOfUID[uid] {
                plane = k
            } else if let ipp = frame.imagePositionPatient {
                switch target.plane(atNormalPosition: ipp.dot(g.normal)) {
                case .plane(let k): plane = k
                case .outside: plane = nil
                case .betweenPlanes: return nil
                }
            } else {
                return nil
            }
            guard let ipp = frame.imagePositionPatient else {
                result.append(FramePlacement(plane: plane, rowOffset: 0, columnOffset: 0))
                continue
            }
            // In-plane offset of the frame's first pixel from the plane's (or the nearest end plane's).
            let reference = plane ?? (ipp.dot(g.normal) < (g.normalPositions.first ?? 0) ? 0 : g.planeCount - 1)
            let (row, column, _) = g.planeCoordinates(of: ipp, plane: reference)
            let r = row.rounded(), c = column.rounded()
            guard abs(row - r) < 0.01, abs(column - c) < 0.01, abs(r) < 1e7, abs(c) < 1e7 else { return nil }
            result.append(FramePlacement(plane: plane, rowOffset: Int(r), columnOffset: Int(c)))
        }
        return result
    }

    /// Adds the kept pixels of `frame` at `placement` to `hits`, or to `outside` when beyond the volume.
    static func map(
        _ frame: SegmentationObject.Frame, placement: FramePlacement, seg: SegmentationObject, target: ROITarget,
        keep: (UInt8) -> Bool, hits: inout [(Int, Int, Int)], outside: inout Int
    ) {
        let g = target.geometry
        for r in 0..<seg.rows {
            let base = r * seg.columns
            for c in 0..<seg.columns where keep(frame.values[base + c]) {
                let row = r + placement.rowOffset, column = c + placement.columnOffset
                if let k = placement.plane, row >= 0, row < g.rows, column >= 0, column < g.columns {
                    hits.append((k, row, column))
                } else {
                    outside += 1
                }
            }
        }
    }
}
