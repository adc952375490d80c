#include "core/sso/ssorequest.h"

#include "core/aws/endpointresolver.h"
#include "core/aws/networkerrortext.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace jobdesk::sso {

SsoRequest::SsoRequest(QNetworkAccessManager *network, const SsoEndpoint &endpoint, QString operation, QObject *parent)
    : QObject(parent), m_network(network), m_endpoint(endpoint), m_operation(std::move(operation))
{
}

SsoRequest::~SsoRequest()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

namespace {

QNetworkRequest makeRequest(const SsoEndpoint &endpoint, const QString &path,
                            const QList<std::pair<QString, QString>> &query, const SsoRequest::Headers &headers)
{
    QUrl url = endpoint.url;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto &[name, value] : query)
            q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(endpoint.timeoutMs);
    // A redirect would carry the bearer token to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

}  // namespace

void SsoRequest::get(const QString &path, const QList<std::pair<QString, QString>> &query, const Headers &headers)
{
    start(m_network->get(makeRequest(m_endpoint, path, query, headers)));
}

void SsoRequest::post(const QString &path, const QByteArray &jsonBody, const Headers &headers)
{
    start(m_network->post(makeRequest(m_endpoint, path, {}, headers), jsonBody));
}

void SsoRequest::start(QNetworkReply *reply)
{
    m_reply = reply;
    reply->setParent(this);
    connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (m_endpoint.maxResponseBytes > 0 && received > m_endpoint.maxResponseBytes && m_reply) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, &SsoRequest::onFinished);
}

void SsoRequest::cancel()
{
    if (isFinished())
        return;
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    else
        finish(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("Cancelled.")));
}

Result<SsoEndpoint> SsoRequest::endpointFor(const QString &region, const QProcessEnvironment &env,
                                            const QString &serviceVariable, const QString &hostPrefix)
{
    if (!aws::EndpointResolver::isValidRegionName(region))
        return Error::validation(
            QStringLiteral("sso_region"),
            tr("Invalid sso_region \"%1\". A region looks like us-east-1 or eu-west-2.").arg(region));
    SsoEndpoint endpoint;
    endpoint.region = region;
    for (const QString &name : {serviceVariable, QStringLiteral("AWS_ENDPOINT_URL")}) {
        const QString value = env.value(name);
        if (!value.isEmpty()) {
            auto url = aws::EndpointResolver::parseEndpointUrl(value);
            if (!url)
                return url.error();
            endpoint.url = url.value();
            return endpoint;
        }
    }
    const QString suffix =
        region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn") : QStringLiteral("amazonaws.com");
    endpoint.url = QUrl(QStringLiteral("https://%1.%2.%3").arg(hostPrefix, region, suffix));
    return endpoint;
}

Error SsoRequest::serviceError(const QString &operation, int status, const QByteArray &errorType,
                               const QByteArray &body, const QString &requestId)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    Error error;
    error.kind = Error::Kind::Service;
    error.httpStatus = status;
    error.requestId = requestId;
    error.code = QString::fromUtf8(errorType.split(':').first()).trimmed();
    if (error.code.isEmpty())
        error.code = object.value(QStringLiteral("__type")).toString().section(QLatin1Char('#'), -1);
    if (error.code.isEmpty())
        error.code = object.value(QStringLiteral("error")).toString();
    if (error.code.isEmpty())
        error.code = QString::number(status);
    error.message = object.value(QStringLiteral("error_description")).toString();
    if (error.message.isEmpty())
        error.message = object.value(QStringLiteral("message")).toString();
    if (error.message.isEmpty())
        error.message = object.value(QStringLiteral("error")).toString();
    if (error.message.isEmpty())
        error.message = tr("%1 failed with HTTP status %2.").arg(operation).arg(status);
    return error;
}

void SsoRequest::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || isFinished())
        return;
    const QString requestId = QString::fromUtf8(reply->rawHeader("x-amzn-RequestId"));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_cancelled)
        return finish(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("Cancelled.")));
    if (m_tooLarge)
        return finish(Error::make(
            Error::Kind::Protocol, QStringLiteral("ResponseTooLarge"),
            tr("The answer to %1 is larger than %2 bytes.").arg(m_operation).arg(m_endpoint.maxResponseBytes),
            tr("Something other than IAM Identity Center answered. Check the endpoint and any proxy in between.")));
    if (status == 0) {
        if (reply->error() == QNetworkReply::OperationCanceledError)
            return finish(aws::NetworkErrorText::timeout(false, reply->url()));
        return finish(aws::NetworkErrorText::fromReply(reply->error(), reply->errorString(), reply->url(), {}));
    }
    const QByteArray body = reply->readAll();
    if (status < 200 || status >= 300)
        return finish(serviceError(m_operation, status, reply->rawHeader("x-amzn-ErrorType"), body, requestId));
    if (body.trimmed().isEmpty())
        return finish(QJsonObject());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        Error error = Error::make(
            Error::Kind::Protocol, QStringLiteral("MalformedResponse"),
            tr("The answer to %1 is not a JSON object.").arg(m_operation),
            tr("Something other than IAM Identity Center answered. Check the endpoint and any proxy in between."));
        error.httpStatus = status;
        error.requestId = requestId;
        return finish(error);
    }
    finish(document.object());
}

void SsoRequest::finish(Result<QJsonObject> result)
{
    if (isFinished())
        return;
    m_result.emplace(std::move(result));
    if (m_reply)
        m_reply->disconnect(this);
    Q_EMIT finished();
    deleteLater();
}

}  // namespace jobdesk::sso
