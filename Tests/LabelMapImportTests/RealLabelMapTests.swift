import DICOMImport
import Foundation
import LabelMapImport
import LesionAnalysis
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// Real label maps of ../shared/data on their DICOM CT: each must give exactly the voxels of the
/// same ROI as DICOM (RTSTRUCT placed by us, checked against IBSI's own masks in LesionROITests;
/// dcmqi's SEG built from the same NRRD).
@Suite("Real NIfTI and NRRD label maps on their CT", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealLabelMapTests {
    struct Pair: Sendable, CustomStringConvertible {
        let labelMap: String, dicom: String, ct: String
        var description: String { labelMap }
    }

    static let pairs: [Pair] = [
        .init(labelMap: "ibsi/ct_phantom_pat1/nifti/mask/mask.nii.gz", dicom: "ibsi/ct_phantom_pat1/dicom/mask/DCM_RS_00060.dcm",
              ct: "ibsi/ct_phantom_pat1/dicom/image"),
        .init(labelMap: "ibsi/sts/STS_008/nifti/CT_mask.nii.gz", dicom: "ibsi/sts/STS_008/dicom/mask/RS.dcm", ct: "ibsi/sts/STS_008/dicom/image"),
        .init(labelMap: "ibsi/sts/STS_019/nifti/CT_mask.nii.gz", dicom: "ibsi/sts/STS_019/dicom/mask/RS.dcm", ct: "ibsi/sts/STS_019/dicom/image"),
        .init(labelMap: "seg/dcmqi_ct_3slice/liver_seg.nrrd", dicom: "seg/dcmqi_ct_3slice/liver.dcm", ct: "seg/dcmqi_ct_3slice/ct"),
    ]

    static func voxels(_ m: LesionMask) -> Set<[Int]> {
        var out: Set<[Int]> = []
        for k in m.box.planes { for r in m.box.rows { for c in m.box.columns where m.contains(plane: k, row: r, column: c) { out.insert([k, r, c]) } } }
        return out
    }

    @Test("The label map gives the same voxels as the DICOM ROI of the same lesion", arguments: pairs)
    func sameVoxels(_ pair: Pair) throws {
        let target = try DICOMImportAccess.index(SharedData.data(pair.ct))
        let placed = try LabelMapPlacement.place(file: SharedData.data(pair.labelMap), on: target, options: .init()).map { try $0.get() }
        #expect(placed.count == 1 && placed[0].mask.source.labelValue == 1)
        #expect(!placed[0].resampled)
        let dicomPath = SharedData.data(pair.dicom)
        let reference: LesionMask
        if pair.dicom.hasSuffix("liver.dcm") {
            reference = try SegmentationRasterizer.place(try SegmentationReader.read(path: dicomPath), on: target)[0].get().mask
        } else {
            reference = try ContourRasterizer.place(try StructureSetReader.read(path: dicomPath), on: target)[0].get().mask
        }
        #expect(placed[0].mask.voxelCount == reference.voxelCount)
        #expect(Self.voxels(placed[0].mask) == Self.voxels(reference))
    }
}
