#include "fake/fakes3.h"

#include "core/aws/sigv4signer.h"
#include "fake/fakes3replies.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace jobdesk::fake {

using Reason = SignatureVerifier::Failure::Reason;

namespace {

const QString kUnsignedPayload = QStringLiteral("UNSIGNED-PAYLOAD");

// "arn:aws:kms:us-east-1:123456789012:key/1234abcd-..." -> "1234abcd-..."; anything else as is.
QString kmsKeyPart(const QString &key)
{
    if (!key.startsWith(QLatin1String("arn:")))
        return key;
    const QStringList parts = key.split(QLatin1Char(':'));
    return parts.size() >= 6 ? parts.mid(5).join(QLatin1Char(':')) : key;  // key/ID or alias/NAME
}

bool sameKmsKey(const QString &a, const QString &b)
{
    QString x = kmsKeyPart(a);
    QString y = kmsKeyPart(b);
    if (x.startsWith(QLatin1String("key/")))
        x = x.mid(4);
    if (y.startsWith(QLatin1String("key/")))
        y = y.mid(4);
    return !x.isEmpty() && x == y;
}

// S3 names the key by its ARN in its answers, whatever form the request used.
QString kmsKeyArn(const QString &requested, const FakeS3Bucket &bucket)
{
    if (requested.startsWith(QLatin1String("arn:")))
        return requested;
    if (!bucket.kmsKeyId.isEmpty() && bucket.kmsKeyId.startsWith(QLatin1String("arn:"))
        && sameKmsKey(requested, bucket.kmsKeyId))
        return bucket.kmsKeyId;
    const QString name = requested.isEmpty() ? QStringLiteral("alias/aws/s3") : requested;
    return QStringLiteral("arn:aws:kms:%1:123456789012:%2")
        .arg(bucket.region, name.startsWith(QLatin1String("alias/")) ? name : QStringLiteral("key/") + name);
}

QString operationFor(const QByteArray &method)
{
    if (method == "GET")
        return QStringLiteral("GetObject");
    if (method == "HEAD")
        return QStringLiteral("HeadObject");
    if (method == "PUT")
        return QStringLiteral("PutObject");
    return {};
}

// A Range header S3 understands: bytes=N-, bytes=N-M or bytes=-S. nullopt: none, or one
// S3 ignores (it then sends the whole object). first > last: unsatisfiable.
std::optional<std::pair<qint64, qint64>> parseRange(const QByteArray &value, qint64 size)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes=") || text.contains(','))
        return std::nullopt;
    const QByteArray spec = text.mid(6);
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return std::nullopt;
    bool okFirst = false;
    bool okLast = false;
    const QByteArray firstText = spec.left(dash);
    const QByteArray lastText = spec.mid(dash + 1);
    if (firstText.isEmpty()) {
        const qint64 suffix = lastText.toLongLong(&okLast);
        if (!okLast || suffix < 0)
            return std::nullopt;
        if (suffix == 0 || size == 0)
            return std::pair<qint64, qint64>{1, 0};
        return std::pair<qint64, qint64>{qMax<qint64>(0, size - suffix), size - 1};
    }
    const qint64 first = firstText.toLongLong(&okFirst);
    if (!okFirst || first < 0)
        return std::nullopt;
    qint64 last = size - 1;
    if (!lastText.isEmpty()) {
        last = lastText.toLongLong(&okLast);
        if (!okLast || last < first)
            return std::nullopt;
        last = qMin(last, size - 1);
    }
    if (first >= size)
        return std::pair<qint64, qint64>{first, -1};
    return std::pair<qint64, qint64>{first, last};
}

}  // namespace

FakeS3::FakeS3()
{
    m_verifier.setService(QStringLiteral("s3"));
    m_verifier.setS3Rules(true);
    m_verifier.setMaxSkewSeconds(15 * 60);  // S3 allows 15 minutes
}

void FakeS3::addJobCredentials(const QString &jobId, const QString &accessKeyId, const Secret &secretKey,
                               const Secret &sessionToken)
{
    m_verifier.addCredentials(accessKeyId, secretKey, sessionToken);
    m_jobOfKey.insert(accessKeyId, jobId);
}

