// C-GET on the Query/Retrieve association; its C-STORE sub-operations are written atomically
// (PS3.4 C.4.3: they arrive on the same association, we act as the storage SCP).
#include "net_qr.hpp"

#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"

#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace ldn {

OFCondition QRClient::handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                         OFBool &continueCGETSession) {
    if (response != nullptr) {
        outcome.final_status = response->m_status;
        outcome.completed = response->m_numberOfCompletedSubops;
        outcome.failed = response->m_numberOfFailedSubops;
        outcome.warning = response->m_numberOfWarningSubops;
    }
    return DcmSCU::handleCGETResponse(presID, response, continueCGETSession);
}

OFCondition QRClient::handleSTORERequest(const T_ASC_PresentationContextID, DcmDataset *incomingObject,
                                         OFBool &continueCGETSession, Uint16 &cStoreReturnStatus) {
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

}  // namespace ldn

using namespace ldn;

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
