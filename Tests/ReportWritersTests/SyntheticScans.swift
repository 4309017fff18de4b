import ReportWriters
import ResponseClassifier
import VolumeModel

/// In-memory CT stacks with known HU, for the picture tests (no DICOM).
enum SyntheticScans {
    /// A geometry of `planes` planes 2.5 mm apart, first voxel centre at (x0, y0, 0).
    static func geometry(
        rows: Int, columns: Int, orientation: [Double] = [1, 0, 0, 0, 1, 0], spacing: (Double, Double) = (0.8, 0.8),
        planes: Int = 1, origin: PatientPoint = PatientPoint(0, 0, 0)
    ) -> StackGeometry {
        let r = PatientPoint(orientation[0], orientation[1], orientation[2])
        let c = PatientPoint(orientation[3], orientation[4], orientation[5])
        let n = r.cross(c)
        return StackGeometry(
            rows: rows, columns: columns, imageOrientationPatient: orientation, pixelSpacing: spacing,
            planePositions: (0..<planes).map { origin + Double($0) * 2.5 * n })
    }

    /// A plane whose HU at each voxel is `hu(row, column)`; `padding(row, column)` marks padding.
    static func plane(
        _ g: StackGeometry, padding: ((Int, Int) -> Bool)? = nil, hu: (Int, Int) -> Int16
    ) -> HUPlane {
        var values = [Int16](repeating: 0, count: g.rows * g.columns)
        var pad = [UInt8](repeating: 0, count: g.rows * g.columns)
        for r in 0..<g.rows {
            for c in 0..<g.columns {
                values[r * g.columns + c] = hu(r, c)
                if padding?(r, c) == true { pad[r * g.columns + c] = 1 }
            }
        }
        return HUPlane(rows: g.rows, columns: g.columns, storage: .int16(values), padding: padding == nil ? nil : pad)
    }

    /// A 512² axial stack (0.8 mm pixels, 9 planes) of a body: air outside a 150 mm disc, 40 HU soft
    /// tissue, a vertebral body (250 HU, 1200 HU cortex 2 mm thick, radius 22 mm) and a spherical
    /// lesion of radius 8 mm at plateau `lesionHU`, centred on a voxel centre of plane 4. Padding
    /// (−3024 HU) outside a 200 mm disc. Returns the volume and the lesion mask.
    static func vertebra(lesionHU: Int16, label: String = "L1 lytic") -> (HUVolume, LesionMask) {
        let g = geometry(rows: 512, columns: 512, planes: 9, origin: PatientPoint(-204.4, -204.4, 0))
        let centre = g.voxelCentre(plane: 4, row: 280, column: 256)
        let bodyCentre = g.voxelCentre(plane: 4, row: 270, column: 256)
        let mask = LesionMask.build(
            label: label, source: ROISource(kind: .sphere, file: "rois.json"),
            candidates: VoxelBox(planes: 0..<9, rows: 250..<310, columns: 226..<286)
        ) { k, r, c in (g.voxelCentre(plane: k, row: r, column: c) - centre).length <= 8 }
        var planes: [Int: HUPlane] = [:]
        for k in 0..<9 {
            planes[k] = plane(g, padding: { r, c in g.voxelCentre(plane: 0, row: r, column: c).length2D > 200 }) { r, c in
                let p = g.voxelCentre(plane: k, row: r, column: c)
                let d = PatientPoint(p.x - bodyCentre.x, p.y - bodyCentre.y, 0).length
                if p.length2D > 200 { return -3024 }
                if mask.contains(plane: k, row: r, column: c) { return lesionHU }
                if d <= 20 { return 250 }
                if d <= 22 { return 1200 }
                return p.length2D <= 150 ? 40 : -1000
            }
        }
        return (HUVolume(geometry: g, planes: planes), mask)
    }

    /// A reference ROI on `vertebra`'s stack: a sphere of radius 3 mm in the vertebral body (250 HU),
    /// centred 12 mm to the patient's left of the lesion centre on the lesion's centre plane.
    static func referenceMask(_ g: StackGeometry) -> LesionMask {
        let centre = g.voxelCentre(plane: 4, row: 280, column: 256) + PatientPoint(12, 0, 0)
        return LesionMask.build(
            label: "T12 ref", source: ROISource(kind: .sphere, file: "rois.json"),
            candidates: VoxelBox(planes: 2..<7, rows: 260..<300, columns: 260..<290), isReference: true
        ) { k, r, c in (g.voxelCentre(plane: k, row: r, column: c) - centre).length <= 3 }
    }

    /// `panelInput()` built once (the 512² stacks take seconds to build in a debug build).
    static let standardPanel = panelInput()

    /// A panel input for `vertebra` scans at both time points.
    static func panelInput(baselineHU: Int16 = 500, followupHU: Int16? = 700, label: String = "L1 lytic") -> LesionPanelInput {
        let (v0, m0) = vertebra(lesionHU: baselineHU, label: label)
        let followup = followupHU.map { vertebra(lesionHU: $0, label: label) }
        let bands = HUBands(lyticBelowHU: 100, scleroticAboveHU: 350, denseFromHU: 1000)
        return LesionPanelInput(
            patientID: "P001", lesionID: label,
            baseline: PanelTimePoint(studyDate: "2023-01-10", lesion: OutlinedLesion(volume: v0, mask: m0),
                                     meanHU: Double(baselineHU)),
            followup: PanelTimePoint(studyDate: "2023-04-10", lesion: followup.map { OutlinedLesion(volume: $0.0, mask: $0.1) },
                                     meanHU: followupHU.map(Double.init)),
            deltaMeanHU: followupHU.map { Double($0 - baselineHU) },
            deltaMeanPercent: followupHU.map { 100 * Double($0 - baselineHU) / Double(baselineHU) },
            response: followupHU == nil ? .noLongerOutlined : .remineralizing, bands: bands)
    }
}

extension SIMD3 where Scalar == Double {
    /// Length of the (x, y) part.
    var length2D: Double { (x * x + y * y).squareRoot() }
}
