#include "fake/fakes3replies.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QRandomGenerator>

namespace jobdesk::fake {

namespace {

// x-amz-request-id: 16 upper-case hex digits; x-amz-id-2: 76 characters of base64.
std::pair<QByteArray, QByteArray> requestIds()
{
    quint32 words[2];
    QRandomGenerator::global()->fillRange(words);
    const QByteArray id(reinterpret_cast<const char *>(words), sizeof words);
    QByteArray host(57, Qt::Uninitialized);
    for (char &c : host)
        c = char(QRandomGenerator::global()->bounded(256));
    return {id.toHex().toUpper(), host.toBase64()};
}

void addIds(FakeReply &reply, const std::pair<QByteArray, QByteArray> &ids)
{
    reply.requestId = "-";  // S3 names its IDs otherwise than the JSON services
    FakeS3Replies::addHeader(reply, "x-amz-request-id", ids.first);
    FakeS3Replies::addHeader(reply, "x-amz-id-2", ids.second);
}

}  // namespace

void FakeS3Replies::addHeader(FakeReply &reply, const QByteArray &name, const QByteArray &value)
{
    reply.headers.append(std::pair<QByteArray, QByteArray>(name, value));
}

QString FakeS3Replies::escapeXml(const QString &text)
{
    return text.toHtmlEscaped();
}

QByteArray FakeS3Replies::httpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

FakeReply FakeS3Replies::error(int status, const QString &code, const QString &message, const Elements &extra,
                               bool head)
{
    const auto ids = requestIds();
    FakeReply reply;
    reply.status = status;
    reply.errorCode = code;
    reply.contentType = "application/xml";
    addIds(reply, ids);
    FakeS3Replies::addHeader(reply, "Server", "AmazonS3");
    if (head) {
        reply.contentType.clear();
        reply.contentLength = 0;
        return reply;
    }
    QString xml =
        QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%1</Code><Message>%2</Message>")
            .arg(escapeXml(code), escapeXml(message));
    for (const auto &[name, value] : extra)
        xml += QStringLiteral("<%1>%2</%1>").arg(name, escapeXml(value));
    xml += QStringLiteral("<RequestId>%1</RequestId><HostId>%2</HostId></Error>")
               .arg(QString::fromLatin1(ids.first), QString::fromLatin1(ids.second));
    reply.body = xml.toUtf8();
    return reply;
}

FakeReply FakeS3Replies::empty(int status)
{
    FakeReply reply;
    reply.status = status;
    reply.contentType.clear();
    addIds(reply, requestIds());
    FakeS3Replies::addHeader(reply, "Server", "AmazonS3");
    return reply;
}

void FakeS3Replies::describe(FakeReply &reply, const FakeS3Object &object)
{
    FakeS3Replies::addHeader(reply, "Last-Modified", httpDate(object.lastModified));
    FakeS3Replies::addHeader(reply, "ETag", object.etag);
    if (!object.serverSideEncryption.isEmpty())
        FakeS3Replies::addHeader(reply, "x-amz-server-side-encryption", object.serverSideEncryption.toLatin1());
    if (!object.kmsKeyId.isEmpty())
        FakeS3Replies::addHeader(reply, "x-amz-server-side-encryption-aws-kms-key-id", object.kmsKeyId.toUtf8());
    FakeS3Replies::addHeader(reply, "Accept-Ranges", "bytes");
    reply.contentType = object.contentType;
}

QByteArray FakeS3Replies::etagFor(const QByteArray &md5, const QString &kmsKeyId)
{
    if (kmsKeyId.isEmpty())
        return '"' + md5.toHex() + '"';
    // Not the content's MD5, as S3's are not for SSE-KMS; stable for the same content and key.
    const QByteArray salted = md5 + kmsKeyId.toUtf8();
    return '"' + QCryptographicHash::hash(salted, QCryptographicHash::Md5).toHex() + '"';
}

}  // namespace jobdesk::fake
