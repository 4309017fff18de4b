// Binary DICOM Segmentation on a CT grid, through DCMTK's dcmseg.
#include "export_common.hpp"

#include "dcmtk/dcmseg/segdoc.h"
#include "dcmtk/dcmseg/segment.h"
#include "dcmtk/dcmfg/fgderimg.h"
#include "dcmtk/dcmfg/fgfracon.h"
#include "dcmtk/dcmfg/fgpixmsr.h"
#include "dcmtk/dcmfg/fgplanor.h"
#include "dcmtk/dcmfg/fgplanpo.h"
#include "dcmtk/dcmiod/iodmacro.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

struct CDICOMExportBridge_segmentation {
    explicit CDICOMExportBridge_segmentation(const CDICOMExportBridge_object_info &info) : info(info) {}
    ~CDICOMExportBridge_segmentation() { delete document; }
    lde::KeptInfo info;
    DcmSegmentation *document = nullptr;
    uint16_t rows = 0, columns = 0;
    Uint16 segments = 0;
    std::vector<uint8_t> frame;
};

namespace {

CodeSequenceMacro codeMacro(const CDICOMExportBridge_code *code, const char *what) {
    lde::CodeStrings text = lde::codeStrings(code, what);
    return CodeSequenceMacro(text.value.c_str(), text.scheme.c_str(), text.meaning.c_str());
}

}  // namespace

extern "C" CDICOMExportBridge_status CDICOMExportBridge_segmentation_create(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_grid *grid,
    CDICOMExportBridge_segmentation **out, char *message, size_t message_size) {
    *out = nullptr;
    return lde::guarded(message, message_size, [&] {
        lde::configureLogging();
        if (grid->rows == 0 || grid->columns == 0) throw lde::Failure{CDICOMExportBridge_INVALID, "the CT grid is empty"};
        auto seg = std::unique_ptr<CDICOMExportBridge_segmentation>(new CDICOMExportBridge_segmentation(*info));
        seg->rows = grid->rows;
        seg->columns = grid->columns;
        seg->frame.resize(static_cast<size_t>(grid->rows) * grid->columns);
        IODGeneralEquipmentModule::EquipmentInfo equipment(seg->info.manufacturer.c_str(), "lesion-density",
                                                           seg->info.version.c_str(), seg->info.version.c_str());
        ContentIdentificationMacro content("1", "LESIONS", "Lesion ROIs measured by LesionDensity", "");
        lde::check(DcmSegmentation::createBinarySegmentation(seg->document, grid->rows, grid->columns, equipment,
                                                             content),
                   "cannot create the segmentation");
        FGPixelMeasures measures;
        lde::check(measures.setPixelSpacing((lde::decimalString(grid->pixel_spacing[0], "PixelSpacing") + "\\" +
                                             lde::decimalString(grid->pixel_spacing[1], "PixelSpacing")).c_str()),
                   "cannot set PixelSpacing");
        if (grid->slice_thickness_mm > 0)
            lde::check(measures.setSliceThickness(lde::decimalString(grid->slice_thickness_mm, "SliceThickness").c_str()),
                       "cannot set SliceThickness");
        lde::check(seg->document->addForAllFrames(measures), "cannot share PixelMeasures");
        const double *o = grid->image_orientation_patient;
        std::unique_ptr<FGPlaneOrientationPatient> orientation(FGPlaneOrientationPatient::createMinimal(
            lde::decimalString(o[0], "ImageOrientationPatient").c_str(), lde::decimalString(o[1], "ImageOrientationPatient").c_str(),
            lde::decimalString(o[2], "ImageOrientationPatient").c_str(), lde::decimalString(o[3], "ImageOrientationPatient").c_str(),
            lde::decimalString(o[4], "ImageOrientationPatient").c_str(), lde::decimalString(o[5], "ImageOrientationPatient").c_str()));
        if (!orientation) throw lde::Failure{CDICOMExportBridge_INVALID, "invalid ImageOrientationPatient"};
        lde::check(seg->document->addForAllFrames(*orientation), "cannot share PlaneOrientation");
        char dimensionUID[100];
        dcmGenerateUniqueIdentifier(dimensionUID, "2.25");
        // Dimensions: the segment, then the plane position along the stack.
        IODMultiframeDimensionModule &dimensions = seg->document->getDimensions();
        lde::check(dimensions.addDimensionIndex(DCM_ReferencedSegmentNumber, dimensionUID,
                                                DCM_SegmentIdentificationSequence, "ReferencedSegmentNumber"),
                   "cannot add the segment dimension");
        lde::check(dimensions.addDimensionIndex(DCM_ImagePositionPatient, dimensionUID, DCM_PlanePositionSequence,
                                                "ImagePositionPatient"),
                   "cannot add the position dimension");
        *out = seg.release();
    });
}

