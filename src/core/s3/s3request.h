#pragma once

// Signs one S3 request and turns it into the QNetworkRequest that sends it: the payload
// hash in X-Amz-Content-Sha256 on every request, every x-amz-* header and the session
// token signed, and the path put on the wire exactly as it was signed.

#include "core/aws/credentials.h"
#include "core/aws/sigv4signer.h"
#include "core/result.h"
#include "core/s3/s3endpoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QNetworkRequest>

namespace jobdesk::s3 {

class S3Request
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::s3::S3Request)

public:
    // The SHA-256 of nothing, for GET and HEAD; and the value that leaves a body unsigned.
    static constexpr char EmptyPayloadHash[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static constexpr char UnsignedPayload[] = "UNSIGNED-PAYLOAD";

    // method is GET, HEAD or PUT; headers are the request's own (Range, Content-Type,
    // x-amz-server-side-encryption, ...), all of them signed. payloadHash is the body's
    // SHA-256 in lowercase hex, or UnsignedPayload (refused unless the URL is https);
    // empty means no body. Refuses server-side encryption headers on GET and HEAD, which
    // S3 answers with an error. parts, when given, receives the signature's steps.
    static Result<aws::SignableRequest> sign(aws::SigV4Signer &signer, const QByteArray &method,
                                             const S3Address &address, const aws::HeaderList &headers,
                                             const QByteArray &payloadHash, const aws::Credentials &credentials,
                                             aws::SignatureParts *parts = nullptr);

    // The request Qt sends for a signed one: the same URL, every signed header, and
    // Accept-Encoding: identity so that nothing decompresses the object on the way.
    static QNetworkRequest networkRequest(const S3Address &address, const aws::SignableRequest &signedRequest);
};

}  // namespace jobdesk::s3
