#pragma once

// The window's settings, kept in QSettings: the connection (timeouts, retries,
// proxy, CA bundle, TLS verification, the S3 endpoint), applied to each request's ClientConfig
// and to the network access manager, the appearance (theme, language), and whether
// IAM Identity Center sign-ins are shared with the AWS CLI.

#include "core/aws/clientconfig.h"
#include "core/result.h"
#include "gui/theme.h"

#include <QNetworkProxy>
#include <QString>

class QNetworkAccessManager;

namespace jobdesk::gui {

struct AppSettings
{
    enum class ProxyMode { System, None, Manual };

    int connectTimeoutSeconds = 60;
    int readTimeoutSeconds = 60;
    int maxAttempts = 3;
    ProxyMode proxyMode = ProxyMode::System;
    QString proxyHost;
    int proxyPort = 3128;
    QString caBundleFile;  // PEM; added to the system's trusted certificates
    bool verifyTls = true;
    // Where artifacts are read and written: empty means S3's public hosts, unless
    // AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL says otherwise.
    QString s3Endpoint;
    Theme::Choice theme = Theme::Choice::System;
    QString language;  // "de", "ja", ...; empty follows the system's locale
    // Kept where jobdesk-cli reads it too (SsoTokenStore::sharingSetting), not in the window's group.
    bool shareSsoWithAwsCli = false;

    static AppSettings load();
    void save() const;

    // base with the transport part of these settings, through the ClientConfigBuilder every
    // caller shares; the CA bundle may fail to load.
    Result<aws::ClientConfig> clientConfig(aws::ClientConfig base = {}) const;
    // The same in place; config is left as it was when it fails.
    Status applyTo(aws::ClientConfig &config) const;
    QNetworkProxy proxy() const;
    void applyTo(QNetworkAccessManager *network) const;

    bool operator==(const AppSettings &other) const = default;
};

}  // namespace jobdesk::gui
