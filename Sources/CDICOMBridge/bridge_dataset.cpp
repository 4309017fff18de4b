// Reading: header scan, attribute access and pixel decoding through DCMTK.
#include "bridge_common.hpp"
#include "bridge_filewindow.hpp"

#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include <algorithm>
#include <utility>

/// Top-level elements of one item by tag, sorted: a header scan asks for ~45 attributes of every
/// file, and DcmItem::findAndGetElement walks the element list from the start each time.
class ElementIndex {
public:
    void build(DcmItem *item) {
        entries.clear();
        if (item == nullptr) return;
        for (DcmObject *o = item->nextInContainer(nullptr); o != nullptr; o = item->nextInContainer(o)) {
            entries.emplace_back(key(o->getTag()), OFstatic_cast(DcmElement *, o));  // an item holds elements only
        }
        // Stable: of two elements with one tag, the first in the list wins, as with findAndGetElement.
        std::stable_sort(entries.begin(), entries.end(),
                         [](const Entry &a, const Entry &b) { return a.first < b.first; });
    }

    DcmElement *find(const DcmTagKey &tag) const {
        Uint32 k = key(tag);
        auto it = std::lower_bound(entries.begin(), entries.end(), k,
                                   [](const Entry &e, Uint32 value) { return e.first < value; });
        return it != entries.end() && it->first == k ? it->second : nullptr;
    }

private:
    using Entry = std::pair<Uint32, DcmElement *>;
    static Uint32 key(const DcmTagKey &tag) { return (Uint32(tag.getGroup()) << 16) | tag.getElement(); }
    std::vector<Entry> entries;
};

struct CDICOMBridge_dataset {
    DcmFileFormat file;
    bool headersOnly = false;
    bool decoded = false;  // pixel data converted to a native representation
    // Built on the first top-level lookup. The bridge never adds or removes elements of a dataset
    // it reads (decoding changes only Pixel Data's representation, not the element), so the
    // pointers stay valid for the handle's life.
    bool indexed = false;
    ElementIndex dataIndex, metaIndex;

    DcmElement *topLevel(const DcmTagKey &tag) {
        if (!indexed) {
            dataIndex.build(file.getDataset());
            metaIndex.build(file.getMetaInfo());
            indexed = true;
        }
        DcmElement *element = dataIndex.find(tag);
        return element != nullptr ? element : metaIndex.find(tag);
    }
};

extern "C" CDICOMBridge_status CDICOMBridge_dataset_open(const char *path, int headers_only, CDICOMBridge_dataset **out,
                                                         char *message, size_t message_size) {
    if (path == nullptr || out == nullptr) return CDICOMBridge_INVALID;
    *out = nullptr;
    return cdicom::guarded(message, message_size, "reading the file", [&]() -> CDICOMBridge_status {
        cdicom::registerCodecs();
        std::string why;
        cdicom::FileWindow window;
        CDICOMBridge_status kind = window.open(path, why);
        if (kind == CDICOMBridge_OK) kind = cdicom::prescan(window, why);
        if (kind != CDICOMBridge_OK) {
            cdicom::setMessage(message, message_size, why);
            return kind;
        }
        std::unique_ptr<CDICOMBridge_dataset> ds(new CDICOMBridge_dataset());
        // What DcmFileFormat::loadFile does, on a stream over the bytes the pre-scan already read.
        // Headers only: parse the whole file but leave values longer than 1 KiB on disk (DCMTK reads
        // them on demand), so Pixel Data is skipped yet a file cut short inside it is still noticed,
        // and even a 32 x 32 plane's Pixel Data keeps its place in the file for the decode
        // (CDICOMBridge_dataset_pixel_data_location).
        cdicom::WindowInputStream stream(window, path);
        OFCondition cond = stream.status();
        if (cond.good()) cond = ds->file.clear();
        if (cond.good()) {
            ds->file.setReadMode(ERM_autoDetect);
            ds->file.transferInit();
            cond = ds->file.read(stream, EXS_Unknown, EGL_noChange, headers_only ? 1024 : DCM_MaxReadLength);
            ds->file.transferEnd();
        }
        if (cond.bad()) {
            cdicom::setMessage(message, message_size, std::string("DCMTK cannot read it: ") + cond.text());
            return CDICOMBridge_UNREADABLE;
        }
        ds->headersOnly = headers_only != 0;
        *out = ds.release();
        return CDICOMBridge_OK;
    });
}

extern "C" void CDICOMBridge_dataset_destroy(CDICOMBridge_dataset *dataset) {
    cdicom::guardedValue(0, [&] {
        delete dataset;
        return 0;
    });
}

