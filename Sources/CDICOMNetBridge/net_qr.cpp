// The Query/Retrieve association (Study Root Query/Retrieve Information Model, PS3.4 C.6.2): open,
// close and C-FIND. C-GET is in net_get.cpp.
#include "net_qr.hpp"

#include "dcmtk/dcmdata/dcuid.h"

#include <cstdio>
#include <memory>

namespace {

/// The storage SOP classes a course needs (PS3.4 B.5), offered with the SCP role for C-GET.
const char *const kStorageClasses[] = {
    UID_CTImageStorage, UID_EnhancedCTImageStorage, UID_SegmentationStorage, UID_RTStructureSetStorage,
    UID_SpatialRegistrationStorage, UID_ComprehensiveSRStorage, UID_EnhancedSRStorage,
};

/// The transfer syntaxes we accept objects in: uncompressed, and the lossless (and baseline JPEG)
/// compressions DICOMImport decodes. JPEG 2000 is left out on purpose: the node then sends it
/// transcoded (or fails the sub-operation) rather than giving us files DCMTK cannot decode.
OFList<OFString> storageSyntaxes() {
    OFList<OFString> syntaxes = ldn::uncompressedSyntaxes();
    syntaxes.push_back(UID_JPEGProcess14SV1TransferSyntax);
    syntaxes.push_back(UID_JPEGProcess14TransferSyntax);
    syntaxes.push_back(UID_JPEGLSLosslessTransferSyntax);
    syntaxes.push_back(UID_RLELosslessTransferSyntax);
    syntaxes.push_back(UID_DeflatedExplicitVRLittleEndianTransferSyntax);
    syntaxes.push_back(UID_JPEGProcess1TransferSyntax);
    return syntaxes;
}

const DcmTagKey kKeyTags[] = {
    DCM_PatientID, DCM_StudyInstanceUID, DCM_StudyDate, DCM_StudyTime, DCM_ModalitiesInStudy,
    DCM_NumberOfStudyRelatedInstances, DCM_SeriesInstanceUID, DCM_Modality, DCM_NumberOfSeriesRelatedInstances,
    DCM_SOPInstanceUID, DCM_SOPClassUID,
};
static_assert(sizeof(kKeyTags) / sizeof(kKeyTags[0]) == ldn::kKeyCount, "one tag per CDICOMNetBridge_key");

}  // namespace

namespace ldn {

OFCondition QRClient::handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                         OFBool &waitForNextResponse) {
    if (response != nullptr) {
        lastStatus = response->m_status;
        if (DICOM_PENDING_STATUS(response->m_status) && response->m_dataset != nullptr) {
            if (matches.size() >= maxMatches) {
                overflow = true;
            } else {
                Match match;
                for (size_t k = 0; k < kKeyCount; ++k) {
                    OFString value;
                    if (response->m_dataset->findAndGetOFStringArray(kKeyTags[k], value).good())
                        match.values[k] = std::string(value.c_str()).substr(0, 4096);
                }
                matches.push_back(std::move(match));
            }
        }
    }
    return DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
}

const char *levelName(CDICOMNetBridge_level level) {
    switch (level) {
    case CDICOMNetBridge_LEVEL_STUDY: return "STUDY";
    case CDICOMNetBridge_LEVEL_SERIES: return "SERIES";
    case CDICOMNetBridge_LEVEL_IMAGE: return "IMAGE";
    }
    return "STUDY";
}

std::string text(const char *value) { return value != nullptr ? value : ""; }

std::string requiredUID(const char *value, const char *what) {
    std::string uid = text(value);
    if (!ldn::isValidUID(uid)) throw ldn::Failure{CDICOMNetBridge_INVALID, std::string(what) + " \"" + uid + "\" is not a UID"};
    return uid;
}

