#include "net_tls.hpp"

#include "dcmtk/dcmtls/tlslayer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ldn {

namespace {

/// Throws IO naming the node and the file when `path` cannot be opened for reading.
void checkReadable(const std::string &node, const char *path, const char *what) {
    std::FILE *file = std::fopen(path, "rb");
    if (file == nullptr)
        throw Failure{CDICOMNetBridge_IO, node + ": cannot read the " + what + " file \"" + path + "\": " +
                                              std::strerror(errno)};
    std::fclose(file);
}

}  // namespace

std::unique_ptr<DcmTransportLayer> secureTransportLayer(const CDICOMNetBridge_association_parameters &parameters) {
    const std::string node = nodeName(parameters);
    const char *trusted = parameters.tls_trusted_certificates_file;
    const char *certificate = parameters.tls_certificate_file;
    const char *key = parameters.tls_private_key_file;
    if ((certificate == nullptr) != (key == nullptr))
        throw Failure{CDICOMNetBridge_INVALID, node + ": TLS needs both our certificate and its private key, or neither"};
    checkReadable(node, trusted, "TLS trusted certificates");
    if (certificate != nullptr) {
        checkReadable(node, certificate, "TLS certificate");
        checkReadable(node, key, "TLS private key");
    }
    std::unique_ptr<DcmTLSTransportLayer> layer(new DcmTLSTransportLayer(NET_REQUESTOR, nullptr, OFTrue));
    OFCondition cond = layer->setTLSProfile(TSP_Profile_BCP195);
    if (cond.good()) cond = layer->activateCipherSuites();
    if (cond.bad()) throw Failure{CDICOMNetBridge_INTERNAL, node + ": cannot set up the TLS cipher suites: " + cond.text()};
    cond = layer->addTrustedCertificateFile(trusted, DCF_Filetype_PEM);
    if (cond.bad())
        throw Failure{CDICOMNetBridge_INVALID, node + ": \"" + trusted + "\" holds no PEM certificate: " + cond.text()};
    if (certificate != nullptr) {
        layer->setPrivateKeyPasswd("");  // never prompt on the terminal: an encrypted key is an error
        cond = layer->setPrivateKeyFile(key, DCF_Filetype_PEM);
        if (cond.bad())
            throw Failure{CDICOMNetBridge_INVALID, node + ": \"" + key + "\" is not an unencrypted PEM private key: " + cond.text()};
        cond = layer->setCertificateFile(certificate, DCF_Filetype_PEM);
        if (cond.bad())
            throw Failure{CDICOMNetBridge_INVALID, node + ": \"" + certificate + "\" is not a PEM certificate: " + cond.text()};
        if (!layer->checkPrivateKeyMatchesCertificate())
            throw Failure{CDICOMNetBridge_INVALID, node + ": the private key \"" + key + "\" does not match the certificate \"" +
                                                       certificate + "\""};
    }
    layer->setCertificateVerification(DCV_requireCertificate);
    return std::unique_ptr<DcmTransportLayer>(layer.release());
}

std::string tlsFailure(const CDICOMNetBridge_association_parameters &parameters, const OFCondition &cond) {
    std::string reason = cond.text();
    std::string text = nodeName(parameters) + ": the TLS handshake failed";
    if (reason.find("certificate verify failed") != std::string::npos)
        text += " (the node's certificate is not trusted: not signed by a CA in \"" +
                std::string(parameters.tls_trusted_certificates_file) + "\")";
    else
        text += " (does the node speak TLS on this port, does it accept our certificate, and is its certificate signed by a CA in \"" +
                std::string(parameters.tls_trusted_certificates_file) + "\"?)";
    return text + ": " + reason;
}

}  // namespace ldn
