// Internal helpers shared by the network bridge's .cpp files (not part of the C ABI).
#ifndef CDICOMNETBRIDGE_COMMON_HPP
#define CDICOMNETBRIDGE_COMMON_HPP

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmnet/scu.h"
#include "dcmtk/dcmnet/dcmlayer.h"
#include "CDICOMNetBridge.h"

#include <exception>
#include <memory>
#include <new>
#include <string>

namespace ldn {

/// A failure inside the bridge: its status and message (thrown only inside the .cpp files).
struct Failure {
    CDICOMNetBridge_status status;
    std::string text;
};

/// DcmSCU with its (in DCMTK 3.6.7 protected) useSecureConnection made callable.
class Client : public DcmSCU {
  public:
    using DcmSCU::useSecureConnection;
};

/// Copies `text` into `message` (NUL-terminated, truncated to `size`).
void setMessage(char *message, size_t size, const std::string &text);

/// Runs `body`, turning Failure and every C++ exception into a status and a message.
template <typename Body>
CDICOMNetBridge_status guarded(char *message, size_t size, Body &&body) {
    try {
        body();
        return CDICOMNetBridge_OK;
    } catch (const Failure &failure) {
        setMessage(message, size, failure.text);
        return failure.status;
    } catch (const std::bad_alloc &) {
        setMessage(message, size, "out of memory");
        return CDICOMNetBridge_INTERNAL;
    } catch (const std::exception &error) {
        setMessage(message, size, std::string("DCMTK: ") + error.what());
        return CDICOMNetBridge_INTERNAL;
    } catch (...) {
        setMessage(message, size, "unexpected exception inside DCMTK");
        return CDICOMNetBridge_INTERNAL;
    }
}

/// Once per process: silences DCMTK's own logging (problems are reported through statuses) and
/// turns off Nagle's algorithm for DCMTK's connections (TCP_NODELAY=1 unless the user set it).
void configureProcess();

/// Whether `uid` has the UI value representation's syntax (PS3.5 9.1: 1–64 characters, digits in
/// dot-separated components, no leading zero in a component of more than one digit).
bool isValidUID(const std::string &uid);

/// Checks the parameters (AE titles 1–16 characters without backslash or control characters, port
/// ≥ 1, timeout 1–3600 s) and applies them to `scu` (blocking DIMSE off so the timeout holds).
void configure(DcmSCU &scu, const CDICOMNetBridge_association_parameters &parameters);

/// "AET@host:port" of the parameters, for messages.
std::string nodeName(const CDICOMNetBridge_association_parameters &parameters);

/// initNetwork (+ the TLS layer when the parameters ask for it, kept in `tls`, which must outlive
/// `scu`) + negotiateAssociation; throws UNREACHABLE / REJECTED / TIMEOUT / FAILED (TLS handshake)
/// / IO (a certificate file unreadable) naming the node (and the file).
void connect(Client &scu, const CDICOMNetBridge_association_parameters &parameters,
             std::unique_ptr<DcmTransportLayer> &tls);

/// A hint appended to a DIMSE failure's message (peer abort: our AE title unknown there; timeout).
std::string peerHint(const OFCondition &cond);

/// The status a DIMSE-level condition maps to (TIMEOUT for no data within the timeout, else FAILED).
CDICOMNetBridge_status dimseStatus(const OFCondition &cond);

/// The uncompressed transfer syntaxes (Explicit then Implicit VR Little Endian).
OFList<OFString> uncompressedSyntaxes();

}  // namespace ldn

#endif
