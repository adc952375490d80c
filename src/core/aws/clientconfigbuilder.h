#pragma once

// Turns the settings a caller gathered (command line, profile, environment, the
// window's Settings) into one checked ClientConfig, the same way for every caller.

#include "core/aws/clientconfig.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>

#include <functional>
#include <optional>

namespace jobdesk::aws {

class ClientConfigBuilder
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::aws::ClientConfigBuilder)

public:
    // What was decided, one line at a time ("jobdesk.endpoint", "Endpoint: ..."), for a debug log.
    using Trace = std::function<void(const char *topic, const QString &line)>;

    // base supplies whatever is not set here (the service, the clock, a resolved endpoint).
    explicit ClientConfigBuilder(ClientConfig base = {});

    // The endpoint is resolved from these when a region or an endpoint URL is set; otherwise
    // base's (or setEndpoint()'s) stays. regionField names the region in messages.
    ClientConfigBuilder &setRegion(const QString &region, const QString &regionField = QString());
    ClientConfigBuilder &setUseFips(bool useFips);
    ClientConfigBuilder &setEndpointUrl(const QString &url);
    ClientConfigBuilder &setEnvironment(const QProcessEnvironment &env);  // AWS_ENDPOINT_URL and the like
    ClientConfigBuilder &setEndpoint(const Endpoint &endpoint);

    ClientConfigBuilder &setCredentials(const Credentials &credentials);
    ClientConfigBuilder &setSignRequests(bool sign);
    ClientConfigBuilder &setUserAgent(const QString &userAgent);

    // Milliseconds; 0 means no timeout.
    ClientConfigBuilder &setConnectTimeoutMs(int ms);
    ClientConfigBuilder &setReadTimeoutMs(int ms);

    // The mode brings its own number of attempts; setMaxAttempts() overrides it.
    ClientConfigBuilder &setRetryMode(RetryMode mode);
    ClientConfigBuilder &setMaxAttempts(int attempts);

    ClientConfigBuilder &setVerifyTls(bool verify);
    // A PEM file trusted instead of the system's certificates, as the AWS CLI's --ca-bundle.
    // It is read only when it matters: TLS verified, and an https endpoint. field names it in messages.
    ClientConfigBuilder &setCaBundle(const QString &path, const QString &field);
    // Certificates already loaded; onlyThese false adds them to the system's.
    ClientConfigBuilder &setCaCertificates(const QList<QSslCertificate> &certificates, bool onlyThese);

    ClientConfigBuilder &setTrace(Trace trace);

    Result<ClientConfig> build() const;

    static QString retryModeName(RetryMode mode);

private:
    void trace(const char *topic, const QString &line) const;

    ClientConfig m_base;
    QString m_region;
    QString m_regionField;
    bool m_useFips = false;
    QString m_endpointUrl;
    QProcessEnvironment m_env;
    std::optional<Endpoint> m_endpoint;
    std::optional<Credentials> m_credentials;
    std::optional<bool> m_signRequests;
    std::optional<QString> m_userAgent;
    std::optional<int> m_connectTimeoutMs;
    std::optional<int> m_readTimeoutMs;
    std::optional<RetryMode> m_retryMode;
    std::optional<int> m_maxAttempts;
    std::optional<bool> m_verifyTls;
    QString m_caBundle;
    QString m_caBundleField;
    std::optional<QList<QSslCertificate>> m_caCertificates;
    bool m_onlyCaCertificates = false;
    Trace m_trace;
};

}  // namespace jobdesk::aws
