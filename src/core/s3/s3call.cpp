#include "core/s3/s3call.h"

#include "core/aws/networkerrortext.h"
#include "core/s3/s3client.h"
#include "core/s3/s3error.h"
#include "core/s3/s3request.h"

#include <QFile>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QThread>

#include <cstdlib>
#include <memory>

namespace jobdesk::s3 {

namespace {

// How much of a download Qt may hold before JobDesk has written it out: the object
// itself is never held whole.
constexpr qint64 ReadBufferBytes = qint64(256) * 1024;
// A single PutObject takes at most 5 GiB; larger artifacts need a multipart upload.
constexpr qint64 MaxPutBytes = qint64(5) * 1024 * 1024 * 1024;
constexpr qint64 HashChunkBytes = qint64(1024) * 1024;

// "bytes START-END/TOTAL" -> (START, TOTAL); TOTAL is -1 for "*".
std::optional<std::pair<qint64, qint64>> parseContentRange(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes "))
        return std::nullopt;
    const qsizetype dash = text.indexOf('-');
    const qsizetype slash = text.indexOf('/');
    if (dash < 0 || slash < dash)
        return std::nullopt;
    bool okStart = false;
    bool okTotal = true;
    const qint64 start = text.mid(6, dash - 6).toLongLong(&okStart);
    const QByteArray totalText = text.mid(slash + 1);
    const qint64 total = totalText == "*" ? -1 : totalText.toLongLong(&okTotal);
    if (!okStart || !okTotal || start < 0)
        return std::nullopt;
    return std::make_pair(start, total);
}

}  // namespace

S3Call::S3Call(S3Client *client, Operation operation, aws::ClientConfig config, S3Location location, QString file,
               S3PutOptions options)
    : QObject(client)
    , m_client(client)
    , m_operation(operation)
    , m_config(std::move(config))
    , m_location(std::move(location))
    , m_file(std::move(file))
    , m_options(std::move(options))
    , m_region(m_config.endpoint.signingRegion)
{
    m_connectTimer.setSingleShot(true);
    m_readTimer.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { onTimeout(true); });
    connect(&m_readTimer, &QTimer::timeout, this, [this] { onTimeout(false); });
    connect(&m_backoffTimer, &QTimer::timeout, this, &S3Call::sendAttempt);
}

S3Call::~S3Call()
{
    if (m_digest)
        m_digest->stop = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_saveFile.cancelWriting();  // nothing half-written is left behind
}

QString S3Call::operationName() const
{
    switch (m_operation) {
    case Operation::Head: return QStringLiteral("HeadObject");
    case Operation::Get: return QStringLiteral("GetObject");
    case Operation::Put: return QStringLiteral("PutObject");
    }
    return {};
}

QString S3Call::objectUri() const
{
    return QStringLiteral("s3://") + m_location.bucket + QLatin1Char('/') + m_location.key;
}

void S3Call::start()
{
    if (Status ready = prepare(); !ready)
        return finish(ready.error());
    if (m_operation != Operation::Put)
        return sendAttempt();

    // The signed hash must be known before the first byte goes out, and reading a large
    // artifact takes seconds: the file is hashed on a worker thread that shares nothing
    // with this call but the state below, so a call cancelled or deleted meanwhile only
    // tells it to stop.
    auto digest = std::make_shared<UploadDigest>();
    digest->file = m_file;
    digest->expectedSize = m_uploadSize;
    m_digest = digest;
    QThread *worker = QThread::create([digest] { hashUpload(*digest); });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    connect(worker, &QThread::finished, this, [this, digest] {
        if (isFinished())
            return;
        m_digest.reset();
        if (!digest->error.message.isEmpty())
            return finish(digest->error);
        m_uploadSha256 = digest->sha256;
        sendAttempt();
    });
    worker->start();
}

