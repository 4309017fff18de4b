import VolumeModel

/// What ``measureDensity(in:mask:options:)`` counts and excludes.
///
/// The defaults are Docs/Outputs.md's (and DESIGN.md's "Classification" list): a voxel is lytic when
/// HU < 100, intermediate when 100 ≤ HU ≤ 350, sclerotic when HU > 350, and also dense when
/// HU ≥ 1000 (dense voxels stay counted as sclerotic); metal is suspected from voxels > 3000 HU.
public struct DensityOptions: Sendable, Equatable {
    /// A voxel is lytic when its HU is strictly below this edge (HU). Default 100.
    public var lyticBelow: Double
    /// A voxel is sclerotic when its HU is strictly above this edge (HU). Default 350.
    /// Voxels with `lyticBelow ≤ HU ≤ scleroticAbove` are intermediate.
    public var scleroticAbove: Double
    /// A voxel is dense when its HU is at or above this edge (HU). Default 1000.
    public var denseFrom: Double
    /// Voxels strictly above this HU are counted in
    /// ``DensityStatistics/voxelsAboveMetalThreshold``. Default 3000.
    public var metalAbove: Double
    /// IBSI re-segmentation range (closed interval, HU), pyradiomics' `resegmentRange`, the CLI's
    /// `--hu-range LO,HI`: ROI voxels outside it are excluded from every statistic and counted in
    /// ``DensityStatistics/resegmentedVoxelsExcluded``. `nil` (the default) keeps every voxel.
    public var resegmentationRange: ClosedRange<Double>?

    /// - Precondition: `lyticBelow ≤ scleroticAbove`, so the three bands partition the HU axis.
    public init(
        lyticBelow: Double = 100, scleroticAbove: Double = 350, denseFrom: Double = 1000,
        metalAbove: Double = 3000, resegmentationRange: ClosedRange<Double>? = nil
    ) {
        precondition(lyticBelow <= scleroticAbove, "the lytic edge lies at or below the sclerotic edge")
        self.lyticBelow = lyticBelow
        self.scleroticAbove = scleroticAbove
        self.denseFrom = denseFrom
        self.metalAbove = metalAbove
        self.resegmentationRange = resegmentationRange
    }
}

/// Why a mask cannot be measured on a volume.
public enum DensityError: Error, Sendable, Equatable {
    /// A plane the mask's box touches has not been decoded into ``HUVolume/planes``.
    case planeNotDecoded(plane: Int)
    /// The mask's box reaches beyond the rows or columns of a plane.
    case boxOutsidePlane(plane: Int, planeRows: Int, planeColumns: Int)
    /// A plane's voxel or padding array does not hold `rows × columns` values.
    case malformedPlane(plane: Int)
}