std::string requiredUIDList(const char *value, const char *what) {
    std::string list = text(value);
    size_t start = 0;
    while (true) {
        size_t end = list.find('\\', start);
        std::string uid = list.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!isValidUID(uid)) throw Failure{CDICOMNetBridge_INVALID, std::string(what) + " \"" + uid + "\" is not a UID"};
        if (end == std::string::npos) return list;
        start = end + 1;
    }
}

void put(DcmDataset &query, const DcmTagKey &tag, const std::string &value) {
    OFCondition cond = query.putAndInsertOFStringArray(tag, value.c_str());
    if (cond.bad()) throw ldn::Failure{CDICOMNetBridge_INVALID, std::string("query key ") + DcmTag(tag).getTagName() + ": " + cond.text()};
}

std::string hex(Uint16 status) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%04X", status);
    return buffer;
}

}  // namespace ldn

using namespace ldn;

struct CDICOMNetBridge_matches {
    std::vector<Match> matches;
};

extern "C" size_t CDICOMNetBridge_storage_class_count(void) { return sizeof(kStorageClasses) / sizeof(kStorageClasses[0]); }

extern "C" const char *CDICOMNetBridge_storage_class(size_t index) {
    return index < CDICOMNetBridge_storage_class_count() ? kStorageClasses[index] : "";
}

extern "C" CDICOMNetBridge_status CDICOMNetBridge_qr_open(const CDICOMNetBridge_association_parameters *parameters,
                                                          CDICOMNetBridge_qr **out, char *message, size_t message_size) {
    *out = nullptr;
    return ldn::guarded(message, message_size, [&] {
        if (parameters == nullptr) throw ldn::Failure{CDICOMNetBridge_INVALID, "no association parameters"};
        std::unique_ptr<CDICOMNetBridge_qr> qr(new CDICOMNetBridge_qr());
        qr->called = text(parameters->called_ae_title);
        qr->calling = text(parameters->calling_ae_title);
        qr->host = text(parameters->host);
        qr->parameters = *parameters;
        qr->parameters.called_ae_title = qr->called.c_str();
        qr->parameters.calling_ae_title = qr->calling.c_str();
        qr->parameters.host = qr->host.c_str();
        std::string *copies[] = {&qr->trusted, &qr->certificate, &qr->key};
        const char **fields[] = {&qr->parameters.tls_trusted_certificates_file, &qr->parameters.tls_certificate_file,
                                 &qr->parameters.tls_private_key_file};
        for (int i = 0; i < 3; ++i)
            if (*fields[i] != nullptr) {
                *copies[i] = *fields[i];
                *fields[i] = copies[i]->c_str();
            }
        ldn::configure(qr->client, qr->parameters);
        OFList<OFString> uncompressed = ldn::uncompressedSyntaxes();
        qr->client.addPresentationContext(UID_VerificationSOPClass, uncompressed);
        qr->client.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, uncompressed);
        qr->client.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, uncompressed);
        OFList<OFString> storage = storageSyntaxes();
        for (const char *sopClass : kStorageClasses) qr->client.addPresentationContext(sopClass, storage, ASC_SC_ROLE_SCP);
        ldn::connect(qr->client, qr->parameters, qr->tls);
        *out = qr.release();
    });
}

extern "C" void CDICOMNetBridge_qr_destroy(CDICOMNetBridge_qr *qr) {
    if (qr == nullptr) return;
    try {
        if (qr->client.isConnected()) {
            if (qr->broken) qr->client.abortAssociation();
            else qr->client.releaseAssociation();
        }
    } catch (...) {
    }
    delete qr;
}

