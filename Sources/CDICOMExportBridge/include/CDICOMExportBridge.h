/*
 * CDICOMExportBridge: the narrow C ABI through which DICOMExport writes DICOM objects with DCMTK:
 * an Enhanced SR following TID 1500 (dcmsr/cmr), a binary Segmentation (dcmseg) and a Spatial
 * Registration (dcmdata).
 *
 * Rules (DESIGN.md):
 *  - Every symbol carries the target's name as prefix (`CDICOMExportBridge_`, Docs/Decisions.md);
 *    DCMTK types, OFCondition and C++ exceptions (std::bad_alloc included) never cross this header.
 *  - Opaque handles come in create/destroy pairs; the caller owns a handle until it calls destroy.
 *  - Every fallible call returns an CDICOMExportBridge_status and, on failure, writes a NUL-terminated message
 *    (truncated to `message_size`) into `message`.
 *  - Strings are UTF-8 (written with SpecificCharacterSet ISO_IR 192 when not plain ASCII); UIDs,
 *    dates (YYYYMMDD) and times (HHMMSS) are in their DICOM string forms.
 *  - Handles are not shared between threads; different handles may be used concurrently.
 */
#ifndef CDICOMEXPORTBRIDGE_H
#define CDICOMEXPORTBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma clang assume_nonnull begin

/** Outcome of a bridge call. */
typedef enum {
    CDICOMExportBridge_OK = 0,
    /** An argument is invalid (empty UID, value DCMTK refuses, segment or frame out of range). */
    CDICOMExportBridge_INVALID = 1,
    /** The source CT file cannot be read. */
    CDICOMExportBridge_UNREADABLE = 2,
    /** The object cannot be written (I/O error, or DCMTK reports it incomplete). */
    CDICOMExportBridge_WRITE_FAILED = 3,
    /** Out of memory or an unexpected DCMTK exception. */
    CDICOMExportBridge_INTERNAL = 4
} CDICOMExportBridge_status;

/** A code triple (CodeValue, CodingSchemeDesignator, CodeMeaning). */
typedef struct {
    const char *value;
    const char *scheme;
    const char *meaning;
} CDICOMExportBridge_code;

/**
 * What every object we write carries beside its content. Patient and study attributes are copied
 * from `source_ct_file` (one file of the CT series the object belongs to).
 */
typedef struct {
    /** One file of the CT series (patient, study and frame of reference are copied from it). */
    const char *source_ct_file;
    const char *sop_instance_uid;
    const char *series_instance_uid;
    int32_t series_number;
    const char *series_description;
    /** SeriesDate/ContentDate (YYYYMMDD) and SeriesTime/ContentTime (HHMMSS) of this run. */
    const char *date;
    const char *time;
    /** Manufacturer (0008,0070) and SoftwareVersions (0018,1020) of the writer. */
    const char *manufacturer;
    const char *software_version;
    /** Non-NULL: PatientID and PatientName are replaced by these and PatientBirthDate removed. */
    const char *_Nullable pseudonym_patient_id;
    const char *_Nullable pseudonym_patient_name;
} CDICOMExportBridge_object_info;

/** A series of images referenced by an object (SOP instances of one SOP class). */
typedef struct {
    const char *study_instance_uid;
    const char *series_instance_uid;
    const char *frame_of_reference_uid;
    const char *sop_class_uid;
    const char *const _Nonnull *_Nonnull sop_instance_uids;
    size_t instance_count;
} CDICOMExportBridge_series_ref;

/** The DCMTK version string, e.g. "3.6.7". */
const char *CDICOMExportBridge_dcmtk_version(void);

/* ---------------------------------------------------------------- Enhanced SR, TID 1500 ---- */

/** A TID 1500 Imaging Measurement Report being built. */
typedef struct CDICOMExportBridge_report CDICOMExportBridge_report;

/** Creates an empty report (document title (126000, DCM, "Imaging Measurement Report")). */
CDICOMExportBridge_status CDICOMExportBridge_report_create(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_code *procedure_reported,
    CDICOMExportBridge_report *_Nullable *_Nonnull out, char *message, size_t message_size);

