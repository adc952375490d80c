#pragma once

// AWS Signature Version 4: signs a request in the Authorization header or as
// a pre-signed URL. Every intermediate is returned so that a mismatch can be
// traced to the step that caused it.

#include "core/aws/credentials.h"
#include "core/clock.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>
#include <utility>

namespace jobdesk::aws {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// A request as it will go on the wire.
struct SignableRequest
{
    QByteArray method;   // "GET", "POST", ...
    QByteArray path;     // as on the request line, e.g. "/" or "/example%20space/"
    QByteArray query;    // the raw query string, without '?'
    HeaderList headers;  // in order; a name may repeat. Must include Host.
    QByteArray body;
};

struct SigningOptions
{
    // false only for S3-style services: the path is then signed as given (no dot-segment
    // removal, no slash collapsing) and encoded once instead of twice.
    bool normalizePath = true;
    bool signBody = false;          // also send X-Amz-Content-Sha256 with the body hash
    bool omitSessionToken = false;  // add X-Amz-Security-Token after signing, unsigned
    int expiresInSeconds = 900;     // pre-signed URLs only: X-Amz-Expires
    // Header signing: the payload hash to sign and send instead of hashing body, for bodies
    // streamed from a file (S3 uploads) or S3's "UNSIGNED-PAYLOAD". Empty: hash body.
    QByteArray payloadHash;
};

// The steps of one signature, for tests and --debug.
struct SignatureParts
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;  // lowercase hex
};

// The fields of an "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." header.
struct ParsedAuthorization
{
    QString accessKeyId;
    QDate date;  // the credential scope's day
    QString region;
    QString service;
    QList<QByteArray> signedHeaders;  // lowercase names, in the order listed
    QByteArray signature;             // lowercase hex
};

class SigV4Signer
{
public:
    explicit SigV4Signer(const Clock &clock = Clock::system());

    // Adds X-Amz-Security-Token when there is a session token, X-Amz-Date,
    // X-Amz-Content-Sha256 when asked, and Authorization to request.headers
    // (replacing earlier ones, so a retried request can be signed again).
    // Every other header present is signed, except hop-by-hop ones, User-Agent and X-Amzn-Trace-Id.
    SignatureParts signHeaders(SignableRequest &request, const Credentials &credentials, const QString &region,
                               const QString &service, const SigningOptions &options = {});

    // Appends the X-Amz-* parameters and X-Amz-Signature to request.query.
    SignatureParts presign(SignableRequest &request, const Credentials &credentials, const QString &region,
                           const QString &service, const SigningOptions &options = {});

    // For verifiers: the signature of a received header-signed request over exactly the
    // headers its Authorization lists (matched case-insensitively; a listed header missing
    // from the request counts as empty), at the given time (its X-Amz-Date).
    // The request is taken as received: X-Amz-Date, any token and the Authorization stay as they are.
    SignatureParts computeSignature(const SignableRequest &request, const QList<QByteArray> &signedHeaders,
                                    const Secret &secretAccessKey, const QDateTime &timestamp, const QString &region,
                                    const QString &service, const SigningOptions &options = {});

    // The derived key for a day, region and service. Cached: deriving it costs four HMACs.
    QByteArray signingKey(const Secret &secretAccessKey, const QDate &date, const QString &region,
                          const QString &service);

    // RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX (uppercase).
    static QByteArray uriEncode(const QByteArray &bytes, bool encodeSlash);

    // Splits an Authorization header value; nullopt when it is not a well-formed SigV4 one.
    static std::optional<ParsedAuthorization> parseAuthorization(const QByteArray &headerValue);

    // "20150830T123600Z" <-> QDateTime (UTC). parseAmzDate returns nullopt on anything else.
    static QByteArray formatAmzDate(const QDateTime &timestamp);
    static std::optional<QDateTime> parseAmzDate(const QByteArray &value);

    // Compares two signatures in time independent of where they first differ.
    static bool signaturesEqual(const QByteArray &a, const QByteArray &b);

private:
    SignatureParts sign(const SignableRequest &request, const HeaderList &headersToSign,
                        const QByteArray &canonicalQuery, const QByteArray &payloadHash, const Secret &secretAccessKey,
                        const QDateTime &timestamp, const QString &region, const QString &service,
                        const SigningOptions &options, QByteArray &signedHeaderNames);

    const Clock &m_clock;
    QMutex m_cacheMutex;
    QByteArray m_cacheSalt;                    // random per signer, so cache keys reveal nothing about secrets
    QHash<QByteArray, QByteArray> m_keyCache;  // HMAC(salt; secret, date, region, service) -> key
};

}  // namespace jobdesk::aws
