#pragma once

// Sends signed AWS requests over one QNetworkAccessManager, asynchronously. It owns
// what the calls share (the network manager's TLS connection reuse, the signer and the
// learned clock offset); each request's life is an AwsCall.

#include "core/aws/awscall.h"
#include "core/aws/clientconfig.h"
#include "core/aws/httpresponse.h"
#include "core/aws/sigv4signer.h"
#include "core/aws/wireevent.h"
#include "core/result.h"

#include <QByteArray>
#include <QObject>

class QNetworkAccessManager;

namespace jobdesk::aws {

class AwsClient : public QObject
{
    Q_OBJECT

public:
    explicit AwsClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Starts a POST to the endpoint. The call is parented to the client and
    // deletes itself after finished() unless the receiver takes it.
    AwsCall *post(const ClientConfig &config, const QByteArray &target, const QByteArray &contentType,
                  const QByteArray &body);

    // The offset learned from the service's Date header after a skew error.
    qint64 clockOffsetMs() const { return m_signingClock.offsetMs(); }
    void setClockOffsetMs(qint64 offset) { m_signingClock.setOffsetMs(offset); }

    QNetworkAccessManager *network() const { return m_network; }

private:
    friend class AwsCall;

    void useTlsSettings(const ClientConfig &config);

    // The call's clock moved by the learned offset. One signer for all calls,
    // so its derived-key cache spans requests.
    class SigningClock : public Clock
    {
    public:
        QDateTime nowUtc() const override { return m_base->nowUtc().addMSecs(m_offsetMs); }
        void setBase(const Clock &base) { m_base = &base; }
        qint64 offsetMs() const { return m_offsetMs; }
        void setOffsetMs(qint64 offset) { m_offsetMs = offset; }

    private:
        const Clock *m_base = &Clock::system();
        qint64 m_offsetMs = 0;
    };

    QNetworkAccessManager *m_network;
    SigningClock m_signingClock;
    SigV4Signer m_signer;
    QByteArray m_tlsSettingsKey;  // the TLS settings of the open connections
};

}  // namespace jobdesk::aws
