#include "net_common.hpp"
#include "net_tls.hpp"

#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/oflog/oflog.h"

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace ldn {

void setMessage(char *message, size_t size, const std::string &text) {
    if (message == nullptr || size == 0) return;
    std::snprintf(message, size, "%s", text.c_str());
}

void configureProcess() {
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        // DICOM exchanges many small messages each waiting for an answer (C-STORE-RQ/RSP in a C-GET):
        // with Nagle's algorithm on, each one waits for the peer's delayed ACK (~40 ms on Linux).
        // DCMTK's DUL reads TCP_NODELAY when it opens a connection; a value the user set is kept.
        setenv("TCP_NODELAY", "1", 0);
    });
}

bool isValidUID(const std::string &uid) {
    if (uid.empty() || uid.size() > 64) return false;
    size_t start = 0;
    while (start <= uid.size()) {
        size_t end = uid.find('.', start);
        if (end == std::string::npos) end = uid.size();
        if (end == start) return false;  // empty component
        if (uid[start] == '0' && end - start > 1) return false;
        for (size_t i = start; i < end; ++i)
            if (uid[i] < '0' || uid[i] > '9') return false;
        start = end + 1;
    }
    return true;
}

namespace {

/// AE value representation (PS3.5 6.2): 1–16 characters, no backslash, no control characters, not
/// only spaces.
void checkAETitle(const char *title, const char *what) {
    std::string text = title != nullptr ? title : "";
    bool blank = text.find_first_not_of(' ') == std::string::npos;
    bool bad = false;
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7f || c == '\\' || c > 0x7e) bad = true;
    if (text.empty() || blank || text.size() > 16 || bad)
        throw Failure{CDICOMNetBridge_INVALID, std::string(what) + " \"" + text +
                                                   "\" is not an AE title (1-16 printable characters, no backslash)"};
}

}  // namespace

std::string nodeName(const CDICOMNetBridge_association_parameters &parameters) {
    std::string called = parameters.called_ae_title != nullptr ? parameters.called_ae_title : "";
    std::string host = parameters.host != nullptr ? parameters.host : "";
    return called + "@" + host + ":" + std::to_string(parameters.port);
}

void configure(DcmSCU &scu, const CDICOMNetBridge_association_parameters &parameters) {
    configureProcess();
    checkAETitle(parameters.called_ae_title, "the called AE title");
    checkAETitle(parameters.calling_ae_title, "the calling AE title");
    if (parameters.host == nullptr || *parameters.host == '\0')
        throw Failure{CDICOMNetBridge_INVALID, "the host name is empty"};
    if (parameters.port == 0) throw Failure{CDICOMNetBridge_INVALID, "port 0 is not a TCP port"};
    if (parameters.timeout_seconds < 1 || parameters.timeout_seconds > 3600)
        throw Failure{CDICOMNetBridge_INVALID, "the timeout must be 1-3600 seconds, not " +
                                                   std::to_string(parameters.timeout_seconds)};
    scu.setAETitle(parameters.calling_ae_title);
    scu.setPeerAETitle(parameters.called_ae_title);
    scu.setPeerHostName(parameters.host);
    scu.setPeerPort(parameters.port);
    scu.setConnectionTimeout(parameters.timeout_seconds);
    scu.setACSETimeout(static_cast<Uint32>(parameters.timeout_seconds));
    scu.setDIMSETimeout(static_cast<Uint32>(parameters.timeout_seconds));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    scu.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE);
}

