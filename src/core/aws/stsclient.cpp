#include "core/aws/stsclient.h"

#include "core/aws/serviceerror.h"

#include <QCoreApplication>
#include <QHash>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QXmlStreamReader>

#include <memory>

namespace jobdesk::aws {

namespace {

// The text of every element of a small XML document, by its path from the root
// ("AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId"); the first
// occurrence wins. Namespaces are ignored, as botocore's parser ignores them.
struct XmlDocument
{
    QString root;
    QHash<QString, QString> text;

    QString value(const QString &path) const { return text.value(root + QLatin1Char('/') + path); }
};

Result<XmlDocument> readXml(const QByteArray &xml)
{
    const auto malformed = [](const QString &detail) {
        return Error::make(
            Error::Kind::Protocol, QStringLiteral("MalformedResponse"),
            StsClient::tr("The STS answer is not valid XML: %1").arg(detail),
            StsClient::tr(
                "Something other than AWS STS answered. Check the STS endpoint URL and any proxy in between."));
    };
    XmlDocument doc;
    QXmlStreamReader reader(xml);
    QStringList path;
    QString current;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::DTD:
            // AWS never sends one; refusing it also rules out entity tricks.
            return malformed(StsClient::tr("it contains a document type declaration."));
        case QXmlStreamReader::StartElement:
            if (path.isEmpty())
                doc.root = reader.name().toString();
            path << reader.name().toString();
            current.clear();
            break;
        case QXmlStreamReader::Characters: current += reader.text(); break;
        case QXmlStreamReader::EndElement: {
            const QString key = path.join(QLatin1Char('/'));
            if (!doc.text.contains(key))
                doc.text.insert(key, current.trimmed());
            current.clear();
            path.removeLast();
            break;
        }
        default: break;
        }
    }
    if (reader.hasError()) {
        return malformed(StsClient::tr("%1 (line %2, column %3).")
                             .arg(reader.errorString())
                             .arg(reader.lineNumber())
                             .arg(reader.columnNumber()));
    }
    if (doc.root.isEmpty())
        return malformed(StsClient::tr("the answer is empty."));
    return doc;
}

QByteArray formValue(const QString &value)
{
    // Python's urlencode (quote_plus), which botocore uses: only A-Z a-z 0-9 _ . - ~ stay, space is '+'.
    QByteArray encoded = value.toUtf8().toPercentEncoding(QByteArrayLiteral(" "));
    encoded.replace(' ', '+');
    return encoded;
}

Error invalid(const QString &field, const QString &message)
{
    return Error::validation(field, message);
}

}  // namespace

StsClient::StsClient(AwsClient *client, QObject *parent) : QObject(parent), m_client(client) {}