void S3Call::hashUpload(UploadDigest &digest)
{
    QFile source(digest.file);
    if (!source.open(QIODevice::ReadOnly)) {
        digest.error = Error::make(Error::Kind::Io, QStringLiteral("CannotRead"),
                                   tr("Could not read \"%1\": %2").arg(digest.file, source.errorString()),
                                   tr("Check that the file exists and that you may read it."));
        return;
    }
    ObjectDigest hash(ObjectDigest::Algorithm::Sha256);
    qint64 read = 0;
    while (!source.atEnd() && !digest.stop.load()) {
        const QByteArray chunk = source.read(HashChunkBytes);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError) {
            digest.error = Error::make(Error::Kind::Io, QStringLiteral("CannotRead"),
                                       tr("Could not read \"%1\": %2").arg(digest.file, source.errorString()));
            return;
        }
        hash.addData(chunk);
        read += chunk.size();
    }
    if (digest.stop.load())
        return;
    if (read != digest.expectedSize) {
        digest.error = Error::make(Error::Kind::Io, QStringLiteral("FileChanged"),
                                   tr("\"%1\" changed while it was being read.").arg(digest.file),
                                   tr("Wait until whatever writes the file has finished, then upload it again."));
        return;
    }
    digest.sha256 = hash.result().toHex();
}

Status S3Call::prepare()
{
    const QUrl override = m_config.endpoint.custom ? m_config.endpoint.url : QUrl();
    if (Result<S3Address> address = S3Endpoint::address(m_location, m_region, override); !address)
        return address.error();
    const QString hint = tr("Check that the folder exists, that you may write there and that the disk has room.");
    if (m_operation == Operation::Get) {
        m_saveFile.setFileName(m_file);
        if (!m_saveFile.open(QIODevice::WriteOnly)) {
            return Error::make(Error::Kind::Io, QStringLiteral("CannotWrite"),
                               tr("Could not write \"%1\": %2").arg(m_file, m_saveFile.errorString()), hint);
        }
    }
    if (m_operation == Operation::Put) {
        QFile source(m_file);
        if (!source.open(QIODevice::ReadOnly)) {
            return Error::make(Error::Kind::Io, QStringLiteral("CannotRead"),
                               tr("Could not read \"%1\": %2").arg(m_file, source.errorString()),
                               tr("Check that the file exists and that you may read it."));
        }
        m_uploadSize = source.size();
        if (m_uploadSize > MaxPutBytes) {
            return Error::make(
                Error::Kind::Validation, QStringLiteral("TooLargeForPut"),
                tr("\"%1\" is %2; a single S3 upload takes at most %3.")
                    .arg(m_file, QLocale().formattedDataSize(m_uploadSize), QLocale().formattedDataSize(MaxPutBytes)),
                tr("Make the artifact smaller; JobDesk cannot upload in parts yet."));
        }
    }
    return success();
}