void connect(Client &scu, const CDICOMNetBridge_association_parameters &parameters,
             std::unique_ptr<DcmTransportLayer> &tls) {
    const std::string node = nodeName(parameters);
    OFCondition cond = scu.initNetwork();
    if (cond.bad()) throw Failure{CDICOMNetBridge_INTERNAL, node + ": cannot initialise the network: " + cond.text()};
    if (parameters.tls_trusted_certificates_file != nullptr) {
        tls = secureTransportLayer(parameters);
        cond = scu.useSecureConnection(tls.get());
        if (cond.bad()) throw Failure{CDICOMNetBridge_INTERNAL, node + ": cannot use TLS: " + cond.text()};
    }
    cond = scu.negotiateAssociation();
    if (cond.good()) return;
    // A failed handshake: DCMTK's "TLS error: ..." (ours), or the node dropping or resetting the
    // connection once TCP was up (its side; with TLS 1.3 it refuses our certificate after our side is done).
    const bool secure = parameters.tls_trusted_certificates_file != nullptr;
    const bool dropped = cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED ||
                         (cond.module() == OFM_dcmnet && cond.code() == DULC_TCPIOERROR);
    if (secure && (std::string(cond.text()).find("TLS error") != std::string::npos || dropped))
        throw Failure{CDICOMNetBridge_FAILED, tlsFailure(parameters, cond)};
    if (cond == DUL_ASSOCIATIONREJECTED)
        throw Failure{CDICOMNetBridge_REJECTED,
                      node + ": the node rejected the association (is the called AE title right, and is our "
                             "calling AE title \"" + std::string(parameters.calling_ae_title) + "\" known there?)"};
    if (cond == NET_EC_NoAcceptablePresentationContexts)
        throw Failure{CDICOMNetBridge_REJECTED, node + ": the node accepted none of the services we proposed"};
    if (cond == DUL_READTIMEOUT)
        throw Failure{CDICOMNetBridge_TIMEOUT, node + ": no answer to the association request within " +
                                                   std::to_string(parameters.timeout_seconds) + " s"};
    throw Failure{CDICOMNetBridge_UNREACHABLE, node + ": cannot connect (host unreachable, port closed or no DICOM "
                                                      "answer within " + std::to_string(parameters.timeout_seconds) +
                                                      " s): " + cond.text()};
}

std::string peerHint(const OFCondition &cond) {
    if (cond == DUL_PEERABORTEDASSOCIATION)
        return " (the node aborted: is our calling AE title registered there and allowed this service?)";
    if (cond == DIMSE_NODATAAVAILABLE || cond == DUL_READTIMEOUT) return " (no response within the timeout)";
    return "";
}

CDICOMNetBridge_status dimseStatus(const OFCondition &cond) {
    if (cond == DIMSE_NODATAAVAILABLE || cond == DUL_READTIMEOUT) return CDICOMNetBridge_TIMEOUT;
    return CDICOMNetBridge_FAILED;
}

OFList<OFString> uncompressedSyntaxes() {
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    return syntaxes;
}

}  // namespace ldn

extern "C" const char *CDICOMNetBridge_dcmtk_version(void) { return OFFIS_DCMTK_VERSION_STRING; }

extern "C" int32_t CDICOMNetBridge_is_valid_uid(const char *uid) {
    try {
        return uid != nullptr && ldn::isValidUID(uid) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" CDICOMNetBridge_status CDICOMNetBridge_echo(const CDICOMNetBridge_association_parameters *parameters,
                                                       char *message, size_t message_size) {
    return ldn::guarded(message, message_size, [&] {
        if (parameters == nullptr) throw ldn::Failure{CDICOMNetBridge_INVALID, "no association parameters"};
        std::unique_ptr<DcmTransportLayer> tls;  // outlives scu
        ldn::Client scu;
        ldn::configure(scu, *parameters);
        scu.addPresentationContext(UID_VerificationSOPClass, ldn::uncompressedSyntaxes());
        ldn::connect(scu, *parameters, tls);
        OFCondition cond = scu.sendECHORequest(0);
        if (cond.bad()) {
            scu.abortAssociation();
            throw ldn::Failure{ldn::dimseStatus(cond), ldn::nodeName(*parameters) + ": C-ECHO failed: " + cond.text()};
        }
        scu.releaseAssociation();
    });
}
