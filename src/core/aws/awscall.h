#pragma once

// One request's life: signs and sends it, watches the connect and read timeouts
// and the size cap, retries by its RetryPolicy, re-signs once when the local clock
// is skewed, and reports its result once. Made by AwsClient::post().

#include "core/aws/clientconfig.h"
#include "core/aws/httpresponse.h"
#include "core/aws/wireevent.h"
#include "core/result.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <optional>

namespace jobdesk::aws {

class AwsClient;

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
    AwsCall(AwsClient *client, ClientConfig config, QByteArray target, QByteArray contentType, QByteArray body);

    void start();
    void sendAttempt();
    void onReplyFinished();
    void onTimeout(bool connectPhase);
    void finish(Result<HttpResponse> result);
    void retryOrFinish(const Error &error);

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

}  // namespace jobdesk::aws
