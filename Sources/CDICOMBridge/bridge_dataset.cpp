// Reading: header scan, attribute access and pixel decoding through DCMTK.
#include "bridge_common.hpp"

#include <cstdio>
#include <cstring>
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

struct ldb_dataset {
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

namespace {

/// Reads the first bytes of `path` to tell a DICOM file from anything else: a Part 10 file has
/// "DICM" at offset 128; a raw dataset (no preamble) starts with a group 0002 or 0008 tag.
ldb_status sniff(const char *path, std::string &why) {
    FILE *f = std::fopen(path, "rb");
    if (f == nullptr) {
        why = "cannot open the file";
        return LDB_UNREADABLE;
    }
    unsigned char head[132];
    size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    if (n == sizeof head && std::memcmp(head + 128, "DICM", 4) == 0) return LDB_OK;
    if (n >= 8 && (head[0] == 0x08 || head[0] == 0x02) && head[1] == 0x00 && head[3] == 0x00) return LDB_OK;
    why = "not a DICOM file (no DICM preamble, no dataset)";
    return LDB_NOT_DICOM;
}

}  // namespace

extern "C" ldb_status ldb_dataset_open(const char *path, int headers_only, ldb_dataset **out,
                                       char *message, size_t message_size) {
    if (path == nullptr || out == nullptr) return LDB_INVALID;
    *out = nullptr;
    ldb::registerCodecs();
    std::string why;
    ldb_status kind = sniff(path, why);
    if (kind != LDB_OK) {
        ldb::setMessage(message, message_size, why);
        return kind;
    }
    ldb_dataset *ds = new (std::nothrow) ldb_dataset();
    if (ds == nullptr) return LDB_UNREADABLE;
    try {
        // Headers only: parse the whole file but leave values longer than 4 KiB on disk (DCMTK reads
        // them on demand), so Pixel Data is skipped yet a file cut short inside it is still noticed.
        OFCondition cond = ds->file.loadFile(path, EXS_Unknown, EGL_noChange,
                                             headers_only ? 4096 : DCM_MaxReadLength, ERM_autoDetect);
        if (cond.bad()) {
            ldb::setMessage(message, message_size, std::string("DCMTK cannot read it: ") + cond.text());
            delete ds;
            return LDB_UNREADABLE;
        }
    } catch (...) {
        ldb::setMessage(message, message_size, "DCMTK failed while parsing it");
        delete ds;
        return LDB_UNREADABLE;
    }
    ds->headersOnly = headers_only != 0;
    *out = ds;
    return LDB_OK;
}

extern "C" void ldb_dataset_destroy(ldb_dataset *dataset) { delete dataset; }

extern "C" long ldb_dataset_get_string(ldb_dataset *dataset, const char *tag_path, char *buffer,
                                       size_t buffer_size) {
    if (dataset == nullptr || tag_path == nullptr) return -1;
    DcmElement *element = nullptr;
    DcmTagKey key;
    if (ldb::parseTagKey(tag_path, key)) {
        // The dataset first, then the file meta information (group 0002), e.g. MediaStorageSOPClassUID.
        element = dataset->topLevel(key);
    } else {
        element = ldb::findElement(dataset->file.getDataset(), tag_path);
        if (element == nullptr) element = ldb::findElement(dataset->file.getMetaInfo(), tag_path);
    }
    if (element == nullptr || element->getLength() == 0) return -1;
    OFString value;
    if (element->getOFStringArray(value).bad()) return -1;
    if (buffer != nullptr && buffer_size > 0) std::snprintf(buffer, buffer_size, "%s", value.c_str());
    return static_cast<long>(value.length());
}

extern "C" long ldb_dataset_item_count(ldb_dataset *dataset, const char *tag_path) {
    if (dataset == nullptr || tag_path == nullptr) return 0;
    DcmItem *root = dataset->file.getDataset();
    DcmSequenceOfItems *sequence = nullptr;
    DcmTagKey key;
    if (ldb::parseTagKey(tag_path, key)) {
        if (root->findAndGetSequence(key, sequence).bad() || sequence == nullptr) return 0;
        return static_cast<long>(sequence->card());
    }
    DcmPathProcessor processor;
    if (processor.findOrCreatePath(root, tag_path, OFFalse).bad()) return 0;
    OFList<DcmPath *> results;
    if (processor.getResults(results) == 0) return 0;
    DcmPathNode *last = results.front()->back();
    if (last == nullptr || last->m_obj == nullptr || last->m_obj->ident() != EVR_SQ) return 0;
    return static_cast<long>(OFstatic_cast(DcmSequenceOfItems *, last->m_obj)->card());
}

extern "C" void ldb_dataset_transfer_syntax(ldb_dataset *dataset, char *buffer, size_t buffer_size) {
    if (dataset == nullptr || buffer == nullptr || buffer_size == 0) return;
    E_TransferSyntax xfer = dataset->file.getDataset()->getOriginalXfer();
    DcmXfer x(xfer);
    std::snprintf(buffer, buffer_size, "%s", x.getXferID());
    // A dataset read from a file whose meta header names the syntax: prefer that text.
    OFString uid;
    if (dataset->file.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, uid).good() && !uid.empty())
        std::snprintf(buffer, buffer_size, "%s", uid.c_str());
}

