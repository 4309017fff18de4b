import Foundation
import VolumeModel

/// Puts the ROIs of an RT Structure Set onto a CT stack (PS3.3 C.8.8.6; DESIGN.md, ROIs).
///
/// Each CLOSED_PLANAR contour goes to the CT plane whose position along the normal is within
/// half the smaller neighbouring plane gap of the contour's mean position (ContourImageSequence
/// UIDs are never relied on: they may name images that are not there). A voxel belongs to the ROI
/// when its centre lies inside the ROI's contours on its plane by the even–odd rule over all of
/// them (an inner contour is a hole, a separate one an island; C.8.8.6.3 leaves nesting to the
/// reader). POINT and OPEN contours are skipped with a note.
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

    static func place(_ roi: StructureSetObject.ROI, file: String, target: ROITarget) -> Result<ROIPlacement, ROIError> {
        let label = roi.name.trimmingCharacters(in: .whitespaces)
        if let own = roi.frameOfReferenceUID, let ct = target.frameOfReferenceUID, own != ct {
            return .failure(ROIError(.foreignReference, file: file, lesion: label,
                                     "ReferencedFrameOfReferenceUID \(own) differs from the CT's \(ct)"))
        }
        let g = target.geometry
        var notes: [String] = []
        var skipped: [String: Int] = [:]
        var byPlane: [Int: [[SIMD2<Double>]]] = [:]
        var outsidePolygons: [(plane: Int, polygon: [SIMD2<Double>])] = []
        for (i, contour) in roi.contours.enumerated() {
            guard contour.geometricType == "CLOSED_PLANAR" else {
                skipped[contour.geometricType.isEmpty ? "untyped" : contour.geometricType, default: 0] += 1
                continue
            }
            guard contour.points.count >= 3 else {
                notes.append("contour \(i + 1) has \(contour.points.count) point(s), not a polygon: skipped")
                continue
            }
            let along = contour.points.map { $0.dot(g.normal) }
            let mean = along.reduce(0, +) / Double(along.count)
            guard let spread = along.map({ abs($0 - mean) }).max(), spread <= max(0.01, 0.1 * (g.planeGaps.min() ?? 1)) else {
                notes.append("contour \(i + 1) is not parallel to the CT planes: skipped")
                continue
            }
            switch target.plane(atNormalPosition: mean) {
            case .plane(let k):
                byPlane[k, default: []].append(contour.points.map { inPlane($0, g, plane: k) })
            case .outside:
                let k = mean < (g.normalPositions.first ?? 0) ? 0 : g.planeCount - 1
                outsidePolygons.append((k, contour.points.map { inPlane($0, g, plane: k) }))
                notes.append(String(format: "contour %d at %.2f mm along the normal lies beyond the CT's planes", i + 1, mean))
            case .betweenPlanes:
                notes.append(String(format: "contour %d at %.2f mm along the normal lies between CT planes (no plane within half the plane gap): skipped", i + 1, mean))
            }
        }
        for (type, count) in skipped.sorted(by: { $0.key < $1.key }) {
            notes.append("\(count) \(type) contour(s) skipped: only CLOSED_PLANAR contours enclose voxels")
        }
        var hits: [(Int, Int, Int)] = []
        var outside = 0
        for (k, polygons) in byPlane.sorted(by: { $0.key < $1.key }) {
            fill(polygons, rows: g.rows, columns: g.columns) { r, c in
                if r >= 0, r < g.rows, c >= 0, c < g.columns { hits.append((k, r, c)) } else { outside += 1 }
            }
        }
        for (_, polygon) in outsidePolygons {
            fill([polygon], rows: g.rows, columns: g.columns) { _, _ in outside += 1 }
        }
        let source = ROISource(kind: .rtstruct, file: file, roiNumber: roi.number)
        return ROIPlacement.make(label: label, source: source, hits: hits, outside: outside, resampled: false, notes: notes)
    }

    /// A point projected onto plane `k` as continuous (row, column) indices.
    static func inPlane(_ p: PatientPoint, _ g: StackGeometry, plane k: Int) -> SIMD2<Double> {
        let (row, column, _) = g.planeCoordinates(of: p, plane: k)
        return SIMD2(row, column)
    }

    /// Calls `visit(row, column)` for every voxel centre (integer row and column, possibly beyond
    /// the image) inside `polygons` by the even–odd rule: a centre is inside when a ray from it
    /// towards increasing column crosses the polygons' edges an odd number of times (an edge
    /// counts when one end lies above the centre's row and the other at or below it).
    static func fill(_ polygons: [[SIMD2<Double>]], rows: Int, columns: Int, visit: (Int, Int) -> Void) {
        let all = polygons.flatMap { $0 }
        guard let rMin = all.map(\.x).min(), let rMax = all.map(\.x).max() else { return }
        let first = Int(rMin.rounded(.up)), last = Int(rMax.rounded(.down))
        guard first <= last else { return }
        var crossings: [Double] = []
        for r in first...last {
            let y = Double(r)
            crossings.removeAll(keepingCapacity: true)
            for polygon in polygons {
                for (i, a) in polygon.enumerated() {
                    let b = polygon[(i + 1) % polygon.count]
                    guard (a.x > y) != (b.x > y) else { continue }
                    crossings.append(a.y + (y - a.x) * (b.y - a.y) / (b.x - a.x))
                }
            }
            crossings.sort()
            var j = 0
            while j + 1 < crossings.count {
                let from = Int(crossings[j].rounded(.up)), to = Int(crossings[j + 1].rounded(.up)) - 1
                if from <= to { for c in from...to { visit(r, c) } }
                j += 2
            }
        }
    }
}
