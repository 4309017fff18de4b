import Foundation
import VolumeModel

/// The scalar types a label map may store (NIfTI-1 datatype codes, NRRD types), as the voxel
/// bytes the bridges hand over are read.
enum StoredScalar: Sendable {
    case int8, uint8, int16, uint16, int32, uint32, int64, uint64, float32, float64

    /// A scalar integer or real type of `bytes` bytes; nil for any other.
    init?(bytes: Int, signed: Bool, integral: Bool) {
        switch (bytes, signed, integral) {
        case (1, true, true): self = .int8
        case (1, false, true): self = .uint8
        case (2, true, true): self = .int16
        case (2, false, true): self = .uint16
        case (4, true, true): self = .int32
        case (4, false, true): self = .uint32
        case (8, true, true): self = .int64
        case (8, false, true): self = .uint64
        case (4, true, false): self = .float32
        case (8, true, false): self = .float64
        default: return nil
        }
    }

    /// Bytes per voxel.
    var bytes: Int {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }
}

/// The one label scan of every label map (NIfTI and NRRD): the voxel values become runs of equal
/// label along i (``LabelRun``), each value checked where it enters.
enum LabelScan {
    /// The runs of the voxels whose value `slope · stored + inter` is not 0 (storage order: i
    /// fastest, rows of `rowLength` voxels).
    /// - Parameter voxels: `rows × rowLength` values of `scalar` (checked here against its length).
    /// - Throws: ``LabelMapError`` naming `file` and the first voxel (linear index) whose value is
    ///   not a whole number in 1...2³¹ − 1, or a data length that does not match the header.
    static func runs(_ voxels: UnsafeRawBufferPointer, scalar: StoredScalar, rowLength: Int, rows: Int, slope: Double = 1,
                     inter: Double = 0, file: String) throws -> [LabelRun] {
        guard rowLength > 0, rows > 0, voxels.count / scalar.bytes / rowLength >= rows, let base = voxels.baseAddress else {
            throw LabelMapError(file: file, "its data holds \(voxels.count) bytes; its header needs \(rows * rowLength * scalar.bytes)")
        }
        func scan<T: StoredLabel>(_: T.Type) throws -> [LabelRun] {
            try runs(base.assumingMemoryBound(to: T.self), rowLength: rowLength, rows: rows, slope: slope, inter: inter, file: file)
        }
        switch scalar {
        case .int8: return try scan(Int8.self)
        case .uint8: return try scan(UInt8.self)
        case .int16: return try scan(Int16.self)
        case .uint16: return try scan(UInt16.self)
        case .int32: return try scan(Int32.self)
        case .uint32: return try scan(UInt32.self)
        case .int64: return try scan(Int64.self)
        case .uint64: return try scan(UInt64.self)
        case .float32: return try scan(Float.self)
        case .float64: return try scan(Double.self)
        }
    }

    /// One row at a time: zero voxels are skipped 32 bytes at a time (all bits zero), then each
    /// stretch of equal stored values is converted and checked once.
    static func runs<T: StoredLabel>(_ v: UnsafePointer<T>, rowLength nx: Int, rows: Int, slope: Double, inter: Double,
                                     file: String) throws -> [LabelRun] {
        let identity = slope == 1 && inter == 0, skipZero = inter == 0
        let perWord = 32 / MemoryLayout<T>.stride
        let raw = UnsafeRawPointer(v)
        var runs: [LabelRun] = []
        for row in 0..<rows {
            let first = row * nx
            var i = 0
            while i < nx {
                if skipZero {
                    while i + perWord <= nx {
                        let p = raw + (first + i) * MemoryLayout<T>.stride
                        let word = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                            | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                        guard word == 0 else { break }
                        i += perWord
                    }
                    while i < nx && v[first + i] == .zero { i += 1 }
                    guard i < nx else { break }
                }
                let stored = v[first + i]
                var end = i + 1
                while end < nx && v[first + end] == stored { end += 1 }
                let x = identity ? stored.value : slope * stored.value + inter
                if x != 0 {
                    guard x >= 1, x <= 2147483647, x == x.rounded(.down) else {
                        throw LabelMapError(file: file, String(format: "voxel %ld holds %g: a label is a whole number in 1...2147483647 (0 = background)",
                                                               first + i, x))
                    }
                    let label = Int32(x)
                    if let last = runs.last, last.row == row, last.last == i - 1, last.label == label {
                        runs[runs.count - 1] = LabelRun(row: row, start: Int(last.start), count: end - Int(last.start), label: label)
                    } else {
                        runs.append(LabelRun(row: row, start: i, count: end - i, label: label))
                    }
                }
                i = end
            }
        }
        return runs
    }
}

/// A stored voxel type: compared with zero as stored, converted to a label value as a Double.
protocol StoredLabel: Equatable, AdditiveArithmetic {
    var value: Double { get }
}
extension Int8: StoredLabel { var value: Double { Double(self) } }
extension UInt8: StoredLabel { var value: Double { Double(self) } }
extension Int16: StoredLabel { var value: Double { Double(self) } }
extension UInt16: StoredLabel { var value: Double { Double(self) } }
extension Int32: StoredLabel { var value: Double { Double(self) } }
extension UInt32: StoredLabel { var value: Double { Double(self) } }
extension Int64: StoredLabel { var value: Double { Double(self) } }
extension UInt64: StoredLabel { var value: Double { Double(self) } }
extension Float: StoredLabel { var value: Double { Double(self) } }
extension Double: StoredLabel { var value: Double { self } }