extern "C" CDICOMNetBridge_status CDICOMNetBridge_qr_find(CDICOMNetBridge_qr *qr, const CDICOMNetBridge_query *query,
                                                          size_t max_matches, CDICOMNetBridge_matches **out,
                                                          char *message, size_t message_size) {
    *out = nullptr;
    return ldn::guarded(message, message_size, [&] {
        if (query == nullptr) throw ldn::Failure{CDICOMNetBridge_INVALID, "no query"};
        if (!qr->client.isConnected() || qr->broken)
            throw ldn::Failure{CDICOMNetBridge_FAILED, qr->node() + ": the association is closed"};
        T_ASC_PresentationContextID presID =
            qr->client.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
        if (presID == 0)
            throw ldn::Failure{CDICOMNetBridge_REJECTED, qr->node() + ": the node does not offer Study Root C-FIND"};
        DcmDataset keys;
        put(keys, DCM_QueryRetrieveLevel, levelName(query->level));
        for (const DcmTagKey &tag : kKeyTags) keys.insertEmptyElement(tag);
        if (query->level == CDICOMNetBridge_LEVEL_STUDY) {
            keys.findAndDeleteElement(DCM_SeriesInstanceUID);
            keys.findAndDeleteElement(DCM_Modality);
            keys.findAndDeleteElement(DCM_NumberOfSeriesRelatedInstances);
            keys.findAndDeleteElement(DCM_SOPInstanceUID);
            keys.findAndDeleteElement(DCM_SOPClassUID);
            if (!text(query->patient_id).empty()) put(keys, DCM_PatientID, query->patient_id);
            if (!text(query->study_instance_uid).empty()) put(keys, DCM_StudyInstanceUID, requiredUIDList(query->study_instance_uid, "StudyInstanceUID"));
            if (!text(query->modality).empty()) put(keys, DCM_ModalitiesInStudy, query->modality);
            if (!text(query->study_date).empty()) put(keys, DCM_StudyDate, query->study_date);
        } else {
            keys.findAndDeleteElement(DCM_ModalitiesInStudy);
            keys.findAndDeleteElement(DCM_NumberOfStudyRelatedInstances);
            put(keys, DCM_StudyInstanceUID, requiredUID(query->study_instance_uid, "StudyInstanceUID"));
            if (query->level == CDICOMNetBridge_LEVEL_SERIES) {
                keys.findAndDeleteElement(DCM_SOPInstanceUID);
                keys.findAndDeleteElement(DCM_SOPClassUID);
                if (!text(query->modality).empty()) put(keys, DCM_Modality, query->modality);
            } else {
                keys.findAndDeleteElement(DCM_NumberOfSeriesRelatedInstances);
                put(keys, DCM_SeriesInstanceUID, requiredUID(query->series_instance_uid, "SeriesInstanceUID"));
            }
        }
        QRClient &client = qr->client;
        client.matches.clear();
        client.maxMatches = max_matches;
        client.overflow = false;
        client.lastStatus = 0xFFFF;
        OFCondition cond = client.sendFINDRequest(presID, &keys, nullptr);
        if (cond.bad()) {
            qr->broken = true;
            throw ldn::Failure{ldn::dimseStatus(cond), qr->node() + ": C-FIND failed: " + cond.text() + ldn::peerHint(cond)};
        }
        if (client.lastStatus != STATUS_Success)
            throw ldn::Failure{CDICOMNetBridge_FAILED, qr->node() + ": C-FIND ended with status " + hex(client.lastStatus)};
        if (client.overflow)
            throw ldn::Failure{CDICOMNetBridge_INVALID, qr->node() + ": more than " + std::to_string(max_matches) +
                                                            " matches; narrow the query"};
        std::unique_ptr<CDICOMNetBridge_matches> result(new CDICOMNetBridge_matches());
        result->matches = std::move(client.matches);
        *out = result.release();
    });
}

extern "C" size_t CDICOMNetBridge_matches_count(const CDICOMNetBridge_matches *matches) { return matches->matches.size(); }

extern "C" const char *CDICOMNetBridge_matches_value(const CDICOMNetBridge_matches *matches, size_t index,
                                                     CDICOMNetBridge_key key) {
    size_t k = static_cast<size_t>(key);
    if (index >= matches->matches.size() || k >= kKeyCount) return "";
    return matches->matches[index].values[k].c_str();
}

extern "C" void CDICOMNetBridge_matches_destroy(CDICOMNetBridge_matches *matches) { delete matches; }
