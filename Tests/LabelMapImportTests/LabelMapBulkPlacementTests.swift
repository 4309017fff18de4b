import DICOMImport
import Foundation
import LabelMapImport
import LesionAnalysis
@testable import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// Label maps are placed in bulk (runs of a label along i → spans of CT columns; other grids
/// resampled row by row): the same voxels, counts beyond the volume and `resampled` as the
/// voxel-by-voxel placement it replaced (``ReferenceLabelMapRasterizer``), on random layouts and on
/// the real label maps of ../shared/data.
@Suite("Label maps placed in bulk against voxel by voxel")
struct LabelMapBulkPlacementTests {
    /// A CT of a few planes: axial, tilted in-plane by 30°, or sagittal; sometimes a plane missing
    /// (uneven spacing).
    static func target(_ rng: inout SeededRandom) -> (ROITarget, steps: [PatientPoint], gap: Double) {
        let rows = rng.int(4...9), columns = rng.int(4...9), planes = rng.int(2...6)
        let spacing = (rng.pick([0.7, 1.0, 1.25]), rng.pick([0.8, 1.0]))
        let gap = rng.pick([1.0, 1.5, 2.5])
        let orientation: [Double] = rng.pick([[1, 0, 0, 0, 1, 0], [0.866025403784, 0.5, 0, -0.5, 0.866025403784, 0], [0, 1, 0, 0, 0, -1]])
        let probe = StackGeometry(rows: rows, columns: columns, imageOrientationPatient: orientation, pixelSpacing: spacing, planePositions: [])
        let origin = PatientPoint(Double(rng.int(-20...20)), Double(rng.int(-20...20)), Double(rng.int(-20...20)))
        var positions = (0..<planes).map { origin + Double($0) * gap * probe.normal }
        if planes > 3, rng.int(0...3) == 0 { positions.remove(at: rng.int(1...(planes - 2))) }
        let g = StackGeometry(rows: rows, columns: columns, imageOrientationPatient: orientation, pixelSpacing: spacing, planePositions: positions)
        let steps = [g.columnSpacing * g.rowDirection, g.rowSpacing * g.columnDirection, gap * g.normal]
        return (ROITarget(geometry: g, sopInstanceUIDs: positions.indices.map { "2.25.9.\($0)" }, seriesInstanceUID: nil, frameOfReferenceUID: nil),
                steps, gap)
    }

    /// Runs and (index, label) lists of a dense array (i fastest), computed here on their own.
    static func runs(_ values: [Int32], size: SIMD3<Int>) -> ([LabelRun], [Int], [Int32]) {
        var runs: [LabelRun] = [], indices: [Int] = [], labels: [Int32] = []
        for row in 0..<(size.y * size.z) {
            var i = 0
            while i < size.x {
                let v = values[row * size.x + i]
                var end = i + 1
                while end < size.x && values[row * size.x + end] == v { end += 1 }
                if v != 0 {
                    runs.append(LabelRun(row: row, start: i, count: end - i, label: v))
                    for x in i..<end { indices.append(row * size.x + x); labels.append(v) }
                }
                i = end
            }
        }
        return (runs, indices, labels)
    }

