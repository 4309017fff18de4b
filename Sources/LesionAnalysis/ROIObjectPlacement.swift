import DICOMImport
import LesionROI
import VolumeModel

/// Reading a SEG or RTSTRUCT file (DICOMImport) and putting its ROIs on a CT stack (LesionROI).
public enum ROIObjectPlacement {
    /// The CT stack as LesionROI sees it: geometry, plane SOPInstanceUIDs, series and frame of reference.
    public static func target(_ stack: ImageStack) -> ROITarget {
        ROITarget(geometry: stack.geometry, sopInstanceUIDs: stack.planes.map(\.sopInstanceUID),
                  seriesInstanceUID: stack.seriesInstanceUID, frameOfReferenceUID: stack.reference.frameOfReferenceUID)
    }

    /// Reads the SEG or RTSTRUCT at `file` and places each segment / ROI on `stack`.
    /// - Parameter fractionalThreshold: FRACTIONAL SEG pixels are kept at ≥ this fraction of
    ///   MaximumFractionalValue (DESIGN.md: 0.5 unless asked otherwise).
    /// - Returns: one result per segment or ROI (see ``SegmentationRasterizer`` and ``ContourRasterizer``).
    /// - Throws: ``ROIError`` naming the file: `.invalidFile` when it cannot be read or is
    ///   malformed (DCMTK's or the reader's reason), `.foreignReference` when it belongs to
    ///   another frame of reference or series.
    public static func place(
        file: String, kind: ROIObjectHeader.Kind, on stack: ImageStack, fractionalThreshold: Double = 0.5
    ) throws -> [Result<ROIPlacement, ROIError>] {
        do {
            switch kind {
            case .seg:
                let seg = try SegmentationReader.read(path: file)
                return try SegmentationRasterizer.place(seg, on: target(stack), fractionalThreshold: fractionalThreshold)
            case .rtstruct:
                let structureSet = try StructureSetReader.read(path: file)
                return try ContourRasterizer.place(structureSet, on: target(stack))
            }
        } catch let error as DICOMError {
            throw ROIError(.invalidFile, file: file, error.message)
        }
    }

    /// The volume of `mask` in mL (Docs/Outputs.md: each voxel's row × column spacing × the extent of
    /// its plane along the normal).
    public static func volumeML(_ mask: LesionMask, geometry: StackGeometry, singlePlaneExtent: Double = 1) -> Double {
        var mm3 = 0.0
        let perPlane = mask.box.rows.count * mask.box.columns.count
        for (i, k) in mask.box.planes.enumerated() {
            let count = mask.inside[(i * perPlane)..<((i + 1) * perPlane)].reduce(0) { $0 + Int($1) }
            mm3 += Double(count) * geometry.voxelVolumeMM3(plane: k, fallback: singlePlaneExtent)
        }
        return mm3 / 1000
    }
}
