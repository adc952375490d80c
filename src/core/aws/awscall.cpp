#include "core/aws/awscall.h"

#include "core/aws/awsclient.h"
#include "core/aws/networkerrortext.h"
#include "core/aws/serviceerror.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslConfiguration>

#include <cstdlib>

namespace jobdesk::aws {

namespace {

QDateTime parseHttpDate(const QByteArray &value)
{
    // RFC 7231 IMF-fixdate, e.g. "Tue, 15 Nov 1994 08:12:31 GMT".
    QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return {};
    return QDateTime(date.date(), date.time(), Qt::UTC);
}

// A captive portal, a proxy's block page or a web server at the wrong URL answers
// 200 with a web page; the AWS JSON protocol never does.
bool isHtmlAnswer(const HttpResponse &response)
{
    const QByteArray type = response.header("Content-Type").trimmed().toLower();
    if (type.startsWith("text/html") || type.startsWith("application/xhtml"))
        return true;
    if (!type.isEmpty())
        return false;
    const QByteArray start = response.body.left(256).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

QString htmlTitle(const QByteArray &body)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QString text = title.match(QString::fromUtf8(body.left(qsizetype(64) * 1024))).captured(1).simplified();
    if (text.size() <= 80)
        return text;
    return text.left(79) + QChar(0x2026);
}

// The service said the request's time is wrong, not only that the signature is.
bool isTimeRefusal(const Error &error)
{
    if (error.code == QLatin1String("RequestTimeTooSkewed") || error.code == QLatin1String("RequestExpired")
        || error.code == QLatin1String("RequestInTheFuture"))
        return true;
    return error.message.contains(QLatin1String("expired"), Qt::CaseInsensitive)
        || error.message.contains(QLatin1String("not yet current"), Qt::CaseInsensitive)
        || error.message.contains(QLatin1String("skew"), Qt::CaseInsensitive);
}

}  // namespace

AwsCall::AwsCall(AwsClient *client, ClientConfig config, QByteArray target, QByteArray contentType, QByteArray body)
    : QObject(client)
    , m_client(client)
    , m_config(std::move(config))
    , m_target(std::move(target))
    , m_contentType(std::move(contentType))
    , m_body(std::move(body))
{
    m_connectTimer.setSingleShot(true);
    m_readTimer.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { onTimeout(true); });
    connect(&m_readTimer, &QTimer::timeout, this, [this] { onTimeout(false); });
    connect(&m_backoffTimer, &QTimer::timeout, this, &AwsCall::sendAttempt);
}

AwsCall::~AwsCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void AwsCall::start()
{
    m_elapsed.start();
    sendAttempt();
}

void AwsCall::cancel()
{
    if (isFinished())
        return;
    m_backoffTimer.stop();
    Error e = Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The request was cancelled."));
    e.attempts = m_attempt;
    if (m_reply) {
        m_abortReason = e;
        m_reply->abort();  // finishes through onReplyFinished with the reason set
    } else {
        finish(e);
    }
}

