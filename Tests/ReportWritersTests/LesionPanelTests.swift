import Foundation
import ReportWriters
import ResponseClassifier
import Testing
import VolumeModel

/// Pixel checks of the lesion panels. Every expected value is worked out here from the synthetic
/// design (SyntheticScans.vertebra), DICOM's LINEAR VOI formula and the designed colours and alpha,
/// not read back from the rendering code.
@Suite("Lesion panels")
struct LesionPanelTests {
    /// Grey of `hu` at W 2000 / L 500, from PS3.3 C.11.2.1.2.1: ((hu − 499.5) / 1999 + 0.5) × 255, rounded.
    static func boneGrey(_ hu: Double) -> UInt8 { UInt8((((hu - 499.5) / 1999 + 0.5) * 255).rounded()) }

    /// `grey` with yellow (255, 221, 0) laid over at 25 % opacity, each channel rounded.
    static func filled(_ grey: UInt8) -> RGBColor {
        func mix(_ c: Double) -> UInt8 { UInt8((Double(grey) * 0.75 + c * 0.25).rounded()) }
        return RGBColor(mix(255), mix(221), mix(0))
    }

    /// The sphere (radius 8 mm, 21 voxels of 0.8 mm across in-plane, 7 planes of 2.5 mm: 17.5 mm
    /// along z) sets the field of view: 17.5 + 2 × 15 = 47.5 mm over 384 px.
    static let mmPerPixel = 47.5 / 384
    static let centre = 192

    static func pixel(_ image: RGBImage, row: Int, column: Int, _ x: Int, _ y: Int) -> RGBColor {
        let t = PanelLayout.tile(row: row, column: column)
        return image[t.x + x, t.y + y]
    }

