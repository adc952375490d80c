#include "fake/fakests.h"

#include "core/aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace jobdesk::fake {

namespace {

constexpr char kVersion[] = "2011-06-15";
constexpr char kNamespace[] = "https://sts.amazonaws.com/doc/2011-06-15/";

QHash<QString, QString> parseForm(const QByteArray &body)
{
    QHash<QString, QString> params;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(name));
        if (!params.contains(key))
            params.insert(key, QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return params;
}

QString randomFrom(const char *alphabet, int length)
{
    const int size = int(qstrlen(alphabet));
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(size)]));
    return out;
}

QString xml(const QString &text)
{
    return text.toHtmlEscaped();
}

QString accountOf(const QString &arn)
{
    return arn.section(QLatin1Char(':'), 4, 4);
}

QString roleNameOf(const QString &arn)
{
    return arn.section(QLatin1Char(':'), 5).section(QLatin1Char('/'), -1);
}

QString validationError(const QString &value, const QString &member, const QString &constraint)
{
    return QStringLiteral("1 validation error detected: Value %1 at '%2' failed to satisfy constraint: %3")
        .arg(value.isNull() ? QStringLiteral("null") : QLatin1Char('\'') + value + QLatin1Char('\''), member,
             constraint);
}

}  // namespace

FakeSts::FakeSts()
{
    m_verifier.setService(QStringLiteral("sts"));
}

bool FakeSts::isStsRequest(const HttpRequest &request)
{
    return !request.hasHeader("x-amz-target")
        && request.header("content-type").trimmed().toLower().startsWith("application/x-www-form-urlencoded");
}

QString FakeSts::action(const HttpRequest &request)
{
    return parseForm(request.body).value(QStringLiteral("Action"));
}

void FakeSts::addRole(const FakeRole &role)
{
    removeRole(role.arn);
    m_roles.append(role);
}

void FakeSts::removeRole(const QString &arn)
{
    m_roles.removeIf([&](const FakeRole &role) { return role.arn == arn; });
}

const FakeRole *FakeSts::findRole(const QString &arn) const
{
    for (const FakeRole &role : m_roles) {
        if (role.arn == arn)
            return &role;
    }
    return nullptr;
}

bool FakeSts::isExpired(const QString &accessKeyId, const QDateTime &now) const
{
    for (const FakeRoleSession &session : m_sessions) {
        if (session.accessKeyId == accessKeyId)
            return session.expiration <= now;
    }
    return false;
}

FakeService::Received FakeSts::receive(const HttpRequest &request)
{
    Received received;
    received.operation = action(request);
    return received;
}

FakeReply FakeSts::answer(const HttpRequest &request, const Received &received)
{
    Q_UNUSED(received);
    const Answer answer = handle(request);
    FakeReply reply;
    reply.status = answer.status;
    reply.contentType = "text/xml";
    reply.body = answer.body;
    reply.errorCode = answer.errorCode;
    reply.requestId = answer.requestId;
    return reply;
}

FakeSts::Answer FakeSts::errorAnswer(int status, const QString &code, const QString &message)
{
    Answer answer;
    answer.status = status;
    answer.errorCode = code;
    answer.requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    answer.body =
        QStringLiteral("<ErrorResponse xmlns=\"%1\">\n"
                       "  <Error>\n"
                       "    <Type>%2</Type>\n"
                       "    <Code>%3</Code>\n"
                       "    <Message>%4</Message>\n"
                       "  </Error>\n"
                       "  <RequestId>%5</RequestId>\n"
                       "</ErrorResponse>\n")
            .arg(QLatin1String(kNamespace), status >= 500 ? QStringLiteral("Receiver") : QStringLiteral("Sender"),
                 xml(code), xml(message), QString::fromLatin1(answer.requestId))
            .toUtf8();
    return answer;
}

