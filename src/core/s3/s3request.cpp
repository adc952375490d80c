#include "core/s3/s3request.h"

namespace jobdesk::s3 {

namespace {

bool isLowerHex64(const QByteArray &value)
{
    if (value.size() != 64)
        return false;
    for (const char c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

}  // namespace

Result<aws::SignableRequest> S3Request::sign(aws::SigV4Signer &signer, const QByteArray &method,
                                             const S3Address &address, const aws::HeaderList &headers,
                                             const QByteArray &payloadHash, const aws::Credentials &credentials,
                                             aws::SignatureParts *parts)
{
    if (method != "GET" && method != "HEAD" && method != "PUT") {
        return Error::make(Error::Kind::Validation, QStringLiteral("UnsupportedMethod"),
                           tr("JobDesk sends only GET, HEAD and PUT to S3, not %1.").arg(QString::fromLatin1(method)));
    }
    if (!credentials.isComplete()) {
        return Error::make(Error::Kind::Credentials, QStringLiteral("NoArtifactCredentials"),
                           tr("The job has no complete artifact credentials (access key ID and secret key)."),
                           tr("Fetch the job's details again: CodePipeline hands out the artifact credentials "
                              "with the job."));
    }
    const bool readOnly = method != "PUT";
    for (const auto &[name, value] : headers) {
        if (readOnly && name.toLower().startsWith("x-amz-server-side-encryption")) {
            return Error::make(Error::Kind::Validation, QStringLiteral("EncryptionHeaderOnRead"),
                               tr("The header %1 belongs on uploads only; S3 refuses it on %2.")
                                   .arg(QString::fromLatin1(name), QString::fromLatin1(method)));
        }
    }

    QByteArray hash = payloadHash.isEmpty() ? QByteArray(EmptyPayloadHash) : payloadHash;
    if (hash == UnsignedPayload) {
        if (address.url.scheme() != QLatin1String("https")) {
            return Error::make(Error::Kind::Validation, QStringLiteral("UnsignedPayloadOverHttp"),
                               tr("An unsigned upload body is only safe over HTTPS; %1 is plain HTTP.")
                                   .arg(address.url.toString(QUrl::RemovePath)),
                               tr("Use an https endpoint, or let JobDesk sign the body."));
        }
    } else if (!isLowerHex64(hash)) {
        return Error::make(Error::Kind::Validation, QStringLiteral("BadPayloadHash"),
                           tr("The payload hash must be a SHA-256 in lowercase hex or UNSIGNED-PAYLOAD."));
    }

    aws::SignableRequest request;
    request.method = method;
    request.path = address.path;
    request.headers.append({QByteArrayLiteral("Host"), address.host});
    request.headers.append(headers);
    aws::SigningOptions options;
    options.normalizePath = false;
    options.signBody = true;  // X-Amz-Content-Sha256, signed, on every request
    options.payloadHash = hash;
    const aws::SignatureParts signature =
        signer.signHeaders(request, credentials, address.region, QStringLiteral("s3"), options);
    if (parts)
        *parts = signature;
    return request;
}

QNetworkRequest S3Request::networkRequest(const S3Address &address, const aws::SignableRequest &signedRequest)
{
    QNetworkRequest request(address.url);
    for (const auto &[name, value] : signedRequest.headers) {
        // Qt writes Host from the URL, which is the same host and port.
        if (name.compare("Host", Qt::CaseInsensitive) != 0)
            request.setRawHeader(name, value);
    }
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

}  // namespace jobdesk::s3
