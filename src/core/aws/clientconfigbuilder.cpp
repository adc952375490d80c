#include "core/aws/clientconfigbuilder.h"

#include "core/inputcheck.h"

#include <QCoreApplication>

namespace jobdesk::aws {

namespace {

}  // namespace

ClientConfigBuilder::ClientConfigBuilder(ClientConfig base) : m_base(std::move(base)) {}

ClientConfigBuilder &ClientConfigBuilder::setRegion(const QString &region, const QString &regionField)
{
    m_region = region;
    m_regionField = regionField;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setUseFips(bool useFips)
{
    m_useFips = useFips;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setEndpointUrl(const QString &url)
{
    m_endpointUrl = url;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setEndpoint(const Endpoint &endpoint)
{
    m_endpoint = endpoint;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setCredentials(const Credentials &credentials)
{
    m_credentials = credentials;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setSignRequests(bool sign)
{
    m_signRequests = sign;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setUserAgent(const QString &userAgent)
{
    m_userAgent = userAgent;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setConnectTimeoutMs(int ms)
{
    m_connectTimeoutMs = ms;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setReadTimeoutMs(int ms)
{
    m_readTimeoutMs = ms;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setRetryMode(RetryMode mode)
{
    m_retryMode = mode;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setMaxAttempts(int attempts)
{
    m_maxAttempts = attempts;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setVerifyTls(bool verify)
{
    m_verifyTls = verify;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setCaBundle(const QString &path, const QString &field)
{
    m_caBundle = path;
    m_caBundleField = field;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setCaCertificates(const QList<QSslCertificate> &certificates, bool onlyThese)
{
    m_caCertificates = certificates;
    m_onlyCaCertificates = onlyThese;
    return *this;
}

ClientConfigBuilder &ClientConfigBuilder::setTrace(Trace trace)
{
    m_trace = std::move(trace);
    return *this;
}

QString ClientConfigBuilder::retryModeName(RetryMode mode)
{
    return mode == RetryMode::Legacy ? QStringLiteral("legacy") : QStringLiteral("standard");
}

void ClientConfigBuilder::trace(const char *topic, const QString &line) const
{
    if (m_trace)
        m_trace(topic, line);
}

Result<ClientConfig> ClientConfigBuilder::build() const
{
    ClientConfig config = m_base;

    for (const auto &[timeout, field, target] :
         {std::tuple{m_connectTimeoutMs, QStringLiteral("connectTimeout"), &config.connectTimeoutMs},
          std::tuple{m_readTimeoutMs, QStringLiteral("readTimeout"), &config.readTimeoutMs}}) {
        if (!timeout)
            continue;
        if (*timeout < 0) {
            Error e =
                Error::validation(field, tr("A timeout cannot be negative (%1 ms); 0 means no timeout.").arg(*timeout));
            e.code = QStringLiteral("NegativeTimeout");
            return e;
        }
        *target = *timeout;
    }

    if (m_endpoint) {
        config.endpoint = *m_endpoint;
    } else if (!m_region.isEmpty() || !m_endpointUrl.isEmpty()) {
        if (!m_region.isEmpty()) {
            const QString field = m_regionField.isEmpty() ? tr("The region") : m_regionField;
            if (Status s = InputCheck::region(field, m_region); !s)
                return s.error();
        }
        auto endpoint = EndpointResolver::resolve(m_region, m_useFips, m_endpointUrl, m_env);
        if (!endpoint)
            return endpoint.error();
        config.endpoint = endpoint.value();
        trace("jobdesk.endpoint",
              QStringLiteral("Endpoint: %1, signing region %2")
                  .arg(config.endpoint.url.toString(), config.endpoint.signingRegion));
    }

    if (m_retryMode)
        config.retry = *m_retryMode == RetryMode::Legacy ? RetryPolicy::legacy() : RetryPolicy::standard();
    if (m_maxAttempts) {
        if (*m_maxAttempts < 1) {
            Error e = Error::validation(QStringLiteral("maxAttempts"),
                                        tr("The number of attempts must be at least 1, the first one included (%1 "
                                           "given).")
                                            .arg(*m_maxAttempts));
            e.code = QStringLiteral("NoAttempts");
            return e;
        }
        config.retry.maxAttempts = *m_maxAttempts;
    }
    if (m_retryMode || m_maxAttempts) {
        trace("jobdesk.retries",
              QStringLiteral("Retry mode %1, at most %2 attempts")
                  .arg(retryModeName(config.retry.mode))
                  .arg(config.retry.maxAttempts));
    }

    if (m_verifyTls)
        config.verifyTls = *m_verifyTls;
    const bool https = config.endpoint.url.scheme() == QLatin1String("https");
    if (!m_caBundle.isEmpty() && config.verifyTls && https) {
        const auto bundle = InputCheck::caBundle(m_caBundleField, m_caBundle);
        if (!bundle)
            return bundle.error();
        config.extraCaCertificates = bundle.value();
        config.onlyExtraCaCertificates = true;
        trace("jobdesk.endpoint",
              QStringLiteral("Trusting the %1 certificates of %2").arg(bundle.value().size()).arg(m_caBundle));
    } else if (m_caCertificates) {
        config.extraCaCertificates = *m_caCertificates;
        config.onlyExtraCaCertificates = m_onlyCaCertificates;
    }

    if (m_credentials)
        config.credentials = *m_credentials;
    if (m_signRequests)
        config.signRequests = *m_signRequests;
    if (m_userAgent)
        config.userAgent = *m_userAgent;
    return config;
}

}  // namespace jobdesk::aws
