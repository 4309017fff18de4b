/// A label map (NIfTI-1/2 or NRRD) as plain values, read by LabelMapImport and put on a CT grid by
/// LesionROI: its voxel grid in DICOM patient coordinates (LPS, mm) and its non-zero voxels.
public struct LabelMapVolume: Sendable {
    /// The file, as the user gave it.
    public let file: String
    /// Voxels along the i, j, k axes (i fastest in storage).
    public let size: SIMD3<Int>
    /// Centre of voxel (0, 0, 0) (LPS, mm).
    public let origin: PatientPoint
    /// One voxel step along i, j and k (LPS, mm): the columns of the voxel-to-patient affine.
    public let axes: [PatientPoint]
    /// Linear indices (i + nx·(j + ny·k)) of the voxels whose label is not 0, increasing.
    public let indices: [Int]
    /// The label value of each voxel of ``indices`` (≥ 1).
    public let labels: [Int32]
    /// Names the file itself gives label values (a Slicer .seg.nrrd's Segment<N>_Name).
    public let names: [Int: String]

    public init(file: String, size: SIMD3<Int>, origin: PatientPoint, axes: [PatientPoint], indices: [Int], labels: [Int32],
                names: [Int: String] = [:]) {
        self.file = file
        self.size = size
        self.origin = origin
        self.axes = axes
        self.indices = indices
        self.labels = labels
        self.names = names
    }

    /// The patient position (LPS, mm) of the centre of voxel (i, j, k).
    @inlinable public func centre(_ i: Double, _ j: Double, _ k: Double) -> PatientPoint {
        origin + i * axes[0] + j * axes[1] + k * axes[2]
    }

    /// The (i, j, k) of linear index `index`.
    @inlinable public func voxel(_ index: Int) -> SIMD3<Int> {
        SIMD3(index % size.x, (index / size.x) % size.y, index / (size.x * size.y))
    }

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
