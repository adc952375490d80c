#pragma once

// The proxy the AWS CLI would use for a URL, read from HTTPS_PROXY, HTTP_PROXY
// and NO_PROXY (lower case first) as the AWS CLI reads them.

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QUrl>

namespace jobdesk::cli {

class EnvironmentProxy
{
public:
    // HTTPS_PROXY or HTTP_PROXY by the URL's scheme; NoProxy when none is set or NO_PROXY names the host.
    static QNetworkProxy forUrl(const QUrl &url, const QProcessEnvironment &env);

    // Whether a NO_PROXY entry ("*", "host", ".domain", "host:port") covers host:port.
    static bool excludes(const QString &entry, const QString &host, int port);
};

}  // namespace jobdesk::cli
