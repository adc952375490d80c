#pragma once

// What happened on the wire, for --debug and logs. Secrets are not redacted
// here; the redaction layer does that before anything is printed.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <utility>

namespace jobdesk::aws {

struct WireEvent
{
    enum class Kind { Request, Response, Retry, Note };
    Kind kind = Kind::Note;
    QDateTime time;
    int attempt = 0;
    QByteArray method;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int status = 0;
    QString text;
};

}  // namespace jobdesk::aws