FakeS3Bucket *FakeS3::findBucket(const QString &name)
{
    for (FakeS3Bucket &b : m_buckets) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

void FakeS3::addBucket(const FakeS3Bucket &bucket)
{
    if (FakeS3Bucket *existing = findBucket(bucket.name))
        *existing = bucket;
    else
        m_buckets.append(bucket);
}

std::optional<FakeS3Bucket> FakeS3::bucket(const QString &name) const
{
    for (const FakeS3Bucket &b : m_buckets) {
        if (b.name == name)
            return b;
    }
    return std::nullopt;
}

bool FakeS3::setScript(const QString &bucket, const FakeScript &script)
{
    FakeS3Bucket *b = findBucket(bucket);
    if (!b)
        return false;
    b->script = script;
    return true;
}

void FakeS3::clearScripts()
{
    for (FakeS3Bucket &b : m_buckets)
        b.script = FakeScript{};
    m_globalScript = FakeScript{};
}

void FakeS3::putObject(const QString &bucket, const QString &key, const QByteArray &content,
                       const QByteArray &contentType)
{
    if (!findBucket(bucket))
        addBucket(FakeS3Bucket{bucket, QStringLiteral("us-east-1"), false, {}, {}});
    FakeS3Object object;
    object.bucket = bucket;
    object.key = key;
    object.content = content;
    object.size = content.size();
    object.etag = FakeS3Replies::etagFor(QCryptographicHash::hash(content, QCryptographicHash::Md5), {});
    object.contentType = contentType;
    const QDateTime now = m_verifier.clock().nowUtc().toUTC();
    object.lastModified = now.addMSecs(-now.time().msec());
    m_objects[bucket].insert(key, object);
}

Status FakeS3::putObjectFile(const QString &bucket, const QString &key, const QString &path,
                             const QByteArray &contentType)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("ObjectFileUnreadable"),
                           tr("Cannot read the object file %1: %2").arg(path, file.errorString()));
    QCryptographicHash md5(QCryptographicHash::Md5);
    if (!md5.addData(&file))
        return Error::make(Error::Kind::Io, QStringLiteral("ObjectFileUnreadable"),
                           tr("Cannot read the object file %1: %2").arg(path, file.errorString()));
    if (!findBucket(bucket))
        addBucket(FakeS3Bucket{bucket, QStringLiteral("us-east-1"), false, {}, {}});
    FakeS3Object object;
    object.bucket = bucket;
    object.key = key;
    object.file = QFileInfo(path).absoluteFilePath();
    object.size = file.size();
    object.etag = FakeS3Replies::etagFor(md5.result(), {});
    object.contentType = contentType;
    const QDateTime modified = QFileInfo(file).lastModified().toUTC();
    object.lastModified = modified.addMSecs(-modified.time().msec());
    m_objects[bucket].insert(key, object);
    return success();
}

std::optional<FakeS3Object> FakeS3::object(const QString &bucket, const QString &key) const
{
    const auto b = m_objects.constFind(bucket);
    if (b == m_objects.constEnd() || !b->contains(key))
        return std::nullopt;
    return b->value(key);
}

QByteArray FakeS3::objectContent(const QString &bucket, const QString &key) const
{
    const auto o = object(bucket, key);
    return o ? o->content : QByteArray();
}

bool FakeS3::removeObject(const QString &bucket, const QString &key)
{
    return m_objects.contains(bucket) && m_objects[bucket].remove(key);
}

void FakeS3::clear()
{
    m_buckets.clear();
    m_objects.clear();
    m_uploads.clear();
    m_firstRequestAt.clear();
    m_globalScript = FakeScript{};
}

bool FakeS3::accepts(const HttpRequest &request) const
{
    if (request.path() != "/")
        return true;
    const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("authorization"));
    return parsed && parsed->service == QLatin1String("s3");
}

