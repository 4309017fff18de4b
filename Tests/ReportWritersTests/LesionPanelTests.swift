import Foundation
import ReportWriters
import Testing

@Suite("Lesion panels")
struct LesionPanelTests {
    /// Grey of `hu` at W 2000 / L 500, worked out from PS3.3 C.11.2.1.2.1 here rather than through
    /// DisplayWindow: ((hu − 499.5) / 1999 + 0.5) × 255, rounded.
    static func boneGrey(_ hu: Double) -> Int { Int((((hu - 499.5) / 1999 + 0.5) * 255).rounded()) }

    @Test("A written panel decodes as 8-bit RGB of the layout's size, lesion plateaus at the window's grey (500 and 700 HU)")
    func plateau() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("panel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("pictures/P001_L1.png").path
        try LesionPanel.write(SyntheticScans.standardPanel, to: path)
        let decoded = try PNGCodec.decode(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(decoded.fileBitDepth == 8 && decoded.fileChannels == 3 && !decoded.fileIsColormapped)
        #expect(decoded.image.width == PanelLayout.width && decoded.image.height == PanelLayout.height)
        #expect(decoded.image.width == 804 && decoded.image.height == 732)
        // The tiles are centred on the lesion's bounding box, which is centred on the sphere.
        let half = PanelLayout.tileSize / 2
        let b = decoded.image[PanelLayout.baselineTile.x + half, PanelLayout.baselineTile.y + half]
        let f = decoded.image[PanelLayout.followupTile.x + half, PanelLayout.followupTile.y + half]
        #expect(Self.boneGrey(500) == 128 && Self.boneGrey(700) == 153)
        #expect(abs(Int(b.red) - 128) <= 1 && b.red == b.green && b.green == b.blue)
        #expect(abs(Int(f.red) - 153) <= 1 && f.red == f.green && f.green == f.blue)
    }

    @Test("The ROI outline is drawn in yellow just outside the lesion, all around it")
    func outline() throws {
        let image = LesionPanel.render(SyntheticScans.standardPanel)
        // Sphere of radius 8 mm on 0.8 mm voxels: its in-plane bounding box spans 21 voxels (16.8 mm),
        // so the tile shows 16.8 + 2 × 15 = 46.8 mm over 384 px.
        let mmPerPixel = 46.8 / Double(PanelLayout.tileSize)
        let centre = Double(PanelLayout.tileSize) / 2
        var distances: [Double] = []
        var angles = Set<Int>()
        for y in 0..<PanelLayout.tileSize {
            for x in 0..<PanelLayout.tileSize
            where image[PanelLayout.baselineTile.x + x, PanelLayout.baselineTile.y + y] == RGBColor(255, 221, 0) {
                let dx = Double(x) + 0.5 - centre, dy = Double(y) + 0.5 - centre
                distances.append((dx * dx + dy * dy).squareRoot() * mmPerPixel)
                angles.insert(Int((atan2(dy, dx) * 180 / .pi + 180) / 10))
            }
        }
        // Outside voxels nearest the centre have their edge at ≥ 8 − 0.4·√2 mm; ROI voxels' far
        // edges lie within 8 + 0.4·√2 mm, plus the outline: 2 px in x and y, so up to 2·√2 px diagonally.
        #expect(distances.count > 500)
        #expect(distances.allSatisfy { $0 >= 8 - 0.4 * 2.0.squareRoot() - 0.01 })
        #expect(distances.allSatisfy { $0 <= 8 + 0.4 * 2.0.squareRoot() + 2 * 2.0.squareRoot() * mmPerPixel + 0.01 })
        #expect(angles.count == 36, "outline pixels in every 10° sector around the lesion")
    }

    @Test("A lesion outlined at one time point only gets a grey 'not outlined' tile")
    func missingTimePoint() {
        let image = LesionPanel.render(SyntheticScans.panelInput(followupHU: nil))
        #expect(image[PanelLayout.followupTile.x + 5, PanelLayout.followupTile.y + 5] == RGBColor(90, 90, 90))
        #expect(image[PanelLayout.baselineTile.x + 192, PanelLayout.baselineTile.y + 192] == RGBColor(grey: 128))
    }

    @Test("The centroid plane is the voxel-weighted mean plane index")
    func centroidPlane() throws {
        let mask = try #require(SyntheticScans.standardPanel.baseline.lesion?.mask)
        #expect(LesionPanel.centroidPlane(of: mask) == 4)
    }

    @Test("Rendering time of one panel on 512² planes (reported, not gated)")
    func timing() throws {
        let input = SyntheticScans.standardPanel
        var times: [Duration] = []
        for _ in 0..<5 {
            let clock = ContinuousClock()
            let start = clock.now
            _ = try LesionPanel.png(input)
            times.append(clock.now - start)
        }
        let median = times.sorted()[2]
        print("LesionPanel.png median of 5: \(median)")
        #expect(median < .seconds(30))
    }
}
