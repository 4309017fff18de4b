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

namespace {

/// One step of a path: the tag of "Keyword" or "(gggg,eeee)", and the item index after it (or -1).
bool pathStep(const char *&p, DcmTagKey &key, long &index) {
    const char *start = p;
    while (*p != 0 && *p != '[' && *p != '.') ++p;
    std::string name(start, p);
    if (name.size() == 11 && name[0] == '(' && name[10] == ')') {
        if (!parseTagKey(name.substr(1, 9).c_str(), key)) return false;
    } else if (name.size() == 9 && parseTagKey(name.c_str(), key)) {
    } else {
        DcmTag tag;
        if (name.empty() || DcmTag::findTagFromName(name.c_str(), tag).bad()) return false;
        key = tag;
    }
    index = -1;
    if (*p == '[') {
        ++p;
        long value = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 9) value = value * 10 + (*p++ - '0'), ++digits;
        if (digits == 0 || *p != ']') return false;
        ++p;
        index = value;
    }
    if (*p == '.') ++p;
    return true;
}

}  // namespace

DcmObject *findObject(DcmItem *item, const char *path) {
    // Walked step by step, checking that every step into an item really is a sequence: DCMTK's
    // DcmPathProcessor casts an element of a sequence tag to a sequence without checking (a
    // MatrixRegistrationSequence written with another VR crashed it; found by fuzzing, Tests/Fuzz).
    if (item == nullptr || path == nullptr) return nullptr;
    const char *p = path;
    DcmItem *current = item;
    while (true) {
        DcmTagKey key;
        long index;
        if (!pathStep(p, key, index)) return nullptr;
        DcmElement *element = nullptr;
        if (current->findAndGetElement(key, element, OFFalse).bad() || element == nullptr) return nullptr;
        if (index < 0) return *p == 0 ? element : nullptr;
        if (element->ident() != EVR_SQ) return nullptr;
        DcmSequenceOfItems *sequence = OFdynamic_cast(DcmSequenceOfItems *, element);
        if (sequence == nullptr || static_cast<unsigned long>(index) >= sequence->card()) return nullptr;
        DcmItem *next = sequence->getItem(static_cast<unsigned long>(index));
        if (next == nullptr) return nullptr;
        if (*p == 0) return next;
        current = next;
    }
}

DcmElement *findElement(DcmItem *item, const char *path) {
    if (item == nullptr || path == nullptr) return nullptr;
    DcmTagKey key;
    if (parseTagKey(path, key)) {
        DcmElement *element = nullptr;
        if (item->findAndGetElement(key, element).good()) return element;
        return nullptr;
    }
    DcmObject *object = findObject(item, path);
    if (object == nullptr || !object->isLeaf()) return nullptr;
    return OFstatic_cast(DcmElement *, object);
}

}  // namespace cdicom

extern "C" const char *CDICOMBridge_dcmtk_version(void) { return OFFIS_DCMTK_VERSION_STRING; }
