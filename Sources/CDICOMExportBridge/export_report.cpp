// Enhanced SR, TID 1500 Imaging Measurement Report with TID 1411 groups, through DCMTK's cmr module.
#include "export_common.hpp"

#include "dcmtk/dcmsr/dsrdoc.h"
#include "dcmtk/dcmsr/codes/dcm.h"
#include "dcmtk/dcmsr/codes/sct.h"
#include "dcmtk/dcmsr/codes/ucum.h"
#include "dcmtk/dcmsr/cmr/init.h"
#include "dcmtk/dcmsr/cmr/tid1500.h"
#include "dcmtk/dcmsr/cmr/cid7181.h"
#include "dcmtk/dcmsr/cmr/cid7464.h"
#include "dcmtk/dcmsr/cmr/cid7469.h"
#include "dcmtk/dcmsr/cmr/cid7021.h"
#include "dcmtk/dcmsr/cmr/cid100.h"

#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct CDICOMExportBridge_report {
    explicit CDICOMExportBridge_report(const CDICOMExportBridge_object_info &info) : info(info) {}
    lde::KeptInfo info;
    TID1500_MeasurementReport tree{CMR_CID7021::ImagingMeasurementReport};
    DSRDocument document;
    bool hasGroup = false;
    struct Evidence { std::string study, series, sopClass, sopInstance; };
    std::vector<Evidence> evidence;
    struct Scheme { std::string designator, name, organization; };
    std::vector<Scheme> schemes;
};

namespace {

DSRCodedEntryValue coded(const CDICOMExportBridge_code *code, const char *what) {
    lde::CodeStrings text = lde::codeStrings(code, what);
    DSRCodedEntryValue value(text.value.c_str(), text.scheme.c_str(), text.meaning.c_str());
    if (!value.isValid()) throw lde::Failure{CDICOMExportBridge_INVALID, std::string(what) + " is not a valid code"};
    return value;
}

CMR_CID7464 derivationCode(CDICOMExportBridge_derivation derivation) {
    switch (derivation) {
    case CDICOMExportBridge_DERIVATION_MEAN: return CMR_CID7464::Mean;
    case CDICOMExportBridge_DERIVATION_MEDIAN: return CMR_CID7464::Median;
    case CDICOMExportBridge_DERIVATION_STANDARD_DEVIATION: return CMR_CID7464::StandardDeviation;
    case CDICOMExportBridge_DERIVATION_MINIMUM: return CMR_CID7464::Minimum;
    case CDICOMExportBridge_DERIVATION_MAXIMUM: return CMR_CID7464::Maximum;
    default: throw lde::Failure{CDICOMExportBridge_INVALID, "unknown derivation"};
    }
}


}  // namespace

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_create(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_code *procedure_reported,
    CDICOMExportBridge_report **out, char *message, size_t message_size) {
    *out = nullptr;
    return lde::guarded(message, message_size, [&] {
        lde::configureLogging();
        // The context groups' code maps are built lazily and not thread-safe: build them once.
        static std::once_flag once;
        std::call_once(once, [] { CMR_ContentMappingResource::initializeAllContextGroups(); });
        auto report = std::unique_ptr<CDICOMExportBridge_report>(new CDICOMExportBridge_report(*info));
        if (!report->tree.getImageLibrary().isValid())
            lde::check(report->tree.getImageLibrary().createNewImageLibrary(), "cannot create the image library");
        lde::check(report->tree.addProcedureReported(coded(procedure_reported, "procedure reported")),
                   "cannot set the procedure reported");
        lde::check(report->tree.setLanguage(CID5000_Languages(CID5000_Languages::English)), "cannot set the language");
        *out = report.release();
    });
}

