#pragma once

// An HTTP answer as AwsCall hands it over: status, headers, body, and the request
// ID and server date read from its headers.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace jobdesk::aws {

struct HttpResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString requestId;
    QDateTime serverDate;  // from the Date header, invalid if absent

    QByteArray header(const QByteArray &name) const;
};

}  // namespace jobdesk::aws
