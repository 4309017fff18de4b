import Foundation
import VolumeModel

/// Puts the ROIs of an RT Structure Set onto a CT stack (PS3.3 C.8.8.6; DESIGN.md, ROIs).
///
/// Each CLOSED_PLANAR contour goes to the CT plane nearest its mean position along the normal,
/// when that plane is within half the smaller neighbouring plane gap (ContourImageSequence UIDs
/// are never relied on: they may name images that are not there); a contour farther than that from
/// every CT plane is not used, and the placement says so. Contours lying in one plane (positions
/// within ``samePlaneTolerance(_:)``) are combined by the even–odd rule over all of them (an inner
/// contour is a hole, a separate one an island; C.8.8.6.3 leaves nesting to the reader); the
/// contour planes that map to one CT plane (an RTSTRUCT drawn on 1 mm planes over a 2 mm CT) are
/// joined by union, so two contours of different planes never cancel. A voxel belongs to the ROI
/// when its centre is inside. Contours off their CT plane by more than the same-plane tolerance
/// raise the `contours_off_plane` warning and lesion flag with the largest offset.
/// POINT and OPEN contours are skipped with a note.
public enum ContourRasterizer {
    /// Places every ROI of `structureSet` on `target`.
    /// - Returns: one result per ROI, in StructureSetROISequence order: a placement whose mask has
    ///   the ROIName and source `.rtstruct` with the ROINumber, or an ``ROIError`` naming the ROI:
    ///   `.foreignReference` when its ReferencedFrameOfReferenceUID differs from the CT's, `.empty`
    ///   when no voxel centre lies inside, `.outsideVolume` when all of it lies beyond the volume.
    ///   Contours beyond the first/last plane or the field of view set `extendsOutsideVolume`.
    /// - Throws: ``ROIError`` `.foreignReference` when the structure set refers to other series
    ///   than the CT's.
    public static func place(_ structureSet: StructureSetObject, on target: ROITarget) throws -> [Result<ROIPlacement, ROIError>] {
        try target.checkReferences(file: structureSet.file, frameOfReferenceUID: nil,
                                   referencedSeriesUIDs: structureSet.referencedSeriesUIDs)
        return structureSet.rois.map { place($0, file: structureSet.file, target: target) }
    }

    /// Contours whose mean positions along the normal differ by at most this (mm) lie in one plane,
    /// and a contour within it of a CT plane lies on that plane: max(0.01 mm, 10 % of the smallest
    /// plane gap), the tolerance within which a contour's own points must agree to be planar.
    public static func samePlaneTolerance(_ g: StackGeometry) -> Double { max(0.01, 0.1 * (g.planeGaps.min() ?? 1)) }

    /// The contours of one contour plane placed on CT plane `plane`.
    private struct ContourPlane {
        var plane: Int
        var position: Double
        var polygons: [[SIMD2<Double>]]
    }

    static func place(_ roi: StructureSetObject.ROI, file: String, target: ROITarget) -> Result<ROIPlacement, ROIError> {
        let label = roi.name.trimmingCharacters(in: .whitespaces)
        if let own = roi.frameOfReferenceUID, let ct = target.frameOfReferenceUID, own != ct {
            return .failure(ROIError(.foreignReference, file: file, lesion: label,
                                     "ReferencedFrameOfReferenceUID \(own) differs from the CT's \(ct)"))
        }
        let g = target.geometry
        let tolerance = samePlaneTolerance(g)
        var notes: [String] = []
        var skipped: [String: Int] = [:]
        var contourPlanes: [ContourPlane] = []
        var outsidePolygons: [[SIMD2<Double>]] = []
        var largestOffset = 0.0, unused = 0
        for (i, contour) in roi.contours.enumerated() {
            guard contour.geometricType == "CLOSED_PLANAR" else {
                skipped[contour.geometricType.isEmpty ? "untyped" : contour.geometricType, default: 0] += 1
                continue
            }
            guard contour.points.count >= 3 else {
                notes.append("contour \(i + 1) has \(contour.points.count) point(s), not a polygon: skipped")
                continue
            }
            var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
            for p in contour.points {
                let along = p.dot(g.normal)
                sum += along; lo = min(lo, along); hi = max(hi, along)
            }
            let mean = sum / Double(contour.points.count)
            guard max(hi - mean, mean - lo) <= tolerance else {
                notes.append("contour \(i + 1) is not parallel to the CT planes: skipped")
                continue
            }
            switch target.plane(atNormalPosition: mean) {
            case .plane(let k):
                largestOffset = max(largestOffset, abs(mean - g.normalPositions[k]))
                let polygon = contour.points.map { inPlane($0, g, plane: k) }
                if let j = contourPlanes.firstIndex(where: { $0.plane == k && abs($0.position - mean) <= tolerance }) {
                    contourPlanes[j].polygons.append(polygon)
                } else {
                    contourPlanes.append(ContourPlane(plane: k, position: mean, polygons: [polygon]))
                }
            case .outside:
                let k = mean < (g.normalPositions.first ?? 0) ? 0 : g.planeCount - 1
                outsidePolygons.append(contour.points.map { inPlane($0, g, plane: k) })
                notes.append(String(format: "contour %d at %.2f mm along the normal lies beyond the CT's planes", i + 1, mean))
            case .betweenPlanes:
                unused += 1
                notes.append(String(format: "contour %d at %.2f mm along the normal is farther than half the plane gap from every CT plane: not used", i + 1, mean))
            }
        }
        for (type, count) in skipped.sorted(by: { $0.key < $1.key }) {
            notes.append("\(count) \(type) contour(s) skipped: only CLOSED_PLANAR contours enclose voxels")
        }
        var hits: [(Int, Int, Int)] = []
        var outside = 0
        for k in Set(contourPlanes.map(\.plane)).sorted() {
            let planes = contourPlanes.filter { $0.plane == k }
            if planes.count == 1 {
                outside += fill(planes[0].polygons, rows: g.rows, columns: g.columns) { r, c in hits.append((k, r, c)) }
                continue
            }
            var union = Set<Int>()
            var beyond = 0
            for p in planes {
                beyond = max(beyond, fill(p.polygons, rows: g.rows, columns: g.columns) { r, c in union.insert(r * g.columns + c) })
            }
            outside += beyond
            for i in union.sorted() { hits.append((k, i / g.columns, i % g.columns)) }
        }
        for polygon in outsidePolygons {
            var inImage = 0
            outside += fill([polygon], rows: g.rows, columns: g.columns) { _, _ in inImage += 1 }
            outside += inImage
        }
        var flags: [String] = [], warnings: [String] = []
        if largestOffset > tolerance || unused > 0 {
            let joined = contourPlanes.count > Set(contourPlanes.map(\.plane)).count
            var message = String(format: "ROI \"%@\" of %@: contours lie up to %.2f mm off the CT planes", label, file, largestOffset)
            if joined { message += "; contours of different planes on one CT plane were joined by union" }
            if unused > 0 { message += "; \(unused) contour(s) farther than half the plane gap from every CT plane not used" }
            warnings.append("contours_off_plane: " + message)
            flags.append("contours_off_plane")
        }
        let source = ROISource(kind: .rtstruct, file: file, roiNumber: roi.number)
        return ROIPlacement.make(label: label, source: source, hits: hits, outside: outside, resampled: false, notes: notes,
                                 flags: flags, warnings: warnings)
    }

