/*
 * CDICOMNetBridge: the narrow C ABI through which DICOMNetwork talks to a DICOM node (a PACS) with
 * DCMTK's dcmnet (DcmSCU): C-ECHO, C-FIND (Study Root, STUDY / SERIES / IMAGE level), C-GET (we act
 * as the storage SCP on the same association) and C-STORE.
 *
 * Rules (DESIGN.md):
 *  - Every symbol carries the prefix `CDICOMNetBridge_`; DCMTK types, OFCondition and C++ exceptions
 *    (std::bad_alloc included) never cross this header.
 *  - Opaque handles come in open/destroy pairs; the caller owns a handle until it calls destroy.
 *  - Every fallible call returns a CDICOMNetBridge_status and, on failure, writes a NUL-terminated
 *    message (truncated to `message_size`) into `message`.
 *  - Strings are NUL-terminated; UIDs, dates (YYYYMMDD) in their DICOM string forms.
 *  - A handle is not shared between threads; different handles may be used concurrently.
 */
#ifndef CDICOMNETBRIDGE_H
#define CDICOMNETBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma clang assume_nonnull begin

/** Outcome of a bridge call. */
typedef enum {
    CDICOMNetBridge_OK = 0,
    /** An argument is invalid (empty AE title, port 0, malformed UID, ...). */
    CDICOMNetBridge_INVALID = 1,
    /** No TCP connection: host unknown or unreachable, port closed, connect timeout. */
    CDICOMNetBridge_UNREACHABLE = 2,
    /** The node rejected the association (e.g. unknown called or calling AE title), or accepted none
     *  of the presentation contexts a service needs. */
    CDICOMNetBridge_REJECTED = 3,
    /** No response within the timeout (the association is aborted). */
    CDICOMNetBridge_TIMEOUT = 4,
    /** The exchange failed after the association was made (aborted by the peer, a DIMSE error, a
     *  failure status in the final response). */
    CDICOMNetBridge_FAILED = 5,
    /** A received object or a file could not be written or read. */
    CDICOMNetBridge_IO = 6,
    /** The callback asked to stop; what was complete is kept. */
    CDICOMNetBridge_CANCELLED = 7,
    /** Out of memory or an unexpected DCMTK exception. */
    CDICOMNetBridge_INTERNAL = 8
} CDICOMNetBridge_status;

/** Who we talk to and as whom. */
typedef struct {
    /** The node's AE title (called AE), 1–16 characters of the DICOM AE value representation. */
    const char *called_ae_title;
    /** Our own AE title (calling AE), 1–16 characters; the node must know it for C-GET. */
    const char *calling_ae_title;
    /** Host name or address of the node. */
    const char *host;
    /** TCP port of the node, 1–65535. */
    uint16_t port;
    /** Seconds allowed for the TCP connect, the association negotiation and each DIMSE response
     *  (1–3600). */
    int32_t timeout_seconds;
    /** NULL for a plain TCP association. Otherwise the PEM file of the CA certificate(s) (or the
     *  node's own certificate) trusted to sign the node's certificate: the association then runs over
     *  TLS (dcmtls, BCP 195 profile, PS3.15 B.9) and the node's certificate must verify against it. */
    const char *_Nullable tls_trusted_certificates_file;
    /** With TLS, optionally our own certificate and its unencrypted private key (both PEM, both or
     *  neither) for a node that requires the client's certificate (mutual TLS). */
    const char *_Nullable tls_certificate_file;
    const char *_Nullable tls_private_key_file;
} CDICOMNetBridge_association_parameters;

/** The DCMTK version string, e.g. "3.6.7". */
const char *CDICOMNetBridge_dcmtk_version(void);

/** 1 when `uid` has the UI value representation's syntax (PS3.5 9.1: 1–64 characters, digits in
 *  dot-separated components, no leading zero in a component of more than one digit), else 0. */
int32_t CDICOMNetBridge_is_valid_uid(const char *uid);

/** Opens an association proposing Verification, sends one C-ECHO, and releases it. */
CDICOMNetBridge_status CDICOMNetBridge_echo(
    const CDICOMNetBridge_association_parameters *parameters, char *message, size_t message_size);

/* ------------------------------------------------------------------ Query / Retrieve ---- */

