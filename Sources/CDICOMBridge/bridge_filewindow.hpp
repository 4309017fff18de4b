// One file read through a window of its bytes, shared by the nesting pre-scan and DCMTK's parse:
// a header scan costs one open and one read of the first 16 KiB (a CT header is 2-10 KiB), where
// DCMTK's own file stream makes several stdio calls per element (issue 16: they were a quarter of
// the scan's instructions). DCMTK still parses every byte it reads; values it leaves on disk (Pixel
// Data of a headers-only parse) keep DCMTK's own file offset, as with DcmInputFileStream.
#ifndef CDICOMBRIDGE_FILEWINDOW_HPP
#define CDICOMBRIDGE_FILEWINDOW_HPP

#include "bridge_common.hpp"

#include "dcmtk/dcmdata/dcistrma.h"
#include "dcmtk/dcmdata/dcistrmf.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cdicom {

/// A regular file opened for reading, with one window of its bytes in memory (moved on a miss).
class FileWindow {
public:
    FileWindow() = default;
    FileWindow(const FileWindow &) = delete;
    FileWindow &operator=(const FileWindow &) = delete;
    ~FileWindow();

    /// Opens `path` without blocking (a named pipe never waits for a writer), refuses what is not
    /// a regular file, and reads the first window. CDICOMBridge_UNREADABLE with `why` on failure.
    CDICOMBridge_status open(const char *path, std::string &why);

    /// The file's size in bytes when opened.
    size_t size() const { return size_; }

    /// `n` bytes at `pos` (n at most the window size), or nullptr when they lie beyond the end of
    /// the file or cannot be read. Valid until the next call.
    const uint8_t *at(size_t pos, size_t n);

    /// Copies up to `n` bytes at `pos` into `out` (large reads go straight to the file); returns
    /// the count copied, short only at the end of the file or on a read error.
    size_t read(size_t pos, void *out, size_t n);

    /// The whole file in memory (for a deflated dataset, which must be inflated whole).
    bool readAll(std::vector<uint8_t> &out);

    static constexpr size_t firstWindow = 16 * 1024, window = 64 * 1024;

private:
    bool fill(size_t pos, size_t n);
    int fd_ = -1;
    size_t size_ = 0;
    std::unique_ptr<uint8_t[]> bytes_;  // not zeroed: only the `length_` bytes read are used
    size_t capacity_ = 0, length_ = 0;
    size_t start_ = 0;
};

/// DCMTK's producer over a FileWindow, with DcmFileProducer's semantics (avail = bytes left in the
/// file, skip stops at the end, putback fails before the start).
class WindowProducer : public DcmProducer {
public:
    explicit WindowProducer(FileWindow &file) : file_(file) {}
    OFBool good() const override { return status_.good(); }
    OFCondition status() const override { return status_; }
    OFBool eos() override { return avail() == 0; }
    offile_off_t avail() override;
    offile_off_t read(void *buf, offile_off_t buflen) override;
    offile_off_t skip(offile_off_t skiplen) override;
    void putback(offile_off_t num) override;

private:
    FileWindow &file_;
    size_t pos_ = 0;
    OFCondition status_ = EC_Normal;
};

/// A DCMTK input stream over a FileWindow. Like DcmInputFileStream, values DCMTK leaves unread get
/// a DcmInputFileStreamFactory with the file's name and the value's offset (unless a compression
/// filter is installed, when there is none).
class WindowInputStream : public DcmInputStream {
public:
    WindowInputStream(FileWindow &file, const char *path) : DcmInputStream(&producer_), producer_(file), path_(path) {}
    DcmInputStreamFactory *newFactory() const override;

private:
    WindowProducer producer_;
    OFFilename path_;
};

}  // namespace cdicom

#endif
