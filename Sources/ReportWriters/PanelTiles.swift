import Foundation
import VolumeModel

/// One image tile of a panel: its pixels and what is written around it.
struct PanelTile {
    var image: RGBImage
    /// Direction letters at the left, right, top and bottom edges, or nil (placeholder tile).
    var letters: (left: String, right: String, top: String, bottom: String)?
    /// Display pixel size (for the scale bar), or nil (placeholder tile).
    var millimetresPerPixel: Double?
    /// Two lines under the tile: which plane, where, which window.
    var notes: [String]
    /// A text centred on a placeholder tile ("not outlined").
    var centreText: String?

    static func placeholder(_ text: String) -> PanelTile {
        let size = PanelLayout.tileSize
        return PanelTile(image: RGBImage(width: size, height: size, background: PanelColours.missingTile),
                         letters: nil, millimetresPerPixel: nil, notes: [], centreText: text)
    }
}

/// The two tiles of one time point and the lesion's shape there.
struct TimePointTiles {
    var native: PanelTile
    var reformat: PanelTile
    var shape: LesionShape?
}

extension LesionPanel {
    /// The native-plane tile (the plane through the ROI's centroid, as acquired) and the reformat
    /// tile (sagittal through the ROI's centroid; axial when the stack itself is sagittal), both
    /// `side` mm square, with the ROI filled and outlined and the reference ROI outlined.
    static func tiles(_ timePoint: PanelTimePoint, side: Double, window: DisplayWindow) -> TimePointTiles {
        guard let lesion = timePoint.lesion, let k = centroidPlane(of: lesion.mask),
              let shape = LesionShape(mask: lesion.mask, geometry: lesion.volume.geometry)
        else { return TimePointTiles(native: .placeholder("not outlined"), reformat: .placeholder("not outlined"), shape: nil) }
        let geometry = lesion.volume.geometry
        let orientation = DisplayOrientation(geometry: geometry)
        let reference = timePoint.reference?.mask
        let size = PanelLayout.tileSize
        let mm = side / Double(size)

        var native = PanelTile.placeholder("plane \(k + 1) not decoded")
        if let plane = lesion.volume.planes[k] {
            let region = PlaneReslicer.boundingRegion(of: lesion.mask, geometry: geometry).square(side: side)
            func slice(_ mask: LesionMask) -> ReslicedPlane {
                PlaneReslicer.reslice(plane: plane, planeIndex: k, geometry: geometry, mask: mask, window: window,
                                      region: region, millimetresPerPixel: mm)
            }
            let resliced = slice(lesion.mask)
            var image = resliced.image
            if let reference, reference.box.planes.contains(k) {
                image.drawROI(inside: slice(reference).inside, colour: PanelColours.reference, fill: false)
            }
            image.drawROI(inside: resliced.inside, colour: PanelColours.roi, fill: true)
            native = PanelTile(image: image, letters: orientation.edgeLetters, millimetresPerPixel: mm,
                               notes: planeNotes(geometry: geometry, plane: k, centroid: shape.centroid, window: window))
        }

        let sagittal = orientation.kind != .sagittal
        let right = sagittal ? PatientPoint(0, 1, 0) : PatientPoint(1, 0, 0)
        let down = sagittal ? PatientPoint(0, 0, -1) : PatientPoint(0, 1, 0)
        let sampled = PlaneReformat.sample(
            volume: lesion.volume, centre: shape.centroid, right: right, down: down, side: side, pixels: size,
            window: window, masks: [lesion.mask] + (reference.map { [$0] } ?? []))
        var image = sampled.image
        if sampled.inside.count > 1 { image.drawROI(inside: sampled.inside[1], colour: PanelColours.reference, fill: false) }
        image.drawROI(inside: sampled.inside[0], colour: PanelColours.roi, fill: true)
        let letters = (DisplayOrientation.letter(-right), DisplayOrientation.letter(right),
                       DisplayOrientation.letter(-down), DisplayOrientation.letter(down))
        let through = sagittal ? "x \(NumberFormat.oneDecimal(shape.centroid.x))" : "z \(NumberFormat.oneDecimal(shape.centroid.z))"
        let reformat = PanelTile(
            image: image, letters: letters, millimetresPerPixel: mm,
            notes: ["\(sagittal ? "sagittal" : "axial") reformat through the ROI centre", "\(through) mm · \(window)"])
        return TimePointTiles(native: native, reformat: reformat, shape: shape)
    }