    @Test("A written panel decodes as 8-bit RGB of the layout's size; ROI voxels show the window's grey under a 25 % yellow fill")
    func plateau() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("panel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pictures/P001_L1.png").path
        try LesionPanel.write(SyntheticScans.standardPanel, to: path)
        let image = try PNGCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(image.fileBitDepth == 8 && image.fileChannels == 3 && !image.fileIsColormapped)
        #expect(image.image.width == PanelLayout.width && image.image.height == PanelLayout.height)
        #expect(Self.boneGrey(500) == 128 && Self.boneGrey(700) == 153 && Self.boneGrey(250) == 96)
        // 128 × 0.75 + 255 × 0.25 = 159.75 → 160; 128 × 0.75 + 221 × 0.25 = 151.25 → 151; 96.
        #expect(Self.filled(128) == RGBColor(160, 151, 96))
        let c = Self.centre
        #expect(Self.pixel(image.image, row: 0, column: 0, c, c) == Self.filled(128))
        #expect(Self.pixel(image.image, row: 1, column: 0, c, c) == Self.filled(153))
        // 12 mm to the patient's left (display right) lies in the 250 HU vertebral body, unfilled.
        let left = Int((12 / Self.mmPerPixel).rounded())
        #expect(Self.pixel(image.image, row: 0, column: 0, c + left, c) == RGBColor(grey: Self.boneGrey(250)))
    }

    @Test("The ROI outline is drawn in yellow just outside the lesion, all around it, and the fill covers its voxels")
    func outlineAndFill() throws {
        let input = SyntheticScans.standardPanel
        let image = try LesionPanel.render(input)
        let size = PanelLayout.tileSize
        var distances: [Double] = []
        var angles = Set<Int>()
        var filledPixels = 0
        for y in 0..<size {
            for x in 0..<size {
                let p = Self.pixel(image, row: 0, column: 0, x, y)
                if p == Self.filled(128) { filledPixels += 1 }
                guard p == RGBColor(255, 221, 0) else { continue }
                let dx = Double(x) + 0.5 - Double(size) / 2, dy = Double(y) + 0.5 - Double(size) / 2
                distances.append((dx * dx + dy * dy).squareRoot() * Self.mmPerPixel)
                angles.insert(Int((atan2(dy, dx) * 180 / .pi + 180) / 10))
            }
        }
        // Outside voxels nearest the centre have their edge at ≥ 8 − 0.4·√2 mm; ROI voxels' far
        // edges lie within 8 + 0.4·√2 mm, plus the outline: 2 px in x and y, so up to 2·√2 px diagonally.
        #expect(distances.count > 500)
        #expect(distances.allSatisfy { $0 >= 8 - 0.4 * 2.0.squareRoot() - 0.01 })
        #expect(distances.allSatisfy { $0 <= 8 + 0.4 * 2.0.squareRoot() + 2 * 2.0.squareRoot() * Self.mmPerPixel + 0.01 })
        #expect(angles.count == 36, "outline pixels in every 10° sector around the lesion")
        // The fill covers the lesion's voxels on plane 4: each voxel is (0.8 mm / mm-per-pixel)² pixels.
        let mask = try #require(input.baseline.lesion?.mask)
        var voxels = 0
        for r in mask.box.rows { for c in mask.box.columns where mask.contains(plane: 4, row: r, column: c) { voxels += 1 } }
        let expected = Double(voxels) * pow(0.8 / Self.mmPerPixel, 2)
        #expect(abs(Double(filledPixels) - expected) / expected < 0.05, "\(filledPixels) filled pixels, \(expected) expected")
    }

    @Test("The sagittal tile is a reformat through the lesion centre: fill over 7 planes (17.5 mm), anterior left, black beyond the stack")
    func sagittal() throws {
        let image = try LesionPanel.render(SyntheticScans.standardPanel)
        let c = Self.centre
        #expect(Self.pixel(image, row: 0, column: 1, c, c) == Self.filled(128))
        #expect(Self.pixel(image, row: 1, column: 1, c, c) == Self.filled(153))
        // The vertebral body's centre is 8 mm anterior of the lesion centre: 12 mm anterior (display
        // left) is 4 mm from it, inside the 250 HU body.
        let twelve = Int((12 / Self.mmPerPixel).rounded())
        #expect(Self.pixel(image, row: 0, column: 1, c - twelve, c) == RGBColor(grey: Self.boneGrey(250)))
        // Along the centre column the fill spans planes 1…7, each standing for 2.5 mm.
        let filledRows = (0..<PanelLayout.tileSize).filter { Self.pixel(image, row: 0, column: 1, c, $0) == Self.filled(128) }
        let expected = 17.5 / Self.mmPerPixel
        #expect(abs(Double(filledRows.count) - expected) <= 2, "\(filledRows.count) rows, \(expected) expected")
        // The stack spans z −1.25…21.25 mm, the tile 10 ± 23.75 mm: its top and bottom 12.5 mm are outside.
        #expect(Self.pixel(image, row: 0, column: 1, c, 10) == RGBColor(grey: 0))
        #expect(Self.pixel(image, row: 0, column: 1, c, PanelLayout.tileSize - 10) == RGBColor(grey: 0))
    }

    @Test("The reference ROI is outlined in turquoise where it lies, 12 mm to the patient's left of the lesion")
    func reference() throws {
        var input = SyntheticScans.standardPanel
        let volume = try #require(input.baseline.lesion?.volume)
        input.baseline.reference = PanelReference(label: "T12 ref", mask: SyntheticScans.referenceMask(volume.geometry), meanHU: 250)
        let image = try LesionPanel.render(input)
        var xs: [Double] = [], ys: [Double] = []
        for y in 0..<PanelLayout.tileSize {
            for x in 0..<PanelLayout.tileSize where Self.pixel(image, row: 0, column: 0, x, y) == RGBColor(64, 224, 208) {
                xs.append(Double(x) + 0.5)
                ys.append(Double(y) + 0.5)
            }
        }
        #expect(xs.count > 100)
        let meanX = xs.reduce(0, +) / Double(xs.count), meanY = ys.reduce(0, +) / Double(ys.count)
        let expectedX = 192 + 12 / Self.mmPerPixel
        #expect(abs(meanX - expectedX) < 3 && abs(meanY - 192) < 3, "turquoise centred at (\(meanX), \(meanY))")
        // The follow-up has no reference ROI: no turquoise there.
        let followupTurquoise = (0..<PanelLayout.tileSize).contains { y in
            (0..<PanelLayout.tileSize).contains { Self.pixel(image, row: 1, column: 0, $0, y) == RGBColor(64, 224, 208) }
        }
        #expect(!followupTurquoise)
    }

    @Test("Text is drawn anti-aliased in the header and the band-name strip; the histogram plot holds only bars and lines")
    func textPlacement() throws {
        let image = try LesionPanel.render(SyntheticScans.standardPanel)
        let bg = RGBColor(28, 28, 30), title = RGBColor(255, 221, 0)
        var lit = 0, intermediate = 0
        for y in 12..<40 {
            for x in 16..<400 where image[x, y] != bg {
                lit += 1
                if image[x, y] != title { intermediate += 1 }
            }
        }
        #expect(lit > 300, "title text present")
        #expect(intermediate > 100, "anti-aliased edges (colours between the text and the background)")
        let plot = PanelLayout.histogramPlot
        let strip = (plot.y - 26)..<(plot.y - 6)
        let stripText = strip.contains { y in (plot.x..<(plot.x + plot.width)).contains { x in
            let p = image[x, y]
            return p != bg && p != RGBColor(204, 121, 167)
        } }
        #expect(stripText, "band names drawn in the strip above the plot")
        // Every plot pixel is the plot background, a bar (each series' colour blended at 35 %, alone
        // or over the other), a bar's top line (alone, or under the follow-up's bar), or a band-edge
        // dash: no text.
        func blend(_ a: RGBColor, _ b: RGBColor) -> RGBColor {
            func m(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) * 0.65 + Double(y) * 0.35).rounded()) }
            return RGBColor(m(a.red, b.red), m(a.green, b.green), m(a.blue, b.blue))
        }
        let plotBG = RGBColor(grey: 12), blue = RGBColor(86, 180, 233), orange = RGBColor(230, 159, 0)
        let allowed: Set<RGBColor> = [plotBG, blue, orange, RGBColor(204, 121, 167), blend(plotBG, blue), blend(plotBG, orange),
                                      blend(blend(plotBG, blue), orange), blend(blue, orange)]
        var foreign = 0
        for y in plot.y..<(plot.y + plot.height) {
            for x in plot.x..<(plot.x + plot.width) where !allowed.contains(image[x, y]) {
                if foreign < 5 { print("foreign plot pixel at (\(x), \(y)): \(image[x, y])") }
                foreign += 1
            }
        }
        #expect(foreign == 0, "\(foreign) plot pixels that are neither bars nor lines")
    }

    @Test("The panel names the patient only by the ID it is given (the pseudonym with --pseudonymize)")
    func patientText() throws {
        var input = SyntheticScans.standardPanel
        input.patientID = "anon-0123456789abcdef"
        let texts = try LesionPanel.texts(input)
        #expect(texts.first == "anon-0123456789abcdef / L1 lytic — remineralizing")
        #expect(!texts.contains { $0.contains("P001") })
        // Voxel centres of the 8 mm sphere reach ±8.0 mm (10 voxels of 0.8 mm) from its centre: 16.0 mm.
        #expect(texts.contains("baseline 2023-01-10 · 500.0 HU · max diameter 16.0 mm"))
        input.patientID = nil
        input.followup.propagatedFrom = "2023-01-10"
        let plain = try LesionPanel.texts(input)
        #expect(plain.first == "L1 lytic — remineralizing")
        #expect(plain.contains("follow-up 2023-04-10 · 700.0 HU · max diameter 16.0 mm"))
        #expect(plain.contains("ROI carried from 2023-01-10"))
    }

    @Test("A tilted stack is labelled oblique, with the plane's z where it crosses the ROI centre")
    func obliqueNotes() {
        // Rows along +x, columns tilted 18° from +y towards −z: normal (0, sin 18°, cos 18°).
        let t = 18 * Double.pi / 180
        let g = SyntheticScans.geometry(rows: 4, columns: 4, orientation: [1, 0, 0, 0, cos(t), -sin(t)], planes: 5,
                                        origin: PatientPoint(0, 0, 100))
        // Plane 3 (index 2) passes through (0, 0, 100) + 5 mm · n. At x = 0, y = 20 it reaches
        // z = 100 + 5 / cos 18° − 20 · tan 18° = 100 + 5.257 − 6.498 = 98.76 mm.
        let notes = LesionPanel.planeNotes(geometry: g, plane: 2, centroid: PatientPoint(0, 20, 105), window: .bone)
        #expect(notes == ["oblique plane 3/5, 18.0° from axial", "z 98.8 mm at the ROI centre · bone W 2000 / L 500"])
        let straight = SyntheticScans.geometry(rows: 4, columns: 4, planes: 9)
        #expect(LesionPanel.planeNotes(geometry: straight, plane: 4, centroid: PatientPoint(1, 2, 10.2), window: .bone)
            == ["axial plane 5/9", "z 10.0 mm at the ROI centre · bone W 2000 / L 500"])
    }

    @Test("Largest diameter of a 5 × 4 × 3 voxel box: the diagonal between corner voxel centres, √41 mm")
    func largestDiameter() throws {
        let g = SyntheticScans.geometry(rows: 10, columns: 10, planes: 5)
        let mask = LesionMask.build(label: "B", source: ROISource(kind: .box, file: "b.json"),
                                    candidates: VoxelBox(planes: 1..<4, rows: 2..<6, columns: 3..<8)) { _, _, _ in true }
        let shape = try #require(LesionShape(mask: mask, geometry: g))
        // (4 × 0.8)² + (3 × 0.8)² + (2 × 2.5)² = 10.24 + 5.76 + 25 = 41.
        #expect(abs(shape.largestDiameter - 41.0.squareRoot()) < 1e-9)
        #expect(abs(shape.centroid.z - 5) < 1e-9)
    }

    @Test("A lesion outlined at one time point only gets grey 'not outlined' tiles")
    func missingTimePoint() throws {
        let image = try LesionPanel.render(SyntheticScans.panelInput(followupHU: nil))
        #expect(Self.pixel(image, row: 1, column: 0, 5, 5) == RGBColor(90, 90, 90))
        #expect(Self.pixel(image, row: 1, column: 1, 5, 5) == RGBColor(90, 90, 90))
        #expect(Self.pixel(image, row: 0, column: 0, 192, 192) == Self.filled(128))
    }

    @Test("The centroid plane is the voxel-weighted mean plane index")
    func centroidPlane() throws {
        let mask = try #require(SyntheticScans.standardPanel.baseline.lesion?.mask)
        #expect(LesionPanel.centroidPlane(of: mask) == 4)
    }
}
