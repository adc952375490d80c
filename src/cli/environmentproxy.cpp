#include "cli/environmentproxy.h"

#include <QStringList>

namespace jobdesk::cli {

bool EnvironmentProxy::excludes(const QString &entryIn, const QString &host, int port)
{
    QString entry = entryIn.trimmed().toLower();
    if (entry.isEmpty())
        return false;
    if (entry == QLatin1String("*"))
        return true;
    // "host:port" matches only that port.
    const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !entry.contains(QLatin1Char(']')) && entry.count(QLatin1Char(':')) == 1) {
        bool ok = false;
        const int entryPort = entry.mid(colon + 1).toInt(&ok);
        if (ok && entryPort != port)
            return false;
        if (ok)
            entry = entry.left(colon);
    }
    if (entry.startsWith(QLatin1Char('.')))
        entry = entry.mid(1);
    const QString h = host.toLower();
    return h == entry || h.endsWith(QLatin1Char('.') + entry);
}

QNetworkProxy EnvironmentProxy::forUrl(const QUrl &url, const QProcessEnvironment &env)
{
    const auto variable = [&env](const QString &name) {
        const QString lower = env.value(name.toLower());
        return lower.isEmpty() ? env.value(name.toUpper()) : lower;
    };
    const bool https = url.scheme() == QLatin1String("https");
    const QString proxy = variable(https ? QStringLiteral("https_proxy") : QStringLiteral("http_proxy"));
    if (proxy.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString noProxy = variable(QStringLiteral("no_proxy"));
    const int port = url.port(https ? 443 : 80);
    for (const QString &entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (excludes(entry, url.host(), port))
            return QNetworkProxy(QNetworkProxy::NoProxy);
    }
    const QUrl proxyUrl(proxy.contains(QLatin1String("://")) ? proxy : QStringLiteral("http://") + proxy);
    QNetworkProxy out(QNetworkProxy::HttpProxy, proxyUrl.host(), quint16(proxyUrl.port(8080)));
    if (!proxyUrl.userName().isEmpty()) {
        out.setUser(proxyUrl.userName(QUrl::FullyDecoded));
        out.setPassword(proxyUrl.password(QUrl::FullyDecoded));
    }
    return out;
}

}  // namespace jobdesk::cli
