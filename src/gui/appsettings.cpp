#include "gui/appsettings.h"

#include "core/aws/clientconfigbuilder.h"
#include "core/sso/ssotokenstore.h"
#include "gui/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSslCertificate>

namespace jobdesk::gui {

namespace {
const QString kGroup = QStringLiteral("Connection");
const QString kAppearance = QStringLiteral("Appearance");
}

AppSettings AppSettings::load()
{
    AppSettings s;
    QSettings settings;
    settings.beginGroup(kGroup);
    s.connectTimeoutSeconds =
        qBound(0, settings.value(QStringLiteral("connectTimeout"), s.connectTimeoutSeconds).toInt(), 3600);
    s.readTimeoutSeconds = qBound(0, settings.value(QStringLiteral("readTimeout"), s.readTimeoutSeconds).toInt(), 3600);
    s.maxAttempts = qBound(1, settings.value(QStringLiteral("maxAttempts"), s.maxAttempts).toInt(), 10);
    const QString mode = settings.value(QStringLiteral("proxyMode"), QStringLiteral("system")).toString();
    s.proxyMode = mode == QLatin1String("none") ? ProxyMode::None
        : mode == QLatin1String("manual")       ? ProxyMode::Manual
                                                : ProxyMode::System;
    s.proxyHost = settings.value(QStringLiteral("proxyHost")).toString();
    s.proxyPort = qBound(1, settings.value(QStringLiteral("proxyPort"), s.proxyPort).toInt(), 65535);
    s.caBundleFile = settings.value(QStringLiteral("caBundle")).toString();
    s.verifyTls = settings.value(QStringLiteral("verifyTls"), true).toBool();
    s.s3Endpoint = settings.value(QStringLiteral("s3Endpoint")).toString().trimmed();
    settings.endGroup();
    settings.beginGroup(kAppearance);
    s.theme = Theme::fromKey(settings.value(QStringLiteral("theme")).toString());
    s.language = settings.value(QStringLiteral("language")).toString();
    if (!Translations::languages().contains(s.language))
        s.language.clear();
    s.shareSsoWithAwsCli = sso::SsoTokenStore::sharingSetting();
    return s;
}

void AppSettings::save() const
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("connectTimeout"), connectTimeoutSeconds);
    settings.setValue(QStringLiteral("readTimeout"), readTimeoutSeconds);
    settings.setValue(QStringLiteral("maxAttempts"), maxAttempts);
    settings.setValue(QStringLiteral("proxyMode"),
                      proxyMode == ProxyMode::None         ? QStringLiteral("none")
                          : proxyMode == ProxyMode::Manual ? QStringLiteral("manual")
                                                           : QStringLiteral("system"));
    settings.setValue(QStringLiteral("proxyHost"), proxyHost);
    settings.setValue(QStringLiteral("proxyPort"), proxyPort);
    settings.setValue(QStringLiteral("caBundle"), caBundleFile);
    settings.setValue(QStringLiteral("verifyTls"), verifyTls);
    settings.setValue(QStringLiteral("s3Endpoint"), s3Endpoint);
    settings.endGroup();
    settings.beginGroup(kAppearance);
    settings.setValue(QStringLiteral("theme"), Theme::key(theme));
    settings.setValue(QStringLiteral("language"), language);
    settings.endGroup();
    sso::SsoTokenStore::setSharingSetting(shareSsoWithAwsCli);
}

Result<aws::ClientConfig> AppSettings::clientConfig(aws::ClientConfig base) const
{
    QList<QSslCertificate> certs;
    if (!caBundleFile.isEmpty()) {
        // Read here rather than by the builder: the window's messages point at Settings.
        QFile file(caBundleFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error::make(
                Error::Kind::Io, QStringLiteral("CaBundleUnreadable"),
                QCoreApplication::translate("jobdesk::gui::AppSettings", "Cannot read the CA bundle %1: %2")
                    .arg(caBundleFile, file.errorString()),
                QCoreApplication::translate("jobdesk::gui::AppSettings",
                                            "Choose another file in Settings, or clear the field."));
        certs = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (certs.isEmpty())
            return Error::make(
                Error::Kind::Io, QStringLiteral("CaBundleEmpty"),
                QCoreApplication::translate("jobdesk::gui::AppSettings", "The CA bundle %1 holds no PEM certificate.")
                    .arg(caBundleFile),
                QCoreApplication::translate("jobdesk::gui::AppSettings",
                                            "Choose a PEM file with \"BEGIN CERTIFICATE\" blocks."));
    }
    return aws::ClientConfigBuilder(std::move(base))
        .setConnectTimeoutMs(connectTimeoutSeconds * 1000)
        .setReadTimeoutMs(readTimeoutSeconds * 1000)
        .setMaxAttempts(maxAttempts)
        .setVerifyTls(verifyTls)
        .setCaCertificates(certs, false)  // beside the system's
        .build();
}

Status AppSettings::applyTo(aws::ClientConfig &config) const
{
    Result<aws::ClientConfig> built = clientConfig(config);
    if (!built)
        return built.error();
    config = std::move(built).value();
    return success();
}

QNetworkProxy AppSettings::proxy() const
{
    switch (proxyMode) {
    case ProxyMode::None: return QNetworkProxy(QNetworkProxy::NoProxy);
    case ProxyMode::Manual: return QNetworkProxy(QNetworkProxy::HttpProxy, proxyHost, quint16(proxyPort));
    case ProxyMode::System: break;
    }
    return QNetworkProxy(QNetworkProxy::DefaultProxy);
}

void AppSettings::applyTo(QNetworkAccessManager *network) const
{
    // DefaultProxy defers to the application proxy, which follows the system when the factory is on.
    QNetworkProxyFactory::setUseSystemConfiguration(proxyMode == ProxyMode::System);
    network->setProxy(proxy());
}

}  // namespace jobdesk::gui
