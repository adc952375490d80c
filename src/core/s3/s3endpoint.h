#pragma once

// Where the requests for one S3 object go: virtual-hosted or path-style addressing, the
// commercial, China and GovCloud hosts, an endpoint override, and the object key encoded
// once as S3 signs it, in a URL that Qt sends exactly as it was signed.

#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace jobdesk::s3 {

// An object as CodePipeline names an artifact's place (s3Location: bucketName, objectKey).
struct S3Location
{
    QString bucket;
    QString key;
};

// One object's address, exactly as it is signed and sent.
struct S3Address
{
    QUrl url;         // made from the encoded bytes below; Qt does not encode its path again
    QByteArray host;  // the Host header: the host, and the port when it is not the scheme's default
    QByteArray path;  // the request path, "/KEY" or "/BUCKET/KEY", encoded once
    QString region;   // the signing region
    bool pathStyle = false;
};

class S3Endpoint
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::s3::S3Endpoint)

public:
    // endpointOverride, when set, is used path-style (a local emulator, a private endpoint);
    // otherwise https://BUCKET.s3.REGION.amazonaws.com (or .com.cn), path-style for bucket
    // names a TLS wildcard certificate or DNS cannot take (dots, capitals, underscores).
    static Result<S3Address> address(const S3Location &location, const QString &region,
                                     const QUrl &endpointOverride = {});

    // The names S3 accepts (1 to 255 of A-Z a-z 0-9 . - _, as botocore checks) and keys
    // (1 to 1,024 bytes of UTF-8, no broken surrogate pairs).
    static Status checkBucketName(const QString &bucket);
    static Status checkKey(const QString &key);
    // Whether the bucket can be the first label of a host name under a wildcard certificate.
    static bool isVirtualHostable(const QString &bucket);
    // The key as S3 wants it in the path: UTF-8, every byte but A-Z a-z 0-9 - _ . ~ and '/'
    // as %XX with uppercase hex (a space is %20, '+' is %2B). Nothing is normalised.
    static QByteArray encodeKey(const QString &key);
    // "amazonaws.com.cn" for the China regions, "amazonaws.com" for the others (GovCloud too).
    static QString dnsSuffix(const QString &region);
};

}  // namespace jobdesk::s3
