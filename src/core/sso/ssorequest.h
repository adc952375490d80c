#pragma once

// One unsigned JSON REST request to IAM Identity Center (the OIDC service or the
// portal): sends it, caps the answer's size and time, reads the JSON object back, and
// turns transport failures and the services' error shapes into an Error. It reports
// once, through finished(), and then deletes itself.

#include "core/error.h"
#include "core/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUrl>

#include <utility>

class QNetworkAccessManager;

namespace jobdesk::sso {

// How a client reaches one of the services.
struct SsoEndpoint
{
    QUrl url;               // scheme, host and port; the operations add their paths
    QString region;         // sso_region
    int timeoutMs = 60000;  // the whole exchange; 0: none
    qint64 maxResponseBytes = qint64(1) * 1024 * 1024;
};

class SsoRequest : public QObject
{
    Q_OBJECT

public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    // operation names the call in errors ("CreateToken"); service in hints ("IAM Identity Center").
    SsoRequest(QNetworkAccessManager *network, const SsoEndpoint &endpoint, QString operation,
               QObject *parent = nullptr);
    ~SsoRequest() override;

    void get(const QString &path, const QList<std::pair<QString, QString>> &query, const Headers &headers);
    void post(const QString &path, const QByteArray &jsonBody, const Headers &headers);

    // Ends the request; finished() then reports a Cancelled error (once, as always).
    void cancel();

    bool isFinished() const { return m_result.has_value(); }
    const Result<QJsonObject> &result() const { return *m_result; }

    // Where a service is for region: the service's own variable (AWS_ENDPOINT_URL_SSO_OIDC,
    // AWS_ENDPOINT_URL_SSO), then AWS_ENDPOINT_URL, then https://HOSTPREFIX.REGION.amazonaws.com
    // (amazonaws.com.cn in China), as the AWS SDKs resolve it.
    static Result<SsoEndpoint> endpointFor(const QString &region, const QProcessEnvironment &env,
                                           const QString &serviceVariable, const QString &hostPrefix);

    // An error answer of either service: the code from x-amzn-ErrorType (up to the first
    // ':'), else from the body's "error" or "__type"; the message from "error_description"
    // or "message".
    static Error serviceError(const QString &operation, int status, const QByteArray &errorType, const QByteArray &body,
                              const QString &requestId);

Q_SIGNALS:
    void finished();

private:
    void start(QNetworkReply *reply);
    void onFinished();
    void finish(Result<QJsonObject> result);

    QNetworkAccessManager *m_network;
    SsoEndpoint m_endpoint;
    QString m_operation;
    QPointer<QNetworkReply> m_reply;
    bool m_tooLarge = false;
    bool m_cancelled = false;
    std::optional<Result<QJsonObject>> m_result;
};

}  // namespace jobdesk::sso