    /// A point projected onto plane `k` as continuous (row, column) indices.
    static func inPlane(_ p: PatientPoint, _ g: StackGeometry, plane k: Int) -> SIMD2<Double> {
        let (row, column, _) = g.planeCoordinates(of: p, plane: k)
        return SIMD2(row, column)
    }

    /// Calls `inside(row, column)` for every voxel centre of the `rows` × `columns` image inside
    /// `polygons` by the even–odd rule: a centre is inside when a ray from it towards increasing
    /// column crosses the polygons' edges an odd number of times (an edge counts when one end lies
    /// above the centre's row and the other at or below it).
    ///
    /// Scan-line fill with an edge table: each edge is visited once and contributes one crossing
    /// per row it spans, so the work is linear in the number of points plus the crossings and the
    /// voxels filled (issue 12: the former row × edge loop took seconds on a 100 000-point contour).
    /// - Returns: the number of inside centres beyond the image (rows within one image height of it).
    @discardableResult
    static func fill(_ polygons: [[SIMD2<Double>]], rows: Int, columns: Int, inside: (Int, Int) -> Void) -> Int {
        var rMin = Double.infinity, rMax = -Double.infinity
        for polygon in polygons { for v in polygon { rMin = min(rMin, v.x); rMax = max(rMax, v.x) } }
        guard rMin.isFinite, rMax.isFinite else { return 0 }
        // Rows farther than one image height beyond the image are not scanned (their centres are
        // outside anyway); this bounds the work and the table for absurd coordinates.
        let first = max(Int(max(rMin, Double(-rows)).rounded(.up)), -rows)
        let last = min(Int(min(rMax, Double(2 * rows)).rounded(.down)), 2 * rows)
        guard first <= last else { return 0 }
        let span = last - first + 1
        // Row of each crossing: the rows y with min(a.x, b.x) ≤ y < max(a.x, b.x), clipped to the scan.
        func rowRange(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Range<Int> {
            let lo = min(a.x, b.x), hi = max(a.x, b.x)
            let from = max(Int(lo.rounded(.up)), first), to = min(Int(hi.rounded(.up)) - 1, last)
            return from <= to ? from..<(to + 1) : first..<first
        }
        var start = [Int](repeating: 0, count: span + 1)
        for polygon in polygons {
            for i in polygon.indices {
                for y in rowRange(polygon[i], polygon[(i + 1) % polygon.count]) { start[y - first + 1] += 1 }
            }
        }
        for i in 0..<span { start[i + 1] += start[i] }
        var crossings = [Double](repeating: 0, count: start[span])
        var next = start
        for polygon in polygons {
            for i in polygon.indices {
                let a = polygon[i], b = polygon[(i + 1) % polygon.count]
                for y in rowRange(a, b) {
                    crossings[next[y - first]] = a.y + (Double(y) - a.x) * (b.y - a.y) / (b.x - a.x)
                    next[y - first] += 1
                }
            }
        }
        var beyond = 0
        for row in 0..<span {
            let r = first + row
            crossings[start[row]..<start[row + 1]].sort()
            var j = start[row]
            while j + 1 < start[row + 1] {
                // Columns farther than one image width beyond the image are not counted.
                let limit = Double(columns)
                let from = Int(max(min(crossings[j], 2 * limit), -limit).rounded(.up))
                let to = Int(max(min(crossings[j + 1], 2 * limit), -limit).rounded(.up)) - 1
                j += 2
                guard from <= to else { continue }
                guard r >= 0, r < rows else { beyond += to - from + 1; continue }
                let lo = max(from, 0), hi = min(to, columns - 1)
                beyond += (to - from + 1) - max(0, hi - lo + 1)
                if lo <= hi { for c in lo...hi { inside(r, c) } }
            }
        }
        return beyond
    }
}