FakeService::Received FakeS3::receive(const HttpRequest &request)
{
    const QByteArray path = request.path();
    const qsizetype slash = path.indexOf('/', 1);
    m_bucket = QString::fromUtf8(QByteArray::fromPercentEncoding(slash < 0 ? path.mid(1) : path.mid(1, slash - 1)));
    m_key = slash < 0 ? QString() : QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(slash + 1)));
    m_head = request.method == "HEAD";

    Received received;
    if (!m_bucket.isEmpty() && !m_key.isEmpty())
        received.operation = operationFor(request.method);
    if (const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("authorization")))
        received.jobId = m_jobOfKey.value(parsed->accessKeyId);
    return received;  // knownJob stays false: the jobs' counters are for CodePipeline requests
}

FakeScript *FakeS3::scriptFor(const Received &received)
{
    FakeS3Bucket *b = findBucket(m_bucket);
    if (b && !b->script.isEmpty() && b->script.appliesTo(received.operation))
        return &b->script;
    if (!m_globalScript.isEmpty() && m_globalScript.appliesTo(received.operation))
        return &m_globalScript;
    return nullptr;
}

std::optional<FakeReply> FakeS3::replacement(const FaultInjector::Decision &decision)
{
    using Kind = FaultInjector::Decision::Kind;
    switch (decision.kind) {
    case Kind::Throttle:
        return FakeS3Replies::error(503, QStringLiteral("SlowDown"), QStringLiteral("Please reduce your request rate."),
                                    {}, m_head);
    case Kind::ServerError:
        if (decision.html)
            return FaultInjector::serverErrorReply(decision.status, true);
        if (decision.status == 503)
            return FakeS3Replies::error(503, QStringLiteral("SlowDown"),
                                        QStringLiteral("Please reduce your request rate."), {}, m_head);
        return FakeS3Replies::error(decision.status, QStringLiteral("InternalError"),
                                    QStringLiteral("We encountered an internal error. Please try again."), {}, m_head);
    case Kind::Error:
        return FakeS3Replies::error(decision.error.status, decision.error.code, decision.error.message, {}, m_head);
    case Kind::Normal: break;
    }
    return FaultInjector::replacement(decision);
}

FakeReply FakeS3::wrongRegion(const FakeS3Bucket &bucket, const QString &signedRegion, bool head) const
{
    const FakeScript::WrongRegion how = bucket.script.wrongRegion;
    FakeReply reply;
    if (how == FakeScript::WrongRegion::PermanentRedirect) {
        reply = FakeS3Replies::error(
            301, QStringLiteral("PermanentRedirect"),
            QStringLiteral("The bucket you are attempting to access must be addressed using "
                           "the specified endpoint. Please send all future requests to this "
                           "endpoint."),
            {{QStringLiteral("Endpoint"), QStringLiteral("s3.%1.amazonaws.com").arg(bucket.region)},
             {QStringLiteral("Bucket"), bucket.name}},
            head);
    } else if (how == FakeScript::WrongRegion::TemporaryRedirect) {
        reply = FakeS3Replies::error(
            307, QStringLiteral("TemporaryRedirect"),
            QStringLiteral("Please re-send this request to the specified temporary endpoint. "
                           "Continue to use the original request endpoint for future "
                           "requests."),
            {{QStringLiteral("Endpoint"), QStringLiteral("%1.s3.%2.amazonaws.com").arg(bucket.name, bucket.region)},
             {QStringLiteral("Bucket"), bucket.name}},
            head);
        FakeS3Replies::addHeader(
            reply, "Location",
            QStringLiteral("https://%1.s3.%2.amazonaws.com/").arg(bucket.name, bucket.region).toUtf8());
    } else {
        reply = FakeS3Replies::error(400, QStringLiteral("AuthorizationHeaderMalformed"),
                                     QStringLiteral("The authorization header is malformed; the region '%1' is wrong; "
                                                    "expecting '%2'")
                                         .arg(signedRegion, bucket.region),
                                     {{QStringLiteral("Region"), bucket.region}}, head);
    }
    FakeS3Replies::addHeader(reply, "x-amz-bucket-region", bucket.region.toLatin1());
    return reply;
}

