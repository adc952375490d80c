#pragma once

// How the fake S3 words its answers: the <Error> XML documents with the status S3 gives
// each code, the request IDs, and the headers that describe an object.

#include "fake/fakereply.h"
#include "fake/fakes3bucket.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace jobdesk::fake {

class FakeS3Replies
{
public:
    using Elements = QList<std::pair<QString, QString>>;

    // An <Error> with Code, Message, the extra elements in order, RequestId and HostId; a
    // HEAD answer carries the status and headers only, as S3 sends it.
    static FakeReply error(int status, const QString &code, const QString &message, const Elements &extra = {},
                           bool head = false);
    // An answer without a body (PutObject's, HEAD's) with S3's request IDs.
    static FakeReply empty(int status = 200);
    // The headers S3 sends about a whole object (ETag, Last-Modified, encryption, ...).
    static void describe(FakeReply &reply, const FakeS3Object &object);

    static void addHeader(FakeReply &reply, const QByteArray &name, const QByteArray &value);
    static QByteArray httpDate(const QDateTime &time);
    static QString escapeXml(const QString &text);
    // The quoted ETag S3 gives a single-part object: its MD5, or for SSE-KMS an opaque one.
    static QByteArray etagFor(const QByteArray &md5, const QString &kmsKeyId);
};

}  // namespace jobdesk::fake
