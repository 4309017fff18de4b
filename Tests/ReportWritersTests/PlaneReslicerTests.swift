import ReportWriters
import Testing
import VolumeModel

/// A plane orientation and the patient directions that must end up on image right and image top.
struct OrientationCase: Sendable, CustomTestStringConvertible {
    var orientation: [Double]
    var right: PatientPoint
    var top: PatientPoint
    var kind: DisplayOrientation.PlaneKind
    var letters: [String]
    var testDescription: String { "\(kind) IOP \(orientation.map { Int($0) })" }
}

@Suite("Reslicing to radiological orientation and square pixels")
struct PlaneReslicerTests {
    static let left = PatientPoint(1, 0, 0), anterior = PatientPoint(0, -1, 0)
    static let posterior = PatientPoint(0, 1, 0), head = PatientPoint(0, 0, 1)

    @Test("Patient left lands on image right; anterior (axial) or head (coronal, sagittal) on top", arguments: [
        OrientationCase(orientation: [1, 0, 0, 0, 1, 0], right: left, top: anterior, kind: .axial, letters: ["R", "L", "A", "P"]),
        OrientationCase(orientation: [-1, 0, 0, 0, 1, 0], right: left, top: anterior, kind: .axial, letters: ["R", "L", "A", "P"]),
        OrientationCase(orientation: [1, 0, 0, 0, -1, 0], right: left, top: anterior, kind: .axial, letters: ["R", "L", "A", "P"]),
        OrientationCase(orientation: [0, 1, 0, 1, 0, 0], right: left, top: anterior, kind: .axial, letters: ["R", "L", "A", "P"]),
        OrientationCase(orientation: [1, 0, 0, 0, 0, -1], right: left, top: head, kind: .coronal, letters: ["R", "L", "H", "F"]),
        OrientationCase(orientation: [0, 1, 0, 0, 0, -1], right: posterior, top: head, kind: .sagittal, letters: ["A", "P", "H", "F"]),
    ])
    func orientation(_ c: OrientationCase) throws {
        // 20 × 30 voxels of 1 mm: a white marker (1600 HU) at the voxel furthest towards `right`,
        // a black one (−1000 HU) furthest towards `top`, both mid-way along the other axis.
        let g = SyntheticScans.geometry(rows: 20, columns: 30, orientation: c.orientation, spacing: (1, 1))
        let rightMarker = extremeVoxel(g, towards: c.right, across: c.top)
        let topMarker = extremeVoxel(g, towards: c.top, across: c.right)
        let plane = SyntheticScans.plane(g) { r, col in
            (r, col) == rightMarker ? 1600 : ((r, col) == topMarker ? -1000 : 500)
        }
        let resliced = PlaneReslicer.reslice(
            plane: plane, planeIndex: 0, geometry: g, mask: nil, window: .bone, region: PlaneReslicer.wholePlane(g),
            millimetresPerPixel: 1)
        let image = resliced.image
        // The image is as wide as the plane's extent along `right` (in voxels of 1 mm).
        let alongRight = abs(g.rowDirection.dot(c.right)) > 0.5 ? g.columns : g.rows
        #expect(image.width == alongRight)
        let white = try #require(pixels(of: image, grey: 255).first)
        let black = try #require(pixels(of: image, grey: 0).first)
        #expect(white.x == image.width - 1)
        #expect(black.y == 0)
        #expect(resliced.orientation.kind == c.kind)
        let letters = resliced.orientation.edgeLetters
        #expect([letters.left, letters.right, letters.top, letters.bottom] == c.letters)
    }

    @Test("Anisotropic PixelSpacing is resampled to square pixels", arguments: [
        // (rows, columns, row spacing, column spacing) → physical height × width in mm.
        (20, 80, 2.0, 0.5), (10, 80, 2.0, 0.5), (64, 32, 0.6, 1.5),
    ])
    func squarePixels(rows: Int, columns: Int, rowSpacing: Double, columnSpacing: Double) {
        let g = SyntheticScans.geometry(rows: rows, columns: columns, spacing: (rowSpacing, columnSpacing))
        // A block of 10 mm × 10 mm in the plane's corner, at 1600 HU.
        let plane = SyntheticScans.plane(g) { r, c in
            Double(r) * rowSpacing < 10 && Double(c) * columnSpacing < 10 ? 1600 : 0
        }
        let s = min(rowSpacing, columnSpacing)
        let image = PlaneReslicer.reslice(
            plane: plane, planeIndex: 0, geometry: g, mask: nil, window: .bone, region: PlaneReslicer.wholePlane(g),
            millimetresPerPixel: s
        ).image
        let heightMM = Double(rows) * rowSpacing, widthMM = Double(columns) * columnSpacing
        #expect(image.width == Int((widthMM / s).rounded()))
        #expect(image.height == Int((heightMM / s).rounded()))
        #expect(abs(Double(image.width) / Double(image.height) - widthMM / heightMM) < 1e-9)
        // The 10 mm block is square on screen: 10 / s pixels each way.
        let block = pixels(of: image, grey: 255)
        let xs = Set(block.map(\.x)), ys = Set(block.map(\.y))
        #expect(xs.count == Int((10 / s).rounded()) && ys.count == Int((10 / s).rounded()))
    }

    /// The voxel whose centre lies furthest along `direction`, nearest the middle across `across`.
    private func extremeVoxel(_ g: StackGeometry, towards direction: PatientPoint, across: PatientPoint) -> (Int, Int) {
        let mid = g.voxelCentre(plane: 0, row: g.rows / 2, column: g.columns / 2)
        var best = (0, 0), bestScore = -Double.infinity
        for r in 0..<g.rows {
            for c in 0..<g.columns {
                let p = g.voxelCentre(plane: 0, row: r, column: c)
                let score = p.dot(direction) * 1000 - abs((p - mid).dot(across))
                if score > bestScore { (best, bestScore) = ((r, c), score) }
            }
        }
        return best
    }

    private func pixels(of image: RGBImage, grey: UInt8) -> [(x: Int, y: Int)] {
        var found: [(x: Int, y: Int)] = []
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] == RGBColor(grey: grey) { found.append((x, y)) }
        }
        return found
    }
}