FakeSts::Answer FakeSts::handle(const HttpRequest &request)
{
    if (request.method != "POST")
        return errorAnswer(400, QStringLiteral("InvalidAction"),
                           QStringLiteral("The fake STS only takes POST requests."));
    if (const auto failure = m_verifier.verify(request)) {
        // The same checks as for CodePipeline, in the words STS uses for them.
        if (failure->code == QLatin1String("MissingAuthenticationTokenException"))
            return errorAnswer(403, QStringLiteral("MissingAuthenticationToken"),
                               QStringLiteral("Request is missing Authentication Token"));
        if (failure->code == QLatin1String("IncompleteSignatureException"))
            return errorAnswer(400, QStringLiteral("IncompleteSignature"), failure->message);
        if (failure->code == QLatin1String("UnrecognizedClientException"))
            return errorAnswer(403, QStringLiteral("InvalidClientTokenId"), failure->message);
        return errorAnswer(403, QStringLiteral("SignatureDoesNotMatch"), failure->message);
    }
    const QString caller = m_verifier.lastAccessKeyId();
    if (isExpired(caller, m_verifier.clock().nowUtc()))
        return errorAnswer(400, QStringLiteral("ExpiredToken"),
                           QStringLiteral("The security token included in the request is expired"));

    const QHash<QString, QString> params = parseForm(request.body);
    const QString action = params.value(QStringLiteral("Action"));
    const QString version = params.value(QStringLiteral("Version"));
    if (action.isEmpty())
        return errorAnswer(400, QStringLiteral("MissingAction"), QStringLiteral("Missing Action"));
    if (action != QLatin1String("AssumeRole") || version != QLatin1String(kVersion))
        return errorAnswer(400, QStringLiteral("InvalidAction"),
                           QStringLiteral("Could not find operation %1 for version %2")
                               .arg(action, version.isEmpty() ? QStringLiteral("NO_VERSION_SPECIFIED") : version));
    return assumeRole(params, caller);
}

