#include "core/s3/s3error.h"

#include "core/aws/serviceerror.h"

#include <QXmlStreamReader>

namespace jobdesk::s3 {

namespace {

// Each field is short in S3's answers; a longer one is cut so that a hostile body cannot
// fill a message box.
constexpr qsizetype MaxFieldChars = 2048;

Error malformed(const QString &detail)
{
    return Error::make(Error::Kind::Protocol, QStringLiteral("MalformedS3Error"),
                       S3Error::tr("S3's error answer could not be read: %1").arg(detail),
                       S3Error::tr("Something other than Amazon S3 may have answered. Check the S3 endpoint and "
                                   "any proxy in between."));
}

// The code S3 would have put in a body, for the bodiless answers to HEAD.
QString codeForStatus(int status)
{
    switch (status) {
    case 301: return QStringLiteral("PermanentRedirect");
    case 307: return QStringLiteral("TemporaryRedirect");
    case 400: return QStringLiteral("BadRequest");
    case 403: return QStringLiteral("Forbidden");
    case 404: return QStringLiteral("NotFound");
    case 412: return QStringLiteral("PreconditionFailed");
    case 500: return QStringLiteral("InternalError");
    case 503: return QStringLiteral("SlowDown");
    default: return QString::number(status);
    }
}

}  // namespace

QByteArray S3Error::header(const aws::HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    }
    return {};
}

Result<S3ErrorBody> S3Error::parseBody(const QByteArray &xml)
{
    if (xml.size() > MaxBodyBytes)
        return malformed(tr("it is longer than %1 bytes.").arg(MaxBodyBytes));
    if (xml.trimmed().isEmpty())
        return malformed(tr("it is empty."));

    S3ErrorBody body;
    QXmlStreamReader reader(xml);
    int depth = 0;
    QString *field = nullptr;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::DTD:
            // S3 never sends one; refusing it rules out entity expansion of every kind.
            return malformed(tr("it contains a document type declaration."));
        case QXmlStreamReader::EntityReference: return malformed(tr("it refers to an undeclared entity."));
        case QXmlStreamReader::StartElement: {
            ++depth;
            const auto name = reader.name();
            if (depth == 1 && name != QLatin1String("Error"))
                return malformed(tr("its root element is <%1>, not <Error>.").arg(name.toString()));
            field = nullptr;
            if (depth == 2) {
                if (name == QLatin1String("Code"))
                    field = &body.code;
                else if (name == QLatin1String("Message"))
                    field = &body.message;
                else if (name == QLatin1String("RequestId"))
                    field = &body.requestId;
                else if (name == QLatin1String("HostId"))
                    field = &body.hostId;
                else if (name == QLatin1String("Region") || name == QLatin1String("BucketRegion"))
                    field = &body.region;
                if (field)
                    field->clear();  // a repeated field: the last one counts
            }
            break;
        }
        case QXmlStreamReader::Characters:
            if (field && depth == 2 && field->size() < MaxFieldChars)
                field->append(reader.text().left(MaxFieldChars - field->size()));
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            field = nullptr;
            break;
        default: break;
        }
    }
    if (reader.hasError()) {
        return malformed(tr("%1 (line %2, column %3).")
                             .arg(reader.errorString())
                             .arg(reader.lineNumber())
                             .arg(reader.columnNumber()));
    }
    body.code = body.code.trimmed();
    body.requestId = body.requestId.trimmed();
    body.hostId = body.hostId.trimmed();
    body.region = body.region.trimmed();
    if (body.code.isEmpty())
        return malformed(tr("it has no error code."));
    return body;
}

QString S3Error::bucketRegion(const aws::HeaderList &headers, const QByteArray &body)
{
    const QString fromHeader = QString::fromLatin1(header(headers, "x-amz-bucket-region"));
    if (!fromHeader.isEmpty())
        return fromHeader;
    const Result<S3ErrorBody> parsed = parseBody(body);
    return parsed ? parsed.value().region : QString();
}

