#pragma once

// Puts transport failures (QNetworkReply errors, TLS verification problems,
// timeouts) into sentences that say what failed and what to check.

#include "core/error.h"

#include <QCoreApplication>
#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace jobdesk::aws {

class NetworkErrorText
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::aws::NetworkErrorText)

public:
    // code and qtMessage as the reply gave them; sslErrors are the ones it reported before
    // a failed handshake.
    static Error fromReply(QNetworkReply::NetworkError code, const QString &qtMessage, const QUrl &endpoint,
                           const QList<QSslError> &sslErrors);
    // A connect or read timeout of JobDesk's own timers.
    static Error timeout(bool connectPhase, const QUrl &endpoint);
    // Every problem named, the one that a CA bundle cannot cure first.
    static QString describeSslErrors(const QList<QSslError> &errors);
};

}  // namespace jobdesk::aws
