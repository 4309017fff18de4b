#include "bridge_filewindow.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cdicom {

FileWindow::~FileWindow() {
    if (fd_ >= 0) ::close(fd_);
}

CDICOMBridge_status FileWindow::open(const char *path, std::string &why) {
    fd_ = ::open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) {
        why = std::string("cannot open the file: ") + std::strerror(errno);
        return CDICOMBridge_UNREADABLE;
    }
    struct stat info;
    if (fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
        why = "not a regular file (named pipe, device or folder): not read";
        return CDICOMBridge_UNREADABLE;
    }
    size_ = static_cast<size_t>(info.st_size);
    if (!fill(0, std::min(size_, firstWindow))) {
        why = std::string("cannot read the file: ") + std::strerror(errno);
        return CDICOMBridge_UNREADABLE;
    }
    return CDICOMBridge_OK;
}

bool FileWindow::fill(size_t pos, size_t n) {
    if (capacity_ < n) {
        bytes_.reset(new uint8_t[n]);
        capacity_ = n;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t got = ::pread(fd_, bytes_.get() + done, n - done, static_cast<off_t>(pos + done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        done += static_cast<size_t>(got);
    }
    length_ = done;
    start_ = pos;
    return done == n;
}

const uint8_t *FileWindow::at(size_t pos, size_t n) {
    if (pos > size_ || size_ - pos < n) return nullptr;
    if (pos >= start_ && pos - start_ <= length_ && length_ - (pos - start_) >= n) return bytes_.get() + (pos - start_);
    if (n > window || !fill(pos, std::min(size_ - pos, window))) return nullptr;
    return bytes_.get();
}

size_t FileWindow::read(size_t pos, void *out, size_t n) {
    if (pos >= size_) return 0;
    n = std::min(n, size_ - pos);
    uint8_t *target = static_cast<uint8_t *>(out);
    size_t done = 0;
    // What the window holds first, then whole windows or one direct read for the rest.
    if (pos >= start_ && pos - start_ < length_) {
        done = std::min(n, length_ - (pos - start_));
        std::memcpy(target, bytes_.get() + (pos - start_), done);
    }
    while (done < n) {
        size_t left = n - done;
        if (left >= window) {
            ssize_t got = ::pread(fd_, target + done, left, static_cast<off_t>(pos + done));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) break;
            done += static_cast<size_t>(got);
        } else {
            if (!fill(pos + done, std::min(size_ - (pos + done), window)) && length_ < left) {
                std::memcpy(target + done, bytes_.get(), length_);
                return done + length_;
            }
            std::memcpy(target + done, bytes_.get(), left);
            done += left;
        }
    }
    return done;
}

bool FileWindow::readAll(std::vector<uint8_t> &out) {
    out.resize(size_);
    return read(0, out.data(), size_) == size_;
}

offile_off_t WindowProducer::avail() {
    return status_.good() ? static_cast<offile_off_t>(file_.size() - std::min(pos_, file_.size())) : 0;
}

offile_off_t WindowProducer::read(void *buf, offile_off_t buflen) {
    if (status_.bad() || buflen <= 0) return 0;
    size_t got = file_.read(pos_, buf, static_cast<size_t>(buflen));
    if (got < static_cast<size_t>(buflen) && pos_ + got < file_.size()) status_ = EC_InvalidStream;  // a read error
    pos_ += got;
    return static_cast<offile_off_t>(got);
}

offile_off_t WindowProducer::skip(offile_off_t skiplen) {
    if (status_.bad() || skiplen <= 0) return 0;
    size_t n = std::min(static_cast<size_t>(skiplen), file_.size() - std::min(pos_, file_.size()));
    pos_ += n;
    return static_cast<offile_off_t>(n);
}

void WindowProducer::putback(offile_off_t num) {
    if (status_.bad() || num <= 0) return;
    if (static_cast<size_t>(num) > pos_) {
        status_ = EC_PutbackFailed;
        return;
    }
    pos_ -= static_cast<size_t>(num);
}

DcmInputStreamFactory *WindowInputStream::newFactory() const {
    // As DcmInputFileStream: no factory once a compression filter reads through this producer.
    if (currentProducer() != &producer_) return nullptr;
    return new DcmInputFileStreamFactory(path_, tell());
}

}  // namespace cdicom