Error S3Error::fromResponse(int httpStatus, const aws::HeaderList &headers, const QByteArray &body)
{
    Error error;
    error.kind = Error::Kind::Service;
    error.httpStatus = httpStatus;
    QString hostId;
    if (body.trimmed().isEmpty()) {
        error.code = codeForStatus(httpStatus);
        error.message = tr("S3 answered HTTP %1 without details.").arg(httpStatus);
    } else if (Result<S3ErrorBody> parsed = parseBody(body)) {
        error.code = parsed.value().code;
        error.message = parsed.value().message;
        error.requestId = parsed.value().requestId;
        hostId = parsed.value().hostId;
    } else {
        error = parsed.error();
        error.httpStatus = httpStatus;
        error.message = tr("S3 answered HTTP %1, and %2").arg(httpStatus).arg(error.message);
    }
    if (error.requestId.isEmpty())
        error.requestId = QString::fromLatin1(header(headers, "x-amz-request-id"));
    if (hostId.isEmpty())
        hostId = QString::fromLatin1(header(headers, "x-amz-id-2"));
    if (error.kind == Error::Kind::Service) {
        error.hint = explain(error);
        if (error.code == QLatin1String("PermanentRedirect") || error.code == QLatin1String("TemporaryRedirect")
            || error.code == QLatin1String("AuthorizationHeaderMalformed")) {
            const QString region = bucketRegion(headers, body);
            if (!region.isEmpty())
                error.hint += QLatin1Char(' ') + tr("S3 says the bucket is in %1.").arg(region);
        }
    }
    if (!hostId.isEmpty())
        error.hint +=
            (error.hint.isEmpty() ? QString() : QStringLiteral(" ")) + tr("For AWS Support: host ID %1.").arg(hostId);
    return error;
}

bool S3Error::isWrongRegion(const Error &error)
{
    if (error.kind != Error::Kind::Service)
        return false;
    return error.httpStatus == 301 || error.httpStatus == 307
        || (error.httpStatus == 400 && error.code == QLatin1String("AuthorizationHeaderMalformed"));
}

QString S3Error::explain(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("ExpiredToken"))
        return tr("The job's artifact credentials have expired; fetch the job again to get fresh ones.");
    if (code == QLatin1String("InvalidToken"))
        return tr("S3 does not accept the session token of the job's artifact credentials. Fetch the job again "
                  "and use the access key, secret key and session token that came with it, together.");
    if (code == QLatin1String("InvalidAccessKeyId"))
        return tr("S3 does not know the access key ID. The artifact credentials are incomplete, belong to "
                  "another partition, or were revoked; fetch the job again.");
    if (code == QLatin1String("SignatureDoesNotMatch"))
        return tr("S3 rejected the request signature: the secret key does not belong to the access key ID. Fetch "
                  "the job again so that the artifact credentials match.");
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("Forbidden"))
        return tr("The job's artifact credentials may not do this with this object. They only cover the "
                  "pipeline's artifact bucket and the job's own artifacts; check the bucket and key, and whether "
                  "a KMS key policy denies the role. If the job is old, its credentials may have expired: fetch "
                  "it again.");
    if (code == QLatin1String("BadRequest"))
        return tr("S3 refused the request without saying why, as it does for HEAD requests. The usual cause is an "
                  "expired or broken session token in the job's artifact credentials: fetch the job again.");
    if (code == QLatin1String("NoSuchKey") || code == QLatin1String("NotFound"))
        return tr("There is no object with this key in the bucket. Check the key for a changed character, and "
                  "whether the pipeline's earlier action has really written its output artifact.");
    if (code == QLatin1String("NoSuchBucket"))
        return tr("The bucket does not exist. Check the bucket name in the job's artifact location and the "
                  "partition (China and GovCloud buckets are separate).");
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return tr("This computer's clock differs from S3's by more than 15 minutes. Set the date, time and time "
                  "zone right (turn on automatic time setting), then try again.");
    if (code == QLatin1String("SlowDown") || code == QLatin1String("ServiceUnavailable"))
        return tr("S3 is asking for fewer requests for now. Wait a little and try again.");
    if (code == QLatin1String("PermanentRedirect") || code == QLatin1String("TemporaryRedirect")
        || code == QLatin1String("AuthorizationHeaderMalformed"))
        return tr("The bucket is in another region than the one the request was sent to. Use the bucket's "
                  "region: the pipeline's region, as in the job's details.");
    if (code == QLatin1String("PreconditionFailed"))
        return tr("The object changed while it was being downloaded. Download it again.");
    if (code == QLatin1String("KMS.AccessDeniedException") || code == QLatin1String("KMS.NotFoundException")
        || code == QLatin1String("KMS.DisabledException"))
        return tr("S3 could not use the object's KMS key with these credentials. Check the KMS key policy and "
                  "that the key is enabled.");
    if (aws::ServiceError::isTransient(code, error.httpStatus))
        return tr("S3 had an internal problem. Try again in a moment.");
    return {};
}

}  // namespace jobdesk::s3
