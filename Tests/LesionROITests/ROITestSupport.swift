import DICOMImport
import Foundation
import LesionROI
import VolumeModel

/// Loading CT stacks and summarizing masks for the ROI tests.
enum ROITestSupport {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The stack of series `seriesUID` (or the only series) under `folder`, as an ``ROITarget``.
    static func target(_ folder: String, seriesUID: String? = nil) throws -> ROITarget {
        let index = try Discovery.index(folder)
        guard let uid = seriesUID ?? index.seriesUIDs.first, let planes = index.seriesPlanes[uid] else {
            throw Missing(description: "no CT series \(seriesUID ?? "") under \(folder)")
        }
        let stack = try SeriesAssembly.assemble(planes, seriesInstanceUID: uid)[0]
        return ROITarget(geometry: stack.geometry, sopInstanceUIDs: stack.planes.map(\.sopInstanceUID),
                         seriesInstanceUID: uid, frameOfReferenceUID: stack.reference.frameOfReferenceUID)
    }

    /// Every voxel of `mask` as [plane, row, column].
    static func voxels(_ mask: LesionMask) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in mask.box.planes {
            for r in mask.box.rows {
                for c in mask.box.columns where mask.contains(plane: k, row: r, column: c) { out.insert([k, r, c]) }
            }
        }
        return out
    }

    /// Voxel count per plane of `mask`.
    static func perPlane(_ mask: LesionMask) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for v in voxels(mask) { out[v[0], default: 0] += 1 }
        return out
    }

    /// Volume (mm³) of `mask` per CONTRACT.md (row × column spacing × the plane's extent).
    static func volumeMM3(_ mask: LesionMask, _ g: StackGeometry) -> Double {
        perPlane(mask).reduce(0) { $0 + Double($1.value) * g.voxelVolumeMM3(plane: $1.key) }
    }

    /// The placements of `results`, failing on the first error.
    static func placements(_ results: [Result<ROIPlacement, ROIError>]) throws -> [ROIPlacement] {
        try results.map { try $0.get() }
    }
}
