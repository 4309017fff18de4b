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

namespace ldb {

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

void setMessage(char *message, size_t size, const std::string &text) {
    if (message == nullptr || size == 0) return;
    std::snprintf(message, size, "%s", text.c_str());
}

bool parseTagKey(const char *path, DcmTagKey &key) {
    if (std::strlen(path) != 9 || path[4] != ',') return false;
    unsigned int group = 0, element = 0;
    char extra = 0;
    if (std::sscanf(path, "%4x,%4x%c", &group, &element, &extra) != 2) return false;
    key = DcmTagKey(static_cast<Uint16>(group), static_cast<Uint16>(element));
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

}  // namespace ldb

extern "C" const char *ldb_dcmtk_version(void) { return OFFIS_DCMTK_VERSION_STRING; }