void AwsCall::sendAttempt()
{
    ++m_attempt;
    m_sslErrors.clear();
    m_abortReason.reset();
    m_tooLarge = false;

    const QUrl url = m_config.endpoint.url;
    QByteArray hostHeader = url.host(QUrl::FullyEncoded).toUtf8();
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        hostHeader += ':' + QByteArray::number(url.port());

    SignableRequest signable;
    signable.method = "POST";
    signable.path = url.path(QUrl::FullyEncoded).toUtf8();
    if (signable.path.isEmpty())
        signable.path = "/";
    signable.query = url.query(QUrl::FullyEncoded).toUtf8();
    signable.headers = {{"Host", hostHeader}, {"Content-Type", m_contentType}};
    if (!m_target.isEmpty())
        signable.headers.append({"X-Amz-Target", m_target});
    signable.body = m_body;

    if (m_config.signRequests) {
        m_client->m_signingClock.setBase(m_config.clock ? *m_config.clock : Clock::system());
        m_client->m_signer.signHeaders(signable, m_config.credentials, m_config.endpoint.signingRegion,
                                       m_config.service);
    }

    QNetworkRequest request(url);
    for (const auto &[name, value] : std::as_const(signable.headers)) {
        if (name.compare("Host", Qt::CaseInsensitive) != 0)
            request.setRawHeader(name, value);
    }
    if (!m_config.userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_config.userAgent);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (m_config.onlyExtraCaCertificates)
            tls.setCaCertificates(m_config.extraCaCertificates);
        else if (!m_config.extraCaCertificates.isEmpty())
            tls.addCaCertificates(m_config.extraCaCertificates);
        if (!m_config.verifyTls)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
        m_client->useTlsSettings(m_config);
    }

    WireEvent sent;
    sent.kind = WireEvent::Kind::Request;
    sent.time = QDateTime::currentDateTimeUtc();
    sent.attempt = m_attempt;
    sent.method = "POST";
    sent.url = url;
    sent.headers = signable.headers;
    sent.body = m_body;
    Q_EMIT wireEvent(sent);

    QNetworkReply *reply = m_client->m_network->post(request, m_body);
    reply->setParent(this);
    m_reply = reply;

    if (m_config.connectTimeoutMs > 0)
        m_connectTimer.start(m_config.connectTimeoutMs);
    // Connected once the request is out; from then on, the read timeout restarts with every byte.
    auto progressed = [this] {
        m_connectTimer.stop();
        if (m_config.readTimeoutMs > 0)
            m_readTimer.start(m_config.readTimeoutMs);
    };
    connect(reply, &QNetworkReply::requestSent, this, progressed);
    connect(reply, &QNetworkReply::metaDataChanged, this, progressed);
    const auto abortTooLarge = [this, reply] {
        if (m_tooLarge)
            return;
        m_tooLarge = true;
        m_abortReason = Error::make(
            Error::Kind::Protocol, QStringLiteral("ResponseTooLarge"),
            tr("The answer from \"%1\" is larger than %2 and was not read.")
                .arg(m_config.endpoint.url.toString(), QLocale().formattedDataSize(m_config.maxResponseBytes)),
            tr("A CodePipeline job is far smaller than this. Check the endpoint URL and any proxy in between."));
        reply->abort();
    };
    connect(reply, &QNetworkReply::readyRead, this, [this, reply, progressed, abortTooLarge] {
        progressed();
        if (reply->bytesAvailable() > m_config.maxResponseBytes)
            abortTooLarge();
    });
    // A declared length over the cap is refused before its first byte is read.
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, abortTooLarge] {
        bool known = false;
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
        if (known && length > m_config.maxResponseBytes)
            abortTooLarge();
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors = errors;  // not ignored: verification failures end the request
    });
    connect(reply, &QNetworkReply::finished, this, &AwsCall::onReplyFinished);
}

void AwsCall::onTimeout(bool connectPhase)
{
    if (!m_reply)
        return;
    m_abortReason = NetworkErrorText::timeout(connectPhase, m_config.endpoint.url);
    m_reply->abort();
}

void AwsCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_connectTimer.stop();
    m_readTimer.stop();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();

    if (m_abortReason) {
        Error e = *m_abortReason;
        e.attempts = m_attempt;
        retryOrFinish(e);  // a timeout is retried, a cancel or an oversized answer is not
        return;
    }

    if (status == 0) {
        // A transport failure without any HTTP answer.
        Error e = NetworkErrorText::fromReply(netError, reply->errorString(), m_config.endpoint.url, m_sslErrors);
        e.attempts = m_attempt;
        retryOrFinish(e);
        return;
    }

    HttpResponse response;
    response.status = status;
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append({pair.first, pair.second});
    response.body = reply->readAll();
    response.requestId = QString::fromUtf8(response.header("x-amzn-RequestId"));
    response.serverDate = parseHttpDate(response.header("Date"));

    WireEvent got;
    got.kind = WireEvent::Kind::Response;
    got.time = QDateTime::currentDateTimeUtc();
    got.attempt = m_attempt;
    got.status = status;
    got.headers = response.headers;
    got.body = response.body;
    Q_EMIT wireEvent(got);

    if (netError != QNetworkReply::NoError && status >= 200 && status < 300) {
        // The headers came but the body did not arrive whole.
        Error e = NetworkErrorText::fromReply(netError, reply->errorString(), m_config.endpoint.url, m_sslErrors);
        if (netError == QNetworkReply::RemoteHostClosedError) {
            e.message = tr("The answer from \"%1\" was cut short: the connection was closed or reset after %2 "
                           "bytes of it had arrived.")
                            .arg(m_config.endpoint.url.toString())
                            .arg(response.body.size());
        }
        e.attempts = m_attempt;
        e.requestId = response.requestId;
        e.httpStatus = status;
        retryOrFinish(e);
        return;
    }

    if (status >= 200 && status < 300) {
        // JSON-protocol calls only: Query-protocol callers (STS) read their XML answers themselves.
        if (!m_target.isEmpty() && isHtmlAnswer(response)) {
            const QString title = htmlTitle(response.body);
            Error e = Error::make(
                Error::Kind::Protocol, QStringLiteral("HtmlAnswer"),
                (title.isEmpty()
                     ? tr("The answer from \"%1\" was a web page (HTML), not an answer from the AWS service.")
                           .arg(m_config.endpoint.url.toString())
                     : tr("The answer from \"%1\" was a web page (HTML, titled \"%2\"), not an answer from the "
                          "AWS service.")
                           .arg(m_config.endpoint.url.toString(), title)),
                tr("A captive portal (the sign-in page of a hotel or guest network) or a proxy probably answered "
                   "instead. Open a web page in a browser and sign in to the network if it asks, then check the "
                   "proxy settings and the endpoint URL."));
            e.httpStatus = status;
            e.requestId = response.requestId;
            e.attempts = m_attempt;
            finish(e);
            return;
        }
        finish(response);
        return;
    }

    Error e = ServiceError::parse(status, response.headers, response.body);
    e.attempts = m_attempt;

    if (ServiceError::isClockSkew(e.code) && !m_skewRetried && response.serverDate.isValid()) {
        const Clock &base = m_config.clock ? *m_config.clock : Clock::system();
        const qint64 skew = base.nowUtc().msecsTo(response.serverDate);
        if (std::llabs(skew) > qint64(4) * 60 * 1000) {
            m_skewRetried = true;
            m_client->setClockOffsetMs(skew);
            WireEvent note;
            note.kind = WireEvent::Kind::Note;
            note.time = QDateTime::currentDateTimeUtc();
            note.attempt = m_attempt;
            note.text = tr("The local clock is %1 s off the service's; signing again with the service's time.")
                            .arg(skew / 1000);
            Q_EMIT wireEvent(note);
            --m_attempt;  // the correction does not use up an attempt
            sendAttempt();
            return;
        }
    }
    if (ServiceError::isClockSkew(e.code) && isTimeRefusal(e)) {
        // Correcting by the service's Date header was not possible or did not help.
        e.message = tr("The service refused the request's time: this computer's clock differs from the "
                       "server's (%1)")
                        .arg(e.message);
        e.hint = tr("Set this computer's date, time and time zone right (turn on automatic time setting), then "
                    "try again. If they are right, a proxy may be changing the service's Date header.");
    }
    retryOrFinish(e);
}

void AwsCall::retryOrFinish(const Error &error)
{
    if (!m_config.retry.isRetryable(error))
        return finish(error);
    if (!m_config.retry.shouldRetry(m_attempt, error)) {
        Error last = error;
        if (m_config.retry.maxAttempts > 1)
            last.retriesExhausted = true;
        finish(last);
        return;
    }
    const double seconds = m_config.retry.delayFor(m_attempt, m_config.jitter);
    WireEvent note;
    note.kind = WireEvent::Kind::Retry;
    note.time = QDateTime::currentDateTimeUtc();
    note.attempt = m_attempt;
    note.text = tr("Retrying after %1 (%2 s)").arg(error.code).arg(seconds, 0, 'f', 3);
    Q_EMIT wireEvent(note);
    m_backoffTimer.start(static_cast<int>(seconds * 1000));
}

void AwsCall::finish(Result<HttpResponse> result)
{
    if (m_result)
        return;
    m_backoffTimer.stop();
    m_result = std::move(result);
    Q_EMIT finished();
    deleteLater();
}

}  // namespace jobdesk::aws