extern "C" int ldb_dataset_has_pixel_data(ldb_dataset *dataset) {
    if (dataset == nullptr) return 0;
    return dataset->file.getDataset()->tagExists(DCM_PixelData) ? 1 : 0;
}

namespace {

/// Converts the pixel data to native little endian (decompressing through the registered codecs).
ldb_status decodeAll(ldb_dataset *ds, char *message, size_t message_size) {
    if (ds->headersOnly) {
        ldb::setMessage(message, message_size, "opened headers-only; pixel data not read");
        return LDB_INVALID;
    }
    if (ds->decoded) return LDB_OK;
    DcmDataset *data = ds->file.getDataset();
    if (!data->tagExists(DCM_PixelData)) {
        ldb::setMessage(message, message_size, "no Pixel Data (7FE0,0010)");
        return LDB_MISSING;
    }
    E_TransferSyntax original = data->getOriginalXfer();
    DcmXfer xfer(original);
    if (xfer.isEncapsulated()) {
        OFCondition cond;
        try {
            cond = data->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        } catch (...) {
            cond = EC_CannotChangeRepresentation;
        }
        if (cond.bad() || !data->canWriteXfer(EXS_LittleEndianExplicit)) {
            std::string text = std::string("cannot decode pixel data in transfer syntax ") + xfer.getXferName()
                + " (" + xfer.getXferID() + "): ";
            bool knownUnsupported = original == EXS_JPEG2000LosslessOnly || original == EXS_JPEG2000
                || original == EXS_JPEG2000MulticomponentLosslessOnly || original == EXS_JPEG2000Multicomponent;
            text += knownUnsupported ? "DCMTK's free edition has no JPEG 2000 decoder" : cond.text();
            ldb::setMessage(message, message_size, text);
            return knownUnsupported || cond == EC_CannotChangeRepresentation ? LDB_UNSUPPORTED : LDB_UNREADABLE;
        }
    }
    ds->decoded = true;
    return LDB_OK;
}

}  // namespace

