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
                return directMask(frames, placements: placements, seg: seg, target: target, keep: keep, label: label, source: source)
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

    /// One segment's frames placed one to one (``directPlacements(_:_:)``), in bulk: a first pass
    /// over the frames finds the box of the kept pixels inside the volume and counts those beyond
    /// it, a second writes each frame row's kept pixels into the box's bytes (a frame row lands on
    /// one image row). Memory: the box, never a list of voxels; the same voxels as one hit per
    /// kept pixel.
    static func directMask(
        _ frames: [Int], placements: [FramePlacement], seg: SegmentationObject, target: ROITarget,
        keep: (UInt8) -> Bool, label: String, source: ROISource
    ) -> Result<ROIPlacement, ROIError> {
        let g = target.geometry
        let kept = (0...255).map { keep(UInt8($0)) ? UInt8(1) : 0 }
        /// The frame's rows and columns that land inside the volume (empty beyond its planes).
        func window(_ p: FramePlacement) -> (rows: Range<Int>, columns: Range<Int>) {
            guard p.plane != nil else { return (0..<0, 0..<0) }
            let r0 = max(0, -p.rowOffset), r1 = max(r0, min(seg.rows, g.rows - p.rowOffset))
            let c0 = max(0, -p.columnOffset), c1 = max(c0, min(seg.columns, g.columns - p.columnOffset))
            return (r0..<r1, c0..<c1)
        }
        var outside = 0
        var lo = (plane: Int.max, row: Int.max, column: Int.max), hi = (plane: Int.min, row: Int.min, column: Int.min)
        for f in frames {
            let p = placements[f], w = window(p)
            seg.frames[f].values.withUnsafeBufferPointer { values in
                // A frame with fewer values than Rows × Columns holds nothing beyond them.
                for r in 0..<min(seg.rows, values.count / max(seg.columns, 1)) {
                    let row = UnsafeBufferPointer(rebasing: values[(r * seg.columns)..<((r + 1) * seg.columns)])
                    guard w.rows.contains(r), let k = p.plane else {
                        for v in row { outside += Int(kept[Int(v)]) }
                        continue
                    }
                    var first = Int.max, last = Int.min
                    for c in 0..<seg.columns where kept[Int(row[c])] != 0 {
                        if w.columns.contains(c) { first = min(first, c); last = max(last, c) } else { outside += 1 }
                    }
                    guard first <= last else { continue }
                    lo = (min(lo.plane, k), min(lo.row, r + p.rowOffset), min(lo.column, first + p.columnOffset))
                    hi = (max(hi.plane, k), max(hi.row, r + p.rowOffset), max(hi.column, last + p.columnOffset))
                }
            }
        }
        guard lo.plane <= hi.plane else {
            return ROIPlacement.make(label: label, source: source, hits: [], outside: outside, resampled: false, notes: [])
        }
        let box = VoxelBox(planes: lo.plane..<(hi.plane + 1), rows: lo.row..<(hi.row + 1), columns: lo.column..<(hi.column + 1))
        var inside = [UInt8](repeating: 0, count: box.voxelCount)
        inside.withUnsafeMutableBufferPointer { out in
            for f in frames {
                let p = placements[f], w = window(p)
                guard let k = p.plane, box.planes.contains(k), !w.rows.isEmpty else { continue }
                // The frame's columns inside both the volume and the box.
                let c0 = max(w.columns.lowerBound, box.columns.lowerBound - p.columnOffset)
                let c1 = min(w.columns.upperBound, box.columns.upperBound - p.columnOffset)
                guard c0 < c1 else { continue }
                seg.frames[f].values.withUnsafeBufferPointer { values in
                    for r in w.rows where box.rows.contains(r + p.rowOffset) && (r + 1) * seg.columns <= values.count {
                        let target = (((k - box.planes.lowerBound) * box.rows.count + (r + p.rowOffset - box.rows.lowerBound))
                            * box.columns.count) + (c0 + p.columnOffset - box.columns.lowerBound)
                        let source = r * seg.columns
                        for c in 0..<(c1 - c0) { out[target + c] |= kept[Int(values[source + c0 + c])] }
                    }
                }
            }
        }
        let mask = LesionMask(label: label, source: source, box: box, inside: inside, extendsOutsideVolume: outside > 0)
        return .success(ROIPlacement(mask: mask, voxelsOutsideVolume: outside, resampled: false, notes: []))
    }
}