/** An open association for C-FIND and C-GET (Study Root Query/Retrieve Information Model), which
 *  also proposes the storage SOP classes a course needs with the SCP role (PS3.4 C.4.3: the C-STORE
 *  sub-operations of a C-GET run on the same association): CT Image, Enhanced CT Image,
 *  Segmentation, RT Structure Set, Spatial Registration, Comprehensive SR, Enhanced SR. */
typedef struct CDICOMNetBridge_qr CDICOMNetBridge_qr;

/** The storage SOP classes a Query/Retrieve association accepts (index < count), as UIDs. */
size_t CDICOMNetBridge_storage_class_count(void);
const char *CDICOMNetBridge_storage_class(size_t index);

/** Connects and negotiates; on failure `*out` is NULL and the status says why (UNREACHABLE,
 *  REJECTED, TIMEOUT). */
CDICOMNetBridge_status CDICOMNetBridge_qr_open(
    const CDICOMNetBridge_association_parameters *parameters, CDICOMNetBridge_qr *_Nullable *_Nonnull out,
    char *message, size_t message_size);

/** Releases the association (aborts it when it is broken) and frees the handle (NULL is ignored). */
void CDICOMNetBridge_qr_destroy(CDICOMNetBridge_qr *_Nullable qr);

/** Query levels of the Study Root model. */
typedef enum {
    CDICOMNetBridge_LEVEL_STUDY = 0,
    CDICOMNetBridge_LEVEL_SERIES = 1,
    CDICOMNetBridge_LEVEL_IMAGE = 2
} CDICOMNetBridge_level;

/** Matching keys of a C-FIND; NULL or "" means universal matching (the key is still returned). */
typedef struct {
    CDICOMNetBridge_level level;
    const char *_Nullable patient_id;
    /** Required at SERIES and IMAGE level; at STUDY level it may be a backslash-separated list of
     *  UIDs (List of UID Matching, PS3.4 C.2.2.2.2). */
    const char *_Nullable study_instance_uid;
    /** Required at IMAGE level. */
    const char *_Nullable series_instance_uid;
    /** STUDY level: ModalitiesInStudy (e.g. "CT"); SERIES level: Modality. */
    const char *_Nullable modality;
    /** STUDY level: a StudyDate range ("YYYYMMDD-", "-YYYYMMDD", "YYYYMMDD-YYYYMMDD"). */
    const char *_Nullable study_date;
} CDICOMNetBridge_query;

/** Attributes a match carries (each returned as text; "" when the node sent none). */
typedef enum {
    CDICOMNetBridge_KEY_PATIENT_ID = 0,
    CDICOMNetBridge_KEY_STUDY_INSTANCE_UID = 1,
    CDICOMNetBridge_KEY_STUDY_DATE = 2,
    CDICOMNetBridge_KEY_STUDY_TIME = 3,
    /** ModalitiesInStudy, values separated by backslashes. */
    CDICOMNetBridge_KEY_MODALITIES_IN_STUDY = 4,
    CDICOMNetBridge_KEY_NUMBER_OF_STUDY_RELATED_INSTANCES = 5,
    CDICOMNetBridge_KEY_SERIES_INSTANCE_UID = 6,
    CDICOMNetBridge_KEY_MODALITY = 7,
    CDICOMNetBridge_KEY_NUMBER_OF_SERIES_RELATED_INSTANCES = 8,
    CDICOMNetBridge_KEY_SOP_INSTANCE_UID = 9,
    CDICOMNetBridge_KEY_SOP_CLASS_UID = 10
} CDICOMNetBridge_key;

/** The matches of one C-FIND (owned by the caller until destroyed). */
typedef struct CDICOMNetBridge_matches CDICOMNetBridge_matches;

/** Sends one C-FIND and collects every pending response's identifier. A final status other than
 *  Success is FAILED with the status in the message. At most `max_matches` are kept (more is an
 *  INVALID error: the query is too broad). */
CDICOMNetBridge_status CDICOMNetBridge_qr_find(
    CDICOMNetBridge_qr *qr, const CDICOMNetBridge_query *query, size_t max_matches,
    CDICOMNetBridge_matches *_Nullable *_Nonnull out, char *message, size_t message_size);

