#pragma once

// How requests to one AWS endpoint are made: where, as whom, with which
// timeouts, retries and TLS settings. Defaults follow the AWS CLI.

#include "core/aws/credentials.h"
#include "core/aws/endpointresolver.h"
#include "core/aws/retrypolicy.h"
#include "core/clock.h"

#include <QList>
#include <QSslCertificate>
#include <QString>

#include <functional>

namespace jobdesk::aws {

struct ClientConfig
{
    Endpoint endpoint;
    QString service = QStringLiteral("codepipeline");
    Credentials credentials;
    bool signRequests = true;      // false: --no-sign-request
    int connectTimeoutMs = 60000;  // 0: no timeout
    int readTimeoutMs = 60000;     // 0: no timeout
    RetryPolicy retry;
    qint64 maxResponseBytes = qint64(32) * 1024 * 1024;
    bool verifyTls = true;
    QList<QSslCertificate> extraCaCertificates;  // a private CA bundle, added to the system's
    bool onlyExtraCaCertificates = false;        // true: trust the bundle alone, as the AWS CLI's --ca-bundle does
    QString userAgent;
    const Clock *clock = nullptr;    // null: the system clock
    std::function<double()> jitter;  // backoff factor in [0,1); null: random
};

}  // namespace jobdesk::aws
