// Internal helpers shared by the bridge's .cpp files (not part of the C ABI).
#ifndef CDICOMBRIDGE_COMMON_HPP
#define CDICOMBRIDGE_COMMON_HPP

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcpath.h"
#include "CDICOMBridge.h"

#include <string>

namespace ldb {

/// Registers DCMTK's JPEG, JPEG-LS and RLE decoders and encoders once per process.
void registerCodecs();

/// Copies `text` into `message` (NUL-terminated, truncated to `size`).
void setMessage(char *message, size_t size, const std::string &text);

/// Finds the element at `path` ("GGGG,EEEE" or DCMTK path syntax) in `item`; nullptr when absent.
DcmElement *findElement(DcmItem *item, const char *path);

/// Parses "GGGG,EEEE" (hex); false when `path` is not of that form.
bool parseTagKey(const char *path, DcmTagKey &key);

}  // namespace ldb

#endif