extern "C" long CDICOMBridge_dataset_get_string(CDICOMBridge_dataset *dataset, const char *tag_path, char *buffer,
                                                size_t buffer_size) {
    if (dataset == nullptr || tag_path == nullptr) return -1;
    return cdicom::guardedValue(-1L, [&]() -> long {
        DcmElement *element = nullptr;
        DcmTagKey key;
        if (cdicom::parseTagKey(tag_path, key)) {
            // The dataset first, then the file meta information (group 0002), e.g. MediaStorageSOPClassUID.
            element = dataset->topLevel(key);
        } else {
            element = cdicom::findElement(dataset->file.getDataset(), tag_path);
            if (element == nullptr) element = cdicom::findElement(dataset->file.getMetaInfo(), tag_path);
        }
        if (element == nullptr) return -1;
        if (element->getLength() == 0) {  // present but empty (0 tells it from absent)
            if (buffer != nullptr && buffer_size > 0) buffer[0] = 0;
            return 0;
        }
        // A sequence or Pixel Data has no string form; DCMTK would read a value left on disk.
        if (element->ident() == EVR_SQ || element->getTag() == DCM_PixelData) return -1;
        // A string VR's whole value, as stored (the caller trims padding): DCMTK's getOFStringArray
        // re-counts the values for each value it copies, quadratic on a 100 000-point ContourData.
        if (element->isaString()) {
            char *raw = nullptr;
            Uint32 length = 0;
            if (element->getString(raw, length).bad()) return -1;
            if (raw == nullptr) length = 0;
            if (buffer != nullptr && buffer_size > 0) {
                size_t n = length < buffer_size - 1 ? length : buffer_size - 1;
                if (n > 0) std::memcpy(buffer, raw, n);
                buffer[n] = '\0';
            }
            return static_cast<long>(length);
        }
        OFString value;
        if (element->getOFStringArray(value).bad()) return -1;
        if (buffer != nullptr && buffer_size > 0) std::snprintf(buffer, buffer_size, "%s", value.c_str());
        return static_cast<long>(value.length());
    });
}

extern "C" long CDICOMBridge_dataset_item_count(CDICOMBridge_dataset *dataset, const char *tag_path) {
    if (dataset == nullptr || tag_path == nullptr) return 0;
    return cdicom::guardedValue(0L, [&]() -> long {
        DcmItem *root = dataset->file.getDataset();
        DcmSequenceOfItems *sequence = nullptr;
        DcmTagKey key;
        if (cdicom::parseTagKey(tag_path, key)) {
            if (root->findAndGetSequence(key, sequence).bad() || sequence == nullptr) return 0;
            return static_cast<long>(sequence->card());
        }
        DcmObject *object = cdicom::findObject(root, tag_path);
        if (object == nullptr || object->ident() != EVR_SQ) return 0;
        DcmSequenceOfItems *found = OFdynamic_cast(DcmSequenceOfItems *, object);
        return found != nullptr ? static_cast<long>(found->card()) : 0;
    });
}

extern "C" void CDICOMBridge_dataset_transfer_syntax(CDICOMBridge_dataset *dataset, char *buffer, size_t buffer_size) {
    if (dataset == nullptr || buffer == nullptr || buffer_size == 0) return;
    buffer[0] = 0;
    cdicom::guardedValue(0, [&] {
        E_TransferSyntax xfer = dataset->file.getDataset()->getOriginalXfer();
        DcmXfer x(xfer);
        std::snprintf(buffer, buffer_size, "%s", x.getXferID());
        // A dataset read from a file whose meta header names the syntax: prefer that text.
        OFString uid;
        if (dataset->file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, uid).good() && !uid.empty())
            std::snprintf(buffer, buffer_size, "%s", uid.c_str());
        return 0;
    });
}

extern "C" int CDICOMBridge_dataset_has_pixel_data(CDICOMBridge_dataset *dataset) {
    if (dataset == nullptr) return 0;
    return cdicom::guardedValue(0, [&] { return dataset->file.getDataset()->tagExists(DCM_PixelData) ? 1 : 0; });
}

