#include "core/s3/s3objectinfo.h"

#include "core/s3/s3error.h"

#include <QLocale>
#include <QTimeZone>

namespace jobdesk::s3 {

QDateTime S3ObjectInfo::parseHttpDate(const QByteArray &value)
{
    const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return {};
    return QDateTime(date.date(), date.time(), QTimeZone::utc());
}

S3ObjectInfo S3ObjectInfo::fromHeaders(const aws::HeaderList &headers)
{
    S3ObjectInfo info;
    bool known = false;
    const qint64 length = S3Error::header(headers, "Content-Length").toLongLong(&known);
    if (known && length >= 0)
        info.size = length;
    info.etag = S3Error::header(headers, "ETag");
    info.contentType = QString::fromUtf8(S3Error::header(headers, "Content-Type"));
    info.lastModified = parseHttpDate(S3Error::header(headers, "Last-Modified"));
    info.serverSideEncryption = QString::fromUtf8(S3Error::header(headers, "x-amz-server-side-encryption"));
    info.kmsKeyId = QString::fromUtf8(S3Error::header(headers, "x-amz-server-side-encryption-aws-kms-key-id"));
    info.versionId = QString::fromUtf8(S3Error::header(headers, "x-amz-version-id"));
    // A customer-provided key leaves its own header instead of x-amz-server-side-encryption.
    if (info.serverSideEncryption.isEmpty()
        && !S3Error::header(headers, "x-amz-server-side-encryption-customer-algorithm").isEmpty())
        info.serverSideEncryption = QStringLiteral("SSE-C");
    return info;
}

QByteArray S3ObjectInfo::md5Hex() const
{
    QByteArray tag = etag;
    if (tag.size() == 34 && tag.startsWith('"') && tag.endsWith('"'))
        tag = tag.mid(1, 32);
    if (tag.size() != 32)
        return {};  // multipart ETags end in "-N"
    for (const char c : tag) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return {};
    }
    if (!serverSideEncryption.isEmpty() && serverSideEncryption != QLatin1String("AES256"))
        return {};
    return tag;
}

}  // namespace jobdesk::s3