size_t CDICOMNetBridge_matches_count(const CDICOMNetBridge_matches *matches);

/** The value of `key` in match `index` (valid until the matches are destroyed; "" when absent or
 *  `index` is out of range). */
const char *CDICOMNetBridge_matches_value(const CDICOMNetBridge_matches *matches, size_t index, CDICOMNetBridge_key key);

void CDICOMNetBridge_matches_destroy(CDICOMNetBridge_matches *_Nullable matches);

/** What a C-GET asks for: a whole study, one series, or listed instances of one series. */
typedef struct {
    CDICOMNetBridge_level level;
    const char *study_instance_uid;
    /** Required at SERIES and IMAGE level. */
    const char *_Nullable series_instance_uid;
    /** IMAGE level: the SOPInstanceUIDs to retrieve (one request, a UID list, PS3.4 C.4.3.2.1). */
    const char *const _Nonnull *_Nullable sop_instance_uids;
    size_t sop_instance_count;
    /** The folder the instances are written into (must exist), each as `<SOPInstanceUID>.dcm`,
     *  written to a temporary name first and then renamed, so a file with its final name is complete.
     *  An instance whose file already exists is acknowledged and not written again. */
    const char *destination_folder;
} CDICOMNetBridge_retrieve_request;

/** Called after each received instance: `path` is its file (written, or already present when
 *  `skipped` is 1). Returns 0 to go on, non-zero to stop (the association is then aborted). */
typedef int32_t (*CDICOMNetBridge_instance_callback)(
    void *_Nullable context, const char *sop_instance_uid, const char *sop_class_uid, const char *path,
    int32_t skipped);

/** What a C-GET did, from the node's final response and our own count. */
typedef struct {
    /** DIMSE status of the final C-GET response (0 success, 0xB000 warning, 0xA7xx/0xC000 failure,
     *  0xFE00 cancelled), or 0xFFFF when none arrived. */
    uint16_t final_status;
    /** Sub-operation counts of the final response (completed, failed, warning). */
    uint32_t completed;
    uint32_t failed;
    uint32_t warning;
    /** Instances written by us / acknowledged because their file was present / refused by us. */
    uint32_t written;
    uint32_t skipped;
    uint32_t refused;
} CDICOMNetBridge_retrieve_outcome;

/** Sends one C-GET and stores what arrives. OK when the node reported success and every arrived
 *  object was stored; FAILED when sub-operations failed or warned (counts in `outcome`, message
 *  names them), CANCELLED when the callback stopped it; `outcome` is filled in every case. */
CDICOMNetBridge_status CDICOMNetBridge_qr_get(
    CDICOMNetBridge_qr *qr, const CDICOMNetBridge_retrieve_request *request,
    CDICOMNetBridge_instance_callback _Nullable callback, void *_Nullable context,
    CDICOMNetBridge_retrieve_outcome *outcome, char *message, size_t message_size);

/* ------------------------------------------------------------------------- C-STORE ---- */

/** The outcome of storing one file. */
typedef struct {
    /** OK (the node answered; see dimse_status), INVALID (not a DICOM file we can read), REJECTED (no
     *  presentation context accepted for its SOP class and transfer syntax), FAILED / TIMEOUT (the
     *  exchange broke), IO. */
    CDICOMNetBridge_status status;
    /** DIMSE status of the C-STORE response: 0 success, 0xB000/0xB007/0xB006 warning,
     *  0xA7xx/0xA9xx/0xCxxx failure; 0xFFFF when no response. */
    uint16_t dimse_status;
    /** Why, when status is not OK or dimse_status is not 0 (NUL-terminated, may be truncated). */
    char message[256];
} CDICOMNetBridge_store_result;

/** Opens one association proposing each file's SOP class with its own transfer syntax (and the
 *  uncompressed ones), stores every file in order and releases the association. `results` has
 *  `count` entries, each filled. The return value is OK when the association could be made (each
 *  file's outcome is then in `results`), else why not (every result then carries that status). */
CDICOMNetBridge_status CDICOMNetBridge_store_files(
    const CDICOMNetBridge_association_parameters *parameters, const char *const _Nonnull *_Nonnull paths,
    size_t count, CDICOMNetBridge_store_result *results, char *message, size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif
