// C-FIND and C-GET on one association (Study Root Query/Retrieve Information Model, PS3.4 C.6.2).
#include "net_common.hpp"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

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
constexpr size_t kKeyCount = sizeof(kKeyTags) / sizeof(kKeyTags[0]);

struct Match {
    std::string values[kKeyCount];
};

/// DcmSCU with our handlers: C-FIND identifiers collected as text, C-GET's C-STORE sub-operations
/// written atomically into the destination folder.
class QRClient : public DcmSCU {
  public:
    // --- C-FIND
    std::vector<Match> matches;
    size_t maxMatches = 0;
    bool overflow = false;
    Uint16 lastStatus = 0xFFFF;

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                   OFBool &waitForNextResponse) override {
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

    // --- C-GET
    std::string folder;
    CDICOMNetBridge_instance_callback callback = nullptr;
    void *context = nullptr;
    CDICOMNetBridge_retrieve_outcome outcome{};
    bool cancelled = false;
    std::string storeProblem;

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &continueCGETSession) override {
        if (response != nullptr) {
            outcome.final_status = response->m_status;
            outcome.completed = response->m_numberOfCompletedSubops;
            outcome.failed = response->m_numberOfFailedSubops;
            outcome.warning = response->m_numberOfWarningSubops;
        }
        return DcmSCU::handleCGETResponse(presID, response, continueCGETSession);
    }

    OFCondition handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset *incomingObject,
                                   OFBool &continueCGETSession, Uint16 &cStoreReturnStatus) override {
        if (incomingObject == nullptr) return DIMSE_NULLKEY;
        std::unique_ptr<DcmDataset> dataset(incomingObject);
        OFString sopClass, sopInstance;
        dataset->findAndGetOFString(DCM_SOPClassUID, sopClass);
        dataset->findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
        std::string uid = sopInstance.c_str();
        if (!ldn::isValidUID(uid) || sopClass.empty()) {
            // Never a file name built from an invalid UID (it could hold "/" or ".."): refused.
            cStoreReturnStatus = STATUS_STORE_Error_CannotUnderstand;
            outcome.refused++;
            if (storeProblem.empty()) storeProblem = "an object with an invalid SOPInstanceUID \"" + uid.substr(0, 80) + "\" was refused";
            return EC_Normal;
        }
        const std::string path = folder + "/" + uid + ".dcm";
        struct stat info;
        int32_t skipped = 0;
        if (stat(path.c_str(), &info) == 0) {
            skipped = 1;
            outcome.skipped++;
        } else {
            const std::string temporary = folder + "/." + uid + ".partial-" + std::to_string(getpid());
            DcmFileFormat file(dataset.release(), OFFalse);  // takes ownership
            OFCondition cond = file.saveFile(temporary.c_str());
            if (cond.bad() || std::rename(temporary.c_str(), path.c_str()) != 0) {
                std::remove(temporary.c_str());
                cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
                outcome.refused++;
                if (storeProblem.empty()) storeProblem = "cannot write " + path + (cond.bad() ? std::string(": ") + cond.text() : "");
                return EC_Normal;
            }
            outcome.written++;
        }
        cStoreReturnStatus = STATUS_Success;
        if (callback != nullptr && callback(context, uid.c_str(), sopClass.c_str(), path.c_str(), skipped) != 0) {
            cancelled = true;
            continueCGETSession = OFFalse;
        }
        return EC_Normal;
    }
};

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

void put(DcmDataset &query, const DcmTagKey &tag, const std::string &value) {
    OFCondition cond = query.putAndInsertOFStringArray(tag, value.c_str());
    if (cond.bad()) throw ldn::Failure{CDICOMNetBridge_INVALID, std::string("query key ") + DcmTag(tag).getTagName() + ": " + cond.text()};
}

std::string hex(Uint16 status) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%04X", status);
    return buffer;
}

}  // namespace

struct CDICOMNetBridge_qr {
    QRClient client;
    CDICOMNetBridge_association_parameters parameters{};
    std::string called, calling, host;
    bool broken = false;
    std::string node() const { return ldn::nodeName(parameters); }
};

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
        ldn::configure(qr->client, qr->parameters);
        OFList<OFString> uncompressed = ldn::uncompressedSyntaxes();
        qr->client.addPresentationContext(UID_VerificationSOPClass, uncompressed);
        qr->client.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, uncompressed);
        qr->client.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, uncompressed);
        OFList<OFString> storage = storageSyntaxes();
        for (const char *sopClass : kStorageClasses) qr->client.addPresentationContext(sopClass, storage, ASC_SC_ROLE_SCP);
        ldn::connect(qr->client, qr->parameters);
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
            if (!text(query->study_instance_uid).empty()) put(keys, DCM_StudyInstanceUID, requiredUID(query->study_instance_uid, "StudyInstanceUID"));
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

extern "C" CDICOMNetBridge_status CDICOMNetBridge_qr_get(CDICOMNetBridge_qr *qr, const CDICOMNetBridge_retrieve_request *request,
                                                         CDICOMNetBridge_instance_callback callback, void *context,
                                                         CDICOMNetBridge_retrieve_outcome *outcome, char *message,
                                                         size_t message_size) {
    *outcome = CDICOMNetBridge_retrieve_outcome{};
    outcome->final_status = 0xFFFF;
    QRClient &client = qr->client;
    client.outcome = *outcome;
    client.cancelled = false;
    client.storeProblem.clear();
    CDICOMNetBridge_status status = ldn::guarded(message, message_size, [&] {
        if (request == nullptr) throw ldn::Failure{CDICOMNetBridge_INVALID, "no retrieve request"};
        if (!client.isConnected() || qr->broken)
            throw ldn::Failure{CDICOMNetBridge_FAILED, qr->node() + ": the association is closed"};
        std::string study = requiredUID(request->study_instance_uid, "StudyInstanceUID");
        struct stat info;
        std::string folder = text(request->destination_folder);
        if (folder.empty() || stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
            throw ldn::Failure{CDICOMNetBridge_IO, "the destination folder " + folder + " does not exist"};
        T_ASC_PresentationContextID presID =
            client.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
        if (presID == 0)
            throw ldn::Failure{CDICOMNetBridge_REJECTED, qr->node() + ": the node does not offer Study Root C-GET"};
        DcmDataset keys;
        put(keys, DCM_QueryRetrieveLevel, levelName(request->level));
        put(keys, DCM_StudyInstanceUID, study);
        if (request->level != CDICOMNetBridge_LEVEL_STUDY)
            put(keys, DCM_SeriesInstanceUID, requiredUID(request->series_instance_uid, "SeriesInstanceUID"));
        if (request->level == CDICOMNetBridge_LEVEL_IMAGE) {
            if (request->sop_instance_uids == nullptr || request->sop_instance_count == 0)
                throw ldn::Failure{CDICOMNetBridge_INVALID, "an IMAGE-level C-GET needs SOPInstanceUIDs"};
            std::string list;
            for (size_t i = 0; i < request->sop_instance_count; ++i) {
                if (i > 0) list += "\\";
                list += requiredUID(request->sop_instance_uids[i], "SOPInstanceUID");
            }
            put(keys, DCM_SOPInstanceUID, list);
        }
        client.folder = folder;
        client.callback = callback;
        client.context = context;
        OFCondition cond = client.sendCGETRequest(presID, &keys, nullptr);
        if (client.cancelled) {
            qr->broken = true;
            throw ldn::Failure{CDICOMNetBridge_CANCELLED, qr->node() + ": retrieve of study " + study + " stopped"};
        }
        if (cond.bad()) {
            qr->broken = true;
            throw ldn::Failure{ldn::dimseStatus(cond), qr->node() + ": C-GET of study " + study + " failed: " + cond.text() + ldn::peerHint(cond)};
        }
        const CDICOMNetBridge_retrieve_outcome &got = client.outcome;
        if (!client.storeProblem.empty())
            throw ldn::Failure{CDICOMNetBridge_IO, qr->node() + ": study " + study + ": " + client.storeProblem};
        if (got.final_status != STATUS_Success || got.failed > 0 || got.warning > 0)
            throw ldn::Failure{CDICOMNetBridge_FAILED,
                               qr->node() + ": C-GET of study " + study + " ended with status " + hex(got.final_status) + " (" +
                                   std::to_string(got.completed) + " completed, " + std::to_string(got.failed) + " failed, " +
                                   std::to_string(got.warning) + " warning sub-operations)"};
    });
    *outcome = client.outcome;
    client.callback = nullptr;
    client.context = nullptr;
    return status;
}
