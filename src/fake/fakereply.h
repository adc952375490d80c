#pragma once

// One answer of a fake service before it goes on the wire: status, body and the
// AWS headers that clients read to classify errors.

#include "core/aws/sigv4signer.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace jobdesk::fake {

struct FakeReply
{
    int status = 200;
    QByteArray contentType = "application/x-amz-json-1.1";
    QByteArray body;
    QString errorCode;     // reported by requestAnswered; empty on success
    QByteArray errorType;  // the x-amzn-ErrorType value; empty: no such header (STS, non-AWS pages)
    QByteArray requestId;  // empty: a fresh one; "-": no x-amzn-RequestId at all
    // Written after the standard headers as given (S3's x-amz-request-id, ETag, ...). An
    // empty contentType leaves Content-Type out.
    aws::HeaderList headers;
    // -1: the body's size. Otherwise the Content-Length declared: with an empty body and no
    // bodyFile, a HEAD answer's (no body follows); with bodyFile, the bytes read from it.
    qint64 contentLength = -1;
    // Set: the body is read from this file, from bodyOffset, in pieces as the socket takes
    // them, so that a large object is never held in memory.
    QString bodyFile;
    qint64 bodyOffset = 0;

    // An AWS JSON 1.1 error as CodePipeline sends it: __type and message in the body,
    // the code with its Coral namespace in x-amzn-ErrorType.
    static FakeReply jsonError(int status, const QString &code, const QString &message);

    static QByteArray reasonPhrase(int status);
};

}  // namespace jobdesk::fake
