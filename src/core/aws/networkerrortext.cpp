#include "core/aws/networkerrortext.h"

#include "core/aws/awscall.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace jobdesk::aws {

namespace {

}  // namespace

// Qt lists every problem OpenSSL found, in OpenSSL's order (an unknown issuer comes
// before an expiry date). Every problem is named, the one that a CA bundle cannot cure
// first: an expired or not-yet-valid certificate, or one for another host name, is
// still refused once its issuer is trusted, so saying only "not trusted" would send
// people to fix the wrong thing.
QString NetworkErrorText::describeSslErrors(const QList<QSslError> &errors)
{
    if (errors.isEmpty())
        return tr("The TLS handshake failed.");
    QList<std::pair<int, QString>> problems;  // (rank, sentence), lower rank first
    for (const QSslError &e : errors) {
        std::pair<int, QString> problem;
        switch (e.error()) {
        case QSslError::CertificateExpired: problem = {0, tr("The server's certificate has expired.")}; break;
        case QSslError::CertificateNotYetValid:
            problem = {0, tr("The server's certificate is not valid yet (check this computer's clock).")};
            break;
        case QSslError::HostNameMismatch:
            problem = {1, tr("The server's certificate is for a different host name than the endpoint.")};
            break;
        case QSslError::SelfSignedCertificate:
            problem = {2, tr("The server's certificate is self-signed and not trusted.")};
            break;
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
            problem = {2, tr("The server's certificate was issued by a certificate authority that is not trusted.")};
            break;
        default: problem = {3, e.errorString()}; break;
        }
        if (std::none_of(problems.cbegin(), problems.cend(), [&](const auto &p) { return p.second == problem.second; }))
            problems.append(problem);
    }
    std::stable_sort(problems.begin(), problems.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QString text = problems.constFirst().second;  // errors is not empty, so neither is problems
    for (qsizetype i = 1; i < problems.size(); ++i)
        text += QLatin1Char(' ') + problems.at(i).second;
    return text;
}

Error NetworkErrorText::timeout(bool connectPhase, const QUrl &endpoint)
{
    const QString url = endpoint.toString();
    return Error::make(Error::Kind::Timeout,
                       connectPhase ? QStringLiteral("ConnectTimeout") : QStringLiteral("ReadTimeout"),
                       connectPhase ? AwsCall::tr("Connect timeout on endpoint URL: \"%1\"").arg(url)
                                    : AwsCall::tr("Read timeout on endpoint URL: \"%1\"").arg(url),
                       connectPhase ? AwsCall::tr("The endpoint did not accept a connection in time. Check the "
                                                  "network, the proxy settings and the endpoint URL.")
                                    : AwsCall::tr("The endpoint accepted the request but did not answer in time. "
                                                  "Try again, or raise the read timeout."));
}

Error NetworkErrorText::fromReply(QNetworkReply::NetworkError code, const QString &qtMessage, const QUrl &endpoint,
                                  const QList<QSslError> &sslErrors)
{
    const QString url = endpoint.toString();
    const QString host = endpoint.host();
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
        return Error::make(Error::Kind::Network, QStringLiteral("ConnectionRefused"),
                           AwsCall::tr("Could not connect to the endpoint URL: \"%1\" (connection refused).").arg(url),
                           AwsCall::tr("Nothing is listening there. Check the endpoint URL and port."));
    case QNetworkReply::HostNotFoundError:
        return Error::make(
            Error::Kind::Network, QStringLiteral("HostNotFound"),
            AwsCall::tr("The host name %1 could not be found, so the endpoint URL \"%2\" could not be reached.")
                .arg(host, url),
            AwsCall::tr("Check the endpoint URL and the region for typing errors, then this computer's "
                        "network connection, DNS and proxy settings."));
    case QNetworkReply::RemoteHostClosedError:
        // Qt reports a reset (RST) and an orderly close the same way, so the message names both.
        return Error::make(
            Error::Kind::Network, QStringLiteral("ConnectionClosed"),
            AwsCall::tr("The connection to \"%1\" was closed or reset before any answer came.").arg(url),
            AwsCall::tr("The server or something in between (a proxy, VPN or firewall) dropped the "
                        "connection. Try again; if it keeps happening, check the proxy and VPN settings and "
                        "the endpoint URL."));
    case QNetworkReply::SslHandshakeFailedError:
        return Error::make(Error::Kind::Tls, QStringLiteral("TlsError"),
                           AwsCall::tr("Secure connection to \"%1\" failed: %2").arg(url, describeSslErrors(sslErrors)),
                           AwsCall::tr("If the endpoint uses a private certificate authority, add its CA bundle in the "
                                       "settings (or --ca-bundle)."));
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Error::make(Error::Kind::Network, QStringLiteral("ProxyError"),
                           AwsCall::tr("The proxy failed: %1").arg(qtMessage),
                           AwsCall::tr("Check the proxy settings."));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Error::make(Error::Kind::Timeout, QStringLiteral("ReadTimeout"),
                           AwsCall::tr("Read timeout on endpoint URL: \"%1\"").arg(url),
                           AwsCall::tr("The endpoint did not answer in time. Try again, or raise the timeout."));
    default:
        return Error::make(Error::Kind::Network, QStringLiteral("NetworkError"),
                           AwsCall::tr("Could not reach \"%1\": %2").arg(url, qtMessage),
                           AwsCall::tr("Check the network connection and the endpoint URL."));
    }
}

}  // namespace jobdesk::aws
