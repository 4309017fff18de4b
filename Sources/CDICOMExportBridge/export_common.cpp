#include "export_common.hpp"

#include "dcmtk/oflog/oflog.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>

namespace lde {

void setMessage(char *message, size_t size, const std::string &text) {
    if (message == nullptr || size == 0) return;
    std::snprintf(message, size, "%s", text.c_str());
}

void check(const OFCondition &cond, const std::string &what, CDICOMExportBridge_status status) {
    if (cond.bad()) throw Failure{status, what + ": " + cond.text()};
}

std::string required(const char *value, const char *what) {
    if (value == nullptr || *value == '\0') throw Failure{CDICOMExportBridge_INVALID, std::string(what) + " is empty"};
    return value;
}

CodeStrings codeStrings(const CDICOMExportBridge_code *code, const char *what) {
    if (code == nullptr) throw Failure{CDICOMExportBridge_INVALID, std::string(what) + " is missing"};
    return {required(code->value, what), required(code->scheme, what), required(code->meaning, what)};
}

KeptInfo::KeptInfo(const CDICOMExportBridge_object_info &info) {
    sourceFile = required(info.source_ct_file, "source CT file");
    sopInstance = required(info.sop_instance_uid, "SOPInstanceUID");
    seriesInstance = required(info.series_instance_uid, "SeriesInstanceUID");
    seriesDescription = info.series_description != nullptr ? info.series_description : "";
    date = required(info.date, "date");
    time = required(info.time, "time");
    manufacturer = required(info.manufacturer, "Manufacturer");
    version = required(info.software_version, "SoftwareVersions");
    pseudonymized = info.pseudonym_patient_id != nullptr;
    if (pseudonymized) {
        pseudonymID = info.pseudonym_patient_id;
        pseudonymName = info.pseudonym_patient_name != nullptr ? info.pseudonym_patient_name : pseudonymID;
    }
    view = info;
    view.source_ct_file = sourceFile.c_str();
    view.sop_instance_uid = sopInstance.c_str();
    view.series_instance_uid = seriesInstance.c_str();
    view.series_description = seriesDescription.c_str();
    view.date = date.c_str();
    view.time = time.c_str();
    view.manufacturer = manufacturer.c_str();
    view.software_version = version.c_str();
    view.pseudonym_patient_id = pseudonymized ? pseudonymID.c_str() : nullptr;
    view.pseudonym_patient_name = pseudonymized ? pseudonymName.c_str() : nullptr;
}

void configureLogging() {
    static std::once_flag once;
    std::call_once(once, [] { OFLog::configure(OFLogger::FATAL_LOG_LEVEL); });
}

void loadSource(const char *path, DcmFileFormat &file) {
    std::string name = required(path, "source CT file");
    OFCondition cond = file.loadFile(name.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
    if (cond.good()) {
        // Stop at Pixel Data: only header attributes are copied.
        file.getDataset()->findAndDeleteElement(DCM_PixelData);
    }
    check(cond, "cannot read the source CT " + name, CDICOMExportBridge_UNREADABLE);
    // Names may be in any character set: written as UTF-8 (ISO_IR 192) with our own text.
    file.getDataset()->convertToUTF8();
}

namespace {

/// Patient (C.7.1.1), General Study (C.7.2.1) and Patient Study (C.7.2.2) attributes we carry over.
const DcmTagKey kPatientStudyTags[] = {
    DCM_PatientName, DCM_PatientID, DCM_IssuerOfPatientID, DCM_PatientBirthDate, DCM_PatientSex,
    DCM_PatientAge, DCM_PatientSize, DCM_PatientWeight, DCM_StudyInstanceUID, DCM_StudyDate, DCM_StudyTime,
    DCM_ReferringPhysicianName, DCM_StudyID, DCM_AccessionNumber, DCM_StudyDescription,
};

void put(DcmItem &target, const DcmTagKey &tag, const std::string &value, const char *what) {
    check(target.putAndInsertOFStringArray(tag, value.c_str()), std::string("cannot set ") + what);
}

}  // namespace

void applyObjectInfo(DcmItem &source, DcmItem &target, const CDICOMExportBridge_object_info &info) {
    for (const DcmTagKey &tag : kPatientStudyTags) {
        OFString value;
        if (source.findAndGetOFStringArray(tag, value).good()) {
            check(target.putAndInsertOFStringArray(tag, value), "cannot copy " + std::string(DcmTag(tag).getTagName()));
        } else if (target.tagExists(tag)) {
            target.findAndDeleteElement(tag);
            if (tag == DCM_PatientName || tag == DCM_PatientID || tag == DCM_PatientBirthDate ||
                tag == DCM_PatientSex || tag == DCM_StudyDate || tag == DCM_StudyTime ||
                tag == DCM_ReferringPhysicianName || tag == DCM_StudyID || tag == DCM_AccessionNumber)
                target.insertEmptyElement(tag);  // Type 2: present, empty
        }
    }
    put(target, DCM_SpecificCharacterSet, "ISO_IR 192", "SpecificCharacterSet");
    put(target, DCM_SOPInstanceUID, required(info.sop_instance_uid, "SOPInstanceUID"), "SOPInstanceUID");
    put(target, DCM_SeriesInstanceUID, required(info.series_instance_uid, "SeriesInstanceUID"), "SeriesInstanceUID");
    put(target, DCM_SeriesNumber, std::to_string(info.series_number), "SeriesNumber");
    put(target, DCM_InstanceNumber, "1", "InstanceNumber");
    if (info.series_description != nullptr)
        put(target, DCM_SeriesDescription, info.series_description, "SeriesDescription");
    std::string date = required(info.date, "date"), time = required(info.time, "time");
    put(target, DCM_SeriesDate, date, "SeriesDate");
    put(target, DCM_SeriesTime, time, "SeriesTime");
    put(target, DCM_ContentDate, date, "ContentDate");
    put(target, DCM_ContentTime, time, "ContentTime");
    put(target, DCM_InstanceCreationDate, date, "InstanceCreationDate");
    put(target, DCM_InstanceCreationTime, time, "InstanceCreationTime");
    std::string manufacturer = required(info.manufacturer, "Manufacturer");
    std::string version = required(info.software_version, "SoftwareVersions");
    put(target, DCM_Manufacturer, manufacturer, "Manufacturer");
    put(target, DCM_ManufacturerModelName, "lesion-density", "ManufacturerModelName");
    put(target, DCM_DeviceSerialNumber, version, "DeviceSerialNumber");
    put(target, DCM_SoftwareVersions, version, "SoftwareVersions");
    if (info.pseudonym_patient_id != nullptr) {
        put(target, DCM_PatientID, info.pseudonym_patient_id, "PatientID");
        put(target, DCM_PatientName, info.pseudonym_patient_name != nullptr ? info.pseudonym_patient_name
                                                                           : info.pseudonym_patient_id, "PatientName");
        // PatientBirthDate is Type 2 in the Patient module: present without a value.
        target.findAndDeleteElement(DCM_PatientBirthDate);
        target.insertEmptyElement(DCM_PatientBirthDate);
    }
}

void addInstanceReference(DcmItem &target, const std::string &studyUID, const CDICOMExportBridge_series_ref &series) {
    std::string seriesStudy = required(series.study_instance_uid, "referenced StudyInstanceUID");
    DcmItem *container = &target;
    if (seriesStudy != studyUID) {
        // Find or create the item of that study.
        DcmItem *studyItem = nullptr;
        for (long index = 0;; ++index) {
            DcmItem *candidate = nullptr;
            if (target.findAndGetSequenceItem(DCM_StudiesContainingOtherReferencedInstancesSequence, candidate,
                                              index).bad() || candidate == nullptr) break;
            OFString uid;
            if (candidate->findAndGetOFString(DCM_StudyInstanceUID, uid).good() && uid == seriesStudy.c_str()) {
                studyItem = candidate;
                break;
            }
        }
        if (studyItem == nullptr) {
            check(target.findOrCreateSequenceItem(DCM_StudiesContainingOtherReferencedInstancesSequence, studyItem, -2),
                  "cannot create StudiesContainingOtherReferencedInstancesSequence");
            put(*studyItem, DCM_StudyInstanceUID, seriesStudy, "StudyInstanceUID");
        }
        container = studyItem;
    }
    DcmItem *seriesItem = nullptr;
    check(container->findOrCreateSequenceItem(DCM_ReferencedSeriesSequence, seriesItem, -2),
          "cannot create ReferencedSeriesSequence");
    put(*seriesItem, DCM_SeriesInstanceUID, required(series.series_instance_uid, "referenced SeriesInstanceUID"),
        "SeriesInstanceUID");
    std::string sopClass = required(series.sop_class_uid, "referenced SOPClassUID");
    for (size_t index = 0; index < series.instance_count; ++index) {
        DcmItem *instance = nullptr;
        check(seriesItem->findOrCreateSequenceItem(DCM_ReferencedInstanceSequence, instance, -2),
              "cannot create ReferencedInstanceSequence");
        put(*instance, DCM_ReferencedSOPClassUID, sopClass, "ReferencedSOPClassUID");
        put(*instance, DCM_ReferencedSOPInstanceUID, required(series.sop_instance_uids[index], "SOPInstanceUID"),
            "ReferencedSOPInstanceUID");
    }
}

void saveAtomically(DcmFileFormat &file, const char *path) {
    std::string target = required(path, "output path");
    std::random_device entropy;
    std::string temporary = target + ".tmp-" + std::to_string(entropy());
    OFCondition cond = file.saveFile(temporary.c_str(), EXS_LittleEndianExplicit, EET_ExplicitLength, EGL_recalcGL,
                                     EPD_noChange, 0, 0, EWM_createNewMeta);
    if (cond.bad()) {
        std::remove(temporary.c_str());
        throw Failure{CDICOMExportBridge_WRITE_FAILED, "cannot write " + target + ": " + cond.text()};
    }
    if (std::rename(temporary.c_str(), target.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw Failure{CDICOMExportBridge_WRITE_FAILED, "cannot rename the temporary file to " + target};
    }
}

std::string decimalString(double value, const std::string &what) {
    if (!std::isfinite(value)) throw Failure{CDICOMExportBridge_INVALID, what + " is not finite"};
    char text[40];
    // The shortest text that reads back as the same double, when it fits the 16 characters of a
    // DS (PS3.5 6.2); else the most precise text that fits.
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::strtod(text, nullptr) == value) {
            if (std::strlen(text) <= 16) return text;
            break;
        }
    }
    for (int precision = 17; precision >= 1; --precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::strlen(text) <= 16) return text;
    }
    throw Failure{CDICOMExportBridge_INVALID, what + " does not fit a DS"};
}

std::string matrixText(const double matrix[16]) {
    std::string text;
    for (int index = 0; index < 16; ++index) {
        if (index > 0) text += "\\";
        text += decimalString(matrix[index], "the registration matrix");
    }
    return text;
}

}  // namespace lde

extern "C" const char *CDICOMExportBridge_dcmtk_version(void) { return OFFIS_DCMTK_VERSION_STRING; }