void S3Call::sendAttempt()
{
    ++m_attempt;
    m_status = 0;
    m_sawAnswer = false;
    m_writtenBefore = m_written;
    m_errorBody.clear();
    m_sslErrors.clear();
    m_abortReason.reset();

    const QUrl override = m_config.endpoint.custom ? m_config.endpoint.url : QUrl();
    const Result<S3Address> address = S3Endpoint::address(m_location, m_region, override);
    if (!address)
        return finish(address.error());

    QByteArray method;
    aws::HeaderList headers;
    QByteArray payloadHash;
    switch (m_operation) {
    case Operation::Head: method = "HEAD"; break;
    case Operation::Get:
        method = "GET";
        if (m_written > 0) {
            // Go on where the dropped connection stopped, but only with the same object.
            ++m_resumes;
            headers.emplaceBack(QByteArrayLiteral("Range"), "bytes=" + QByteArray::number(m_written) + '-');
            if (!m_object.etag.isEmpty())
                headers.emplaceBack(QByteArrayLiteral("If-Match"), m_object.etag);
        }
        break;
    case Operation::Put:
        method = "PUT";
        headers.emplaceBack(QByteArrayLiteral("Content-Length"), QByteArray::number(m_uploadSize));
        headers.emplaceBack(QByteArrayLiteral("Content-Type"), m_options.contentType);
        if (!m_options.kmsKeyId.isEmpty()) {
            headers.emplaceBack(QByteArrayLiteral("x-amz-server-side-encryption"), "aws:kms");
            headers.emplaceBack(QByteArrayLiteral("x-amz-server-side-encryption-aws-kms-key-id"),
                                m_options.kmsKeyId.toUtf8());
        }
        payloadHash = m_options.unsignedPayload ? QByteArray(S3Request::UnsignedPayload) : m_uploadSha256;
        break;
    }

    m_client->m_clock.set(m_config.clock ? *m_config.clock : Clock::system(), m_clockOffsetMs);
    const Result<aws::SignableRequest> signedRequest =
        S3Request::sign(m_client->m_signer, method, address.value(), headers, payloadHash, m_config.credentials);
    if (!signedRequest)
        return finish(signedRequest.error());

    QNetworkRequest request = S3Request::networkRequest(address.value(), signedRequest.value());
    if (!m_config.userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_config.userAgent);
    if (address.value().url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (m_config.onlyExtraCaCertificates)
            tls.setCaCertificates(m_config.extraCaCertificates);
        else if (!m_config.extraCaCertificates.isEmpty())
            tls.addCaCertificates(m_config.extraCaCertificates);
        if (!m_config.verifyTls)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(tls);
    }

    QNetworkAccessManager *network = m_client->m_network;
    QNetworkReply *reply = nullptr;
    if (m_operation == Operation::Head) {
        reply = network->head(request);
    } else if (m_operation == Operation::Get) {
        reply = network->get(request);
        reply->setReadBufferSize(ReadBufferBytes);
    } else {
        auto *body = new QFile(m_file);
        if (!body->open(QIODevice::ReadOnly)) {
            const QString reason = body->errorString();
            delete body;
            return finish(Error::make(Error::Kind::Io, QStringLiteral("CannotRead"),
                                      tr("Could not read \"%1\": %2").arg(m_file, reason)));
        }
        reply = network->put(request, body);
        body->setParent(reply);  // read by the reply, released with it
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
            Q_EMIT progress(sent, m_uploadSize);
            if (m_config.readTimeoutMs > 0)
                m_readTimer.start(m_config.readTimeoutMs);
        });
    }
    reply->setParent(this);
    m_reply = reply;

    if (m_config.connectTimeoutMs > 0)
        m_connectTimer.start(m_config.connectTimeoutMs);
    connect(reply, &QNetworkReply::requestSent, this, [this] {
        m_connectTimer.stop();
        if (m_config.readTimeoutMs > 0)
            m_readTimer.start(m_config.readTimeoutMs);
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &S3Call::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &S3Call::onReadyRead);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors = errors;  // not ignored: verification failures end the request
    });
    connect(reply, &QNetworkReply::finished, this, &S3Call::onReplyFinished);
}

void S3Call::abortWith(const Error &error)
{
    if (m_abortReason || !m_reply)
        return;
    m_abortReason = error;
    m_reply->abort();  // finishes through onReplyFinished with the reason set
}

void S3Call::onMetaData()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_connectTimer.stop();
    if (m_config.readTimeoutMs > 0)
        m_readTimer.start(m_config.readTimeoutMs);
    if (m_sawAnswer && m_written > m_writtenBefore) {
        // Qt sent the request again by itself after the connection dropped mid-body, and a
        // second answer starts on the same reply. Its bytes would follow the first answer's
        // in the file, so it is dropped and the download goes on with a Range request.
        return abortWith(
            cutShort(aws::NetworkErrorText::fromReply(QNetworkReply::RemoteHostClosedError, {}, reply->url(), {})));
    }
    m_sawAnswer = true;
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_operation != Operation::Get || m_status < 200 || m_status >= 300)
        return;

    aws::HeaderList headers;
    for (const auto &pair : reply->rawHeaderPairs())
        headers.append({pair.first, pair.second});
    const QByteArray etag = S3Error::header(headers, "ETag");
    if (m_written == 0) {
        m_sha256.reset();
        m_md5.reset();
        if (m_status != 200) {
            return abortWith(Error::make(Error::Kind::Protocol, QStringLiteral("UnexpectedStatus"),
                                         tr("S3 answered a whole-object download with HTTP %1.").arg(m_status)));
        }
        m_object = S3ObjectInfo::fromHeaders(headers);
        m_total = m_object.size;
    } else {
        const auto range = parseContentRange(S3Error::header(headers, "Content-Range"));
        if (m_status != 206 || !range || range->first != m_written
            || (!m_object.etag.isEmpty() && !etag.isEmpty() && etag != m_object.etag)) {
            return abortWith(
                Error::make(Error::Kind::Protocol, QStringLiteral("ResumeRefused"),
                            tr("The download of %1 broke off after %2 bytes and could not go on where it stopped.")
                                .arg(objectUri())
                                .arg(m_written),
                            tr("Download it again.")));
        }
        if (range->second >= 0)
            m_total = range->second;
    }
    Q_EMIT progress(m_written, m_total);
}

