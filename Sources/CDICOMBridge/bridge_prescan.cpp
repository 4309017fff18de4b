// Pre-scan before DCMTK parses a file: DICOM at all, and sequences nested no deeper than
// CDICOMBridge_MAX_SEQUENCE_DEPTH. DCMTK 3.6.7 reads nested sequences recursively with no limit, so
// a file of 20 000 nested sequences overflows the stack inside DCMTK and takes the whole process;
// this walk is iterative and reads only element headers through the file's window (FileWindow), so
// skipped values such as Pixel Data are never read, and a CT header is walked in the bytes DCMTK
// then parses.
#include "bridge_filewindow.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace cdicom {
namespace {

constexpr uint32_t undefinedLength = 0xFFFFFFFFu;

/// The element stream's encoding.
struct Encoding {
    bool explicitVR = true;
    bool littleEndian = true;
};

/// An open container while walking: the dataset, a sequence (holding items), an item (holding
/// elements), or encapsulated Pixel Data (holding fragments, which are skipped).
struct Frame {
    enum Kind { dataset, sequence, item, fragments } kind;
    size_t end;  // SIZE_MAX: undefined length, closed by a delimitation item
    Encoding encoding;
};

/// Reads little/big-endian integers from the file's window, or from bytes in memory (an inflated
/// dataset). Callers check `pos + n <= size` first; a read error reads as zeros (the walk then
/// stops at something malformed, which DCMTK reports itself).
struct Bytes {
    FileWindow *file;
    const uint8_t *data;
    size_t size;
    const uint8_t *at(size_t pos, size_t n) const {
        static const uint8_t zeros[16] = {};
        if (file == nullptr) return data + pos;
        const uint8_t *p = file->at(pos, n);
        return p != nullptr ? p : zeros;
    }
    uint16_t u16(size_t at_, bool little) const {
        const uint8_t *d = at(at_, 2);
        return little ? uint16_t(d[0] | (d[1] << 8)) : uint16_t((d[0] << 8) | d[1]);
    }
    uint32_t u32(size_t at_, bool little) const {
        const uint8_t *d = at(at_, 4);
        uint32_t a = d[0], b = d[1], c = d[2], e = d[3];
        return little ? (a | (b << 8) | (c << 16) | (e << 24)) : ((a << 24) | (b << 16) | (c << 8) | e);
    }
    /// Copies `n` bytes at `pos` into `out` (zeros where they cannot be read).
    void copy(size_t pos, char *out, size_t n) const {
        if (file == nullptr) {
            std::memcpy(out, data + pos, n);
        } else if (file->read(pos, out, n) != n) {
            std::memset(out, 0, n);
        }
    }
    /// The two VR characters at `pos`.
    std::pair<uint8_t, uint8_t> vr(size_t pos) const {
        const uint8_t *d = at(pos, 2);
        return {d[0], d[1]};
    }
};

bool isUpper(uint8_t c) { return c >= 'A' && c <= 'Z'; }

/// VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 §7.1.2).
bool hasLongLength(std::pair<uint8_t, uint8_t> vr) {
    static const char *const longVRs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char *v : longVRs)
        if (vr.first == uint8_t(v[0]) && vr.second == uint8_t(v[1])) return true;
    return false;
}

/// Whether the data dictionary knows `group,element` as a sequence (implicit VR: no VR in the file).
bool dictionarySaysSequence(uint16_t group, uint16_t element) {
    DcmTag tag(group, element);
    return tag.getEVR() == EVR_SQ;
}

enum class Walk { ok, tooDeep };