    /// The two note lines under a native tile: the plane's kind ("oblique" with its angle when the
    /// normal is more than 1° off the nearest patient axis, e.g. gantry tilt), its number, and
    /// where it crosses the ROI centre along that axis in patient coordinates (LPS mm) — comparable
    /// between a tilted and an untilted stack, unlike the position along each stack's own normal.
    ///
    /// The crossing is the point of plane `k` on the line through `centroid` parallel to the axis:
    /// `centroid[a] − ((centroid − ImagePositionPatient_k) · n) / n[a]`.
    public static func planeNotes(geometry: StackGeometry, plane k: Int, centroid: PatientPoint, window: DisplayWindow) -> [String] {
        let orientation = DisplayOrientation(geometry: geometry)
        let n = geometry.normal
        let (axis, name): (Int, String) = switch orientation.kind {
        case .axial: (2, "z")
        case .coronal: (1, "y")
        case .sagittal: (0, "x")
        }
        let along = centroid[axis] - (centroid - geometry.planePositions[k]).dot(n) / n[axis]
        let number = "plane \(k + 1)/\(geometry.planeCount)"
        let kind = orientation.isOblique
            ? "oblique \(number), \(NumberFormat.oneDecimal(orientation.obliquityDegrees))° from \(orientation.kind.rawValue)"
            : "\(orientation.kind.rawValue) \(number)"
        return [kind,
                "\(name) \(NumberFormat.oneDecimal(along)) mm at the ROI centre · \(window)"]
    }

    /// The planes of `timePoint`'s stack that its reformat tile crosses for a field of view of
    /// `side` mm (see ``fieldOfView(_:)``): decode these (beside the ROI's own planes) for a
    /// complete sagittal tile; empty when the lesion is not outlined there.
    public static func reformatPlanes(_ timePoint: PanelTimePoint, side: Double) -> [Int] {
        guard let lesion = timePoint.lesion, let shape = LesionShape(mask: lesion.mask, geometry: lesion.volume.geometry)
        else { return [] }
        let g = lesion.volume.geometry
        let sagittal = DisplayOrientation(geometry: g).kind != .sagittal
        let right = sagittal ? PatientPoint(0, 1, 0) : PatientPoint(1, 0, 0)
        let down = sagittal ? PatientPoint(0, 0, -1) : PatientPoint(0, 1, 0)
        let t = shape.centroid.dot(g.normal)
        let reach = side / 2 * (abs(right.dot(g.normal)) + abs(down.dot(g.normal)))
        return g.normalPositions.indices.filter { k in
            abs(g.normalPositions[k] - t) <= reach + g.planeExtent(k, fallback: lesion.volume.singlePlaneExtent) / 2
        }
    }

    /// Side (mm) of the square field of view shared by all tiles: the largest extent of either ROI
    /// (in-plane bounding box, or along the reformat's axes) plus max(15 mm, half of it) each side.
    public static func fieldOfView(_ input: LesionPanelInput) -> Double {
        let extents = [input.baseline.lesion, input.followup.lesion].compactMap { lesion -> Double? in
            guard let lesion, !lesion.mask.box.isEmpty else { return nil }
            let g = lesion.volume.geometry
            let r = PlaneReslicer.boundingRegion(of: lesion.mask, geometry: g)
            var extent = max(r.width, r.height)
            if let shape = LesionShape(mask: lesion.mask, geometry: g) {
                let span = shape.upper - shape.lower
                extent = max(extent, span.y + g.rowSpacing, span.z + g.planeExtent(0, fallback: lesion.volume.singlePlaneExtent))
            }
            return extent
        }
        let extent = extents.max() ?? 30
        return extent + 2 * max(15, extent / 2)
    }
}