void S3Call::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply || m_abortReason)
        return;
    if (m_config.readTimeoutMs > 0)
        m_readTimer.start(m_config.readTimeoutMs);
    if (m_status == 0)
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool objectBytes = m_operation == Operation::Get && m_status >= 200 && m_status < 300;
    if (!objectBytes) {
        // An error document: keep a bounded prefix, drop the rest unread-by-anyone.
        const QByteArray chunk = reply->readAll();
        const qsizetype room = S3Error::MaxBodyBytes + 1 - m_errorBody.size();
        if (room > 0)
            m_errorBody.append(chunk.left(room));
        return;
    }
    while (reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(ReadBufferBytes);
        if (chunk.isEmpty())
            break;
        if (m_total >= 0 && m_written + chunk.size() > m_total) {
            return abortWith(Error::make(Error::Kind::Protocol, QStringLiteral("TooManyBytes"),
                                         tr("S3 sent more bytes of %1 than the object has.").arg(objectUri())));
        }
        if (m_saveFile.write(chunk) != chunk.size()) {
            return abortWith(Error::make(
                Error::Kind::Io, QStringLiteral("CannotWrite"),
                tr("Could not write \"%1\": %2").arg(m_file, m_saveFile.errorString()),
                tr("Check that the disk has room for the artifact (%1).").arg(QLocale().formattedDataSize(m_total))));
        }
        m_sha256.addData(chunk);
        m_md5.addData(chunk);
        m_written += chunk.size();
    }
    Q_EMIT progress(m_written, m_total);
}

void S3Call::onTimeout(bool connectPhase)
{
    if (m_reply)
        abortWith(aws::NetworkErrorText::timeout(connectPhase, m_reply->url()));
}

Error S3Call::cutShort(const Error &transportError) const
{
    Error e = transportError;
    e.kind = Error::Kind::Network;
    e.message = tr("The answer from S3 for %1 was cut short: the connection was closed or reset.").arg(objectUri());
    return e;
}

void S3Call::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onReadyRead();  // whatever arrived with the end
    m_reply = nullptr;
    reply->deleteLater();
    m_connectTimer.stop();
    m_readTimer.stop();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    if (m_abortReason)
        return retryOrFinish(*m_abortReason);  // a timeout is retried, the rest is not

    if (status == 0) {
        retryOrFinish(aws::NetworkErrorText::fromReply(netError, reply->errorString(), reply->url(), m_sslErrors));
        return;
    }

    aws::HeaderList headers;
    for (const auto &pair : reply->rawHeaderPairs())
        headers.append({pair.first, pair.second});

    if (status >= 200 && status < 300) {
        const bool incomplete = m_operation == Operation::Get && m_total >= 0 && m_written != m_total;
        if (netError != QNetworkReply::NoError || incomplete) {
            retryOrFinish(
                cutShort(aws::NetworkErrorText::fromReply(netError, reply->errorString(), reply->url(), m_sslErrors)));
            return;
        }
        onSuccess(headers);
        return;
    }

    Error error = S3Error::fromResponse(status, headers, m_errorBody);
    if (S3Error::isWrongRegion(error) && !m_regionCorrected) {
        // Re-signed for the region S3 names, once; its Location is never followed blindly.
        const QString region = S3Error::bucketRegion(headers, m_errorBody);
        if (!region.isEmpty() && region != m_region) {
            m_regionCorrected = true;
            m_region = region;
            --m_attempt;  // the correction does not use up an attempt
            sendAttempt();
            return;
        }
    }
    if (correctedClock(error, headers)) {
        --m_attempt;  // the correction does not use up an attempt
        sendAttempt();
        return;
    }
    if (error.kind == Error::Kind::Service)
        error.message = tr("%1 of %2 failed: %3").arg(operationName(), objectUri(), error.message);
    retryOrFinish(error);
}

