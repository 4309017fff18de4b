// Writing: DICOM files for the project's own synthetic fixtures, through DCMTK.
#include "bridge_common.hpp"

#include "dcmtk/dcmjpeg/djrplol.h"
#include "dcmtk/dcmjpls/djrparam.h"
#include "dcmtk/dcmdata/dcrlerp.h"

#include <cstdio>
#include <new>

struct CDICOMBridge_writer {
    DcmFileFormat file;
};

extern "C" CDICOMBridge_writer *CDICOMBridge_writer_create(void) {
    return cdicom::guardedValue(static_cast<CDICOMBridge_writer *>(nullptr), [] {
        cdicom::registerCodecs();
        return new CDICOMBridge_writer();
    });
}

extern "C" void CDICOMBridge_writer_destroy(CDICOMBridge_writer *writer) {
    cdicom::guardedValue(0, [&] {
        delete writer;
        return 0;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_writer_put_string(CDICOMBridge_writer *writer, const char *tag_path, const char *value,
                                            char *message, size_t message_size) {
    if (writer == nullptr || tag_path == nullptr || value == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "writing the dataset", [&]() -> CDICOMBridge_status {
        DcmDataset *data = writer->file.getDataset();
        // "GGGG,EEEE" becomes DCMTK's path form "(GGGG,EEEE)"; the element is created with its
        // dictionary VR and set from text (numbers of binary VRs such as US are parsed).
        DcmTagKey key;
        std::string path = cdicom::parseTagKey(tag_path, key) ? std::string("(") + tag_path + ")" : std::string(tag_path);
        DcmPathProcessor processor;
        OFCondition cond = processor.findOrCreatePath(data, path.c_str(), OFTrue);
        if (cond.good()) {
            OFList<DcmPath *> results;
            processor.getResults(results);
            DcmPathNode *last = results.empty() ? nullptr : results.front()->back();
            if (last == nullptr || last->m_obj == nullptr || !last->m_obj->isLeaf()) {
                cond = EC_IllegalCall;
            } else {
                cond = OFstatic_cast(DcmElement *, last->m_obj)->putOFStringArray(value);
            }
        }
        if (cond.bad()) {
            cdicom::setMessage(message, message_size, std::string("cannot set ") + tag_path + ": " + cond.text());
            return CDICOMBridge_INVALID;
        }
        return CDICOMBridge_OK;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_writer_put_pixels_u16(CDICOMBridge_writer *writer, const uint16_t *words, size_t count,
                                                char *message, size_t message_size) {
    if (writer == nullptr || words == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "writing the dataset", [&]() -> CDICOMBridge_status {
        OFCondition cond = writer->file.getDataset()->putAndInsertUint16Array(
            DCM_PixelData, words, static_cast<unsigned long>(count));
        if (cond.bad()) {
            cdicom::setMessage(message, message_size, std::string("cannot set Pixel Data: ") + cond.text());
            return CDICOMBridge_INVALID;
        }
        return CDICOMBridge_OK;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_writer_put_pixels_u8(CDICOMBridge_writer *writer, const uint8_t *bytes, size_t count,
                                               char *message, size_t message_size) {
    if (writer == nullptr || bytes == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "writing the dataset", [&]() -> CDICOMBridge_status {
        OFCondition cond = writer->file.getDataset()->putAndInsertUint8Array(
            DCM_PixelData, bytes, static_cast<unsigned long>(count));
        if (cond.bad()) {
            cdicom::setMessage(message, message_size, std::string("cannot set Pixel Data: ") + cond.text());
            return CDICOMBridge_INVALID;
        }
        return CDICOMBridge_OK;
    });
}

extern "C" CDICOMBridge_status CDICOMBridge_writer_save(CDICOMBridge_writer *writer, const char *path, const char *transfer_syntax_uid,
                                      char *message, size_t message_size) {
    if (writer == nullptr || path == nullptr || transfer_syntax_uid == nullptr) return CDICOMBridge_INVALID;
    return cdicom::guarded(message, message_size, "writing the dataset", [&]() -> CDICOMBridge_status {
        DcmXfer target(transfer_syntax_uid);
        E_TransferSyntax xfer = target.getXfer();
        if (xfer == EXS_Unknown) {
            cdicom::setMessage(message, message_size, std::string("unknown transfer syntax ") + transfer_syntax_uid);
            return CDICOMBridge_INVALID;
        }
        DcmDataset *data = writer->file.getDataset();
        OFCondition cond = EC_Normal;
        if (target.isEncapsulated()) {
            DJ_RPLossless jpegLossless(1, 0);  // process 14, selection value 1, no point transform
            DJLSRepresentationParameter jpegLS(0, OFTrue);  // lossless
            DcmRLERepresentationParameter rle;
            const DcmRepresentationParameter *parameters = nullptr;
            if (xfer == EXS_JPEGProcess14SV1 || xfer == EXS_JPEGProcess14) parameters = &jpegLossless;
            else if (xfer == EXS_JPEGLSLossless) parameters = &jpegLS;
            else if (xfer == EXS_RLELossless) parameters = &rle;
            cond = data->chooseRepresentation(xfer, parameters);
            if (cond.good() && !data->canWriteXfer(xfer)) cond = EC_CannotChangeRepresentation;
        }
        if (cond.good()) {
            std::string temporary = std::string(path) + ".tmp-ldb";
            cond = writer->file.saveFile(temporary.c_str(), xfer, EET_ExplicitLength, EGL_recalcGL, EPD_noChange,
                                         0, 0, EWM_createNewMeta);
            if (cond.good() && std::rename(temporary.c_str(), path) != 0) cond = EC_IllegalCall;
            if (cond.bad()) std::remove(temporary.c_str());
        }
        if (cond.bad()) {
            cdicom::setMessage(message, message_size, std::string("cannot write ") + path + ": " + cond.text());
            return CDICOMBridge_INVALID;
        }
        return CDICOMBridge_OK;
    });
}