Result<Endpoint> StsClient::endpoint(const QString &region, const QUrl &overrideUrl)
{
    const QString name = region.trimmed();
    if (!name.isEmpty() && !EndpointResolver::isValidRegionName(name)) {
        return Error::validation(
            QStringLiteral("region"),
            tr("Invalid region name \"%1\". A region looks like us-east-1 or eu-west-2.").arg(region));
    }
    const QString signingRegion = name.isEmpty() ? QStringLiteral("us-east-1") : name;
    if (!overrideUrl.isEmpty()) {
        auto url = EndpointResolver::parseEndpointUrl(overrideUrl.toString());
        if (!url)
            return url.error();
        return Endpoint{url.value(), signingRegion, true};
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setPath(QStringLiteral("/"));
    if (name.isEmpty()) {
        url.setHost(QStringLiteral("sts.amazonaws.com"));
    } else {
        const QString suffix = name.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                                     : QStringLiteral("amazonaws.com");
        url.setHost(QStringLiteral("sts.") + name + QLatin1Char('.') + suffix);
    }
    return Endpoint{url, signingRegion, false};
}

Status StsClient::validate(const AssumeRoleParams &params)
{
    // Limits from the STS API reference, as botocore's parameter validation checks them.
    if (params.roleArn.isEmpty())
        return invalid(QStringLiteral("RoleArn"), tr("A role ARN is required."));
    if (params.roleArn.size() < 20 || params.roleArn.size() > 2048)
        return invalid(
            QStringLiteral("RoleArn"),
            tr("The role ARN “%1” must be 20 to 2048 characters long, e.g. arn:aws:iam::123456789012:role/Name.")
                .arg(params.roleArn));
    static const QRegularExpression sessionName(QStringLiteral("^[\\w+=,.@-]{2,64}$"));
    if (!sessionName.match(params.roleSessionName).hasMatch())
        return invalid(
            QStringLiteral("RoleSessionName"),
            tr("The role session name “%1” must be 2 to 64 letters, digits and the characters + = , . @ _ -.")
                .arg(params.roleSessionName));
    if (params.durationSeconds && (*params.durationSeconds < 900 || *params.durationSeconds > 43200))
        return invalid(QStringLiteral("DurationSeconds"),
                       tr("duration_seconds is %1, but it must be between 900 (15 minutes) and 43200 (12 hours).")
                           .arg(*params.durationSeconds));
    if (!params.externalId.isEmpty() && (params.externalId.size() < 2 || params.externalId.size() > 1224))
        return invalid(QStringLiteral("ExternalId"), tr("The external ID must be 2 to 1224 characters long."));
    if (!params.serialNumber.isEmpty()) {
        if (params.serialNumber.size() < 9 || params.serialNumber.size() > 256)
            return invalid(
                QStringLiteral("SerialNumber"),
                tr("The MFA serial “%1” must be 9 to 256 characters long, e.g. arn:aws:iam::123456789012:mfa/name.")
                    .arg(params.serialNumber));
        if (params.tokenCode.isEmpty())
            return invalid(QStringLiteral("TokenCode"),
                           tr("Role %1 needs an MFA code from %2.").arg(params.roleArn, params.serialNumber));
    }
    if (!params.tokenCode.isEmpty()) {
        static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
        if (!sixDigits.match(params.tokenCode.revealText()).hasMatch())
            return invalid(QStringLiteral("TokenCode"), tr("An MFA code is the 6 digits the MFA device shows."));
        if (params.serialNumber.isEmpty())
            return invalid(QStringLiteral("SerialNumber"),
                           tr("An MFA code was given without the MFA device's serial."));
    }
    return success();
}

QByteArray StsClient::assumeRoleBody(const AssumeRoleParams &params)
{
    // The members in the order of the AssumeRole input shape, as botocore serializes them.
    QByteArray body = "Action=AssumeRole&Version=" + QByteArray(apiVersion);
    body += "&RoleArn=" + formValue(params.roleArn);
    body += "&RoleSessionName=" + formValue(params.roleSessionName);
    if (params.durationSeconds)
        body += "&DurationSeconds=" + QByteArray::number(*params.durationSeconds);
    if (!params.externalId.isEmpty())
        body += "&ExternalId=" + formValue(params.externalId);
    if (!params.serialNumber.isEmpty())
        body += "&SerialNumber=" + formValue(params.serialNumber);
    if (!params.tokenCode.isEmpty())
        body += "&TokenCode=" + formValue(params.tokenCode.revealText());
    return body;
}

Result<AssumedRole> StsClient::parseAssumeRoleResponse(const QByteArray &xml)
{
    Result<XmlDocument> doc = readXml(xml);
    if (!doc)
        return doc.error();
    const auto incomplete = [](const QString &detail) {
        return Error::make(
            Error::Kind::Protocol, QStringLiteral("MalformedResponse"),
            tr("The STS answer to AssumeRole is incomplete: %1").arg(detail),
            tr("Something other than AWS STS answered. Check the STS endpoint URL and any proxy in between."));
    };
    if (doc.value().root != QLatin1String("AssumeRoleResponse"))
        return incomplete(tr("it is a <%1> document, not an <AssumeRoleResponse>.").arg(doc.value().root));

    const XmlDocument &d = doc.value();
    const QString credentials = QStringLiteral("AssumeRoleResult/Credentials/");
    AssumedRole role;
    role.credentials.accessKeyId = d.value(credentials + QStringLiteral("AccessKeyId"));
    role.credentials.secretAccessKey = Secret(d.value(credentials + QStringLiteral("SecretAccessKey")));
    role.credentials.sessionToken = Secret(d.value(credentials + QStringLiteral("SessionToken")));
    const QString expiration = d.value(credentials + QStringLiteral("Expiration"));
    role.assumedRoleArn = d.value(QStringLiteral("AssumeRoleResult/AssumedRoleUser/Arn"));
    role.assumedRoleId = d.value(QStringLiteral("AssumeRoleResult/AssumedRoleUser/AssumedRoleId"));
    role.requestId = d.value(QStringLiteral("ResponseMetadata/RequestId"));

    if (role.credentials.accessKeyId.isEmpty() || role.credentials.secretAccessKey.isEmpty()
        || role.credentials.sessionToken.isEmpty())
        return incomplete(tr("it lacks the access key ID, secret access key or session token."));
    QDateTime when = QDateTime::fromString(expiration, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(expiration, Qt::ISODate);
    if (!when.isValid())
        return incomplete(tr("the expiration “%1” is not an ISO 8601 time.").arg(expiration));
    role.credentials.expiration = when.toUTC();
    return role;
}

std::optional<Error> StsClient::parseErrorResponse(int httpStatus, const QByteArray &xml)
{
    Result<XmlDocument> doc = readXml(xml);
    if (!doc || doc.value().root != QLatin1String("ErrorResponse"))
        return std::nullopt;
    const XmlDocument &d = doc.value();
    Error error;
    error.kind = Error::Kind::Service;
    error.httpStatus = httpStatus;
    error.code = d.value(QStringLiteral("Error/Code"));
    error.message = d.value(QStringLiteral("Error/Message"));
    error.requestId = d.value(QStringLiteral("RequestId"));
    if (error.code.isEmpty())
        error.code = QString::number(httpStatus);
    error.hint = explain(error);
    return error;
}

QString StsClient::explain(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("AccessDenied")) {
        if (error.message.contains(QLatin1String("MultiFactorAuthentication")))
            return tr("The MFA code was not accepted. Enter the code the device shows now (each code works once), "
                      "and check that mfa_serial names this person's MFA device.");
        return tr("The source identity may not assume this role. Check role_arn, the role's trust policy, and "
                  "whether the role requires an external_id or MFA (mfa_serial).");
    }
    if (code == QLatin1String("InvalidClientTokenId"))
        return tr("AWS does not recognise the source keys used to assume the role. Check the source_profile's "
                  "access key ID, or the keys in the environment for credential_source = Environment.");
    if (code == QLatin1String("SignatureDoesNotMatch"))
        return tr("STS rejected the signature. Check the source keys' secret access key, and that this "
                  "computer's clock is correct.");
    if (code == QLatin1String("ExpiredToken"))
        return tr("The source session has expired. Refresh the source credentials and try again.");
    if (code == QLatin1String("RegionDisabledException"))
        return tr("STS is not activated in this region for the account. Activate it in IAM, or use another region.");
    if (code == QLatin1String("ValidationError"))
        return tr("STS rejected a parameter. Check role_arn, role_session_name, duration_seconds and external_id "
                  "in the profile.");
    if (code == QLatin1String("MalformedPolicyDocument") || code == QLatin1String("PackedPolicyTooLarge"))
        return tr("STS rejected the session policy.");
    return ServiceError::explain(error);
}

void StsClient::assumeRole(const ClientConfig &base, const AssumeRoleParams &params, QObject *context, Callback done)
{
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback done;
        QByteArray lastErrorBody;  // of the last answer, for the XML error it holds

        void finish(Result<AssumedRole> result)
        {
            if (hasContext && !context)
                return;
            done(std::move(result));
        }
    };
    auto pending = std::make_shared<Pending>();
    pending->context = context;
    pending->hasContext = context != nullptr;
    pending->done = std::move(done);

    const auto later = [this, pending](Error error) {
        QTimer::singleShot(0, this, [pending, error] { pending->finish(error); });
    };
    if (Status valid = validate(params); !valid)
        return later(valid.error());
    if (base.signRequests && !base.credentials.isComplete()) {
        return later(Error::make(Error::Kind::Credentials, QStringLiteral("NoCredentials"),
                                 tr("There are no source keys to assume the role %1 with.").arg(params.roleArn),
                                 tr("Set source_profile to a profile with keys, or credential_source = Environment.")));
    }

    ClientConfig config = base;
    config.service = QStringLiteral("sts");
    AwsCall *call = m_client->post(config, QByteArray(), contentType, assumeRoleBody(params));
    // AwsClient reads error answers as JSON; STS answers in XML, so keep the last body and read it here.
    connect(call, &AwsCall::wireEvent, this, [pending](const WireEvent &event) {
        if (event.kind == WireEvent::Kind::Response)
            pending->lastErrorBody = (event.status >= 200 && event.status < 300) ? QByteArray() : event.body;
    });
    connect(call, &AwsCall::finished, this, [pending, call] {
        const Result<HttpResponse> &http = call->result();
        if (!http.ok()) {
            Error error = http.error();
            if (error.kind == Error::Kind::Service) {
                if (std::optional<Error> sts = parseErrorResponse(error.httpStatus, pending->lastErrorBody)) {
                    const QString headerRequestId = error.requestId;
                    const int attempts = error.attempts;
                    const bool exhausted = error.retriesExhausted;
                    error = *sts;
                    if (error.requestId.isEmpty())
                        error.requestId = headerRequestId;
                    error.attempts = attempts;
                    error.retriesExhausted = exhausted;
                }
            }
            pending->finish(error);
            return;
        }
        Result<AssumedRole> role = parseAssumeRoleResponse(http.value().body);
        if (!role) {
            Error error = role.error();
            error.requestId = http.value().requestId;
            error.httpStatus = http.value().status;
            error.attempts = call->attempts();
            pending->finish(error);
            return;
        }
        if (role.value().requestId.isEmpty())
            role.value().requestId = http.value().requestId;
        pending->finish(std::move(role));
    });
}

}  // namespace jobdesk::aws