/// Walks the element stream of `bytes` from `start`; stops quietly (Walk::ok) at anything
/// malformed, which DCMTK then reports itself. `metaEnd` receives the offset after group 0002
/// when `readMeta`, and `transferSyntax` its UID.
Walk walk(const Bytes &bytes, size_t start, Encoding encoding, int maxDepth) {
    std::vector<Frame> stack;
    stack.push_back({Frame::dataset, SIZE_MAX, encoding});
    int depth = 0;
    size_t pos = start;
    while (!stack.empty()) {
        Frame &top = stack.back();
        if (top.end != SIZE_MAX && pos >= top.end) {
            if (top.kind == Frame::sequence) --depth;
            stack.pop_back();
            continue;
        }
        if (pos > bytes.size || bytes.size - pos < 8) return Walk::ok;  // end of file (or truncated)
        bool little = top.encoding.littleEndian;
        uint16_t group = bytes.u16(pos, little), element = bytes.u16(pos + 2, little);
        if (group == 0xFFFE) {  // item and delimitation tags: tag + 4-byte length, no VR
            uint32_t length = bytes.u32(pos + 4, little);
            pos += 8;
            if (element == 0xE000) {
                if (top.kind == Frame::fragments) {
                    if (length == undefinedLength || length > bytes.size - pos) return Walk::ok;
                    pos += length;
                } else if (top.kind == Frame::sequence) {
                    size_t end = length == undefinedLength ? SIZE_MAX : pos + length;
                    if (length != undefinedLength && length > bytes.size - pos) end = bytes.size;
                    stack.push_back({Frame::item, end, top.encoding});
                } else {
                    return Walk::ok;  // an item outside a sequence: malformed, DCMTK decides
                }
            } else if (element == 0xE00D) {
                if (top.kind == Frame::item) stack.pop_back();
            } else if (element == 0xE0DD) {
                if (top.kind == Frame::item) stack.pop_back();  // missing item delimiter
                if (!stack.empty() && (stack.back().kind == Frame::sequence || stack.back().kind == Frame::fragments)) {
                    if (stack.back().kind == Frame::sequence) --depth;
                    stack.pop_back();
                }
            }
            continue;
        }
        if (top.kind == Frame::sequence || top.kind == Frame::fragments) return Walk::ok;  // not an item
        uint32_t length;
        bool sequence = false, undefinedNonSequence = false;
        Encoding childEncoding = top.encoding;
        // Group 0002 (file meta information) is always explicit VR little endian (PS3.10 §7.1).
        bool explicitVR = top.encoding.explicitVR || group == 0x0002;
        if (explicitVR) {
            auto vr = bytes.vr(pos + 4);
            if (!isUpper(vr.first) || !isUpper(vr.second)) return Walk::ok;
            if (hasLongLength(vr)) {
                if (bytes.size - pos < 12) return Walk::ok;
                length = bytes.u32(pos + 8, little);
                pos += 12;
            } else {
                length = bytes.u16(pos + 6, little);
                pos += 8;
            }
            bool isSQ = vr.first == 'S' && vr.second == 'Q';
            bool isUN = vr.first == 'U' && vr.second == 'N';
            if (isSQ) sequence = true;
            else if (isUN && length == undefinedLength) {  // read by DCMTK as an implicit VR LE sequence
                sequence = true;
                childEncoding = Encoding{false, true};
            } else if (length == undefinedLength) undefinedNonSequence = true;
        } else {
            length = bytes.u32(pos + 4, little);
            pos += 8;
            sequence = dictionarySaysSequence(group, element) || (length == undefinedLength && !(group == 0x7FE0 && element == 0x0010));
            undefinedNonSequence = !sequence && length == undefinedLength;
        }
        if (sequence) {
            if (++depth > maxDepth) return Walk::tooDeep;
            size_t end = length == undefinedLength ? SIZE_MAX : (length > bytes.size - pos ? bytes.size : pos + length);
            stack.push_back({Frame::sequence, end, childEncoding});
        } else if (undefinedNonSequence) {
            stack.push_back({Frame::fragments, SIZE_MAX, childEncoding});  // encapsulated Pixel Data
        } else {
            if (length > bytes.size - pos) return Walk::ok;
            pos += length;
        }
    }
    return Walk::ok;
}