bool S3Call::correctedClock(const Error &error, const aws::HeaderList &headers)
{
    // Once per call, and only by S3's own Date header, as AwsCall does for CodePipeline. A
    // HEAD answer has no body to name the reason, so there a 403 counts when the clocks are
    // further apart than S3 allows (15 minutes).
    const bool headRefusal = m_operation == Operation::Head && error.httpStatus == 403;
    if ((error.code != QLatin1String("RequestTimeTooSkewed") && !headRefusal) || m_clockOffsetMs != 0)
        return false;
    const QDateTime serverTime = S3ObjectInfo::parseHttpDate(S3Error::header(headers, "Date"));
    if (!serverTime.isValid())
        return false;
    const Clock &base = m_config.clock ? *m_config.clock : Clock::system();
    const qint64 skew = base.nowUtc().msecsTo(serverTime);
    const qint64 allowedMs = qint64(headRefusal ? 15 : 4) * 60 * 1000;
    if (std::llabs(skew) <= allowedMs)
        return false;
    m_clockOffsetMs = skew;
    return true;
}

void S3Call::onSuccess(const aws::HeaderList &headers)
{
    S3Transfer transfer;
    transfer.region = m_region;
    switch (m_operation) {
    case Operation::Head: transfer.object = S3ObjectInfo::fromHeaders(headers); break;
    case Operation::Get: {
        transfer.object = m_object;
        transfer.object.size = m_written;
        transfer.file = m_file;
        transfer.bytes = m_written;
        transfer.sha256 = m_sha256.result().toHex();
        transfer.resumes = m_resumes;
        const QByteArray expectedMd5 = m_object.md5Hex();
        if (!expectedMd5.isEmpty() && m_md5.result().toHex() != expectedMd5) {
            return finish(Error::make(Error::Kind::Protocol, QStringLiteral("ChecksumMismatch"),
                                      tr("The download of %1 does not match its ETag: the bytes were changed on "
                                         "the way.")
                                          .arg(objectUri()),
                                      tr("Download it again; if it keeps happening, check any proxy in between.")));
        }
        if (!m_saveFile.commit()) {
            return finish(Error::make(Error::Kind::Io, QStringLiteral("CannotWrite"),
                                      tr("Could not write \"%1\": %2").arg(m_file, m_saveFile.errorString())));
        }
        break;
    }
    case Operation::Put:
        transfer.object = S3ObjectInfo::fromHeaders(headers);
        transfer.object.size = m_uploadSize;
        transfer.object.contentType = QString::fromUtf8(m_options.contentType);
        transfer.file = m_file;
        transfer.bytes = m_uploadSize;
        transfer.sha256 = m_uploadSha256;
        break;
    }
    finish(transfer);
}

void S3Call::retryOrFinish(Error error)
{
    error.attempts = m_attempt;
    if (!m_config.retry.isRetryable(error))
        return finish(error);
    if (!m_config.retry.shouldRetry(m_attempt, error)) {
        if (m_config.retry.maxAttempts > 1)
            error.retriesExhausted = true;
        return finish(error);
    }
    m_backoffTimer.start(static_cast<int>(m_config.retry.delayFor(m_attempt, m_config.jitter) * 1000));
}

void S3Call::cancel()
{
    if (isFinished())
        return;
    m_backoffTimer.stop();
    if (m_digest)
        m_digest->stop = true;
    Error e = Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The transfer was cancelled."));
    if (m_reply)
        abortWith(e);
    else
        retryOrFinish(e);
}

void S3Call::finish(Result<S3Transfer> result)
{
    if (m_result)
        return;
    m_backoffTimer.stop();
    if (!result.ok())
        m_saveFile.cancelWriting();
    m_result = std::move(result);
    Q_EMIT finished();
    deleteLater();
}

}  // namespace jobdesk::s3
