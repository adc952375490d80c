#include "core/aws/awsclient.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QTimer>

namespace jobdesk::aws {

AwsClient::AwsClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network), m_signer(m_signingClock)
{
}

void AwsClient::useTlsSettings(const ClientConfig &config)
{
    // Qt reuses an open connection to the same host whatever the new request's TLS
    // settings say, so a changed CA bundle or verification choice needs fresh connections.
    QByteArray key = config.verifyTls ? "verify" : "no-verify";
    key += config.onlyExtraCaCertificates ? ":only" : ":add";
    for (const QSslCertificate &certificate : config.extraCaCertificates)
        key += ':' + certificate.digest(QCryptographicHash::Sha256).toHex();
    if (!m_tlsSettingsKey.isEmpty() && key != m_tlsSettingsKey)
        m_network->clearConnectionCache();
    m_tlsSettingsKey = key;
}

AwsCall *AwsClient::post(const ClientConfig &config, const QByteArray &target, const QByteArray &contentType,
                         const QByteArray &body)
{
    auto *call = new AwsCall(this, config, target, contentType, body);
    // Start on the next turn of the event loop so callers can connect first.
    QTimer::singleShot(0, call, &AwsCall::start);
    return call;
}

}  // namespace jobdesk::aws
