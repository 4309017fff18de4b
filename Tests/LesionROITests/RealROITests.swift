import DICOMImport
import Foundation
import LesionROI
import Testing
import VolumeModel
import _TestSupport

/// Every SEG and RTSTRUCT in ../shared/data and the ROI cases in ../shared/cases, against voxel
/// counts computed independently of the product.
///
/// Reference numbers: a pydicom 3 + numpy script outside the product. SEG: Pixel Data unpacked with
/// `numpy.unpackbits(..., bitorder="little")` over all frames (PS3.5 §8.1.1), each frame put on
/// the CT plane nearest its PlanePositionSequence along the normal (checked equal to the plane of
/// its ReferencedSOPInstanceUID), set bits counted per segment and plane; the totals equal the
/// NRRD label maps (liver_seg.nrrd 107 098; partial_overlaps-1/2/3.nrrd labels 1–5; label.nrrd
/// 322). RTSTRUCT: each CLOSED_PLANAR contour on the nearest CT plane, voxel centres tested by a
/// numpy ray-casting even–odd test, contours of one plane combined by XOR; the totals equal IBSI's
/// own NIfTI masks exactly (PAT1 mask.nii.gz 125 256; STS_008 8 862; STS_019 5 564), on the same
/// planes.
@Suite("Real SEG and RTSTRUCT on their CT", .enabled(if: SharedData.isAvailable, "../shared/data is absent"))
struct RealROITests {
    struct Expectation: Sendable, CustomStringConvertible {
        let object: String
        let ctFolder: String
        /// Per segment/ROI number: plane → voxel count.
        let counts: [Int: [Int: Int]]
        var description: String { object }
    }

    static let segs: [Expectation] = [
        .init(object: "seg/dcmqi_ct_3slice/liver.dcm", ctFolder: "seg/dcmqi_ct_3slice/ct",
              counts: [1: [0: 36233, 1: 35645, 2: 35220]]),
        .init(object: "seg/dcmqi_ct_3slice/partial_overlaps.dcm", ctFolder: "seg/dcmqi_ct_3slice/ct",
              counts: [1: [1: 9602], 2: [1: 11888], 3: [0: 117, 1: 117, 2: 10509], 4: [0: 6693], 5: [0: 4713]]),
        // 23 columns × 38 rows: 874 bits per frame, frames 2 and 3 start inside a byte.
        .init(object: "seg/dcmqi_23x38x3/seg/label.seg", ctFolder: "seg/dcmqi_23x38x3/image",
              counts: [1: [0: 4, 1: 314, 2: 4]]),
        .init(object: "seg/highdicom_small_ct/seg_image_ct_binary.dcm", ctFolder: "seg/highdicom_small_ct",
              counts: [1: [1: 127, 2: 256, 3: 255]]),
        .init(object: "seg/highdicom_small_ct/seg_image_ct_binary_single_frame.dcm", ctFolder: "seg/highdicom_small_ct",
              counts: [1: [0: 1832]]),
    ]

    static let structureSets: [Expectation] = [
        .init(object: "ibsi/ct_phantom_pat1/dicom/mask/DCM_RS_00060.dcm", ctFolder: "ibsi/ct_phantom_pat1/dicom/image",
              counts: [1: [-1: 125_256, 17: -1, 42: -1]]),
        .init(object: "ibsi/sts/STS_008/dicom/mask/RS.dcm", ctFolder: "ibsi/sts/STS_008/dicom/image",
              counts: [1: [-1: 8862, 16: -1, 34: -1]]),
        .init(object: "ibsi/sts/STS_019/dicom/mask/RS.dcm", ctFolder: "ibsi/sts/STS_019/dicom/image",
              counts: [1: [-1: 5564, 16: -1, 30: -1]]),
    ]

    @Test("SEG segments land on the referenced planes with the reference counts", arguments: segs)
    func segmentation(_ e: Expectation) throws {
        let seg = try SegmentationReader.read(path: SharedData.data(e.object))
        let target = try ROITestSupport.target(SharedData.data(e.ctFolder), seriesUID: seg.referencedSeriesUIDs.first)
        let placements = try ROITestSupport.placements(try SegmentationRasterizer.place(seg, on: target))
        #expect(placements.count == e.counts.count)
        for p in placements {
            let number = try #require(p.mask.source.segmentNumber)
            #expect(ROITestSupport.perPlane(p.mask) == e.counts[number], "segment \(number)")
            #expect(!p.resampled)
            #expect(!p.mask.extendsOutsideVolume)
            #expect(p.mask.source.kind == .seg)
        }
    }