/// The transfer syntax UID in the file meta information starting at `pos` (explicit VR LE), and
/// the offset after group 0002; empty when there is none.
std::string metaTransferSyntax(const Bytes &bytes, size_t &pos) {
    std::string uid;
    while (bytes.size - pos >= 8 && bytes.u16(pos, true) == 0x0002) {
        uint16_t element = bytes.u16(pos + 2, true);
        auto vr = bytes.vr(pos + 4);
        uint32_t length;
        size_t header;
        if (hasLongLength(vr)) {
            if (bytes.size - pos < 12) break;
            length = bytes.u32(pos + 8, true);
            header = 12;
        } else {
            length = bytes.u16(pos + 6, true);
            header = 8;
        }
        if (length == undefinedLength || length > bytes.size - pos - header) break;
        if (element == 0x0010) {
            uid.assign(length, '\0');
            bytes.copy(pos + header, &uid[0], length);
            while (!uid.empty() && (uid.back() == 0 || uid.back() == ' ')) uid.pop_back();
        }
        pos += header + length;
    }
    return uid;
}

/// Inflates a deflated dataset (PS3.5 A.5: raw deflate) into `out`, at most `limit` bytes.
bool inflateAll(const Bytes &bytes, size_t start, std::vector<uint8_t> &out, size_t limit) {
    z_stream stream;
    std::memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return false;
    stream.next_in = const_cast<Bytef *>(bytes.data + start);  // bytes in memory
    stream.avail_in = static_cast<uInt>(std::min<size_t>(bytes.size - start, 0x7FFFFFFF));
    int rc = Z_OK;
    while (rc == Z_OK && out.size() < limit) {
        size_t old = out.size();
        out.resize(old + (size_t(1) << 20));
        stream.next_out = out.data() + old;
        stream.avail_out = 1 << 20;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.resize(old + (1 << 20) - stream.avail_out);
    }
    inflateEnd(&stream);
    return true;
}

}  // namespace

CDICOMBridge_status prescan(FileWindow &file, std::string &why) noexcept {
    try {
        Bytes bytes{&file, nullptr, file.size()};
        size_t pos = 0;
        const uint8_t *head = file.at(0, std::min<size_t>(file.size(), 132));
        bool part10 = head != nullptr && file.size() >= 132 && std::memcmp(head + 128, "DICM", 4) == 0;
        if (part10) {
            pos = 132;
        } else if (!(head != nullptr && file.size() >= 8 && (head[0] == 0x08 || head[0] == 0x02) && head[1] == 0x00 && head[3] == 0x00)) {
            why = "not a DICOM file (no DICM preamble, no dataset)";
            return CDICOMBridge_NOT_DICOM;
        }
        std::string uid = metaTransferSyntax(bytes, pos);
        Encoding encoding;
        if (uid == "1.2.840.10008.1.2") encoding = Encoding{false, true};
        else if (uid == "1.2.840.10008.1.2.2") encoding = Encoding{true, false};
        else if (uid.empty() && bytes.size - pos >= 6) {
            auto vr = bytes.vr(pos + 4);
            encoding.explicitVR = isUpper(vr.first) && isUpper(vr.second);
        }
        Walk result;
        if (uid == "1.2.840.10008.1.2.1.99") {  // deflated explicit VR little endian
            std::vector<uint8_t> whole, inflated;
            if (file.readAll(whole)) inflateAll(Bytes{nullptr, whole.data(), whole.size()}, pos, inflated, size_t(1) << 30);
            result = walk(Bytes{nullptr, inflated.data(), inflated.size()}, 0, encoding, CDICOMBridge_MAX_SEQUENCE_DEPTH);
        } else {
            result = walk(bytes, pos, encoding, CDICOMBridge_MAX_SEQUENCE_DEPTH);
        }
        if (result == Walk::tooDeep) {
            why = "sequences nested deeper than " + std::to_string(CDICOMBridge_MAX_SEQUENCE_DEPTH)
                + " levels (refused before parsing; see Docs/Robustness.md)";
            return CDICOMBridge_UNREADABLE;
        }
        return CDICOMBridge_OK;
    } catch (...) {
        try {
            why = "out of memory while pre-scanning the file";
        } catch (...) {
        }
        return CDICOMBridge_UNREADABLE;
    }
}

}  // namespace cdicom
