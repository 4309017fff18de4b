// C-STORE of a list of files on one association (Storage Service Class, PS3.4 B).
#include "net_common.hpp"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmdata/dcxfer.h"

#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace {

struct FileInfo {
    std::string path, sopClass, transferSyntax;
    bool readable = false;
    std::string problem;
};

/// SOPClassUID and TransferSyntaxUID of one file (its meta header and the start of its dataset).
FileInfo inspect(const char *path) {
    FileInfo info;
    info.path = path != nullptr ? path : "";
    if (info.path.empty()) {
        info.problem = "empty file name";
        return info;
    }
    DcmFileFormat file;
    OFCondition cond = file.loadFileUntilTag(info.path.c_str(), EXS_Unknown, EGL_noChange, 256, ERM_autoDetect,
                                             DCM_SOPInstanceUID);
    if (cond.bad()) {
        info.problem = std::string("DCMTK cannot read it: ") + cond.text();
        return info;
    }
    OFString sopClass;
    file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
    if (sopClass.empty()) file.getMetaInfo()->findAndGetOFString(DCM_MediaStorageSOPClassUID, sopClass);
    if (sopClass.empty()) {
        info.problem = "it has no SOPClassUID";
        return info;
    }
    info.sopClass = sopClass.c_str();
    info.transferSyntax = DcmXfer(file.getDataset()->getOriginalXfer()).getXferID();
    info.readable = true;
    return info;
}

void fill(CDICOMNetBridge_store_result &result, CDICOMNetBridge_status status, uint16_t dimse, const std::string &text) {
    result.status = status;
    result.dimse_status = dimse;
    ldn::setMessage(result.message, sizeof result.message, text);
}

}  // namespace

extern "C" CDICOMNetBridge_status CDICOMNetBridge_store_files(const CDICOMNetBridge_association_parameters *parameters,
                                                              const char *const *paths, size_t count,
                                                              CDICOMNetBridge_store_result *results, char *message,
                                                              size_t message_size) {
    for (size_t i = 0; i < count; ++i) fill(results[i], CDICOMNetBridge_INTERNAL, 0xFFFF, "not attempted");
    CDICOMNetBridge_status status = ldn::guarded(message, message_size, [&] {
        if (parameters == nullptr) throw ldn::Failure{CDICOMNetBridge_INVALID, "no association parameters"};
        std::unique_ptr<DcmTransportLayer> tls;  // outlives scu
        ldn::Client scu;
        ldn::configure(scu, *parameters);
        scu.setDatasetConversionMode(OFTrue);  // uncompressed files may go in either little-endian syntax
        std::vector<FileInfo> files;
        std::set<std::pair<std::string, std::string>> contexts;
        std::set<std::string> classes;
        for (size_t i = 0; i < count; ++i) {
            files.push_back(inspect(paths[i]));
            const FileInfo &info = files.back();
            if (!info.readable) continue;
            classes.insert(info.sopClass);
            DcmXfer xfer(info.transferSyntax.c_str());
            if (xfer.isEncapsulated() || xfer.getXfer() == EXS_DeflatedLittleEndianExplicit)
                contexts.insert({info.sopClass, info.transferSyntax});
        }
        // One uncompressed context per SOP class, one per (class, compressed syntax); at most 128 (PS3.8 7.1.1.13).
        if (classes.size() + contexts.size() > 127)
            throw ldn::Failure{CDICOMNetBridge_INVALID, "too many SOP class / transfer syntax combinations for one association"};
        for (const std::string &sopClass : classes) scu.addPresentationContext(sopClass.c_str(), ldn::uncompressedSyntaxes());
        for (const auto &context : contexts) {
            OFList<OFString> one;
            one.push_back(context.second.c_str());
            scu.addPresentationContext(context.first.c_str(), one);
        }
        for (size_t i = 0; i < count; ++i)
            if (!files[i].readable) fill(results[i], CDICOMNetBridge_INVALID, 0xFFFF, files[i].path + ": " + files[i].problem);
        if (classes.empty()) return;
        ldn::connect(scu, *parameters, tls);
        const std::string node = ldn::nodeName(*parameters);
        bool broken = false;
        for (size_t i = 0; i < count; ++i) {
            const FileInfo &info = files[i];
            if (!info.readable) continue;
            if (broken) {
                fill(results[i], CDICOMNetBridge_FAILED, 0xFFFF, node + ": not sent, the association broke before");
                continue;
            }
            // A compressed file goes only in its own syntax; an uncompressed one in any accepted little-endian one.
            DcmXfer xfer(info.transferSyntax.c_str());
            T_ASC_PresentationContextID presID =
                xfer.isEncapsulated() || xfer.getXfer() == EXS_DeflatedLittleEndianExplicit
                    ? scu.findPresentationContextID(info.sopClass.c_str(), info.transferSyntax.c_str())
                    : scu.findAnyPresentationContextID(info.sopClass.c_str(), UID_LittleEndianExplicitTransferSyntax);
            if (presID == 0) {
                fill(results[i], CDICOMNetBridge_REJECTED, 0xFFFF,
                     node + ": the node accepted no presentation context for " + info.sopClass + " in " + info.transferSyntax);
                continue;
            }
            Uint16 dimse = 0xFFFF;
            OFCondition cond = scu.sendSTORERequest(presID, OFFilename(info.path.c_str()), nullptr, dimse);
            if (cond.bad()) {
                fill(results[i], ldn::dimseStatus(cond), dimse, node + ": C-STORE of " + info.path + " failed: " + cond.text());
                broken = !scu.isConnected() || cond == DIMSE_NODATAAVAILABLE || cond == DUL_PEERABORTEDASSOCIATION;
                continue;
            }
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%04X", dimse);
            fill(results[i], CDICOMNetBridge_OK, dimse, dimse == 0 ? "" : node + ": C-STORE of " + info.path + " answered status " + hex);
        }
        if (broken) scu.abortAssociation();
        else scu.releaseAssociation();
    });
    if (status != CDICOMNetBridge_OK) {
        for (size_t i = 0; i < count; ++i)
            if (results[i].status == CDICOMNetBridge_INTERNAL && results[i].dimse_status == 0xFFFF)
                fill(results[i], status, 0xFFFF, message != nullptr ? message : "");
    }
    return status;
}
