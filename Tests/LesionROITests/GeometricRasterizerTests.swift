import Foundation
import Testing
@testable import LesionROI
import VolumeModel

/// The row-span rasterizer against the voxel-by-voxel one it replaced (``ReferenceRasterizer``), on
/// random stacks (oblique, tilted, unevenly spaced) and random spheres and boxes, and on ROIs whose
/// extent the old one could not handle.
@Suite("Sphere and box rasterization by row spans")
struct GeometricRasterizerTests {
    /// SplitMix64: a fixed seed gives the same cases on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(next() >> 11) / Double(1 << 53) }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    /// A stack with rotated row/column directions, a gantry-like in-plane shift per plane and
    /// uneven plane gaps (case `i` of the seed).
    static func stack(_ rng: inout Random) -> StackGeometry {
        let angle = rng.uniform(-0.6, 0.6), tiltAngle = rng.uniform(-0.3, 0.3)
        let rowDir = PatientPoint(cos(angle), sin(angle), 0)
        let colDir = PatientPoint(-sin(angle) * cos(tiltAngle), cos(angle) * cos(tiltAngle), sin(tiltAngle))
        let normal = rowDir.cross(colDir)
        let shift = PatientPoint(rng.uniform(-0.5, 0.5), rng.uniform(-0.5, 0.5), 0)
        var positions: [PatientPoint] = []
        var along = rng.uniform(-20, 20)
        let origin = PatientPoint(rng.uniform(-30, 0), rng.uniform(-30, 0), 0)
        for k in 0..<rng.int(1...12) {
            positions.append(origin + along * normal + Double(k) * shift)
            along += rng.uniform(0.6, 3.5)
        }
        return StackGeometry(rows: rng.int(3...40), columns: rng.int(3...40),
                             imageOrientationPatient: [rowDir.x, rowDir.y, rowDir.z, colDir.x, colDir.y, colDir.z],
                             pixelSpacing: (rng.uniform(0.4, 2), rng.uniform(0.4, 2)), planePositions: positions)
    }

