#include "core/aws/serviceerror.h"

#include <QCoreApplication>
#include <QXmlStreamReader>
#include <nlohmann/json.hpp>

namespace jobdesk::aws {

namespace {

QString headerValue(const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(value);
    }
    return {};
}

QString bareCode(QString code)
{
    const qsizetype colon = code.indexOf(QLatin1Char(':'));
    if (colon >= 0)
        code.truncate(colon);
    const qsizetype hash = code.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0)
        code = code.mid(hash + 1);
    return code.trimmed();
}

// The Query protocol's error document (STS): <ErrorResponse><Error><Code/><Message/></Error><RequestId/>.
bool parseXmlError(const QByteArray &body, QString &code, QString &message, QString &requestId)
{
    QXmlStreamReader xml(body);
    bool sawErrorResponse = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("ErrorResponse"))
            sawErrorResponse = true;
        else if (name == QLatin1String("Code"))
            code = xml.readElementText();
        else if (name == QLatin1String("Message"))
            message = xml.readElementText();
        else if (name == QLatin1String("RequestId"))
            requestId = xml.readElementText();
    }
    return sawErrorResponse && !xml.hasError() && !code.isEmpty();
}

}  // namespace

Error ServiceError::parse(int httpStatus, const QList<std::pair<QByteArray, QByteArray>> &headers,
                          const QByteArray &body)
{
    Error error;
    error.kind = Error::Kind::Service;
    error.httpStatus = httpStatus;
    error.requestId = headerValue(headers, "x-amzn-RequestId");

    QString code;
    const auto json = nlohmann::json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (json.is_object()) {
        if (auto it = json.find("__type"); it != json.end() && it->is_string())
            code = QString::fromStdString(it->get<std::string>());
        for (const char *key : {"message", "Message"}) {
            if (auto it = json.find(key); it != json.end() && it->is_string()) {
                error.message = QString::fromStdString(it->get<std::string>());
                break;
            }
        }
    } else if (QString xmlCode, xmlMessage, xmlRequestId;
               body.trimmed().startsWith('<') && parseXmlError(body, xmlCode, xmlMessage, xmlRequestId)) {
        code = xmlCode;
        error.message = xmlMessage;
        if (error.requestId.isEmpty())
            error.requestId = xmlRequestId;
    } else if (!body.trimmed().isEmpty()) {
        const QByteArray trimmed = body.trimmed();
        if (trimmed.startsWith('<'))
            error.message =
                tr("The server answered HTTP %1 with an HTML page instead of a service error.").arg(httpStatus);
        else
            error.message = QString::fromUtf8(trimmed.left(500));
    }
    if (code.isEmpty())
        code = headerValue(headers, "x-amzn-ErrorType");
    code = bareCode(code);
    if (code.isEmpty())
        code = QString::number(httpStatus);
    error.code = code;
    error.hint = explain(error);
    return error;
}

bool ServiceError::isThrottling(const QString &code)
{
    static const QStringList codes = {
        QStringLiteral("Throttling"),
        QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"),
        QStringLiteral("RequestThrottledException"),
        QStringLiteral("TooManyRequestsException"),
        QStringLiteral("ProvisionedThroughputExceededException"),
        QStringLiteral("TransactionInProgressException"),
        QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BandwidthLimitExceeded"),
        QStringLiteral("LimitExceededException"),
        QStringLiteral("RequestThrottled"),
        QStringLiteral("SlowDown"),
        QStringLiteral("PriorRequestNotComplete"),
        QStringLiteral("EC2ThrottledException"),
    };
    return codes.contains(code);
}

bool ServiceError::isTransient(const QString &code, int httpStatus)
{
    if (httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504)
        return true;
    return code == QLatin1String("RequestTimeout") || code == QLatin1String("RequestTimeoutException")
        || code == QLatin1String("PriorRequestNotComplete");
}

bool ServiceError::isClockSkew(const QString &code)
{
    static const QStringList codes = {
        QStringLiteral("RequestTimeTooSkewed"),
        QStringLiteral("RequestExpired"),
        QStringLiteral("InvalidSignatureException"),
        QStringLiteral("SignatureDoesNotMatch"),
        QStringLiteral("AuthFailure"),
        QStringLiteral("RequestInTheFuture"),
    };
    return codes.contains(code);
}

QString ServiceError::explain(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("JobNotFoundException"))
        return tr("CodePipeline has no job with this ID for your partner account. Check that the job ID was "
                  "copied whole, and that you are using the partner account's keys in the job's region.");
    if (code == QLatin1String("InvalidJobException"))
        return tr("The job exists but its details can no longer be read: it was probably already completed, "
                  "failed or timed out. Poll for a newer job for this pipeline.");
    if (code == QLatin1String("InvalidClientTokenException"))
        return tr("The client token does not belong to this job's customer. Ask for the token that pairs this "
                  "customer's pipeline with your action, or pick the right one from the token vault.");
    if (code == QLatin1String("InvalidClientTokenId") || code == QLatin1String("UnrecognizedClientException"))
        return tr("AWS does not recognise your access key ID. The AWS keys of the selected profile are wrong, "
                  "deleted or from another partition; this is not about the job's client token.");
    if (code == QLatin1String("InvalidSignatureException") || code == QLatin1String("SignatureDoesNotMatch"))
        return tr("AWS rejected the request signature. Check the secret access key of the profile, and that "
                  "this computer's clock is correct.");
    if (code == QLatin1String("ExpiredTokenException") || code == QLatin1String("ExpiredToken"))
        return tr("The profile's session token has expired. Refresh the temporary credentials and try again.");
    if (code == QLatin1String("AccessDeniedException"))
        return tr("The AWS identity is not allowed to call this operation. Check its IAM policy for "
                  "codepipeline:%1 permissions.")
            .arg(QStringLiteral("*ThirdParty*"));
    if (code == QLatin1String("ValidationException"))
        return tr("CodePipeline rejected a parameter. Check the job ID and client token for stray characters.");
    if (code == QLatin1String("InvalidNonceException"))
        return tr("The nonce does not match the job. Use the nonce from this job's details.");
    if (code == QLatin1String("InvalidJobStateException"))
        return tr("The job is not in a state that accepts this result; it may already be finished.");
    if (code == QLatin1String("ActionTypeNotFoundException"))
        return tr("No custom action type matches the category, owner, provider and version given.");
    if (isThrottling(code))
        return tr("AWS is limiting the request rate for this account. Wait a little and try again; "
                  "check whether a job worker is polling too fast.");
    if (error.httpStatus >= 500)
        return tr("The service had an internal problem. Try again in a moment.");
    return {};
}

}  // namespace jobdesk::aws