extern "C" long long CDICOMBridge_dataset_pixel_data_length(CDICOMBridge_dataset *dataset) {
    if (dataset == nullptr) return -1;
    return cdicom::guardedValue(-1LL, [&]() -> long long {
        DcmElement *element = dataset->topLevel(DCM_PixelData);
        if (element == nullptr) return -1;
        Uint32 length = element->getLength();
        if (length != DCM_UndefinedLength) return static_cast<long long>(length);
        // Encapsulated: the sum of the fragments (the Basic Offset Table item included).
        DcmPixelData *pixels = OFdynamic_cast(DcmPixelData *, element);
        if (pixels == nullptr) return -1;
        DcmPixelSequence *sequence = nullptr;
        if (pixels->getEncapsulatedRepresentation(dataset->file.getDataset()->getOriginalXfer(), nullptr, sequence).bad()
            || sequence == nullptr)
            return -1;
        long long total = 0;
        for (unsigned long i = 0; i < sequence->card(); ++i) {
            DcmPixelItem *item = nullptr;
            if (sequence->getItem(item, i).good() && item != nullptr) total += item->getLength();
        }
        return total;
    });
}

namespace {

/// Converts the pixel data to native little endian (decompressing through the registered codecs).
CDICOMBridge_status decodeAll(CDICOMBridge_dataset *ds, char *message, size_t message_size) {
    if (ds->headersOnly) {
        cdicom::setMessage(message, message_size, "opened headers-only; pixel data not read");
        return CDICOMBridge_INVALID;
    }
    if (ds->decoded) return CDICOMBridge_OK;
    DcmDataset *data = ds->file.getDataset();
    if (!data->tagExists(DCM_PixelData)) {
        cdicom::setMessage(message, message_size, "no Pixel Data (7FE0,0010)");
        return CDICOMBridge_MISSING;
    }
    E_TransferSyntax original = data->getOriginalXfer();
    DcmXfer xfer(original);
    if (xfer.isEncapsulated()) {
        OFCondition cond = data->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        if (cond.bad() || !data->canWriteXfer(EXS_LittleEndianExplicit)) {
            std::string text = std::string("cannot decode pixel data in transfer syntax ") + xfer.getXferName()
                + " (" + xfer.getXferID() + "): ";
            bool knownUnsupported = original == EXS_JPEG2000LosslessOnly || original == EXS_JPEG2000
                || original == EXS_JPEG2000MulticomponentLosslessOnly || original == EXS_JPEG2000Multicomponent;
            text += knownUnsupported ? "DCMTK's free edition has no JPEG 2000 decoder" : cond.text();
            cdicom::setMessage(message, message_size, text);
            return knownUnsupported || cond == EC_CannotChangeRepresentation ? CDICOMBridge_UNSUPPORTED
                                                                             : CDICOMBridge_UNREADABLE;
        }
    }
    ds->decoded = true;
    return CDICOMBridge_OK;
}

/// Whether frames 0 … frame of `count` units each fit in `available` units (no overflow).
bool framesFit(unsigned long frame, size_t count, unsigned long available) {
    return count == 0 || frame < available / count;
}

/// Frame `frame` of `count` 16-bit words inside the decoded Pixel Data (BitsAllocated 16).
CDICOMBridge_status frameWords16(DcmDataset *data, unsigned long frame, size_t count, const Uint16 *&out,
                                 char *message, size_t message_size) {
    const Uint16 *words = nullptr;
    unsigned long n = 0;
    if (data->findAndGetUint16Array(DCM_PixelData, words, &n).bad() || words == nullptr) {
        cdicom::setMessage(message, message_size, "Pixel Data cannot be read as 16-bit words");
        return CDICOMBridge_UNREADABLE;
    }
    if (!framesFit(frame, count, n)) {
        cdicom::setMessage(message, message_size, "Pixel Data is shorter than Rows x Columns x NumberOfFrames (truncated?)");
        return CDICOMBridge_UNREADABLE;
    }
    out = words + frame * count;
    return CDICOMBridge_OK;
}

/// All bytes of the decoded Pixel Data (BitsAllocated 8 or 1), at least frames 0 … frame of `count`.
CDICOMBridge_status pixelBytes(DcmDataset *data, unsigned long frame, size_t count, const Uint8 *&out,
                               char *message, size_t message_size) {
    const Uint8 *bytes = nullptr;
    unsigned long n = 0;
    if (data->findAndGetUint8Array(DCM_PixelData, bytes, &n).bad() || bytes == nullptr) {
        cdicom::setMessage(message, message_size, "Pixel Data cannot be read as bytes");
        return CDICOMBridge_UNREADABLE;
    }
    if (!framesFit(frame, count, n)) {
        cdicom::setMessage(message, message_size, "Pixel Data is shorter than Rows x Columns x NumberOfFrames (truncated?)");
        return CDICOMBridge_UNREADABLE;
    }
    out = bytes;
    return CDICOMBridge_OK;
}

}  // namespace