namespace {

/// Frame `frame` of `count` 16-bit words inside the decoded Pixel Data (BitsAllocated 16).
ldb_status frameWords16(DcmDataset *data, unsigned long frame, size_t count, const Uint16 *&out, char *message,
                        size_t message_size) {
    const Uint16 *words = nullptr;
    unsigned long n = 0;
    if (data->findAndGetUint16Array(DCM_PixelData, words, &n).bad() || words == nullptr) {
        ldb::setMessage(message, message_size, "Pixel Data cannot be read as 16-bit words");
        return LDB_UNREADABLE;
    }
    if ((frame + 1) * count > n) {
        ldb::setMessage(message, message_size, "Pixel Data is shorter than Rows x Columns x NumberOfFrames (truncated?)");
        return LDB_UNREADABLE;
    }
    out = words + frame * count;
    return LDB_OK;
}

/// All bytes of the decoded Pixel Data (BitsAllocated 8 or 1), at least `needed` of them.
ldb_status pixelBytes(DcmDataset *data, size_t needed, const Uint8 *&out, char *message, size_t message_size) {
    const Uint8 *bytes = nullptr;
    unsigned long n = 0;
    if (data->findAndGetUint8Array(DCM_PixelData, bytes, &n).bad() || bytes == nullptr) {
        ldb::setMessage(message, message_size, "Pixel Data cannot be read as bytes");
        return LDB_UNREADABLE;
    }
    if (needed > n) {
        ldb::setMessage(message, message_size, "Pixel Data is shorter than Rows x Columns x NumberOfFrames (truncated?)");
        return LDB_UNREADABLE;
    }
    out = bytes;
    return LDB_OK;
}

}  // namespace

extern "C" ldb_status ldb_dataset_frame_words(ldb_dataset *dataset, unsigned long frame, size_t count,
                                              const uint16_t **out, char *message, size_t message_size) {
    if (dataset == nullptr || out == nullptr) return LDB_INVALID;
    *out = nullptr;
    ldb_status status = decodeAll(dataset, message, message_size);
    if (status != LDB_OK) return status;
    DcmDataset *data = dataset->file.getDataset();
    Uint16 bitsAllocated = 0;
    data->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    if (bitsAllocated != 16) return LDB_OK;  // the caller copies (and widens) through ldb_dataset_read_frame_u16
    try {
        const Uint16 *words = nullptr;
        status = frameWords16(data, frame, count, words, message, message_size);
        if (status == LDB_OK) *out = words;
        return status;
    } catch (...) {
        ldb::setMessage(message, message_size, "DCMTK failed while reading Pixel Data");
        return LDB_UNREADABLE;
    }
}

extern "C" ldb_status ldb_dataset_read_frame_u16(ldb_dataset *dataset, unsigned long frame, uint16_t *out,
                                                 size_t count, char *message, size_t message_size) {
    if (dataset == nullptr || out == nullptr) return LDB_INVALID;
    ldb_status status = decodeAll(dataset, message, message_size);
    if (status != LDB_OK) return status;
    DcmDataset *data = dataset->file.getDataset();
    Uint16 bitsAllocated = 0;
    data->findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    try {
        if (bitsAllocated == 16) {
            const Uint16 *words = nullptr;
            status = frameWords16(data, frame, count, words, message, message_size);
            if (status != LDB_OK) return status;
            std::memcpy(out, words, count * sizeof(Uint16));
            return LDB_OK;
        }
        if (bitsAllocated == 8) {
            const Uint8 *bytes = nullptr;
            status = pixelBytes(data, (frame + 1) * count, bytes, message, message_size);
            if (status != LDB_OK) return status;
            for (size_t i = 0; i < count; ++i) out[i] = bytes[frame * count + i];
            return LDB_OK;
        }
    } catch (...) {
        ldb::setMessage(message, message_size, "DCMTK failed while reading Pixel Data");
        return LDB_UNREADABLE;
    }
    ldb::setMessage(message, message_size,
                    "unsupported BitsAllocated " + std::to_string(bitsAllocated) + " (expected 8 or 16)");
    return LDB_UNSUPPORTED;
}

extern "C" ldb_status ldb_dataset_read_pixel_bytes(ldb_dataset *dataset, uint8_t *out, size_t count,
                                                   char *message, size_t message_size) {
    if (dataset == nullptr || out == nullptr) return LDB_INVALID;
    ldb_status status = decodeAll(dataset, message, message_size);
    if (status != LDB_OK) return status;
    const Uint8 *bytes = nullptr;
    status = pixelBytes(dataset->file.getDataset(), count, bytes, message, message_size);
    if (status != LDB_OK) return status;
    std::memcpy(out, bytes, count);
    return LDB_OK;
}