/** Releases a report (NULL is ignored). */
void CDICOMExportBridge_report_destroy(CDICOMExportBridge_report *_Nullable report);

/** Declares a private coding scheme in CodingSchemeIdentificationSequence (0008,0110). */
CDICOMExportBridge_status CDICOMExportBridge_report_declare_coding_scheme(
    CDICOMExportBridge_report *report, const char *designator, const char *name,
    const char *responsible_organization, char *message, size_t message_size);

/** Names the writing device as the observer (TID 1004: DeviceObserverUID, DeviceObserverName). */
CDICOMExportBridge_status CDICOMExportBridge_report_set_device_observer(
    CDICOMExportBridge_report *report, const char *device_uid, const char *device_name, char *message,
    size_t message_size);

/** Adds the referenced images to the Image Library (TID 1600), one entry per instance. */
CDICOMExportBridge_status CDICOMExportBridge_report_add_library_images(
    CDICOMExportBridge_report *report, const CDICOMExportBridge_series_ref *series, char *message,
    size_t message_size);

/**
 * Starts a new Volumetric ROI measurement group (TID 1411) in Imaging Measurements; later calls
 * add to it. `segment_sop_class_uid`/`segment_sop_instance_uid`/`segment_number` name the
 * referenced SEG segment (Row 7), `source_series_uid` the segmented CT series (Row 12).
 */
CDICOMExportBridge_status CDICOMExportBridge_report_begin_group(
    CDICOMExportBridge_report *report, const char *tracking_identifier, const char *tracking_unique_identifier,
    const CDICOMExportBridge_code *finding, const CDICOMExportBridge_code *finding_site,
    const char *segment_sop_class_uid, const char *segment_sop_instance_uid, uint16_t segment_number,
    const char *source_series_uid, const char *_Nullable time_point, char *message, size_t message_size);

/** Measured quantity (TID 1419 concept name). */
typedef enum {
    /** (112031, DCM, "Attenuation Coefficient") in ([hnsf'U], UCUM, "Hounsfield unit"). */
    CDICOMExportBridge_QUANTITY_ATTENUATION_HU = 0,
    /** (118565006, SCT, "Volume") in (cm3, UCUM, "cubic centimeter") = mL. */
    CDICOMExportBridge_QUANTITY_VOLUME_CM3 = 1
} CDICOMExportBridge_quantity;

/** Derivation of the measurement (CID 7464), or none (volume). */
typedef enum {
    CDICOMExportBridge_DERIVATION_NONE = 0,
    CDICOMExportBridge_DERIVATION_MEAN = 1,
    CDICOMExportBridge_DERIVATION_MEDIAN = 2,
    CDICOMExportBridge_DERIVATION_STANDARD_DEVIATION = 3,
    CDICOMExportBridge_DERIVATION_MINIMUM = 4,
    CDICOMExportBridge_DERIVATION_MAXIMUM = 5
} CDICOMExportBridge_derivation;

/** Adds a measurement to the current group; `value` must be finite. */
CDICOMExportBridge_status CDICOMExportBridge_report_add_measurement(
    CDICOMExportBridge_report *report, CDICOMExportBridge_quantity quantity,
    CDICOMExportBridge_derivation derivation, double value, char *message, size_t message_size);

/** Adds a coded qualitative evaluation (TID 1411 Row 16) to the current group. */
CDICOMExportBridge_status CDICOMExportBridge_report_add_evaluation(
    CDICOMExportBridge_report *report, const CDICOMExportBridge_code *concept_name,
    const CDICOMExportBridge_code *value, char *message, size_t message_size);

/**
 * Lists an object the report references but did not get through CDICOMExportBridge_report_add_library_images
 * (e.g. a SEG read as input) in CurrentRequestedProcedureEvidenceSequence.
 */
