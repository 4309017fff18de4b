import Foundation
import ReportWriters
import Testing

@Suite("Display window (DICOM LINEAR VOI, PS3.3 C.11.2.1.2.1)")
struct DisplayWindowTests {
    /// Grey levels worked out by hand from the LINEAR function, output 0…255, rounded:
    /// bone W 2000 / L 500: lower edge 499.5 − 999.5 = −500, upper edge 499.5 + 999.5 = 1499;
    /// 500 HU → ((500 − 499.5)/1999 + 0.5) × 255 = 127.56 → 128; 0 HU → 63.69 → 64.
    /// soft tissue W 400 / L 40: 40 HU → ((0.5)/399 + 0.5) × 255 = 127.82 → 128; edges −160, 239.
    @Test("Bone and soft-tissue windows map HU to the hand-computed grey levels", arguments: [
        (DisplayWindow.bone, 500.0, UInt8(128)), (.bone, -1000, 0), (.bone, -500, 0), (.bone, 1600, 255),
        (.bone, 1499, 255), (.bone, 0, 64), (.softTissue, 40, 128), (.softTissue, -160, 0), (.softTissue, 240, 255),
        (.custom(width: 1, center: 0), -1, 0), (.custom(width: 1, center: 0), 0, 255),
    ])
    func greyLevels(window: DisplayWindow, hu: Double, grey: UInt8) {
        #expect(window.grey(hu) == grey)
    }

    @Test("Windows describe themselves with name, width and level")
    func names() {
        #expect(DisplayWindow.bone.description == "bone W 2000 / L 500")
        #expect(DisplayWindow.softTissue.description == "soft tissue W 400 / L 40")
        #expect(DisplayWindow.custom(width: 350, center: 50).description == "custom W 350 / L 50")
    }

    @Test("Windows parse from command-line text", arguments: [
        ("bone", DisplayWindow?.some(.bone)), ("Soft-Tissue", .softTissue), ("1500,300", .custom(width: 1500, center: 300)),
        (" 400 , -50", .custom(width: 400, center: -50)), ("0,40", nil), ("lung", nil), ("1,2,3", nil),
    ])
    func parsing(text: String, expected: DisplayWindow?) {
        #expect(DisplayWindow(argument: text) == expected)
    }

    @Test("A PNG of a resliced plane decodes to 8-bit RGB with the window's grey levels")
    func pngRoundTrip() throws {
        // Three bands of columns: 500, −1000 and 1600 HU.
        let g = SyntheticScans.geometry(rows: 6, columns: 9, spacing: (1, 1))
        let plane = SyntheticScans.plane(g) { _, c in c < 3 ? 500 : (c < 6 ? -1000 : 1600) }
        let resliced = PlaneReslicer.reslice(
            plane: plane, planeIndex: 0, geometry: g, mask: nil, window: .bone, region: PlaneReslicer.wholePlane(g),
            millimetresPerPixel: 1)
        let decoded = try PNGCodec.decode(PNGCodec.encode(resliced.image))
        #expect(decoded.fileBitDepth == 8)
        #expect(decoded.fileChannels == 3)
        #expect(!decoded.fileIsColormapped)
        #expect(decoded.image.width == 9 && decoded.image.height == 6)
        for (x, expected) in [(1, 128), (4, 0), (7, 255)] {
            let p = decoded.image[x, 3]
            #expect(abs(Int(p.red) - expected) <= 1 && p.red == p.green && p.green == p.blue)
        }
    }

    @Test("Padding voxels are black whatever their HU")
    func paddingIsBlack() {
        let g = SyntheticScans.geometry(rows: 2, columns: 2, spacing: (1, 1))
        let plane = SyntheticScans.plane(g, padding: { r, _ in r == 0 }) { _, _ in 1600 }
        let image = PlaneReslicer.reslice(
            plane: plane, planeIndex: 0, geometry: g, mask: nil, window: .bone, region: PlaneReslicer.wholePlane(g),
            millimetresPerPixel: 1
        ).image
        #expect(image[0, 0] == RGBColor(grey: 0) && image[1, 0] == RGBColor(grey: 0))
        #expect(image[0, 1] == RGBColor(grey: 255))
    }

    @Test("Bytes that are not a PNG give libpng's error")
    func notAPNG() {
        #expect(throws: PNGError.self) { try PNGCodec.decode(Data("not a png".utf8)) }
    }
}
