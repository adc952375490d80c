#pragma once

// What S3 says about an object in the headers of a HEAD, GET or PUT answer, and what a
// finished transfer reports: size, ETag, type, time, encryption, and the file's SHA-256.

#include "core/aws/sigv4signer.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace jobdesk::s3 {

struct S3ObjectInfo
{
    qint64 size = -1;  // Content-Length of the object; -1 when not said (PUT answers)
    QByteArray etag;   // as S3 sends it, quotes included
    QString contentType;
    QDateTime lastModified;        // UTC; invalid when not said
    QString serverSideEncryption;  // "AES256", "aws:kms", "aws:kms:dsse"; empty: not said
    QString kmsKeyId;              // the KMS key's ARN with aws:kms
    QString versionId;

    // Reads the headers of an answer about the whole object.
    static S3ObjectInfo fromHeaders(const aws::HeaderList &headers);
    // The MD5 in hex that the ETag stands for, when it does: a single-part object that is
    // not KMS- or customer-key-encrypted. Empty otherwise.
    QByteArray md5Hex() const;
    // RFC 7231's IMF-fixdate ("Tue, 15 Nov 1994 08:12:31 GMT"), which S3 uses, in UTC;
    // invalid for anything else.
    static QDateTime parseHttpDate(const QByteArray &value);
};

// The outcome of a finished HeadObject, GetObject or PutObject.
struct S3Transfer
{
    S3ObjectInfo object;
    QString file;       // GetObject: the file written; PutObject: the file sent
    qint64 bytes = 0;   // bytes written or sent
    QByteArray sha256;  // lowercase hex SHA-256 of those bytes; empty for HeadObject
    int resumes = 0;    // GetObject: how often a dropped download went on with a Range request
    QString region;     // the region that answered, after any correction
};

}  // namespace jobdesk::s3
