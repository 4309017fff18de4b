// Internal to the bridge: the DcmSCU subclass and the handle shared by net_qr.cpp (C-FIND) and
// net_get.cpp (C-GET with the storage sub-operations). Not part of the C ABI.
#ifndef CDICOMNETBRIDGE_QR_HPP
#define CDICOMNETBRIDGE_QR_HPP

#include "net_common.hpp"

#include "dcmtk/dcmdata/dcdeftag.h"

#include <string>
#include <vector>

namespace ldn {

/// Number of keys a match carries (CDICOMNetBridge_key 0...10).
constexpr size_t kKeyCount = 11;

struct Match {
    std::string values[kKeyCount];
};

/// DcmSCU with our handlers: C-FIND identifiers collected as text, C-GET's C-STORE sub-operations
/// written atomically into the destination folder.
class QRClient : public Client {
  public:
    // --- C-FIND
    std::vector<Match> matches;
    size_t maxMatches = 0;
    bool overflow = false;
    Uint16 lastStatus = 0xFFFF;

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                   OFBool &waitForNextResponse) override;

    // --- C-GET
    std::string folder;
    CDICOMNetBridge_instance_callback callback = nullptr;
    void *context = nullptr;
    CDICOMNetBridge_retrieve_outcome outcome{};
    bool cancelled = false;
    std::string storeProblem;

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &continueCGETSession) override;
    OFCondition handleSTORERequest(const T_ASC_PresentationContextID presID, DcmDataset *incomingObject,
                                   OFBool &continueCGETSession, Uint16 &cStoreReturnStatus) override;
};

/// "STUDY", "SERIES" or "IMAGE".
const char *levelName(CDICOMNetBridge_level level);
/// A C string as std::string ("" for NULL).
std::string text(const char *value);
/// `value` when it is a valid UID, else throws INVALID naming `what`.
std::string requiredUID(const char *value, const char *what);
/// `value` when it is a backslash-separated list of valid UIDs (List of UID Matching, PS3.4
/// C.2.2.2.2), else throws INVALID naming `what`.
std::string requiredUIDList(const char *value, const char *what);
/// Puts `value` into `query` at `tag`; throws INVALID when DCMTK refuses it.
void put(DcmDataset &query, const DcmTagKey &tag, const std::string &value);
/// A DIMSE status as 0xNNNN.
std::string hex(Uint16 status);

}  // namespace ldn

struct CDICOMNetBridge_qr {
    std::unique_ptr<DcmTransportLayer> tls;  // declared first: outlives client
    ldn::QRClient client;
    CDICOMNetBridge_association_parameters parameters{};
    std::string called, calling, host, trusted, certificate, key;
    bool broken = false;
    std::string node() const { return ldn::nodeName(parameters); }
};

#endif