extern "C" void CDICOMExportBridge_report_destroy(CDICOMExportBridge_report *report) { delete report; }

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_declare_coding_scheme(
    CDICOMExportBridge_report *report, const char *designator, const char *name,
    const char *responsible_organization, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        report->schemes.push_back({lde::required(designator, "coding scheme designator"),
                                   lde::required(name, "coding scheme name"),
                                   responsible_organization != nullptr ? responsible_organization : ""});
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_set_device_observer(
    CDICOMExportBridge_report *report, const char *device_uid, const char *device_name, char *message,
    size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        lde::check(report->tree.getObservationContext().addDeviceObserver(
                       lde::required(device_uid, "DeviceObserverUID").c_str(),
                       lde::required(device_name, "DeviceObserverName").c_str(), report->info.manufacturer.c_str(),
                       "lesion-density"),
                   "cannot set the device observer");
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_add_library_images(
    CDICOMExportBridge_report *report, const CDICOMExportBridge_series_ref *series, char *message,
    size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        TID1600_ImageLibrary &library = report->tree.getImageLibrary();
        lde::check(library.addImageGroup(), "cannot add an image group");
        std::string sopClass = lde::required(series->sop_class_uid, "SOPClassUID");
        std::string study = lde::required(series->study_instance_uid, "StudyInstanceUID");
        std::string seriesUID = lde::required(series->series_instance_uid, "SeriesInstanceUID");
        for (size_t index = 0; index < series->instance_count; ++index) {
            std::string instance = lde::required(series->sop_instance_uids[index], "SOPInstanceUID");
            DcmItem item;
            lde::check(item.putAndInsertString(DCM_SOPClassUID, sopClass.c_str()), "cannot set SOPClassUID");
            lde::check(item.putAndInsertString(DCM_SOPInstanceUID, instance.c_str()), "cannot set SOPInstanceUID");
            lde::check(item.putAndInsertString(DCM_Modality, "CT"), "cannot set Modality");
            OFCondition cond = library.addImageEntry(item, TID1600_ImageLibrary::withoutDescriptors);
            if (cond != CMR_EC_NoImageLibraryEntryDescriptorsToBeAdded) lde::check(cond, "cannot add a library entry");
            report->evidence.push_back({study, seriesUID, sopClass, instance});
        }
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_begin_group(
    CDICOMExportBridge_report *report, const char *tracking_identifier, const char *tracking_unique_identifier,
    const CDICOMExportBridge_code *finding, const CDICOMExportBridge_code *finding_site,
    const char *segment_sop_class_uid, const char *segment_sop_instance_uid, uint16_t segment_number,
    const char *source_series_uid, const char *time_point, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        lde::check(report->tree.addVolumetricROIMeasurements(report->hasGroup ? OFFalse : OFTrue),
                   "cannot add a measurement group");
        report->hasGroup = true;
        CMR_TID1411_in_TID1500 &group = report->tree.getVolumetricROIMeasurements();
        lde::check(group.setTrackingIdentifier(lde::required(tracking_identifier, "TrackingIdentifier").c_str()),
                   "cannot set TrackingIdentifier");
        lde::check(group.setTrackingUniqueIdentifier(
                       lde::required(tracking_unique_identifier, "TrackingUniqueIdentifier").c_str()),
                   "cannot set TrackingUniqueIdentifier");
        if (time_point != nullptr && *time_point != '\0')
            lde::check(group.setTimePoint(time_point), "cannot set the time point");
        lde::check(group.setFinding(coded(finding, "finding")), "cannot set the finding");
        DSRImageReferenceValue segment(lde::required(segment_sop_class_uid, "SEG SOPClassUID").c_str(),
                                       lde::required(segment_sop_instance_uid, "SEG SOPInstanceUID").c_str());
        if (segment_number == 0) throw lde::Failure{CDICOMExportBridge_INVALID, "SegmentNumber 0"};
        segment.getSegmentList().addItem(segment_number);
        lde::check(group.setReferencedSegment(segment), "cannot reference the segment");
        lde::check(group.setSourceSeriesForSegmentation(lde::required(source_series_uid, "source series").c_str()),
                   "cannot set the source series");
        lde::check(group.addFindingSite(coded(finding_site, "finding site")), "cannot set the finding site");
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_add_measurement(
    CDICOMExportBridge_report *report, CDICOMExportBridge_quantity quantity,
    CDICOMExportBridge_derivation derivation, double value, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        if (!report->hasGroup) throw lde::Failure{CDICOMExportBridge_INVALID, "no measurement group was begun"};
        CMR_TID1411_in_TID1500 &group = report->tree.getVolumetricROIMeasurements();
        std::string text = lde::decimalString(value, "a measurement value");
        if (quantity == CDICOMExportBridge_QUANTITY_ATTENUATION_HU) {
            CMR_TID1411_in_TID1500::MeasurementValue number(text.c_str(), CMR_CID7181::HounsfieldUnit);
            lde::check(group.addMeasurement(CMR_CID7469::AttenuationCoefficient, number, OFFalse),
                       "cannot add an HU measurement");
        } else if (quantity == CDICOMExportBridge_QUANTITY_VOLUME_CM3) {
            CMR_TID1411_in_TID1500::MeasurementValue number(text.c_str(), CMR_CID7181::CubicCentimeter);
            lde::check(group.addMeasurement(CMR_CID7469::Volume, number, OFFalse), "cannot add the volume");
        } else {
            throw lde::Failure{CDICOMExportBridge_INVALID, "unknown quantity"};
        }
        if (derivation != CDICOMExportBridge_DERIVATION_NONE)
            lde::check(group.getMeasurement().setDerivation(derivationCode(derivation)), "cannot set the derivation");
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_add_evaluation(
    CDICOMExportBridge_report *report, const CDICOMExportBridge_code *concept_name,
    const CDICOMExportBridge_code *value, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        if (!report->hasGroup) throw lde::Failure{CDICOMExportBridge_INVALID, "no measurement group was begun"};
        lde::check(report->tree.getVolumetricROIMeasurements().addQualitativeEvaluation(
                       coded(concept_name, "evaluation concept"), coded(value, "evaluation value")),
                   "cannot add a qualitative evaluation");
    });
}

extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_save(
    CDICOMExportBridge_report *report, const char *path, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        DcmFileFormat source;
        lde::loadSource(report->info.sourceFile.c_str(), source);
        DcmDataset *ct = source.getDataset();
        OFString studyUID;
        lde::check(ct->findAndGetOFString(DCM_StudyInstanceUID, studyUID), "the source CT has no StudyInstanceUID",
                   CDICOMExportBridge_UNREADABLE);
        DSRDocument &document = report->document;
        lde::check(document.setTreeFromRootTemplate(report->tree, OFTrue), "the measurement report is incomplete",
                   CDICOMExportBridge_WRITE_FAILED);
        if (document.getDocumentType() != DSRTypes::DT_EnhancedSR)
            throw lde::Failure{CDICOMExportBridge_WRITE_FAILED, "the measurement report is not an Enhanced SR"};
        lde::check(document.createNewSeriesInStudy(studyUID), "cannot place the report in the CT's study");
        for (const auto &scheme : report->schemes)
            lde::check(document.getCodingSchemeIdentification().addItem(scheme.designator.c_str(), "",
                                                                       scheme.name.c_str(),
                                                                       scheme.organization.c_str()),
                       "cannot declare coding scheme " + scheme.designator);
        for (const auto &item : report->evidence)
            lde::check(document.getCurrentRequestedProcedureEvidence().addItem(
                           item.study.c_str(), item.series.c_str(), item.sopClass.c_str(), item.sopInstance.c_str()),
                       "cannot list the evidence");
        lde::check(document.setManufacturer(report->info.manufacturer.c_str()), "cannot set Manufacturer");
        DcmFileFormat file;
        lde::check(document.write(*file.getDataset()), "DCMTK refused to write the report", CDICOMExportBridge_WRITE_FAILED);
        lde::applyObjectInfo(*ct, *file.getDataset(), report->info.view);
        lde::check(file.getDataset()->putAndInsertString(DCM_CompletionFlag, "COMPLETE"), "cannot set CompletionFlag");
        lde::check(file.getDataset()->putAndInsertString(DCM_VerificationFlag, "UNVERIFIED"),
                   "cannot set VerificationFlag");
        lde::saveAtomically(file, path);
    });
}

/// Adds a referenced object (e.g. a SEG we did not write) to CurrentRequestedProcedureEvidenceSequence.
extern "C" CDICOMExportBridge_status CDICOMExportBridge_report_add_evidence(
    CDICOMExportBridge_report *report, const char *study_uid, const char *series_uid,
    const char *sop_class_uid, const char *sop_instance_uid, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        report->evidence.push_back({lde::required(study_uid, "StudyInstanceUID"),
                                    lde::required(series_uid, "SeriesInstanceUID"),
                                    lde::required(sop_class_uid, "SOPClassUID"),
                                    lde::required(sop_instance_uid, "SOPInstanceUID")});
    });
}
