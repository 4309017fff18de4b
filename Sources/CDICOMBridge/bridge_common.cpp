#include "bridge_common.hpp"

#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmdata/dcrleerg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpeg/djencode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/dcmjpls/djencode.h"
#include "dcmtk/oflog/oflog.h"

#include <cstdio>
#include <cstring>
#include <mutex>

namespace cdicom {

void registerCodecs() {
    static std::once_flag once;
    std::call_once(once, [] {
        // DCMTK logs parser warnings to stderr by default; the product reports problems itself.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();
        DJEncoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
    });
}

void setMessage(char *message, size_t size, const char *text) noexcept {
    if (message == nullptr || size == 0) return;
    std::snprintf(message, size, "%s", text == nullptr ? "" : text);
}

void setFailure(char *message, size_t size, const char *cause, const char *detail, const char *what) noexcept {
    if (message == nullptr || size == 0) return;
    if (detail != nullptr && detail[0] != 0) std::snprintf(message, size, "%s (%s) while %s", cause, detail, what);
    else std::snprintf(message, size, "%s while %s", cause, what);
}

void setMessage(char *message, size_t size, const std::string &text) { setMessage(message, size, text.c_str()); }

namespace {

/// Four hex digits at `text` as a number; false if any is not a hex digit.
bool hex4(const char *text, Uint16 &value) {
    unsigned int v = 0;
    for (int i = 0; i < 4; ++i) {
        char c = text[i];
        unsigned int d;
        if (c >= '0' && c <= '9') d = static_cast<unsigned int>(c - '0');
        else if (c >= 'a' && c <= 'f') d = static_cast<unsigned int>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = static_cast<unsigned int>(c - 'A' + 10);
        else return false;
        v = v * 16 + d;
    }
    value = static_cast<Uint16>(v);
    return true;
}

}  // namespace

bool parseTagKey(const char *path, DcmTagKey &key) {
    // Called for every attribute of every header scanned: no sscanf.
    if (std::strlen(path) != 9 || path[4] != ',') return false;
    Uint16 group = 0, element = 0;
    if (!hex4(path, group) || !hex4(path + 5, element)) return false;
    key = DcmTagKey(group, element);
    return true;
}

DcmElement *findElement(DcmItem *item, const char *path) {
    if (item == nullptr || path == nullptr) return nullptr;
    DcmTagKey key;
    if (parseTagKey(path, key)) {
        DcmElement *element = nullptr;
        if (item->findAndGetElement(key, element).good()) return element;
        return nullptr;
    }
    DcmPathProcessor processor;
    if (processor.findOrCreatePath(item, path, OFFalse).bad()) return nullptr;
    OFList<DcmPath *> results;
    if (processor.getResults(results) == 0) return nullptr;
    DcmPathNode *last = results.front()->back();
    if (last == nullptr || last->m_obj == nullptr) return nullptr;
    if (!last->m_obj->isLeaf()) return nullptr;
    return OFstatic_cast(DcmElement *, last->m_obj);
}

}  // namespace cdicom

extern "C" const char *CDICOMBridge_dcmtk_version(void) { return OFFIS_DCMTK_VERSION_STRING; }
