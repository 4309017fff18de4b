import Foundation
@testable import LabelMapImport
import Testing
import VolumeModel
import _TestSupport

/// The one label scan of NIfTI and NRRD voxels (LabelScan): random rows of every stored type,
/// against each voxel converted and checked on its own here.
@Suite("Label scan: voxel values to runs, checked once")
struct LabelScanTests {
    /// (index, label) of every voxel whose `slope · stored + inter` is not 0, voxel by voxel.
    static func expected(_ values: [Double], slope: Double, inter: Double) -> [[Int]] {
        values.enumerated().compactMap { i, v in
            let x = slope * v + inter
            return x == 0 ? nil : [i, Int(x)]
        }
    }

    static func expand(_ runs: [LabelRun], rowLength: Int) -> [[Int]] {
        runs.flatMap { run in (Int(run.start)...run.last).map { [run.row * rowLength + $0, Int(run.label)] } }
    }

    static func scan<T>(_ values: [T], _ scalar: StoredScalar, nx: Int, slope: Double = 1, inter: Double = 0) throws -> [LabelRun] {
        try values.withUnsafeBytes {
            try LabelScan.runs($0, scalar: scalar, rowLength: nx, rows: values.count / nx, slope: slope, inter: inter, file: "m.nii")
        }
    }

    @Test("Every stored type, with and without scl_slope/scl_inter; long zero stretches; runs never cross a row")
    func everyType() throws {
        var rng = SeededRandom(state: 77)
        for trial in 0..<60 {
            let nx = rng.int(1...70), rows = rng.int(1...5)
            // Mostly zeros (long stretches skipped by the word test), labels in stretches.
            var values = [Double](repeating: 0, count: nx * rows)
            var i = 0
            while i < values.count {
                i += rng.int(0...40)
                let label = Double(rng.pick([1, 2, 3, 100])), length = rng.int(1...6)
                for x in i..<max(i, min(values.count, i + length)) { values[x] = label }
                i += length
            }
            let scaled = trial % 3 == 0
            // stored = (label − 2) / 0.5 with scl_slope 0.5, scl_inter 2: stored 0 is label 2, and label 0 needs stored −4.
            let stored = scaled ? values.map { $0 == 0 ? -4 : ($0 - 2) / 0.5 } : values
            let (slope, inter) = scaled ? (0.5, 2.0) : (1, 0)
            let want = Self.expected(stored, slope: slope, inter: inter)
            #expect(want == Self.expected(values, slope: 1, inter: 0))
            let cases: [(StoredScalar, [LabelRun])] = [
                (.int16, try Self.scan(stored.map { Int16($0) }, .int16, nx: nx, slope: slope, inter: inter)),
                (.int32, try Self.scan(stored.map { Int32($0) }, .int32, nx: nx, slope: slope, inter: inter)),
                (.int64, try Self.scan(stored.map { Int64($0) }, .int64, nx: nx, slope: slope, inter: inter)),
                (.float32, try Self.scan(stored.map { Float($0) }, .float32, nx: nx, slope: slope, inter: inter)),
                (.float64, try Self.scan(stored, .float64, nx: nx, slope: slope, inter: inter)),
            ] + (scaled ? [] : [
                (.uint8, try Self.scan(values.map { UInt8($0) }, .uint8, nx: nx)),
                (.int8, try Self.scan(values.map { Int8($0) }, .int8, nx: nx)),
                (.uint16, try Self.scan(values.map { UInt16($0) }, .uint16, nx: nx)),
                (.uint32, try Self.scan(values.map { UInt32($0) }, .uint32, nx: nx)),
                (.uint64, try Self.scan(values.map { UInt64($0) }, .uint64, nx: nx)),
            ])
            for (scalar, runs) in cases {
                #expect(Self.expand(runs, rowLength: nx) == want, "trial \(trial), \(scalar)")
                #expect(runs.allSatisfy { Int($0.start) >= 0 && $0.last < nx && $0.row < rows }, "trial \(trial), \(scalar)")
                // Adjacent runs of a row hold different labels (stretches of one label are one run).
                #expect(zip(runs, runs.dropFirst()).allSatisfy { $0.row != $1.row || $0.last + 1 < Int($1.start) || $0.label != $1.label })
            }
        }
    }

    @Test("A value that is no whole number in 1...2147483647 names the file and the first such voxel")
    func badValues() throws {
        let nx = 40
        for (values, index, shown): ([Float], Int, String) in [
            ([Float](repeating: 0, count: 33) + [2, 2, 2.5, 7] + [Float](repeating: 0, count: 43), 35, "2.5"),
            ([Float](repeating: 0, count: 50) + [-1, 3] + [Float](repeating: 0, count: 28), 50, "-1"),
            ([Float](repeating: 0, count: 79) + [.nan], 79, "nan"),
            ([Float](repeating: 0, count: 79) + [4e9], 79, "4e+09"),
        ] {
            let error = #expect(throws: LabelMapError.self) { try Self.scan(values, .float32, nx: nx) }
            #expect(error?.file == "m.nii")
            #expect(error?.message == "voxel \(index) holds \(shown): a label is a whole number in 1...2147483647 (0 = background)")
        }
        let short = #expect(throws: LabelMapError.self) {
            try [UInt8](repeating: 1, count: 10).withUnsafeBytes {
                try LabelScan.runs($0, scalar: .uint16, rowLength: 5, rows: 2, file: "m.nrrd")
            }
        }
        #expect(short?.message == "its data holds 10 bytes; its header needs 20")
    }
}
