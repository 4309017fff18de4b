// Internal to the bridge: DICOM TLS (dcmtls over OpenSSL) for an association. Not part of the C ABI.
#ifndef CDICOMNETBRIDGE_TLS_HPP
#define CDICOMNETBRIDGE_TLS_HPP

#include "net_common.hpp"

namespace ldn {

/// The requestor-side TLS layer the parameters describe: BCP 195 profile (PS3.15 B.9, TLS 1.2+),
/// the node's certificate required and verified against `tls_trusted_certificates_file`, our own
/// certificate and key when given. Throws IO (a file unreadable) or INVALID (not PEM, the key does
/// not match the certificate) naming the node and the file.
std::unique_ptr<DcmTransportLayer> secureTransportLayer(const CDICOMNetBridge_association_parameters &parameters);

/// The message of a failed TLS handshake: the node, the trusted-certificates file and DCMTK's reason.
std::string tlsFailure(const CDICOMNetBridge_association_parameters &parameters, const OFCondition &cond);

}  // namespace ldn

#endif
