#pragma once

// Sends signed AWS requests over one QNetworkAccessManager, asynchronously:
// connect and read timeouts, retries with the AWS backoff, a response size
// cap, cancel, and a one-time re-sign when the local clock is skewed.

#include "core/aws/clientconfig.h"
#include "core/aws/sigv4signer.h"
#include "core/result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace jobdesk::aws {

struct HttpResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString requestId;
    QDateTime serverDate;  // from the Date header, invalid if absent

    QByteArray header(const QByteArray &name) const;
};

// What happened on the wire, for --debug and logs. Secrets are not redacted
// here; the redaction layer does that before anything is printed.
struct WireEvent
{
    enum class Kind { Request, Response, Retry, Note };
    Kind kind = Kind::Note;
    QDateTime time;
    int attempt = 0;
    QByteArray method;
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int status = 0;
    QString text;
};

class AwsCall : public QObject
{
    Q_OBJECT

public:
    ~AwsCall() override;

    // Valid once finished() has been emitted.
    const Result<HttpResponse> &result() const { return *m_result; }
    bool isFinished() const { return m_result.has_value(); }
    int attempts() const { return m_attempt; }
    qint64 elapsedMs() const { return m_elapsed.isValid() ? m_elapsed.elapsed() : 0; }

    void cancel();

Q_SIGNALS:
    void finished();
    void wireEvent(const jobdesk::aws::WireEvent &event);

private:
    friend class AwsClient;
    AwsCall(class AwsClient *client, ClientConfig config, QByteArray target, QByteArray contentType, QByteArray body);

    void start();
    void sendAttempt();
    void onReplyFinished();
    void onTimeout(bool connectPhase);
    void finish(Result<HttpResponse> result);
    void retryOrFinish(const Error &error);
    Error networkError(QNetworkReply::NetworkError code, const QString &qtMessage) const;

    AwsClient *m_client;
    ClientConfig m_config;
    QByteArray m_target;
    QByteArray m_contentType;
    QByteArray m_body;
    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_readTimer;
    QTimer m_backoffTimer;
    QElapsedTimer m_elapsed;
    QList<QSslError> m_sslErrors;
    int m_attempt = 0;
    bool m_skewRetried = false;
    bool m_tooLarge = false;
    std::optional<Error> m_abortReason;
    std::optional<Result<HttpResponse>> m_result;
};

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
