#pragma once

// AWS Signature Version 4: signs a request in the Authorization header or as
// a pre-signed URL. Every intermediate is returned so that a mismatch can be
// traced to the step that caused it.

#include "core/aws/credentials.h"
#include "core/clock.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

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
    bool normalizePath = true;       // false only for S3-style services
    bool signBody = false;           // also send X-Amz-Content-Sha256 with the body hash
    bool omitSessionToken = false;   // add X-Amz-Security-Token after signing, unsigned
    int expiresInSeconds = 900;      // pre-signed URLs only: X-Amz-Expires
};

// The steps of one signature, for tests and --debug.
struct SignatureParts
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;  // lowercase hex
};

class SigV4Signer
{
public:
    explicit SigV4Signer(const Clock &clock = Clock::system());

    // Adds X-Amz-Date, X-Amz-Security-Token when there is a session token,
    // X-Amz-Content-Sha256 when asked, and Authorization to request.headers.
    SignatureParts signHeaders(SignableRequest &request, const Credentials &credentials,
                               const QString &region, const QString &service,
                               const SigningOptions &options = {});

    // Appends the X-Amz-* parameters and X-Amz-Signature to request.query.
    SignatureParts presign(SignableRequest &request, const Credentials &credentials,
                           const QString &region, const QString &service,
                           const SigningOptions &options = {});

    // The derived key for a day, region and service. Cached: deriving it costs four HMACs.
    QByteArray signingKey(const Secret &secretAccessKey, const QDate &date,
                          const QString &region, const QString &service);

    // RFC 3986 encoding as SigV4 wants it: unreserved characters stay, everything else is %XX (uppercase).
    static QByteArray uriEncode(const QByteArray &bytes, bool encodeSlash);

private:
    const Clock &m_clock;
    QMutex m_cacheMutex;
    QHash<QByteArray, QByteArray> m_keyCache;  // hash(secret, date, region, service) -> key
};

} // namespace jobdesk::aws
