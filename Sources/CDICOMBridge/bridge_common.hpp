// Internal helpers shared by the bridge's .cpp files (not part of the C ABI).
#ifndef CDICOMBRIDGE_COMMON_HPP
#define CDICOMBRIDGE_COMMON_HPP

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcpath.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "CDICOMBridge.h"

#include <exception>
#include <new>
#include <string>

namespace cdicom {

/// Copies `text` into `message` (NUL-terminated, truncated to `size`); never throws.
void setMessage(char *message, size_t size, const char *text) noexcept;

/// Writes "<cause> (<detail>) while <what>" into `message` without allocating; never throws.
void setFailure(char *message, size_t size, const char *cause, const char *detail, const char *what) noexcept;

/// Runs `body` (returning a CDICOMBridge_status) so that no C++ exception leaves the bridge: a
/// std::bad_alloc, any std::exception or anything else thrown becomes CDICOMBridge_UNREADABLE with
/// a message saying what happened while `what` ("reading the file", …).
template <typename Body>
CDICOMBridge_status guarded(char *message, size_t size, const char *what, Body &&body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        setFailure(message, size, "out of memory (std::bad_alloc)", nullptr, what);
    } catch (const std::exception &e) {
        setFailure(message, size, "C++ exception", e.what(), what);
    } catch (...) {
        setFailure(message, size, "C++ exception", nullptr, what);
    }
    return CDICOMBridge_UNREADABLE;
}

/// Runs `body` and returns its value, or `fallback` when it throws anything (for the calls whose
/// C signature has no status: lengths, counts, flags).
template <typename T, typename Body>
T guardedValue(T fallback, Body &&body) noexcept {
    try {
        return body();
    } catch (...) {
        return fallback;
    }
}

class FileWindow;

/// Pre-scans an opened file (before DCMTK parses it): refuses what is not DICOM or nests sequences
/// deeper than CDICOMBridge_MAX_SEQUENCE_DEPTH. Never throws.
CDICOMBridge_status prescan(FileWindow &file, std::string &why) noexcept;

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and encoders once per process.
void registerCodecs();

/// Copies `text` into `message` (NUL-terminated, truncated to `size`).
void setMessage(char *message, size_t size, const std::string &text);

/// Finds the element at `path` ("GGGG,EEEE" or DCMTK path syntax) in `item`; nullptr when absent.
DcmElement *findElement(DcmItem *item, const char *path);

/// The element or item at `path` (keywords or "(gggg,eeee)", "[i]" item indices, "." between);
/// nullptr when absent or when a step into an item is not a sequence.
DcmObject *findObject(DcmItem *item, const char *path);

/// Parses "GGGG,EEEE" (hex); false when `path` is not of that form.
bool parseTagKey(const char *path, DcmTagKey &key);

}  // namespace cdicom

#endif
