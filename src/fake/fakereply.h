#pragma once

// One answer of a fake service before it goes on the wire: status, body and the
// AWS headers that clients read to classify errors.

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
    QList<std::pair<QByteArray, QByteArray>> headers;  // any others (a redirect's Location)

    // An AWS JSON 1.1 error as CodePipeline sends it: __type and message in the body,
    // the code with its Coral namespace in x-amzn-ErrorType.
    static FakeReply jsonError(int status, const QString &code, const QString &message);

    static QByteArray reasonPhrase(int status);
};

}  // namespace jobdesk::fake