    static func voxels(_ m: LesionMask) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in m.box.planes { for r in m.box.rows { for c in m.box.columns where m.contains(plane: k, row: r, column: c) { out.insert([k, r, c]) } } }
        return out
    }

    @Test("Random spheres and boxes: the same voxels, the same bounding box, the same outside count")
    func randomShapes() throws {
        var rng = Random(state: 16)
        var compared = 0, outsideErrors = 0, exactCounts = 0
        for _ in 0..<300 {
            let g = Self.stack(&rng)
            let width = Double(g.columns) * g.columnSpacing, height = Double(g.rows) * g.rowSpacing
            let centre = g.planePositions[g.planeCount / 2] + rng.uniform(-0.3, 1.3) * width * g.rowDirection
                + rng.uniform(-0.3, 1.3) * height * g.columnDirection + rng.uniform(-12, 12) * g.normal
            let shape: GeometricROI.Shape = rng.int(0...1) == 0
                ? .sphere(center: centre, radiusMM: rng.uniform(0.2, 20))
                : .box(centre, centre + PatientPoint(rng.uniform(-40, 40), rng.uniform(-40, 40), rng.uniform(-30, 30)))
            let roi = GeometricROI(id: "R", shape: shape)
            let old = Result { try ReferenceRasterizer.place(roi, on: g, file: "f") }
            let new = Result { try GeometricRasterizer.place(roi, on: g, file: "f") }
            switch (old, new) {
            case (.success(let a), .success(let b)):
                #expect(Self.voxels(a.mask) == Self.voxels(b.mask))
                #expect(a.mask.box == b.mask.box && a.mask.voxelCount == b.mask.voxelCount)
                #expect(a.mask.extendsOutsideVolume == b.mask.extendsOutsideVolume)
                // Exact when the shape's extent fits the budget; else counted one voxel beyond the image only.
                if GeometricRasterizer.outsideRegion(shape, g).exact {
                    if a.voxelsOutsideVolume != b.voxelsOutsideVolume { outsideErrors += 1 }
                    exactCounts += 1
                } else {
                    #expect(b.voxelsOutsideVolume <= a.voxelsOutsideVolume && (b.voxelsOutsideVolume > 0) == (a.voxelsOutsideVolume > 0))
                }
                compared += 1
            case (.failure(let a), .failure(let b)):
                #expect((a as? ROIError)?.kind == .outsideVolume && (b as? ROIError)?.kind == .outsideVolume)
            default:
                Issue.record("one rasterizer failed: old \(old), new \(new)")
            }
        }
        #expect(compared > 150 && exactCounts > 100, "\(compared) placed, \(exactCounts) with exact outside counts")
        #expect(outsideErrors == 0, "outside counts differ in \(outsideErrors) cases")
    }

    /// A 100 × 128² stack along +z, 0.7 mm pixels, 1.25 mm planes.
    static let large = StackGeometry(rows: 128, columns: 128, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.7, 0.7),
                                     planePositions: (0..<100).map { PatientPoint(-45, -45, Double($0) * 1.25) })

    @Test("Spheres of 1e4 and 1e9 mm and a box of ±1e9 mm hold every voxel, flagged as reaching beyond", arguments: [
        GeometricROI.Shape.sphere(center: PatientPoint(0, 0, 60), radiusMM: 1e4),
        .sphere(center: PatientPoint(0, 0, 60), radiusMM: 1e9),
        .box(PatientPoint(repeating: -1e9), PatientPoint(repeating: 1e9)),
    ])
    func hugeROIs(shape: GeometricROI.Shape) throws {
        let p = try GeometricRasterizer.place(GeometricROI(id: "H", shape: shape), on: Self.large, file: "f")
        #expect(p.mask.voxelCount == 100 * 128 * 128)
        #expect(p.mask.box == VoxelBox(planes: 0..<100, rows: 0..<128, columns: 0..<128))
        #expect(p.mask.extendsOutsideVolume && p.voxelsOutsideVolume > 0)
    }

    @Test("An ROI wholly outside, far away, is refused as outside the volume")
    func farAway() {
        for shape in [GeometricROI.Shape.sphere(center: PatientPoint(0, 0, 1e12), radiusMM: 5),
                      .box(PatientPoint(0, 0, 1e12), PatientPoint(10, 10, 1e12 + 10)),
                      .sphere(center: PatientPoint(1e9, 0, 100), radiusMM: 1e3)] {
            #expect { try GeometricRasterizer.place(GeometricROI(id: "F", shape: shape), on: Self.large, file: "f") } throws: {
                ($0 as? ROIError)?.kind == .outsideVolume && ($0 as? ROIError)?.lesion == "F"
            }
        }
    }

    @Test("A coordinate or radius that is not finite, or beyond ±1e15 mm, is refused naming the lesion")
    func nonFinite() {
        for shape in [GeometricROI.Shape.sphere(center: PatientPoint(.nan, 0, 0), radiusMM: 5),
                      .sphere(center: PatientPoint(0, 0, 0), radiusMM: .infinity),
                      .box(PatientPoint(0, 0, -1e300), PatientPoint(1, 1, 1e300))] {
            #expect { try GeometricRasterizer.place(GeometricROI(id: "N", shape: shape), on: Self.large, file: "roi.json") } throws: {
                let e = $0 as? ROIError
                return e?.kind == .invalidFile && e?.lesion == "N" && e?.file == "roi.json" && e?.message.contains("finite") == true
            }
        }
    }

    @Test("The core erosion by rows keeps the voxels whose four in-plane neighbours are inside")
    func coreErosion() throws {
        var rng = Random(state: 1216)
        for _ in 0..<50 {
            // Rows wider than 16 and 2 × 8 × 255 bytes reach the vectorised minima and the
            // eight-byte count; any non-zero byte means inside, the core holds 0 or 1.
            let width = [rng.int(1...12), rng.int(13...60), 4100][rng.int(0...2)]
            let box = VoxelBox(planes: 0..<rng.int(1...4), rows: 2..<(2 + rng.int(1...12)), columns: 5..<(5 + width))
            let density = rng.uniform(0.5, 1)
            let inside = (0..<box.voxelCount).map { _ in rng.uniform(0, 1) < density ? [1, 1, 2, 255][rng.int(0...3)] : UInt8(0) }
            let mask = LesionMask(label: "E", source: ROISource(kind: .box, file: "f"), box: box, inside: inside)
            let rows = box.rows.count, columns = box.columns.count
            var expected = 0
            var want = [UInt8](repeating: 0, count: inside.count)
            for p in 0..<box.planes.count { for r in 0..<rows { for c in 0..<columns {
                let i = (p * rows + r) * columns + c
                guard inside[i] != 0, r > 0, r < rows - 1, c > 0, c < columns - 1, inside[i - 1] != 0, inside[i + 1] != 0,
                      inside[i - columns] != 0, inside[i + columns] != 0 else { continue }
                want[i] = 1; expected += 1
            } } }
            let core = mask.coreROI(minimumRetainedFraction: 0)
            #expect(core?.inside ?? [] == (expected > 0 ? want : []))
            #expect(core?.voxelCount ?? 0 == expected)
        }
    }

    /// Masks of at least `PlaneParallel.minimumBytes` are written by one worker per core over their
    /// own planes: a sphere on a 40 × 384² axial stack (5.9 MB of box) holds exactly the voxels whose
    /// centres lie within the radius (computed here voxel by voxel), and its core ROI exactly the
    /// voxels whose four in-plane neighbours are inside.
    @Test func largeMaskSplitOverCores() throws {
        let g = StackGeometry(rows: 384, columns: 384, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (0.5, 0.5),
                              planePositions: (0..<40).map { PatientPoint(-96, -96, Double($0) * 1.3) })
        let centre = PatientPoint(0.13, -0.21, 25.37), radius = 95.0
        let placed = try GeometricRasterizer.place(GeometricROI(id: "S", shape: .sphere(center: centre, radiusMM: radius)), on: g, file: "f")
        let m = placed.mask
        #expect(m.box.voxelCount >= PlaneParallel.minimumBytes && m.box.planes.count > 2)
        var expected = 0, wrong = 0, coreExpected = 0
        // The voxel-centre rule for every voxel, one byte each (plane, row, column order).
        var want = [Bool](repeating: false, count: 40 * 384 * 384)
        for k in 0..<40 { for r in 0..<384 { for c in 0..<384 {
            let dx = -96 + Double(c) * 0.5 - centre.x, dy = -96 + Double(r) * 0.5 - centre.y, dz = Double(k) * 1.3 - centre.z
            want[(k * 384 + r) * 384 + c] = dx * dx + dy * dy + dz * dz <= radius * radius
        } } }
        let core = try #require(m.coreROI(minimumRetainedFraction: 0))
        let b = m.box, rows = b.rows.count, columns = b.columns.count
        for k in 0..<40 { for r in 0..<384 { for c in 0..<384 {
            let i = (k * 384 + r) * 384 + c
            if want[i] { expected += 1 }
            // Box order index, or nil outside the box.
            let j = b.planes.contains(k) && b.rows.contains(r) && b.columns.contains(c)
                ? ((k - b.planes.lowerBound) * rows + r - b.rows.lowerBound) * columns + c - b.columns.lowerBound : nil
            if want[i] != (j.map { m.inside[$0] != 0 } ?? false) { wrong += 1 }
            // Inside the box's interior rows and columns, the cross of five voxels.
            let interior = r > b.rows.lowerBound && r < b.rows.upperBound - 1 && c > b.columns.lowerBound && c < b.columns.upperBound - 1
            let wantCore = interior && want[i] && want[i - 1] && want[i + 1] && want[i - 384] && want[i + 384]
            if wantCore { coreExpected += 1 }
            if wantCore != (j.map { core.inside[$0] != 0 } ?? false) { wrong += 1 }
        } } }
        #expect(wrong == 0 && m.voxelCount == expected && core.voxelCount == coreExpected && expected > 1_000_000)
    }
}
