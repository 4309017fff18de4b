/// The Hounsfield-unit voxels of one image plane, row-major (`rows × columns`, row 0 first).
///
/// HU = stored value × RescaleSlope + RescaleIntercept (PS3.3 C.11.1.1.2, Modality LUT), applied
/// per plane. When slope and intercept are integers and every HU value fits `Int16` (nearly every
/// CT), the plane holds `Int16`: exact, and half the memory traffic of `Float32`. Otherwise it holds
/// `Double`, which represents `stored × slope + intercept` correctly rounded; HU are never truncated.
public struct HUPlane: Sendable {
    /// The voxel values in HU.
    public enum Storage: Sendable {
        /// Integer HU (integer RescaleSlope and RescaleIntercept).
        case int16([Int16])
        /// Non-integer HU (a fractional RescaleSlope or RescaleIntercept), or values beyond `Int16`.
        case float64([Double])
    }

    public let rows: Int
    public let columns: Int
    public let storage: Storage
    /// One byte per voxel, 1 where the stored value is PixelPaddingValue (or within
    /// PixelPaddingRangeLimit): not tissue, excluded from statistics and counted. `nil` when the
    /// plane has no padding voxel.
    public let padding: [UInt8]?

    public init(rows: Int, columns: Int, storage: Storage, padding: [UInt8]?) {
        self.rows = rows
        self.columns = columns
        self.storage = storage
        self.padding = padding
    }

    /// HU of voxel `(row, column)` (padding voxels return their converted stored value).
    @inlinable
    public func hu(row: Int, column: Int) -> Double {
        let i = row * columns + column
        switch storage {
        case .int16(let v): return Double(v[i])
        case .float64(let v): return v[i]
        }
    }

    /// Whether voxel `(row, column)` is padding.
    @inlinable
    public func isPadding(row: Int, column: Int) -> Bool {
        guard let padding else { return false }
        return padding[row * columns + column] != 0
    }

    /// Number of padding voxels in the plane.
    public var paddingCount: Int { padding?.reduce(0) { $0 + Int($1) } ?? 0 }
}

/// A stack's geometry with the HU planes decoded so far (planes are decoded lazily: only those an
/// ROI touches need to be present).
public struct HUVolume: Sendable {
    public let geometry: StackGeometry
    /// Decoded planes by plane index (0 ..< geometry.planeCount).
    public var planes: [Int: HUPlane]
    /// SliceThickness (mm) or another extent used for the volume of a single-plane stack.
    public var singlePlaneExtent: Double

    public init(geometry: StackGeometry, planes: [Int: HUPlane], singlePlaneExtent: Double = 1) {
        self.geometry = geometry
        self.planes = planes
        self.singlePlaneExtent = singlePlaneExtent
    }

    /// Volume in mm³ of one voxel of plane `k` (Docs/Outputs.md's volume rule).
    public func voxelVolumeMM3(plane k: Int) -> Double {
        geometry.voxelVolumeMM3(plane: k, fallback: singlePlaneExtent)
    }
}
