#pragma once

// The S3 side of the fake endpoint's state, as plain values: a bucket with its region
// and upload policy, an object held in memory or served from a file, and the record of
// one upload that tests read back.

#include "fake/fakescript.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace jobdesk::fake {

struct FakeS3Bucket
{
    QString name;
    QString region = QStringLiteral("us-east-1");
    // PutObject must ask for SSE-KMS (x-amz-server-side-encryption: aws:kms)...
    bool requireKms = false;
    // ...and, when set, with this key (its ID or ARN; an alias is not the key): 403 otherwise.
    QString kmsKeyId;
    // Applies to the bucket's requests (operations named HeadObject, GetObject, PutObject).
    FakeScript script;
};

struct FakeS3Object
{
    QString bucket;
    QString key;
    QByteArray content;  // when file is empty
    QString file;        // set: served from this file in pieces, never read whole
    qint64 size = 0;
    QByteArray etag;  // quoted, as S3 sends it
    QByteArray contentType = "application/octet-stream";
    QDateTime lastModified;        // UTC, whole seconds
    QString serverSideEncryption;  // "aws:kms", "AES256" or empty
    QString kmsKeyId;              // the key's ARN with aws:kms
};

// One PutObject the fake stored.
struct FakeS3Upload
{
    QString bucket;
    QString key;
    qint64 size = 0;
    QByteArray sha256;             // lowercase hex of the bytes stored
    QString serverSideEncryption;  // as the request asked: "aws:kms", "AES256" or empty
    QString kmsKeyId;              // as the request named it (ID, ARN or alias); empty when not named
    QString accessKeyId;           // who signed it
    QByteArray contentType;
};

}  // namespace jobdesk::fake