extern "C" void CDICOMExportBridge_segmentation_destroy(CDICOMExportBridge_segmentation *segmentation) { delete segmentation; }

extern "C" CDICOMExportBridge_status CDICOMExportBridge_segmentation_add_segment(
    CDICOMExportBridge_segmentation *segmentation, const char *label, const CDICOMExportBridge_code *category,
    const CDICOMExportBridge_code *type, const CDICOMExportBridge_code *anatomic_region,
    const char *algorithm_name, const char *tracking_identifier, const char *tracking_unique_identifier,
    uint16_t *segment_number, char *message, size_t message_size) {
    *segment_number = 0;
    return lde::guarded(message, message_size, [&] {
        DcmSegment *segment = nullptr;
        lde::check(DcmSegment::create(segment, lde::required(label, "SegmentLabel").c_str(),
                                      codeMacro(category, "SegmentedPropertyCategory"),
                                      codeMacro(type, "SegmentedPropertyType"), DcmSegTypes::SAT_SEMIAUTOMATIC,
                                      lde::required(algorithm_name, "SegmentAlgorithmName").c_str()),
                   "cannot create segment " + std::string(label));
        std::unique_ptr<DcmSegment> owned(segment);
        lde::CodeStrings region = lde::codeStrings(anatomic_region, "AnatomicRegion");
        lde::check(segment->getGeneralAnatomyCode().getAnatomicRegion().set(region.value.c_str(), region.scheme.c_str(),
                                                                            region.meaning.c_str()),
                   "cannot set AnatomicRegion");
        lde::check(segment->setTrackingID(lde::required(tracking_identifier, "TrackingID").c_str()),
                   "cannot set TrackingID");
        lde::check(segment->setTrackingUID(lde::required(tracking_unique_identifier, "TrackingUID").c_str()),
                   "cannot set TrackingUID");
        Uint16 number = 0;
        lde::check(segmentation->document->addSegment(segment, number), "cannot add segment " + std::string(label));
        owned.release();  // the segmentation owns it now
        segmentation->segments = number;
        *segment_number = number;
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_segmentation_add_frame(
    CDICOMExportBridge_segmentation *segmentation, uint16_t segment_number, const uint8_t *mask,
    size_t mask_count, const double position[3], const char *source_sop_class_uid,
    const char *source_sop_instance_uid, int32_t source_frame_number, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        if (segment_number == 0 || segment_number > segmentation->segments)
            throw lde::Failure{CDICOMExportBridge_INVALID, "no segment " + std::to_string(segment_number)};
        if (mask_count != segmentation->frame.size())
            throw lde::Failure{CDICOMExportBridge_INVALID, "a frame holds Rows × Columns bytes"};
        for (size_t index = 0; index < mask_count; ++index) segmentation->frame[index] = mask[index] != 0 ? 1 : 0;
        std::unique_ptr<FGPlanePosPatient> plane(FGPlanePosPatient::createMinimal(
            lde::decimalString(position[0], "ImagePositionPatient").c_str(), lde::decimalString(position[1], "ImagePositionPatient").c_str(),
            lde::decimalString(position[2], "ImagePositionPatient").c_str()));
        if (!plane) throw lde::Failure{CDICOMExportBridge_INVALID, "invalid ImagePositionPatient"};
        FGFrameContent content;
        lde::check(content.setDimensionIndexValues(segment_number, 0), "cannot set DimensionIndexValues");
        Uint32 frameIndex = static_cast<Uint32>(segmentation->document->getNumberOfFrames() + 1);
        lde::check(content.setDimensionIndexValues(frameIndex, 1), "cannot set DimensionIndexValues");
        OFVector<Uint16> frames;
        if (source_frame_number > 0) frames.push_back(static_cast<Uint16>(source_frame_number));
        ImageSOPInstanceReferenceMacro *reference = nullptr;
        lde::check(ImageSOPInstanceReferenceMacro::create(
                       lde::required(source_sop_class_uid, "source SOPClassUID").c_str(),
                       lde::required(source_sop_instance_uid, "source SOPInstanceUID").c_str(), frames, reference),
                   "cannot reference the CT instance");
        std::unique_ptr<ImageSOPInstanceReferenceMacro> ownedReference(reference);
        OFVector<ImageSOPInstanceReferenceMacro> references;
        references.push_back(*reference);
        std::unique_ptr<FGDerivationImage> derivation(
            DcmSegmentation::createDerivationImageFG(references, "Rasterized from the lesion ROI"));
        if (!derivation) throw lde::Failure{CDICOMExportBridge_INVALID, "cannot create DerivationImage"};
        OFVector<FGBase *> perFrame;
        perFrame.push_back(plane.get());
        perFrame.push_back(&content);
        perFrame.push_back(derivation.get());
        lde::check(segmentation->document->addFrame(segmentation->frame.data(), segment_number, perFrame),
                   "cannot add a frame");
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_segmentation_save(
    CDICOMExportBridge_segmentation *segmentation, const CDICOMExportBridge_series_ref *source,
    const char *path, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        if (segmentation->document->getNumberOfFrames() == 0)
            throw lde::Failure{CDICOMExportBridge_INVALID, "the segmentation has no frame"};
        DcmFileFormat ctFile;
        lde::loadSource(segmentation->info.sourceFile.c_str(), ctFile);
        DcmDataset *ct = ctFile.getDataset();
        OFString studyUID, frameOfReference, positionReference;
        lde::check(ct->findAndGetOFString(DCM_StudyInstanceUID, studyUID), "the source CT has no StudyInstanceUID",
                   CDICOMExportBridge_UNREADABLE);
        lde::check(ct->findAndGetOFString(DCM_FrameOfReferenceUID, frameOfReference),
                   "the source CT has no FrameOfReferenceUID", CDICOMExportBridge_UNREADABLE);
        ct->findAndGetOFString(DCM_PositionReferenceIndicator, positionReference);
        // Patient, study, frame of reference (and equipment, overwritten below) from the CT.
        lde::check(segmentation->document->importFromSourceImage(*ct, OFTrue), "cannot import the CT's patient and study");
        lde::check(segmentation->document->getFrameOfReference().setFrameOfReferenceUID(frameOfReference),
                   "cannot set FrameOfReferenceUID");
        IODSegmentationSeriesModule &series = segmentation->document->getSegmentationSeriesModule();
        lde::check(series.setSeriesNumber(std::to_string(segmentation->info.view.series_number).c_str()),
                   "cannot set SeriesNumber");
        DcmFileFormat file;
        lde::check(segmentation->document->writeDataset(*file.getDataset()), "DCMTK refused to write the SEG",
                   CDICOMExportBridge_WRITE_FAILED);
        DcmDataset &dataset = *file.getDataset();
        lde::applyObjectInfo(*ct, dataset, segmentation->info.view);
        lde::check(dataset.putAndInsertOFStringArray(DCM_PositionReferenceIndicator, positionReference),
                   "cannot set PositionReferenceIndicator");
        lde::addInstanceReference(dataset, studyUID.c_str(), *source);
        lde::saveAtomically(file, path);
    });
}