std::optional<FakeReply> FakeS3::checkPayload(const HttpRequest &request, bool head)
{
    const QByteArray hash = request.header("x-amz-content-sha256").trimmed();
    if (!request.hasHeader("x-amz-content-sha256"))
        return FakeS3Replies::error(400, QStringLiteral("InvalidRequest"),
                                    QStringLiteral("Missing required header for this request: x-amz-content-sha256"),
                                    {}, head);
    const bool hex = hash.size() == 64 && QByteArray::fromHex(hash).toHex() == hash.toLower();
    if (hash != kUnsignedPayload.toLatin1() && !hex)
        return FakeS3Replies::error(400, QStringLiteral("InvalidArgument"),
                                    QStringLiteral("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, or a valid sha256 "
                                                   "value."),
                                    {{QStringLiteral("ArgumentName"), QStringLiteral("x-amz-content-sha256")},
                                     {QStringLiteral("ArgumentValue"), QString::fromLatin1(hash)}},
                                    head);
    const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("authorization"));
    if (parsed && !parsed->signedHeaders.contains("x-amz-content-sha256"))
        return FakeS3Replies::error(403, QStringLiteral("AccessDenied"),
                                    QStringLiteral("There were headers present in the request which were not signed"),
                                    {{QStringLiteral("HeadersNotSigned"), QStringLiteral("x-amz-content-sha256")}},
                                    head);
    return std::nullopt;
}

std::optional<FakeReply> FakeS3::refuse(const HttpRequest &request, const Received &received)
{
    const bool head = m_head;
    if (!request.hasHeader("authorization"))
        return FakeS3Replies::error(403, QStringLiteral("AccessDenied"), QStringLiteral("Access Denied"), {}, head);
    if (m_bucket.isEmpty())
        return FakeS3Replies::error(501, QStringLiteral("NotImplemented"),
                                    QStringLiteral("A header you provided implies functionality that is not "
                                                   "implemented"),
                                    {}, head);
    FakeS3Bucket *bucket = findBucket(m_bucket);
    if (!bucket)
        return FakeS3Replies::error(404, QStringLiteral("NoSuchBucket"),
                                    QStringLiteral("The specified bucket does not exist"),
                                    {{QStringLiteral("BucketName"), m_bucket}}, head);
    if (const auto parsed = aws::SigV4Signer::parseAuthorization(request.header("authorization"))) {
        if (parsed->region != bucket->region)
            return wrongRegion(*bucket, parsed->region, head);
    }
    if (auto refused = checkPayload(request, head))
        return refused;

    if (const auto failure = m_verifier.verify(request)) {
        const QString keyId = m_verifier.lastAccessKeyId();
        switch (failure->reason) {
        case Reason::Missing:
            return FakeS3Replies::error(403, QStringLiteral("AccessDenied"), QStringLiteral("Access Denied"), {}, head);
        case Reason::Incomplete:
        case Reason::Scope:
            return FakeS3Replies::error(
                400, QStringLiteral("AuthorizationHeaderMalformed"),
                QStringLiteral("The authorization header is malformed; %1").arg(failure->message), {}, head);
        case Reason::NotSigned:
            return FakeS3Replies::error(403, QStringLiteral("AccessDenied"), failure->message, {}, head);
        case Reason::Skew: {
            const QDateTime now = m_verifier.clock().nowUtc();
            return FakeS3Replies::error(
                403, QStringLiteral("RequestTimeTooSkewed"),
                QStringLiteral("The difference between the request time and the current time is too large."),
                {{QStringLiteral("RequestTime"), QString::fromLatin1(request.header("x-amz-date"))},
                 {QStringLiteral("ServerTime"), now.toUTC().toString(Qt::ISODate)},
                 {QStringLiteral("MaxAllowedSkewMilliseconds"), QString::number(m_verifier.maxSkewSeconds() * 1000)}},
                head);
        }
        case Reason::UnknownKey:
            return FakeS3Replies::error(403, QStringLiteral("InvalidAccessKeyId"),
                                        QStringLiteral("The AWS Access Key Id you provided does not exist in our "
                                                       "records."),
                                        {{QStringLiteral("AWSAccessKeyId"), keyId}}, head);
        case Reason::BadToken:
            return FakeS3Replies::error(400, QStringLiteral("InvalidToken"),
                                        QStringLiteral("The provided token is malformed or otherwise invalid."), {},
                                        head);
        case Reason::Mismatch:
            return FakeS3Replies::error(
                403, QStringLiteral("SignatureDoesNotMatch"),
                QStringLiteral("The request signature we calculated does not match the "
                               "signature you provided. Check your key and signing method."),
                {{QStringLiteral("AWSAccessKeyId"), keyId},
                 {QStringLiteral("StringToSign"), QString::fromUtf8(failure->stringToSign)},
                 {QStringLiteral("CanonicalRequest"), QString::fromUtf8(failure->canonicalRequest)}},
                head);
        }
    }

    // A job's credentials expire some time after they were first used, when the script says so.
    const QString keyId = m_verifier.lastAccessKeyId();
    const QDateTime now = m_verifier.clock().nowUtc();
    if (!m_firstRequestAt.contains(keyId))
        m_firstRequestAt.insert(keyId, now);
    const FakeScript *script = scriptFor(received);
    if (script && script->expireTokenAfterSeconds >= 0
        && m_firstRequestAt.value(keyId).secsTo(now) > script->expireTokenAfterSeconds)
        return FakeS3Replies::error(400, QStringLiteral("ExpiredToken"),
                                    QStringLiteral("The provided token has expired."), {}, head);

    const QByteArray hash = request.header("x-amz-content-sha256").trimmed().toLower();
    if (hash != kUnsignedPayload.toLatin1().toLower()) {
        const QByteArray actual = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
        if (hash != actual)
            return FakeS3Replies::error(400, QStringLiteral("XAmzContentSHA256Mismatch"),
                                        QStringLiteral("The provided 'x-amz-content-sha256' header does not match what "
                                                       "was computed."),
                                        {{QStringLiteral("ClientComputedContentSHA256"), QString::fromLatin1(hash)},
                                         {QStringLiteral("S3ComputedContentSHA256"), QString::fromLatin1(actual)}},
                                        head);
    }
    if (received.operation.isEmpty())
        return FakeS3Replies::error(m_key.isEmpty() ? 501 : 405,
                                    m_key.isEmpty() ? QStringLiteral("NotImplemented")
                                                    : QStringLiteral("MethodNotAllowed"),
                                    m_key.isEmpty() ? QStringLiteral("A header you provided implies functionality "
                                                                     "that is not implemented")
                                                    : QStringLiteral("The specified method is not allowed against "
                                                                     "this resource."),
                                    {}, head);
    return std::nullopt;
}

