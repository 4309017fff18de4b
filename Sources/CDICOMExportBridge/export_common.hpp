// Internal helpers shared by the export bridge's .cpp files (not part of the C ABI).
#ifndef CDICOMEXPORTBRIDGE_COMMON_HPP
#define CDICOMEXPORTBRIDGE_COMMON_HPP

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "CDICOMExportBridge.h"

#include <exception>
#include <new>
#include <string>

namespace lde {

/// A failure inside the bridge: its status and message (thrown only inside the .cpp files).
struct Failure {
    CDICOMExportBridge_status status;
    std::string text;
};

/// Copies `text` into `message` (NUL-terminated, truncated to `size`).
void setMessage(char *message, size_t size, const std::string &text);

/// Throws Failure(status, what + ": " + condition text) when `cond` is bad.
void check(const OFCondition &cond, const std::string &what, CDICOMExportBridge_status status = CDICOMExportBridge_INVALID);

/// A C string argument as std::string; throws CDICOMExportBridge_INVALID naming `what` when NULL or empty.
std::string required(const char *value, const char *what);

/// Runs `body`, turning Failure and every C++ exception into a status and a message.
template <typename Body>
CDICOMExportBridge_status guarded(char *message, size_t size, Body &&body) {
    try {
        body();
        return CDICOMExportBridge_OK;
    } catch (const Failure &failure) {
        setMessage(message, size, failure.text);
        return failure.status;
    } catch (const std::bad_alloc &) {
        setMessage(message, size, "out of memory");
        return CDICOMExportBridge_INTERNAL;
    } catch (const std::exception &error) {
        setMessage(message, size, std::string("DCMTK: ") + error.what());
        return CDICOMExportBridge_INTERNAL;
    } catch (...) {
        setMessage(message, size, "unexpected exception inside DCMTK");
        return CDICOMExportBridge_INTERNAL;
    }
}

/// The three strings of a code; throws CDICOMExportBridge_INVALID naming `what` when one is missing.
struct CodeStrings {
    std::string value, scheme, meaning;
};
CodeStrings codeStrings(const CDICOMExportBridge_code *code, const char *what);

/// Copies of the strings an CDICOMExportBridge_object_info points to, so the caller's buffers may go away.
struct KeptInfo {
    std::string sourceFile, sopInstance, seriesInstance, seriesDescription, date, time, manufacturer, version;
    std::string pseudonymID, pseudonymName;
    bool pseudonymized = false;
    CDICOMExportBridge_object_info view{};
    explicit KeptInfo(const CDICOMExportBridge_object_info &info);
    KeptInfo(const KeptInfo &) = delete;
    KeptInfo &operator=(const KeptInfo &) = delete;
};

/// Silences DCMTK's own logging once per process (problems are reported through statuses).
void configureLogging();

/// Loads `path` (up to Pixel Data) into `file`; throws CDICOMExportBridge_UNREADABLE naming the file.
void loadSource(const char *path, DcmFileFormat &file);

/// Copies the Patient, General Study and Patient Study attributes of `source` into `target`,
/// then applies `info` (SOP Instance, series, dates, equipment, pseudonym) to `target`.
void applyObjectInfo(DcmItem &source, DcmItem &target, const CDICOMExportBridge_object_info &info);

/// Writes ReferencedSeriesSequence (series of `studyUID`) or, for another study,
/// StudiesContainingOtherReferencedInstancesSequence (Common Instance Reference, PS3.3 C.12.2).
void addInstanceReference(DcmItem &target, const std::string &studyUID, const CDICOMExportBridge_series_ref &series);

/// Saves `file` as Explicit VR Little Endian to a temporary name beside `path`, then renames it.
void saveAtomically(DcmFileFormat &file, const char *path);

/// `value` as DS text (at most 16 characters; exact when the shortest exact text fits); throws
/// CDICOMExportBridge_INVALID naming `what` when it is not finite.
std::string decimalString(double value, const std::string &what);

/// The row-major 4×4 matrix as FrameOfReferenceTransformationMatrix text (16 DS values).
std::string matrixText(const double matrix[16]);

}  // namespace lde

#endif
