/// The five running statistics of the moments pass (``measureMoments(in:mask:)``) and of the scalar
/// reference's moments loop (``DensityReference/moments(in:mask:)``).
///
/// For integer-HU planes `sum` and `sumOfSquares` are exact `Int64` sums converted once to `Double`.
public struct DensityMoments: Sendable, Equatable {
    /// Voxels measured (ROI voxels minus padding).
    public var count: Int
    /// ΣX (HU).
    public var sum: Double
    /// ΣX² (HU²).
    public var sumOfSquares: Double
    /// Smallest value (HU), nil when no voxel is measured.
    public var minimum: Double?
    /// Largest value (HU), nil when no voxel is measured.
    public var maximum: Double?
    /// ROI voxels that are padding (voxels).
    public var paddingVoxelsExcluded: Int

    public init(
        count: Int, sum: Double, sumOfSquares: Double, minimum: Double?, maximum: Double?,
        paddingVoxelsExcluded: Int
    ) {
        self.count = count
        self.sum = sum
        self.sumOfSquares = sumOfSquares
        self.minimum = minimum
        self.maximum = maximum
        self.paddingVoxelsExcluded = paddingVoxelsExcluded
    }
}