FakeSts::Answer FakeSts::assumeRole(const QHash<QString, QString> &params, const QString &caller)
{
    const auto param = [&](const char *name) {
        const auto it = params.constFind(QLatin1String(name));
        return it == params.constEnd() ? QString() : (it->isNull() ? QStringLiteral("") : *it);
    };
    const QString roleArn = param("RoleArn");
    const QString sessionName = param("RoleSessionName");
    const QString externalId = param("ExternalId");
    const QString serialNumber = param("SerialNumber");
    const QString tokenCode = param("TokenCode");
    const QString durationText = param("DurationSeconds");

    const auto invalid = [](const QString &message) {
        return errorAnswer(400, QStringLiteral("ValidationError"), message);
    };
    if (roleArn.isNull())
        return invalid(validationError({}, QStringLiteral("roleArn"), QStringLiteral("Member must not be null")));
    if (sessionName.isNull())
        return invalid(
            validationError({}, QStringLiteral("roleSessionName"), QStringLiteral("Member must not be null")));
    static const QRegularExpression namePattern(QStringLiteral("^[\\w+=,.@-]*$"));
    if (!namePattern.match(sessionName).hasMatch())
        return invalid(validationError(sessionName, QStringLiteral("roleSessionName"),
                                       QStringLiteral("Member must satisfy regular expression pattern: [\\w+=,.@-]*")));
    if (sessionName.size() < 2 || sessionName.size() > 64)
        return invalid(validationError(sessionName, QStringLiteral("roleSessionName"),
                                       sessionName.size() < 2
                                           ? QStringLiteral("Member must have length greater than or equal to 2")
                                           : QStringLiteral("Member must have length less than or equal to 64")));
    int duration = 3600;
    if (!durationText.isNull()) {
        bool ok = false;
        duration = durationText.toInt(&ok);
        if (!ok)
            return invalid(QStringLiteral("Invalid value for DurationSeconds: %1").arg(durationText));
        if (duration < 900)
            return invalid(validationError(durationText, QStringLiteral("durationSeconds"),
                                           QStringLiteral("Member must have value greater than or equal to 900")));
        if (duration > 43200)
            return invalid(validationError(durationText, QStringLiteral("durationSeconds"),
                                           QStringLiteral("Member must have value less than or equal to 43200")));
    }
    static const QRegularExpression codePattern(QStringLiteral("^[0-9]{6}$"));
    if (!tokenCode.isNull() && !codePattern.match(tokenCode).hasMatch())
        return invalid(validationError(tokenCode, QStringLiteral("tokenCode"),
                                       QStringLiteral("Member must satisfy regular expression pattern: [\\d]*")));

    const QString callerArn =
        m_principals.value(caller, QStringLiteral("arn:aws:iam::%1:user/%2").arg(accountOf(roleArn), caller));
    const Answer denied =
        errorAnswer(403, QStringLiteral("AccessDenied"),
                    QStringLiteral("User: %1 is not authorized to perform: sts:AssumeRole on resource: %2")
                        .arg(callerArn, roleArn));
    const FakeRole *role = findRole(roleArn);
    if (!role)
        return denied;
    if (!role->trustedAccessKeyIds.isEmpty() && !role->trustedAccessKeyIds.contains(caller))
        return denied;
    if (!role->externalId.isEmpty()
        && !aws::SigV4Signer::signaturesEqual(role->externalId.toUtf8(), externalId.toUtf8()))
        return denied;
    if (!role->mfaSerial.isEmpty()) {
        if (serialNumber != role->mfaSerial || tokenCode.isEmpty())
            return denied;
        if (!aws::SigV4Signer::signaturesEqual(role->mfaCode.toUtf8(), tokenCode.toUtf8()))
            return errorAnswer(
                403, QStringLiteral("AccessDenied"),
                QStringLiteral("MultiFactorAuthentication failed with invalid MFA one time pass code. "));
    }
    const bool chained = m_principals.contains(caller);
    if (chained && duration > 3600)
        return invalid(QStringLiteral(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
    if (duration > role->maxSessionDurationSeconds)
        return invalid(
            QStringLiteral("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));

    FakeRoleSession session;
    session.roleArn = roleArn;
    session.sessionName = sessionName;
    session.externalId = externalId;
    session.serialNumber = serialNumber;
    session.durationSeconds = duration;
    session.sourceAccessKeyId = caller;
    session.accessKeyId = QStringLiteral("ASIA") + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    // Whole seconds, as STS reports them.
    const QDateTime now = m_verifier.clock().nowUtc().toUTC();
    session.expiration = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + duration, Qt::UTC);
    const Secret secret(randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40));
    const Secret token(QStringLiteral("FwoGZXIvYXdzEJr//////////wEaD")
                       + randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 320));
    m_sessions.append(session);

    const QString assumedArn =
        QStringLiteral("arn:aws:sts::%1:assumed-role/%2/%3").arg(accountOf(roleArn), roleNameOf(roleArn), sessionName);
    m_principals.insert(session.accessKeyId, assumedArn);
    m_verifier.addCredentials(session.accessKeyId, secret, token);
    if (m_onIssued)
        m_onIssued(session.accessKeyId, secret, token);

    // A stable role ID per role, as IAM keeps one for the role's life.
    const QString roleId =
        QStringLiteral("AROA")
        + QString::fromLatin1(
            QCryptographicHash::hash(roleArn.toUtf8(), QCryptographicHash::Sha256).toHex().toUpper().left(17));
    Answer answer;
    answer.requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    answer.body = QStringLiteral("<AssumeRoleResponse xmlns=\"%1\">\n"
                                 "  <AssumeRoleResult>\n"
                                 "    <AssumedRoleUser>\n"
                                 "      <AssumedRoleId>%2:%3</AssumedRoleId>\n"
                                 "      <Arn>%4</Arn>\n"
                                 "    </AssumedRoleUser>\n"
                                 "    <Credentials>\n"
                                 "      <AccessKeyId>%5</AccessKeyId>\n"
                                 "      <SecretAccessKey>%6</SecretAccessKey>\n"
                                 "      <SessionToken>%7</SessionToken>\n"
                                 "      <Expiration>%8</Expiration>\n"
                                 "    </Credentials>\n"
                                 "  </AssumeRoleResult>\n"
                                 "  <ResponseMetadata>\n"
                                 "    <RequestId>%9</RequestId>\n"
                                 "  </ResponseMetadata>\n"
                                 "</AssumeRoleResponse>\n")
                      .arg(QLatin1String(kNamespace), roleId, xml(sessionName), xml(assumedArn), session.accessKeyId,
                           xml(secret.revealText()), xml(token.revealText()), session.expiration.toString(Qt::ISODate),
                           QString::fromLatin1(answer.requestId))
                      .toUtf8();
    return answer;
}

}  // namespace jobdesk::fake