FakeReply FakeS3::answer(const HttpRequest &request, const Received &received)
{
    const FakeS3Bucket *bucket = findBucket(m_bucket);
    if (received.operation == QLatin1String("PutObject"))
        return put(request, *bucket);
    const auto found = object(m_bucket, m_key);
    if (!found)
        return FakeS3Replies::error(404, QStringLiteral("NoSuchKey"),
                                    QStringLiteral("The specified key does not exist."),
                                    {{QStringLiteral("Key"), m_key}}, m_head);
    return get(request, *found, m_head);
}

FakeReply FakeS3::get(const HttpRequest &request, const FakeS3Object &object, bool head)
{
    if (!object.file.isEmpty() && !QFileInfo(object.file).isReadable())
        return FakeS3Replies::error(500, QStringLiteral("InternalError"),
                                    QStringLiteral("We encountered an internal error. Please try again."), {}, head);
    FakeReply reply = FakeS3Replies::empty(200);
    FakeS3Replies::describe(reply, object);
    qint64 first = 0;
    qint64 last = object.size - 1;
    if (!head && request.hasHeader("range")) {
        if (const auto range = parseRange(request.header("range"), object.size)) {
            if (range->first > range->second)
                return FakeS3Replies::error(
                    416, QStringLiteral("InvalidRange"), QStringLiteral("The requested range is not satisfiable"),
                    {{QStringLiteral("RangeRequested"), QString::fromLatin1(request.header("range").trimmed())},
                     {QStringLiteral("ActualObjectSize"), QString::number(object.size)}});
            first = range->first;
            last = range->second;
            reply.status = 206;
            FakeS3Replies::addHeader(reply, "Content-Range",
                                     "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                                         + QByteArray::number(object.size));
        }
    }
    const qint64 length = qMax<qint64>(0, last - first + 1);
    if (head) {
        reply.contentLength = object.size;
    } else if (object.file.isEmpty()) {
        reply.body = object.content.mid(first, length);
    } else {
        reply.bodyFile = object.file;
        reply.bodyOffset = first;
        reply.contentLength = length;
    }
    return reply;
}

std::optional<FakeReply> FakeS3::checkKmsPolicy(const HttpRequest &request, const FakeS3Bucket &bucket)
{
    const QString sse = QString::fromLatin1(request.header("x-amz-server-side-encryption").trimmed());
    const QString key = QString::fromUtf8(request.header("x-amz-server-side-encryption-aws-kms-key-id").trimmed());
    if (!key.isEmpty() && sse != QLatin1String("aws:kms"))
        return FakeS3Replies::error(400, QStringLiteral("InvalidArgument"),
                                    QStringLiteral("Server Side Encryption with AWS KMS managed key requires HTTP "
                                                   "header x-amz-server-side-encryption : aws:kms"));
    if (!sse.isEmpty() && sse != QLatin1String("aws:kms") && sse != QLatin1String("AES256"))
        return FakeS3Replies::error(400, QStringLiteral("InvalidArgument"),
                                    QStringLiteral("The encryption method specified is not supported"),
                                    {{QStringLiteral("ArgumentName"), QStringLiteral("x-amz-server-side-encryption")},
                                     {QStringLiteral("ArgumentValue"), sse}});
    // The bucket policy's denial, worded as S3 words every explicit deny.
    const bool denied = (bucket.requireKms && sse != QLatin1String("aws:kms"))
        || (!bucket.kmsKeyId.isEmpty() && !sameKmsKey(key, bucket.kmsKeyId));
    if (denied)
        return FakeS3Replies::error(403, QStringLiteral("AccessDenied"), QStringLiteral("Access Denied"));
    return std::nullopt;
}

FakeReply FakeS3::put(const HttpRequest &request, const FakeS3Bucket &bucket)
{
    if (auto refused = checkKmsPolicy(request, bucket))
        return *refused;
    const QString sse = QString::fromLatin1(request.header("x-amz-server-side-encryption").trimmed());
    const QString requestedKey =
        QString::fromUtf8(request.header("x-amz-server-side-encryption-aws-kms-key-id").trimmed());

    FakeS3Object object;
    object.bucket = bucket.name;
    object.key = m_key;
    object.content = request.body;
    object.size = request.body.size();
    object.serverSideEncryption = sse;
    if (sse == QLatin1String("aws:kms"))
        object.kmsKeyId = kmsKeyArn(requestedKey, bucket);
    object.etag =
        FakeS3Replies::etagFor(QCryptographicHash::hash(request.body, QCryptographicHash::Md5), object.kmsKeyId);
    const QByteArray type = request.header("content-type").trimmed();
    object.contentType = type.isEmpty() ? QByteArray("binary/octet-stream") : type;
    const QDateTime now = m_verifier.clock().nowUtc().toUTC();
    object.lastModified = now.addMSecs(-now.time().msec());
    m_objects[bucket.name].insert(m_key, object);

    FakeS3Upload upload;
    upload.bucket = bucket.name;
    upload.key = m_key;
    upload.size = object.size;
    upload.sha256 = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    upload.serverSideEncryption = sse;
    upload.kmsKeyId = requestedKey;
    upload.accessKeyId = m_verifier.lastAccessKeyId();
    upload.contentType = object.contentType;
    m_uploads.append(upload);

    FakeReply reply = FakeS3Replies::empty(200);
    FakeS3Replies::addHeader(reply, "ETag", object.etag);
    if (!sse.isEmpty())
        FakeS3Replies::addHeader(reply, "x-amz-server-side-encryption", sse.toLatin1());
    if (!object.kmsKeyId.isEmpty())
        FakeS3Replies::addHeader(reply, "x-amz-server-side-encryption-aws-kms-key-id", object.kmsKeyId.toUtf8());
    if (m_onUploaded)
        m_onUploaded(upload);
    return reply;
}

}  // namespace jobdesk::fake
