/// A label map (NIfTI-1/2 or NRRD) as plain values, read by LabelMapImport and put on a CT grid by
/// LesionROI: its voxel grid in DICOM patient coordinates (LPS, mm) and its labelled voxels as runs
/// along i (memory: one run per stretch of equal label along a row, never one entry per voxel).
public struct LabelMapVolume: Sendable {
    /// The file, as the user gave it.
    public let file: String
    /// Voxels along the i, j, k axes (i fastest in storage).
    public let size: SIMD3<Int>
    /// Centre of voxel (0, 0, 0) (LPS, mm).
    public let origin: PatientPoint
    /// One voxel step along i, j and k (LPS, mm): the columns of the voxel-to-patient affine.
    public let axes: [PatientPoint]
    /// The labelled voxels: runs of one non-zero label along i, in storage order (by ``LabelRun/row``,
    /// then ``LabelRun/start``), never overlapping; adjacent runs of a row hold different labels.
    public let runs: [LabelRun]
    /// Names the file itself gives label values (a Slicer .seg.nrrd's Segment<N>_Name).
    public let names: [Int: String]

    public init(file: String, size: SIMD3<Int>, origin: PatientPoint, axes: [PatientPoint], runs: [LabelRun],
                names: [Int: String] = [:]) {
        self.file = file
        self.size = size
        self.origin = origin
        self.axes = axes
        self.runs = runs
        self.names = names
    }

    /// The patient position (LPS, mm) of the centre of voxel (i, j, k).
    @inlinable public func centre(_ i: Double, _ j: Double, _ k: Double) -> PatientPoint {
        origin + i * axes[0] + j * axes[1] + k * axes[2]
    }

    /// The label values present, increasing.
    public var labelValues: [Int32] { Set(runs.map(\.label)).sorted() }

    /// The smallest and largest coordinates (LPS, mm) of the voxel centres of the whole grid.
    public var extent: (PatientPoint, PatientPoint) {
        var lo = PatientPoint(repeating: .infinity), hi = PatientPoint(repeating: -.infinity)
        for a in [0, size.x - 1] { for b in [0, size.y - 1] { for c in [0, size.z - 1] {
            let p = centre(Double(a), Double(b), Double(c))
            lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p)
        } } }
        return (lo, hi)
    }
}

/// Voxels `start ..< start + count` along i of label-map row `row` (= j + ny · k), all of label `label`.
public struct LabelRun: Sendable, Equatable {
    /// j + ny · k.
    public let row: Int
    /// The first i.
    public let start: Int32
    /// Voxels in the run (≥ 1).
    public let count: Int32
    /// The label value (≥ 1).
    public let label: Int32

    public init(row: Int, start: Int, count: Int, label: Int32) {
        self.row = row
        self.start = Int32(start)
        self.count = Int32(count)
        self.label = label
    }

    /// The last i of the run.
    @inlinable public var last: Int { Int(start) + Int(count) - 1 }
}