CDICOMExportBridge_status CDICOMExportBridge_report_add_evidence(
    CDICOMExportBridge_report *report, const char *study_uid, const char *series_uid,
    const char *sop_class_uid, const char *sop_instance_uid, char *message, size_t message_size);

/** Writes the report as Enhanced SR to `path` (written to a temporary name beside it, then renamed). */
CDICOMExportBridge_status CDICOMExportBridge_report_save(
    CDICOMExportBridge_report *report, const char *path, char *message, size_t message_size);

/* ---------------------------------------------------------------- Segmentation (binary) ---- */

/** A binary DICOM Segmentation on the grid of one CT series, being built. */
typedef struct CDICOMExportBridge_segmentation CDICOMExportBridge_segmentation;

/** The CT grid: Rows × Columns, PixelSpacing (row, column mm), ImageOrientationPatient, thickness. */
typedef struct {
    uint16_t rows;
    uint16_t columns;
    double pixel_spacing[2];
    double image_orientation_patient[6];
    double slice_thickness_mm;
} CDICOMExportBridge_grid;

CDICOMExportBridge_status CDICOMExportBridge_segmentation_create(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_grid *grid,
    CDICOMExportBridge_segmentation *_Nullable *_Nonnull out, char *message, size_t message_size);

void CDICOMExportBridge_segmentation_destroy(CDICOMExportBridge_segmentation *_Nullable segmentation);

/**
 * Adds a segment (SegmentAlgorithmType SEMIAUTOMATIC, SegmentAlgorithmName `algorithm_name`) and
 * returns its SegmentNumber (1, 2, ...) in `segment_number`.
 */
CDICOMExportBridge_status CDICOMExportBridge_segmentation_add_segment(
    CDICOMExportBridge_segmentation *segmentation, const char *label, const CDICOMExportBridge_code *category,
    const CDICOMExportBridge_code *type, const CDICOMExportBridge_code *anatomic_region,
    const char *algorithm_name, const char *tracking_identifier, const char *tracking_unique_identifier,
    uint16_t *segment_number, char *message, size_t message_size);

/**
 * Adds one frame of segment `segment_number`: `mask` holds Rows × Columns bytes (non-zero =
 * inside, row after row) of the CT plane at ImagePositionPatient `position`, derived from the CT
 * instance `source_sop_instance_uid` (frame `source_frame_number` of it when > 0).
 */
CDICOMExportBridge_status CDICOMExportBridge_segmentation_add_frame(
    CDICOMExportBridge_segmentation *segmentation, uint16_t segment_number, const uint8_t *mask,
    size_t mask_count, const double position[_Nonnull 3], const char *source_sop_class_uid,
    const char *source_sop_instance_uid, int32_t source_frame_number, char *message, size_t message_size);

/** Writes the SEG to `path` (temporary name, then renamed); `source` lists the CT instances referenced. */
CDICOMExportBridge_status CDICOMExportBridge_segmentation_save(
    CDICOMExportBridge_segmentation *segmentation, const CDICOMExportBridge_series_ref *source,
    const char *path, char *message, size_t message_size);

/* ---------------------------------------------------------------- Spatial Registration ---- */

/**
 * Writes a Spatial Registration object (PS3.3 A.39, C.20.2) whose own frame of reference is the
 * baseline's: item 1 the baseline frame with the identity, item 2 the follow-up frame with
 * `baseline_from_followup` (row-major 4×4, LPS mm: maps follow-up patient points to baseline
 * patient points, PS3.3 C.20.2.1.1), FrameOfReferenceTransformationMatrixType RIGID.
 * Patient and study are the baseline's (`info->source_ct_file`).
 */
CDICOMExportBridge_status CDICOMExportBridge_registration_write(
    const CDICOMExportBridge_object_info *info, const CDICOMExportBridge_series_ref *baseline,
    const CDICOMExportBridge_series_ref *followup, const double baseline_from_followup[_Nonnull 16],
    const CDICOMExportBridge_code *registration_type, const char *path, char *message, size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CDICOMEXPORTBRIDGE_H */
