import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// A SEG on the CT's grid is placed in bulk (a box, then each frame row written at once): random
/// frames hanging off every edge of a 5 × 7 × 9 stack, several on one plane, some beyond the
/// planes, BINARY and FRACTIONAL values, against one voxel per kept pixel counted here.
@Suite("SEG placed in bulk on the CT grid")
struct SEGBulkPlacementTests {
    static let planes = 5, rows = 7, columns = 9
    static func uid(_ k: Int) -> String { "2.25.77.\(k + 1)" }
    static let target = ROITarget(
        geometry: StackGeometry(rows: rows, columns: columns, imageOrientationPatient: [1, 0, 0, 0, 1, 0], pixelSpacing: (1, 1),
                                planePositions: (0..<planes).map { PatientPoint(0, 0, Double($0)) }),
        sopInstanceUIDs: (0..<planes).map(uid), seriesInstanceUID: "2.25.77", frameOfReferenceUID: "2.25.78")

    @Test("Voxels, box and the count beyond the volume equal one voxel per kept pixel")
    func bulkEqualsPerPixel() throws {
        var rng = SeededRandom(state: 1602)
        for _ in 0..<200 {
            let fractional = rng.int(0...1) == 1
            let frameRows = rng.int(1...6), frameColumns = rng.int(1...12)
            var frames: [SegmentationObject.Frame] = []
            var expected: Set<[Int]> = [], outside = 0
            for _ in 0..<rng.int(1...6) {
                let k = rng.int(-1...(Self.planes - 1))  // -1: a frame beyond the planes
                let rowOffset = rng.int(-4...8), columnOffset = rng.int(-6...10)
                let values = (0..<(frameRows * frameColumns)).map { _ in [0, 0, 1, 2, 127, 128, 255][rng.int(0...6)] }.map(UInt8.init)
                for r in 0..<frameRows {
                    for c in 0..<frameColumns where fractional ? Double(values[r * frameColumns + c]) >= 127.5 : values[r * frameColumns + c] != 0 {
                        let row = r + rowOffset, column = c + columnOffset
                        if k >= 0, (0..<Self.rows).contains(row), (0..<Self.columns).contains(column) {
                            expected.insert([k, row, column])
                        } else {
                            outside += 1
                        }
                    }
                }
                frames.append(SegmentationObject.Frame(
                    segmentNumber: 1, referencedSOPInstanceUID: k >= 0 ? Self.uid(k) : nil,
                    imagePositionPatient: PatientPoint(Double(columnOffset), Double(rowOffset), k >= 0 ? Double(k) : 40),
                    imageOrientationPatient: nil, pixelSpacing: nil, values: values))
            }
            let seg = SegmentationObject(
                file: "seg.dcm", frameOfReferenceUID: "2.25.78", referencedSeriesUIDs: ["2.25.77"], rows: frameRows,
                columns: frameColumns, valueType: fractional ? .fractional(maximum: 255) : .binary, sliceSpacing: nil,
                segments: [.init(number: 1, label: "S")], frames: frames)
            let result = try #require(try SegmentationRasterizer.place(seg, on: Self.target, fractionalThreshold: 0.5).first)
            switch result {
            case .success(let p):
                var got: Set<[Int]> = []
                for k in p.mask.box.planes { for r in p.mask.box.rows { for c in p.mask.box.columns
                    where p.mask.contains(plane: k, row: r, column: c) { got.insert([k, r, c]) } } }
                #expect(got == expected)
                #expect(p.mask.voxelCount == expected.count && p.voxelsOutsideVolume == outside && !p.resampled)
                #expect(p.mask.extendsOutsideVolume == (outside > 0))
                #expect(p.mask.box.planes.lowerBound == expected.map { $0[0] }.min() && p.mask.box.rows.upperBound == (expected.map { $0[1] }.max() ?? 0) + 1)
                #expect(p.mask.inside.allSatisfy { $0 <= 1 })
            case .failure(let e):
                #expect(expected.isEmpty)
                #expect(e.kind == (outside > 0 ? .outsideVolume : .empty))
            }
        }
    }
}
