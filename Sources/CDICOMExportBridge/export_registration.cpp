// Spatial Registration (PS3.3 A.39, C.20.2): a rigid MatrixRegistrationSequence, through dcmdata.
#include "export_common.hpp"

#include <cmath>

namespace {

void put(DcmItem &item, const DcmTagKey &tag, const std::string &value, const char *what) {
    lde::check(item.putAndInsertOFStringArray(tag, value.c_str()), std::string("cannot set ") + what);
}

void putCode(DcmItem &item, const DcmTagKey &sequence, const CDICOMExportBridge_code &code) {
    lde::CodeStrings text = lde::codeStrings(&code, "RegistrationTypeCode");
    DcmItem *codeItem = nullptr;
    lde::check(item.findOrCreateSequenceItem(sequence, codeItem, -2), "cannot create a code sequence");
    put(*codeItem, DCM_CodeValue, text.value, "CodeValue");
    put(*codeItem, DCM_CodingSchemeDesignator, text.scheme, "CodingSchemeDesignator");
    put(*codeItem, DCM_CodeMeaning, text.meaning, "CodeMeaning");
}

/// One item of RegistrationSequence: the frame `series` lies in, its images, and `matrix`.
void addRegistration(DcmItem &dataset, const CDICOMExportBridge_series_ref &series, const double matrix[16],
                     const CDICOMExportBridge_code &type) {
    DcmItem *item = nullptr;
    lde::check(dataset.findOrCreateSequenceItem(DCM_RegistrationSequence, item, -2),
               "cannot create RegistrationSequence");
    put(*item, DCM_FrameOfReferenceUID, lde::required(series.frame_of_reference_uid, "FrameOfReferenceUID"),
        "FrameOfReferenceUID");
    std::string sopClass = lde::required(series.sop_class_uid, "SOPClassUID");
    for (size_t index = 0; index < series.instance_count; ++index) {
        DcmItem *image = nullptr;
        lde::check(item->findOrCreateSequenceItem(DCM_ReferencedImageSequence, image, -2),
                   "cannot create ReferencedImageSequence");
        put(*image, DCM_ReferencedSOPClassUID, sopClass, "ReferencedSOPClassUID");
        put(*image, DCM_ReferencedSOPInstanceUID, lde::required(series.sop_instance_uids[index], "SOPInstanceUID"),
            "ReferencedSOPInstanceUID");
    }
    DcmItem *registration = nullptr;
    lde::check(item->findOrCreateSequenceItem(DCM_MatrixRegistrationSequence, registration, -2),
               "cannot create MatrixRegistrationSequence");
    putCode(*registration, DCM_RegistrationTypeCodeSequence, type);
    DcmItem *matrixItem = nullptr;
    lde::check(registration->findOrCreateSequenceItem(DCM_MatrixSequence, matrixItem, -2),
               "cannot create MatrixSequence");
    put(*matrixItem, DCM_FrameOfReferenceTransformationMatrixType, "RIGID", "FrameOfReferenceTransformationMatrixType");
    put(*matrixItem, DCM_FrameOfReferenceTransformationMatrix, lde::matrixText(matrix),
        "FrameOfReferenceTransformationMatrix");
}

}  // namespace

extern "C" CDICOMExportBridge_status CDICOMExportBridge_registration_write(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_series_ref *baseline,
    const CDICOMExportBridge_series_ref *followup, const double baseline_from_followup[16],
    const CDICOMExportBridge_code *registration_type, const char *path, char *message, size_t message_size) {
    return lde::guarded(message, message_size, [&] {
        lde::configureLogging();
        const double *m = baseline_from_followup;
        // PS3.3 C.20.2.1.1: a RIGID matrix is orthonormal in its upper 3×3 with (0 0 0 1) below.
        for (int row = 0; row < 3; ++row)
            for (int column = 0; column < 3; ++column) {
                double dot = 0;
                for (int k = 0; k < 3; ++k) dot += m[row * 4 + k] * m[column * 4 + k];
                double expected = row == column ? 1.0 : 0.0;
                if (!(std::fabs(dot - expected) < 1e-4))
                    throw lde::Failure{CDICOMExportBridge_INVALID, "the registration matrix is not a rigid transform"};
            }
        if (m[12] != 0 || m[13] != 0 || m[14] != 0 || m[15] != 1)
            throw lde::Failure{CDICOMExportBridge_INVALID, "the registration matrix's last row is not (0 0 0 1)"};
        DcmFileFormat ctFile;
        lde::loadSource(info->source_ct_file, ctFile);
        DcmDataset *ct = ctFile.getDataset();
        OFString studyUID;
        lde::check(ct->findAndGetOFString(DCM_StudyInstanceUID, studyUID), "the source CT has no StudyInstanceUID",
                   CDICOMExportBridge_UNREADABLE);
        DcmFileFormat file;
        DcmDataset &dataset = *file.getDataset();
        put(dataset, DCM_SOPClassUID, UID_SpatialRegistrationStorage, "SOPClassUID");
        put(dataset, DCM_Modality, "REG", "Modality");
        lde::applyObjectInfo(*ct, dataset, *info);
        // The REG's own frame of reference is the baseline's (DESIGN.md).
        put(dataset, DCM_FrameOfReferenceUID, lde::required(baseline->frame_of_reference_uid, "FrameOfReferenceUID"),
            "FrameOfReferenceUID");
        OFString positionReference;
        ct->findAndGetOFString(DCM_PositionReferenceIndicator, positionReference);
        put(dataset, DCM_PositionReferenceIndicator, positionReference.c_str(), "PositionReferenceIndicator");
        // General Series Laterality (Type 2C; dciodvfy requires it): a registration has none.
        lde::check(dataset.insertEmptyElement(DCM_Laterality), "cannot set Laterality");
        put(dataset, DCM_ContentLabel, "LESION_REG", "ContentLabel");
        put(dataset, DCM_ContentDescription, "Rigid follow-up to baseline registration (LesionDensity)",
            "ContentDescription");
        put(dataset, DCM_ContentCreatorName, "", "ContentCreatorName");
        const double identity[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        const CDICOMExportBridge_code identityType = {"125021", "DCM", "Frame of Reference Identity"};
        addRegistration(dataset, *baseline, identity, identityType);
        addRegistration(dataset, *followup, baseline_from_followup, *registration_type);
        lde::addInstanceReference(dataset, studyUID.c_str(), *baseline);
        lde::addInstanceReference(dataset, studyUID.c_str(), *followup);
        lde::saveAtomically(file, path);
    });
}