extern "C" CDICOMBridge_status CDICOMBridge_dataset_frame_words(CDICOMBridge_dataset *dataset, unsigned long frame,
                                                                size_t count, const uint16_t **out, char *message,
                                                                size_t message_size) {
    if (dataset == nullptr || out == nullptr) return CDICOMBridge_INVALID;
    *out = nullptr;
    return cdicom::guarded(message, message_size, "reading Pixel Data", [&]() -> CDICOMBridge_status {
        CDICOMBridge_status status = decodeAll(dataset, message, message_size);
        if (status != CDICOMBridge_OK) return status;
        DcmDataset *data = dataset->file.getDataset();
        Uint16 bitsAllocated = 0;
        data->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
        if (bitsAllocated != 16) return CDICOMBridge_OK;  // the caller copies (and widens) through read_frame_u16
        const Uint16 *words = nullptr;
        status = frameWords16(data, frame, count, words, message, message_size);
        if (status == CDICOMBridge_OK) *out = words;
        return status;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_dataset_read_frame_u16(CDICOMBridge_dataset *dataset, unsigned long frame,
                                                                   uint16_t *out, size_t count, char *message,
                                                                   size_t message_size) {
    if (dataset == nullptr || out == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "reading Pixel Data", [&]() -> CDICOMBridge_status {
        CDICOMBridge_status status = decodeAll(dataset, message, message_size);
        if (status != CDICOMBridge_OK) return status;
        DcmDataset *data = dataset->file.getDataset();
        Uint16 bitsAllocated = 0;
        data->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
        if (bitsAllocated == 16) {
            const Uint16 *words = nullptr;
            status = frameWords16(data, frame, count, words, message, message_size);
            if (status != CDICOMBridge_OK) return status;
            std::memcpy(out, words, count * sizeof(Uint16));
            return CDICOMBridge_OK;
        }
        if (bitsAllocated == 8) {
            const Uint8 *bytes = nullptr;
            status = pixelBytes(data, frame, count, bytes, message, message_size);
            if (status != CDICOMBridge_OK) return status;
            for (size_t i = 0; i < count; ++i) out[i] = bytes[frame * count + i];
            return CDICOMBridge_OK;
        }
        cdicom::setMessage(message, message_size,
                           "unsupported BitsAllocated " + std::to_string(bitsAllocated) + " (expected 8 or 16)");
        return CDICOMBridge_UNSUPPORTED;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_dataset_read_pixel_bytes(CDICOMBridge_dataset *dataset, uint8_t *out,
                                                                     size_t count, char *message, size_t message_size) {
    if (dataset == nullptr || out == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "reading Pixel Data", [&]() -> CDICOMBridge_status {
        CDICOMBridge_status status = decodeAll(dataset, message, message_size);
        if (status != CDICOMBridge_OK) return status;
        const Uint8 *bytes = nullptr;
        status = pixelBytes(dataset->file.getDataset(), 0, count, bytes, message, message_size);
        if (status != CDICOMBridge_OK) return status;
        std::memcpy(out, bytes, count);
        return CDICOMBridge_OK;
    });
}

// MARK: decode-once support: the Pixel Data value's place in the file (issue 16)

#include "dcmtk/dcmdata/dcistrmf.h"  // DcmInputFileStreamFactory (kept here, beside its one user)

extern "C" CDICOMBridge_status CDICOMBridge_dataset_pixel_data_location(CDICOMBridge_dataset *dataset, uint64_t *offset,
                                                                         uint64_t *length) {
    if (dataset == nullptr || offset == nullptr || length == nullptr) return CDICOMBridge_INVALID;
    *offset = 0;
    *length = 0;
    return cdicom::guardedValue(CDICOMBridge_UNREADABLE, [&]() -> CDICOMBridge_status {
        E_TransferSyntax xfer = dataset->file.getDataset()->getOriginalXfer();
        if (xfer != EXS_LittleEndianExplicit && xfer != EXS_LittleEndianImplicit) return CDICOMBridge_MISSING;
        DcmElement *element = dataset->topLevel(DCM_PixelData);
        if (element == nullptr || element->valueLoaded()) return CDICOMBridge_MISSING;
        const DcmInputStreamFactory *factory = element->getInputStream();
        if (factory == nullptr || factory->ident() != DFT_DcmInputFileStreamFactory) return CDICOMBridge_MISSING;
        Uint32 valueLength = element->getLengthField();
        if (valueLength == DCM_UndefinedLength) return CDICOMBridge_MISSING;
        offile_off_t start = OFstatic_cast(const DcmInputFileStreamFactory *, factory)->getOffset();
        if (start < 0) return CDICOMBridge_MISSING;
        *offset = static_cast<uint64_t>(start);
        *length = valueLength;
        return CDICOMBridge_OK;
    });
}