    /// RTSTRUCT ROIs: the total (key -1) and the first and last plane (value -1) of the reference.
    @Test("RTSTRUCT ROIs placed by z equal IBSI's masks", arguments: structureSets)
    func structureSet(_ e: Expectation) throws {
        let rs = try StructureSetReader.read(path: SharedData.data(e.object))
        let target = try ROITestSupport.target(SharedData.data(e.ctFolder))
        let placements = try ROITestSupport.placements(try ContourRasterizer.place(rs, on: target))
        let p = try #require(placements.first)
        let expected = try #require(e.counts[1])
        let planes = expected.keys.filter { $0 >= 0 }.sorted()
        #expect(p.mask.voxelCount == expected[-1])
        #expect(p.mask.planes == planes[0]..<(planes[1] + 1))
        #expect(ROITestSupport.perPlane(p.mask).count == planes[1] - planes[0] + 1)
        #expect(p.mask.source == ROISource(kind: .rtstruct, file: SharedData.data(e.object), roiNumber: p.mask.source.roiNumber))
        #expect(!p.mask.extendsOutsideVolume)
    }

    @Test("STS RTSTRUCT: referenced SOP instances absent from the cropped series, placed by z all the same")
    func stsReferencesMissingInstances() throws {
        let rs = try StructureSetReader.read(path: SharedData.data("ibsi/sts/STS_008/dicom/mask/RS.dcm"))
        let target = try ROITestSupport.target(SharedData.data("ibsi/sts/STS_008/dicom/image"))
        let referenced = Set(rs.rois.flatMap { $0.contours.flatMap(\.referencedSOPInstanceUIDs) })
        #expect(!referenced.isEmpty)
        #expect(referenced.isDisjoint(with: target.sopInstanceUIDs))
        #expect(rs.referencedSeriesUIDs.contains(target.seriesInstanceUID ?? ""))
    }
}

/// ../shared/cases with a SEG or RTSTRUCT: counts and volumes of expected.json.
@Suite("ROI cases", .enabled(if: SharedData.casesAvailable, "../shared/cases is absent"))
struct ROICaseTests {
    @Test("18: SEG with shuffled and omitted frames, two segments")
    func shuffledOmittedFrames() throws {
        let folder = SharedData.cases("18-seg-shuffled-omitted-frames")
        let seg = try SegmentationReader.read(path: folder + "/seg.dcm")
        let target = try ROITestSupport.target(folder + "/ct")
        let placements = try ROITestSupport.placements(try SegmentationRasterizer.place(seg, on: target))
        #expect(placements.map(\.mask.label) == ["L1", "L2"])
        #expect(placements.map(\.mask.voxelCount) == [39, 24])
        #expect(placements.map { ROITestSupport.volumeMM3($0.mask, target.geometry) } == [78, 48])
        #expect(ROITestSupport.perPlane(placements[0].mask) == [1: 9, 2: 21, 3: 9])
        #expect(ROITestSupport.perPlane(placements[1].mask) == [4: 24])
    }

    @Test("19: RTSTRUCT with a hole: a ring, not a filled square")
    func rtstructHole() throws {
        let folder = SharedData.cases("19-rtstruct-hole")
        let rs = try StructureSetReader.read(path: folder + "/rtstruct.dcm")
        let target = try ROITestSupport.target(folder + "/ct")
        let placements = try ROITestSupport.placements(try ContourRasterizer.place(rs, on: target))
        let l1 = try #require(placements.first { $0.mask.label == "L1" })
        #expect(l1.mask.voxelCount == 252)
        #expect(ROITestSupport.volumeMM3(l1.mask, target.geometry) == 504)
        #expect(ROITestSupport.perPlane(l1.mask) == [1: 84, 2: 84, 3: 84])
    }
}