    static func voxels(_ m: LesionMask) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in m.box.planes { for r in m.box.rows { for c in m.box.columns where m.contains(plane: k, row: r, column: c) { out.insert([k, r, c]) } } }
        return out
    }

    /// Places `map` both ways and compares every label's result; the number of CT voxels the
    /// reference placed, nil when the map misses the CT.
    @discardableResult
    static func compare(_ map: LabelMapVolume, indices: [Int], labels: [Int32], on target: ROITarget, _ what: String) -> Int? {
        guard let results = try? LabelMapRasterizer.place(map, names: [:], splitComponents: false, on: target) else { return nil }
        let (hits, outside, resampled) = ReferenceLabelMapRasterizer.place(map, indices: indices, labels: labels, on: target)
        let values = Set(labels).sorted()
        #expect(results.count == values.count, "\(what)")
        for (value, result) in zip(values, results) {
            let expected = hits[value] ?? [], beyond = outside[value] ?? 0
            switch result {
            case .success(let p):
                #expect(Self.voxels(p.mask) == expected, "\(what): label \(value)")
                #expect(p.mask.voxelCount == expected.count && p.voxelsOutsideVolume == beyond && p.resampled == resampled, "\(what): label \(value)")
                #expect(p.mask.extendsOutsideVolume == (beyond > 0) && p.mask.source.labelValue == Int(value))
                #expect(p.mask.inside.allSatisfy { $0 <= 1 })
            case .failure(let e):
                #expect(expected.isEmpty && e.kind == (beyond > 0 ? .outsideVolume : .empty), "\(what): label \(value)")
            }
        }
        return hits.values.reduce(0) { $0 + $1.count }
    }

    @Test("Random layouts: signed axis permutations at whole-voxel offsets partly outside, scaled, shifted and rotated grids")
    func randomLayouts() throws {
        var rng = SeededRandom(state: 1916)
        var compared = 0, direct = 0, placed = 0
        for n in 0..<800 {
            let (target, steps, gap) = Self.target(&rng)
            let size = SIMD3(rng.int(1...8), rng.int(1...8), rng.int(1...6))
            let permutation = rng.pick([[0, 1, 2], [1, 0, 2], [2, 1, 0], [0, 2, 1], [1, 2, 0], [2, 0, 1]])
            let signs = (0..<3).map { _ in Double(rng.pick([1, -1])) }
            var axes = (0..<3).map { steps[permutation[$0]] * signs[$0] }
            let g = target.geometry
            // The first voxel's centre on a CT voxel centre (or on the lattice beyond the image), a
            // few voxels before the image where an axis runs forward, beyond its far side where it
            // runs backward, so most maps overlap the image and many lie partly outside.
            let extent = [g.columns, g.rows, g.planeCount]
            var offset = [0, 0, 0]
            for b in 0..<3 {
                let n = extent[permutation[b]]
                offset[permutation[b]] = signs[b] > 0 ? rng.int(-2...(n / 2)) : rng.int((n / 2)...(n + 1))
            }
            var origin = g.planePositions[0] + Double(offset[0]) * steps[0] + Double(offset[1]) * steps[1] + Double(offset[2]) * gap * g.normal
            let kind = rng.int(0...5)
            switch kind {
            case 3: axes[rng.int(0...2)] *= rng.pick([0.5, 2, 1.5])
            case 4: origin += rng.pick([0.3, 0.5, 0.45]) * steps[rng.int(0...2)]
            case 5:
                let angle = rng.pick([0.2, 0.7]), (s, c) = (sin(angle), cos(angle))
                axes = axes.map { a in PatientPoint(c * a.x - s * a.y, s * a.x + c * a.y, a.z) }
            default: break
            }
            // Stretches of one label along i, several labels (one of them large).
            var values = [Int32](repeating: 0, count: size.x * size.y * size.z)
            for row in 0..<(size.y * size.z) where rng.int(0...3) > 0 {
                var i = rng.int(0...(size.x - 1))
                while i < size.x {
                    let length = rng.int(1...size.x), label = Int32(rng.pick([1, 2, 3, 7, 300]))
                    for x in i..<min(size.x, i + length) { values[row * size.x + x] = label }
                    i += length + rng.int(0...2)
                }
            }
            let (runs, indices, labels) = Self.runs(values, size: size)
            guard !runs.isEmpty else { continue }
            let map = LabelMapVolume(file: "random-\(n).nii", size: size, origin: origin, axes: axes, runs: runs)
            if let voxels = Self.compare(map, indices: indices, labels: labels, on: target, "layout \(n) (kind \(kind))") {
                compared += 1
                placed += voxels
                if kind < 3 { direct += 1 }
            }
        }
        #expect(compared > 600 && direct > 300 && placed > 5000, "\(compared) layouts compared, \(direct) of them on the CT's grid, \(placed) voxels")
    }

    @Test("Real label maps on their CT, on the CT's grid and shifted by 0.4 voxel (resampled)",
          .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
    func realFiles() throws {
        let files = RealLabelMapTests.pairs.map { ($0.labelMap, $0.ct) } + [
            "liver_spine_seg.nrrd", "spine_seg.nrrd", "heart_seg.nrrd", "partial_overlaps-1.nrrd", "partial_overlaps-2.nrrd",
            "partial_overlaps-3.nrrd",
        ].map { ("seg/dcmqi_ct_3slice/" + $0, "seg/dcmqi_ct_3slice/ct") } + [("seg/dcmqi_23x38x3/nrrd/label.nrrd", "seg/dcmqi_23x38x3/image")]
        for (file, ct) in files {
            let target = try DICOMImportAccess.index(SharedData.data(ct))
            let map = try LabelMapFile.read(SharedData.data(file)).volume
            var indices: [Int] = [], labels: [Int32] = []
            for run in map.runs {
                for i in Int(run.start)...run.last { indices.append(run.row * map.size.x + i); labels.append(run.label) }
            }
            #expect((Self.compare(map, indices: indices, labels: labels, on: target, file) ?? 0) > 0, "\(file) misses its CT")
            let g = target.geometry
            let shift = 0.4 * g.columnSpacing * g.rowDirection
            let shifted = ROITarget(
                geometry: StackGeometry(rows: g.rows, columns: g.columns,
                                        imageOrientationPatient: [g.rowDirection.x, g.rowDirection.y, g.rowDirection.z,
                                                                  g.columnDirection.x, g.columnDirection.y, g.columnDirection.z],
                                        pixelSpacing: (g.rowSpacing, g.columnSpacing), planePositions: g.planePositions.map { $0 + shift }),
                sopInstanceUIDs: target.sopInstanceUIDs, seriesInstanceUID: nil, frameOfReferenceUID: nil)
            #expect((Self.compare(map, indices: indices, labels: labels, on: shifted, file + " shifted") ?? 0) > 0, "\(file) misses its CT")
        }
    }
}
