#include "fake/fakecodepipeline.h"

#include "core/codepipeline/servicemodel.h"
#include "fake/fakests.h"
#include "fake/httprequestparser.h"
#include "fake/inputvalidator.h"
#include "fake/rawjson.h"
#include "fake/signatureverifier.h"

#include <QFile>
#include <QLocale>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <nlohmann/json.hpp>

#include <algorithm>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

// Fixture file format (UTF-8 JSON). Every key is optional unless marked required;
// keys starting with "_" are ignored (use them for comments).
//
// {
//   "credentials": [ { "accessKeyId": "AKIAIOSFODNN7EXAMPLE",          required
//                      "secretAccessKey": "wJalrXUtnFEMI/...",         required
//                      "sessionToken": "..." } ],                      then X-Amz-Security-Token must match
//   "region": "us-east-1",                 only credential scopes for this region are accepted
//   "roles": [ { "arn": "arn:aws:iam::123456789012:role/Support",   required; STS AssumeRole may assume it
//                "externalId": "...",          then ExternalId must match
//                "mfaSerial": "arn:aws:iam::123456789012:mfa/me",  then SerialNumber must match and
//                "mfaCode": "123456",          TokenCode be this code (default 123456)
//                "maxSessionDuration": 3600,   seconds (default 3600)
//                "trustedAccessKeyIds": ["AKIA..."] } ],  default: any known key
//   "actionTypes": [ {"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"} ],
//   "script": { ...as below... },          the global script
//   "jobs": [ {
//       "jobId": "<uuid>",                 default: details.id (one of the two is required)
//       "clientId": "<uuid>",              returned by Poll; default: a random UUID
//       "clientToken": "...",              required: GetThirdPartyJobDetails, Acknowledge and Put* must send it
//       "nonce": "...",                    default: details.nonce (one of the two is required)
//       "actionTypeId": {...},             default: details.data.actionTypeId (one is required)
//       "state": "Queued",                 Created|Queued|Dispatched|InProgress|TimedOut|Succeeded|Failed
//       "details": { "id": ..., "data": {...}, "nonce": ... },
//                                          the jobDetails object GetThirdPartyJobDetails answers with,
//                                          served byte for byte as written here (order, spacing, unknown
//                                          fields). Absent: a minimal one made from the fields above.
//       "script": {
//           "operations": ["GetThirdPartyJobDetails"],   only these operations; default all
//           "throttle": 2,                 first 2 requests: 400 ThrottlingException
//           "serverErrors": [503, 500],    then one request each with these statuses
//           "serverErrorBody": "json",     or "html" (a load balancer's page, Content-Type text/html)
//           "error": {"code": "JobNotFoundException", "message": "...", "status": 400, "count": 1},
//                                          then a forced error; count -1 (default) = every request
//           "fault": "malformedBody",      or "truncatedBody" / "noAnswer" / "resetMidBody" /
//                                          "truncatedChunkedBody" / "captivePortalHtml" / "hugeBody";
//                                          then on normal answers
//           "faultCount": 1,               -1 (default) = every request
//           "hugeBodyBytes": 4194304,      the size of a "hugeBody" answer
//           "delayMs": 250,                every answer waits this long
//           "closeAfterAnswer": true,      "Connection: close" and close after every answer
//           "dateOffsetSeconds": 86400     the Date header is this far off the fake's clock
//       } } ]
// }

namespace jobdesk::fake {

using ojson = nlohmann::ordered_json;

namespace {

constexpr char kTargetPrefix[] = "CodePipeline_20150709.";
constexpr char kErrorTypeSuffix[] = ":http://internal.amazon.com/coral/com.amazonaws.codepipeline/";

class Listener : public QTcpServer
{
public:
    bool tls = false;
    QSslCertificate certificate;
    QSslKey key;

protected:
    void incomingConnection(qintptr handle) override
    {
        if (!tls) {
            QTcpServer::incomingConnection(handle);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(handle)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(key);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

struct Reply
{
    int status = 200;
    QByteArray contentType = "application/x-amz-json-1.1";
    QByteArray body;
    QString errorCode;
    QByteArray requestId;         // empty: a fresh one
    bool errorTypeHeader = true;  // x-amzn-ErrorType, which JSON services send and STS does not
};

struct Decision
{
    enum class Kind { Normal, Throttle, ServerError, Error };
    Kind kind = Kind::Normal;
    int status = 0;
    bool html = false;
    FakeScript::ForcedError error;
    FakeScript::Fault fault = FakeScript::Fault::None;
    int delayMs = 0;
    bool close = false;
    qint64 dateOffsetSeconds = 0;
    qint64 hugeBodyBytes = 0;
};

struct Connection
{
    Connection(QTcpSocket *s, qsizetype maxHeader, qsizetype maxBody) : socket(s), parser(maxHeader, maxBody) {}
    QPointer<QTcpSocket> socket;
    HttpRequestParser parser;
    bool busy = false;  // an answer is pending (delayed or never coming)
    bool closing = false;
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray httpDate(const QDateTime &t)
{
    return QLocale::c().toString(t.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

Reply errorReply(int status, const QString &code, const QString &message)
{
    Reply r;
    r.status = status;
    r.errorCode = code;
    ojson body;
    body["__type"] = code.toStdString();
    body["message"] = message.toStdString();
    r.body = QByteArray::fromStdString(body.dump());
    return r;
}

Reply serverErrorReply(int status, bool html)
{
    if (html) {
        Reply r;
        r.status = status;
        r.contentType = "text/html";
        const QByteArray title = QByteArray::number(status) + ' ' + reasonPhrase(status);
        r.body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
            + "</h1></center>\r\n</body>\r\n</html>\r\n";
        return r;
    }
    if (status == 503)
        return errorReply(status, QStringLiteral("ServiceUnavailableException"), QStringLiteral("Service Unavailable"));
    return errorReply(status, QStringLiteral("InternalFailure"),
                      QStringLiteral("The request processing has failed because of an unknown error, exception or "
                                     "failure."));
}

// What a hotel or guest network's gateway answers to any request until one signs in.
Reply captivePortalReply()
{
    Reply r;
    r.contentType = "text/html; charset=utf-8";
    r.body = "<!DOCTYPE html>\r\n<html>\r\n<head><title>Guest Wi-Fi - Sign in</title></head>\r\n<body>\r\n"
             "<h1>Welcome to Guest Wi-Fi</h1>\r\n<form method=\"post\" action=\"/login\">\r\n"
             "<p>Room number <input name=\"room\"></p>\r\n<p>Last name <input name=\"name\"></p>\r\n"
             "<p><input type=\"submit\" value=\"Sign in\"></p>\r\n</form>\r\n</body>\r\n</html>\r\n";
    r.requestId = "-";  // not an AWS answer: no x-amzn-RequestId
    r.errorTypeHeader = false;
    return r;
}

// Well-formed JSON, so that only its size can be wrong with it.
Reply hugeReply(qint64 bytes)
{
    Reply r;
    const QByteArray head = "{\"jobDetails\":{\"id\":\"huge\",\"padding\":\"";
    const QByteArray tail = "\"}}";
    r.body = head + QByteArray(qMax<qint64>(0, bytes - head.size() - tail.size()), 'a') + tail;
    return r;
}

// Closing with a zero linger time makes the kernel send RST instead of FIN.
void resetConnection(QTcpSocket *socket)
{
    socket->flush();
    const qintptr fd = socket->socketDescriptor();
    if (fd != -1) {
        ::linger option{};
        option.l_onoff = 1;
        option.l_linger = 0;
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&option), sizeof option);
    }
    socket->abort();
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

Decision consume(FakeScript &script)
{
    Decision d;
    d.delayMs = script.delayMs;
    d.close = script.closeAfterAnswer;
    d.dateOffsetSeconds = script.dateOffsetSeconds;
    d.hugeBodyBytes = script.hugeBodyBytes;
    if (script.throttleCount > 0) {
        --script.throttleCount;
        d.kind = Decision::Kind::Throttle;
    } else if (!script.serverErrors.isEmpty()) {
        d.kind = Decision::Kind::ServerError;
        d.status = script.serverErrors.takeFirst();
        d.html = script.serverErrorBody == FakeScript::ServerErrorBody::Html;
    } else if (script.error && script.error->count != 0) {
        if (script.error->count > 0)
            --script.error->count;
        d.kind = Decision::Kind::Error;
        d.error = *script.error;
    } else if (script.fault != FakeScript::Fault::None && script.faultCount != 0) {
        if (script.faultCount > 0)
            --script.faultCount;
        d.fault = script.fault;
    }
    return d;
}

QString str(const ojson &value, const char *key)
{
    const auto it = value.find(key);
    return it != value.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

// Tokens and nonces are compared without revealing where they first differ.
bool sameSecret(const QString &expected, const QString &given)
{
    return aws::SigV4Signer::signaturesEqual(expected.toUtf8(), given.toUtf8());
}

bool hasIgnorablePrefix(const std::string &key)
{
    return !key.empty() && key.front() == '_';
}

Error fixtureError(const QString &field, const QString &message)
{
    return Error::validation(field, message);
}

Result<ActionTypeId> parseActionType(const ojson &value, const QString &field)
{
    if (!value.is_object())
        return fixtureError(field, FakeCodePipeline::tr("%1 must be an object").arg(field));
    ActionTypeId type;
    QString *const fields[] = {&type.category, &type.owner, &type.provider, &type.version};
    const char *const names[] = {"category", "owner", "provider", "version"};
    for (int i = 0; i < 4; ++i) {
        *fields[i] = str(value, names[i]);
        if (fields[i]->isEmpty())
            return fixtureError(
                field, FakeCodePipeline::tr("%1.%2 must be a non-empty string").arg(field, QLatin1String(names[i])));
    }
    return type;
}

Result<FakeScript> parseScript(const ojson &value, const QString &field)
{
    if (!value.is_object())
        return fixtureError(field, FakeCodePipeline::tr("%1 must be an object").arg(field));
    FakeScript script;
    for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        const QString where = field + QLatin1Char('.') + QString::fromStdString(key);
        const auto bad = [&](const QString &what) {
            return fixtureError(where, FakeCodePipeline::tr("%1 %2").arg(where, what));
        };
        if (hasIgnorablePrefix(key))
            continue;
        if (key == "operations") {
            if (!v.is_array())
                return bad(FakeCodePipeline::tr("must be an array of operation names"));
            for (const auto &op : v) {
                if (!op.is_string() || !codepipeline::ServiceModel::codePipeline().operation(op.get<std::string>()))
                    return bad(FakeCodePipeline::tr("must name CodePipeline third-party job operations"));
                script.operations << QString::fromStdString(op.get<std::string>());
            }
        } else if (key == "throttle") {
            if (!v.is_number_integer() || v.get<int>() < 0)
                return bad(FakeCodePipeline::tr("must be a count"));
            script.throttleCount = v.get<int>();
        } else if (key == "serverErrors") {
            if (!v.is_array())
                return bad(FakeCodePipeline::tr("must be an array of 5xx statuses"));
            for (const auto &s : v) {
                if (!s.is_number_integer() || s.get<int>() < 500 || s.get<int>() > 599)
                    return bad(FakeCodePipeline::tr("must be an array of 5xx statuses"));
                script.serverErrors << s.get<int>();
            }
        } else if (key == "serverErrorBody") {
            if (v == "json")
                script.serverErrorBody = FakeScript::ServerErrorBody::Json;
            else if (v == "html")
                script.serverErrorBody = FakeScript::ServerErrorBody::Html;
            else
                return bad(FakeCodePipeline::tr("must be \"json\" or \"html\""));
        } else if (key == "error") {
            if (!v.is_object() || str(v, "code").isEmpty())
                return bad(FakeCodePipeline::tr("must be an object with a \"code\""));
            FakeScript::ForcedError e;
            e.code = str(v, "code");
            e.message = str(v, "message");
            if (v.contains("status")) {
                if (!v["status"].is_number_integer() || v["status"].get<int>() < 400 || v["status"].get<int>() > 599)
                    return bad(FakeCodePipeline::tr("has a status outside 400-599"));
                e.status = v["status"].get<int>();
            }
            if (v.contains("count")) {
                if (!v["count"].is_number_integer() || v["count"].get<int>() < -1)
                    return bad(FakeCodePipeline::tr("has an invalid count"));
                e.count = v["count"].get<int>();
            }
            script.error = e;
        } else if (key == "fault") {
            if (v == "malformedBody")
                script.fault = FakeScript::Fault::MalformedBody;
            else if (v == "truncatedBody")
                script.fault = FakeScript::Fault::TruncatedBody;
            else if (v == "noAnswer")
                script.fault = FakeScript::Fault::NoAnswer;
            else if (v == "resetMidBody")
                script.fault = FakeScript::Fault::ResetMidBody;
            else if (v == "truncatedChunkedBody")
                script.fault = FakeScript::Fault::TruncatedChunkedBody;
            else if (v == "captivePortalHtml")
                script.fault = FakeScript::Fault::CaptivePortalHtml;
            else if (v == "hugeBody")
                script.fault = FakeScript::Fault::HugeBody;
            else if (v == "none")
                script.fault = FakeScript::Fault::None;
            else
                return bad(FakeCodePipeline::tr("must be \"malformedBody\", \"truncatedBody\", \"noAnswer\", "
                                                "\"resetMidBody\", \"truncatedChunkedBody\", "
                                                "\"captivePortalHtml\" or \"hugeBody\""));
        } else if (key == "faultCount") {
            if (!v.is_number_integer() || v.get<int>() < -1)
                return bad(FakeCodePipeline::tr("must be a count or -1"));
            script.faultCount = v.get<int>();
        } else if (key == "hugeBodyBytes") {
            if (!v.is_number_integer() || v.get<qint64>() < 1 || v.get<qint64>() > qint64(1) << 30)
                return bad(FakeCodePipeline::tr("must be a number of bytes up to 1 GiB"));
            script.hugeBodyBytes = v.get<qint64>();
        } else if (key == "dateOffsetSeconds") {
            if (!v.is_number_integer())
                return bad(FakeCodePipeline::tr("must be a number of seconds"));
            script.dateOffsetSeconds = v.get<qint64>();
        } else if (key == "delayMs") {
            if (!v.is_number_integer() || v.get<int>() < 0)
                return bad(FakeCodePipeline::tr("must be a number of milliseconds"));
            script.delayMs = v.get<int>();
        } else if (key == "closeAfterAnswer") {
            if (!v.is_boolean())
                return bad(FakeCodePipeline::tr("must be true or false"));
            script.closeAfterAnswer = v.get<bool>();
        } else {
            return bad(FakeCodePipeline::tr("is not a script option"));
        }
    }
    return script;
}

Result<QList<FakeRole>> parseRoles(const ojson &value)
{
    const QString field = QStringLiteral("roles");
    if (!value.is_array())
        return fixtureError(field, FakeCodePipeline::tr("roles must be an array"));
    QList<FakeRole> roles;
    for (const auto &r : value) {
        const QString where = QStringLiteral("roles[%1]").arg(roles.size());
        if (!r.is_object() || !str(r, "arn").startsWith(QLatin1String("arn:aws")) || str(r, "arn").size() < 20)
            return fixtureError(
                where,
                FakeCodePipeline::tr("%1 needs an \"arn\" such as arn:aws:iam::123456789012:role/Name").arg(where));
        FakeRole role;
        for (auto it = r.begin(); it != r.end(); ++it) {
            const std::string &key = it.key();
            const ojson &v = it.value();
            const QString member = where + QLatin1Char('.') + QString::fromStdString(key);
            if (hasIgnorablePrefix(key))
                continue;
            if (key == "arn" || key == "externalId" || key == "mfaSerial" || key == "mfaCode") {
                if (!v.is_string())
                    return fixtureError(member, FakeCodePipeline::tr("%1 must be a string").arg(member));
                const QString text = QString::fromStdString(v.get<std::string>());
                (key == "arn"              ? role.arn
                     : key == "externalId" ? role.externalId
                     : key == "mfaSerial"  ? role.mfaSerial
                                           : role.mfaCode) = text;
            } else if (key == "maxSessionDuration") {
                if (!v.is_number_integer() || v.get<int>() < 3600 || v.get<int>() > 43200)
                    return fixtureError(member, FakeCodePipeline::tr("%1 must be 3600 to 43200 seconds").arg(member));
                role.maxSessionDurationSeconds = v.get<int>();
            } else if (key == "trustedAccessKeyIds") {
                if (!v.is_array())
                    return fixtureError(member,
                                        FakeCodePipeline::tr("%1 must be an array of access key IDs").arg(member));
                for (const auto &id : v) {
                    if (!id.is_string())
                        return fixtureError(member,
                                            FakeCodePipeline::tr("%1 must be an array of access key IDs").arg(member));
                    role.trustedAccessKeyIds << QString::fromStdString(id.get<std::string>());
                }
            } else {
                return fixtureError(member, FakeCodePipeline::tr("%1 is not a role key").arg(member));
            }
        }
        roles.append(role);
    }
    return roles;
}

ojson actionTypeJson(const ActionTypeId &type)
{
    ojson j;
    j["category"] = type.category.toStdString();
    j["owner"] = type.owner.toStdString();
    j["provider"] = type.provider.toStdString();
    j["version"] = type.version.toStdString();
    return j;
}

}  // namespace

struct FakeCodePipeline::Private
{
    explicit Private(FakeCodePipeline *owner) : q(owner) {}

    FakeCodePipeline *q;
    Listener server;
    SignatureVerifier verifier;
    FakeSts sts;  // shares the known keys, clock, region and skew with verifier
    qsizetype maxHeaderBytes = 32 * 1024;
    qsizetype maxBodyBytes = 1024 * 1024;
    QByteArray emptyOutputBody = "{}";

    QList<FakeJob> jobs;
    QList<ActionTypeId> actionTypes;
    FakeScript globalScript;

    int totalRequests = 0;
    int connections = 0;
    QHash<QString, int> jobRequests;
    QHash<QString, int> operationRequests;
    aws::HeaderList lastHeaders;
    QByteArray lastBody;
    QString lastOperation;

    QHash<QTcpSocket *, std::shared_ptr<Connection>> open;

    FakeJob *findJob(const QString &id)
    {
        for (FakeJob &job : jobs) {
            if (job.jobId == id)
                return &job;
        }
        return nullptr;
    }

    bool knownActionType(const ActionTypeId &type) const
    {
        if (actionTypes.contains(type))
            return true;
        return std::any_of(jobs.cbegin(), jobs.cend(), [&](const FakeJob &j) { return j.actionTypeId == type; });
    }

    void accept();
    void readFrom(const std::shared_ptr<Connection> &connection);
    void process(const std::shared_ptr<Connection> &connection);
    void handle(const std::shared_ptr<Connection> &connection, const HttpRequest &request);
    Reply execute(const QString &operation, const HttpRequest &request);
    void send(const std::shared_ptr<Connection> &connection, const Reply &reply, const Decision &decision, bool close,
              const QString &operation);

    Reply getJobDetails(const ojson &input);
    Reply poll(const ojson &input);
    Reply acknowledge(const ojson &input);
    Reply putResult(const ojson &input, const QByteArray &body, bool success);
    std::optional<Reply> checkJob(const QString &jobId, const QString &clientToken, FakeJob *&job);
};

void FakeCodePipeline::Private::accept()
{
    while (QTcpSocket *socket = server.nextPendingConnection()) {
        ++connections;
        auto connection = std::make_shared<Connection>(socket, maxHeaderBytes, maxBodyBytes);
        open.insert(socket, connection);
        QObject::connect(socket, &QTcpSocket::readyRead, q, [this, connection] { readFrom(connection); });
        QObject::connect(socket, &QTcpSocket::disconnected, q, [this, socket] {
            open.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readFrom(connection);
    }
}

void FakeCodePipeline::Private::readFrom(const std::shared_ptr<Connection> &connection)
{
    if (!connection->socket)
        return;
    connection->parser.append(connection->socket->readAll());
    if (connection->busy && connection->parser.bufferedBytes() > maxHeaderBytes + maxBodyBytes) {
        // A client that keeps sending while its earlier request waits gets cut off, not buffered forever.
        connection->socket->abort();
        return;
    }
    process(connection);
}

void FakeCodePipeline::Private::process(const std::shared_ptr<Connection> &connection)
{
    while (connection->socket && !connection->busy && !connection->closing) {
        switch (connection->parser.parse()) {
        case HttpRequestParser::State::NeedMore:
            if (connection->parser.wantsContinue()) {
                connection->parser.acknowledgeContinue();
                connection->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            return;
        case HttpRequestParser::State::Failed: {
            const int status = connection->parser.errorStatus();
            Reply reply = errorReply(status,
                                     status == 413 ? QStringLiteral("RequestEntityTooLargeException")
                                                   : QStringLiteral("BadRequestException"),
                                     connection->parser.errorMessage());
            ++totalRequests;
            send(connection, reply, Decision{}, true, QString());
            return;
        }
        case HttpRequestParser::State::Complete: handle(connection, connection->parser.takeRequest()); break;
        }
    }
}

void FakeCodePipeline::Private::handle(const std::shared_ptr<Connection> &connection, const HttpRequest &request)
{
    ++totalRequests;
    lastHeaders = request.headers;
    lastBody = request.body;

    // STS and CodePipeline share the port: the AWS CLI and JobDesk send STS's form-encoded
    // Query requests to the same endpoint_url, and the keys STS hands out work here too.
    if (FakeSts::isStsRequest(request)) {
        const QString action = FakeSts::action(request);
        lastOperation = action;
        if (!action.isEmpty())
            operationRequests[action] += 1;
        Q_EMIT q->requestReceived(action, QString());
        const FakeSts::Answer answer = sts.handle(request);
        Reply reply;
        reply.status = answer.status;
        reply.contentType = "text/xml";
        reply.body = answer.body;
        reply.errorCode = answer.errorCode;
        reply.requestId = answer.requestId;
        reply.errorTypeHeader = false;
        send(connection, reply, Decision{}, !request.keepAlive(), action);
        return;
    }

    const QByteArray target = request.header("x-amz-target").trimmed();
    QString operation;
    if (target.startsWith(kTargetPrefix)) {
        const QByteArray name = target.mid(qsizetype(sizeof(kTargetPrefix)) - 1);
        if (codepipeline::ServiceModel::codePipeline().operation(name.toStdString()))
            operation = QString::fromLatin1(name);
    }
    lastOperation = operation;
    if (!operation.isEmpty())
        operationRequests[operation] += 1;

    // Counted before any check, so that tests see every attempt a client made for a job.
    QString jobId;
    {
        const auto body = nlohmann::json::parse(request.body.constData(),
                                                request.body.constData() + request.body.size(), nullptr, false);
        if (body.is_object() && body.contains("jobId") && body["jobId"].is_string())
            jobId = QString::fromStdString(body["jobId"].get<std::string>());
    }
    FakeJob *job = jobId.isEmpty() ? nullptr : findJob(jobId);
    if (job)
        jobRequests[jobId] += 1;
    Q_EMIT q->requestReceived(operation, jobId);

    FakeScript *script = nullptr;
    if (job && !job->script.isEmpty() && job->script.appliesTo(operation))
        script = &job->script;
    else if (!globalScript.isEmpty() && globalScript.appliesTo(operation))
        script = &globalScript;

    Reply reply;
    Decision decision;
    // A skewed Date comes with refusals too: that is where a client looks at it.
    if (script)
        decision.dateOffsetSeconds = script->dateOffsetSeconds;
    if (request.method != "POST") {
        reply = errorReply(400, QStringLiteral("UnknownOperationException"),
                           QStringLiteral("Only POST requests are supported."));
    } else if (const auto failure = verifier.verify(request)) {
        reply = errorReply(400, failure->code, failure->message);
    } else if (sts.isExpired(verifier.lastAccessKeyId(), verifier.clock().nowUtc())) {
        reply = errorReply(400, QStringLiteral("ExpiredTokenException"),
                           QStringLiteral("The security token included in the request is expired"));
    } else if (operation.isEmpty()) {
        reply = errorReply(400, QStringLiteral("UnknownOperationException"),
                           target.isEmpty() ? QStringLiteral("Missing X-Amz-Target header.")
                                            : QStringLiteral("Unknown operation %1").arg(QString::fromUtf8(target)));
    } else {
        if (script)
            decision = consume(*script);

        switch (decision.kind) {
        case Decision::Kind::Throttle:
            reply = errorReply(400, QStringLiteral("ThrottlingException"), QStringLiteral("Rate exceeded"));
            break;
        case Decision::Kind::ServerError: reply = serverErrorReply(decision.status, decision.html); break;
        case Decision::Kind::Error:
            reply = errorReply(decision.error.status, decision.error.code, decision.error.message);
            break;
        case Decision::Kind::Normal:
            // A request that is never answered is treated as lost before the service acted on it,
            // and one that a captive portal or a runaway server answers never reached the service.
            if (decision.fault == FakeScript::Fault::CaptivePortalHtml)
                reply = captivePortalReply();
            else if (decision.fault == FakeScript::Fault::HugeBody)
                reply = hugeReply(decision.hugeBodyBytes);
            else if (decision.fault != FakeScript::Fault::NoAnswer)
                reply = execute(operation, request);
            break;
        }
    }

    send(connection, reply, decision, decision.close || !request.keepAlive(), operation);
}

void FakeCodePipeline::Private::send(const std::shared_ptr<Connection> &connection, const Reply &reply,
                                     const Decision &decision, bool close, const QString &operation)
{
    if (decision.fault == FakeScript::Fault::NoAnswer) {
        connection->busy = true;  // later requests on this connection wait forever too, as behind a hung server
        Q_EMIT q->requestAnswered(operation, 0, QString());
        return;
    }

    connection->busy = true;
    const auto deliver = [this, connection, reply, decision, close, operation](bool resume) {
        QTcpSocket *socket = connection->socket;
        if (!socket)
            return;
        QByteArray body = reply.body;
        qsizetype declaredLength = body.size();
        bool cut = close;
        bool chunked = false;
        if (decision.fault == FakeScript::Fault::MalformedBody) {
            body = body.left(qMax<qsizetype>(1, body.size() / 2)) + "<";
            declaredLength = body.size();
        } else if (decision.fault == FakeScript::Fault::TruncatedBody) {
            declaredLength = body.size() > 1 ? body.size() : body.size() + 32;
            body = body.left(body.size() / 2);
            cut = true;
        } else if (decision.fault == FakeScript::Fault::ResetMidBody) {
            body = body.left(body.size() / 2);
        } else if (decision.fault == FakeScript::Fault::TruncatedChunkedBody) {
            const qsizetype half = body.size() / 2;
            body = chunk(body.left(half / 2)) + chunk(body.mid(half / 2, half - half / 2));
            chunked = true;
            cut = true;
        }

        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
        if (reply.requestId != "-")
            head += "x-amzn-RequestId: "
                + (reply.requestId.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces) : reply.requestId)
                + "\r\n";
        if (!reply.errorCode.isEmpty() && reply.errorTypeHeader)
            head += "x-amzn-ErrorType: " + reply.errorCode.toUtf8() + kErrorTypeSuffix + "\r\n";
        head += "Content-Type: " + reply.contentType + "\r\n";
        if (chunked)
            head += "Transfer-Encoding: chunked\r\n";
        else
            head += "Content-Length: " + QByteArray::number(declaredLength) + "\r\n";
        head += "Date: " + httpDate(verifier.clock().nowUtc().addSecs(decision.dateOffsetSeconds)) + "\r\n";
        if (close)
            head += "Connection: close\r\n";
        head += "\r\n";
        socket->write(head + body);
        Q_EMIT q->requestAnswered(operation, reply.status, reply.errorCode);
        if (decision.fault == FakeScript::Fault::ResetMidBody) {
            connection->closing = true;
            resetConnection(socket);  // abort() emits disconnected, which forgets the connection
            return;
        }

        connection->busy = false;
        if (cut) {
            connection->closing = true;
            socket->disconnectFromHost();
            return;
        }
        // Requests that queued up behind a delayed answer; a synchronous answer
        // returns to the loop in process() instead of recursing.
        if (resume)
            process(connection);
    };

    if (decision.delayMs > 0 && connection->socket) {
        QTimer::singleShot(decision.delayMs, connection->socket.data(), [deliver] { deliver(true); });
        return;
    }
    deliver(false);
}

Reply FakeCodePipeline::Private::execute(const QString &operation, const HttpRequest &request)
{
    const QByteArray contentType = request.header("content-type").trimmed().toLower();
    if (!contentType.startsWith("application/x-amz-json-1.1"))
        return errorReply(400, QStringLiteral("SerializationException"),
                          QStringLiteral("Content-Type must be application/x-amz-json-1.1."));

    ojson input = request.body.trimmed().isEmpty()
        ? ojson::object()
        : ojson::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (input.is_discarded() || !input.is_object())
        return errorReply(400, QStringLiteral("SerializationException"),
                          QStringLiteral("The request body could not be parsed as a JSON object."));

    const codepipeline::Operation *op = codepipeline::ServiceModel::codePipeline().operation(operation.toStdString());
    if (const auto failure = InputValidator::validate(*op->input, nlohmann::json::parse(input.dump())))
        return errorReply(400, failure->code, failure->message);

    if (operation == QLatin1String("GetThirdPartyJobDetails"))
        return getJobDetails(input);
    if (operation == QLatin1String("PollForThirdPartyJobs"))
        return poll(input);
    if (operation == QLatin1String("AcknowledgeThirdPartyJob"))
        return acknowledge(input);
    if (operation == QLatin1String("PutThirdPartyJobSuccessResult"))
        return putResult(input, request.body, true);
    if (operation == QLatin1String("PutThirdPartyJobFailureResult"))
        return putResult(input, request.body, false);
    return errorReply(400, QStringLiteral("UnknownOperationException"),
                      QStringLiteral("Unknown operation %1").arg(operation));
}

std::optional<Reply> FakeCodePipeline::Private::checkJob(const QString &jobId, const QString &clientToken,
                                                         FakeJob *&job)
{
    job = findJob(jobId);
    if (!job)
        return errorReply(400, QStringLiteral("JobNotFoundException"),
                          QStringLiteral("The job with ID %1 was not found.").arg(jobId));
    if (!sameSecret(job->clientToken, clientToken))
        return errorReply(400, QStringLiteral("InvalidClientTokenException"),
                          QStringLiteral("The client token was specified in an invalid format"));
    return std::nullopt;
}

Reply FakeCodePipeline::Private::getJobDetails(const ojson &input)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (!FakeJob::detailsAvailable(job->state))
        return errorReply(400, QStringLiteral("InvalidJobException"),
                          QStringLiteral("The job %1 is %2; its details are not available.")
                              .arg(job->jobId, FakeJob::stateName(job->state)));
    Reply reply;
    reply.body = "{\"jobDetails\":" + job->details + '}';
    return reply;
}

Reply FakeCodePipeline::Private::poll(const ojson &input)
{
    const auto type = parseActionType(input["actionTypeId"], QStringLiteral("actionTypeId"));
    if (!type.ok() || !knownActionType(type.value()))
        return errorReply(400, QStringLiteral("ActionTypeNotFoundException"),
                          QStringLiteral("The specified action type cannot be found."));
    const long long maxBatchSize = input.contains("maxBatchSize") ? input["maxBatchSize"].get<long long>() : 1;
    ojson list = ojson::array();
    for (FakeJob &job : jobs) {
        if (qsizetype(list.size()) >= maxBatchSize)
            break;
        if (job.state != FakeJob::State::Queued || !(job.actionTypeId == type.value()))
            continue;
        job.state = FakeJob::State::Dispatched;
        ojson entry;
        entry["clientId"] = job.clientId.toStdString();
        entry["jobId"] = job.jobId.toStdString();
        list.push_back(entry);
    }
    ojson out;
    out["jobs"] = list;
    Reply reply;
    reply.body = QByteArray::fromStdString(out.dump());
    return reply;
}

Reply FakeCodePipeline::Private::acknowledge(const ojson &input)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (!sameSecret(job->nonce, str(input, "nonce")))
        return errorReply(400, QStringLiteral("InvalidNonceException"),
                          QStringLiteral("The nonce was specified in an invalid format."));
    if (!FakeJob::finished(job->state))
        job->state = FakeJob::State::InProgress;
    ojson out;
    out["status"] = FakeJob::stateName(job->state).toStdString();
    Reply reply;
    reply.body = QByteArray::fromStdString(out.dump());
    return reply;
}

Reply FakeCodePipeline::Private::putResult(const ojson &input, const QByteArray &body, bool success)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (FakeJob::finished(job->state))
        return errorReply(400, QStringLiteral("InvalidJobStateException"),
                          QStringLiteral("The job %1 is already %2 and cannot take another result.")
                              .arg(job->jobId, FakeJob::stateName(job->state)));
    job->state = success ? FakeJob::State::Succeeded : FakeJob::State::Failed;
    job->resultBody = body;
    Reply reply;
    reply.body = emptyOutputBody;
    return reply;
}

// ---------------------------------------------------------------------------------------

FakeCodePipeline::FakeCodePipeline(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    connect(&d->server, &QTcpServer::newConnection, this, [this] { d->accept(); });
    d->sts.setOnIssued([this](const QString &accessKeyId, const Secret &secret, const Secret &token) {
        d->verifier.addCredentials(accessKeyId, secret, token);
    });
}

FakeCodePipeline::~FakeCodePipeline()
{
    // Sockets are children of the listener; drop our handlers before they go.
    for (auto it = d->open.cbegin(); it != d->open.cend(); ++it)
        it.key()->disconnect(this);
    d->open.clear();
}

bool FakeCodePipeline::listen(quint16 port)
{
    return d->server.listen(QHostAddress::LocalHost, port);
}

void FakeCodePipeline::close()
{
    d->server.close();
}

bool FakeCodePipeline::isListening() const
{
    return d->server.isListening();
}

quint16 FakeCodePipeline::port() const
{
    return d->server.serverPort();
}

QUrl FakeCodePipeline::url() const
{
    QUrl u;
    u.setScheme(d->server.tls ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}

QString FakeCodePipeline::errorString() const
{
    return d->server.errorString();
}

void FakeCodePipeline::enableTls(const QSslCertificate &certificate, const QSslKey &key)
{
    d->server.tls = true;
    d->server.certificate = certificate;
    d->server.key = key;
}

bool FakeCodePipeline::tlsEnabled() const
{
    return d->server.tls;
}

void FakeCodePipeline::setClock(const Clock &clock)
{
    d->verifier.setClock(clock);
    d->sts.verifier().setClock(clock);
}

void FakeCodePipeline::setRegion(const QString &region)
{
    d->verifier.setRegion(region);
    d->sts.verifier().setRegion(region);
}

void FakeCodePipeline::setMaxClockSkewSeconds(int seconds)
{
    d->verifier.setMaxSkewSeconds(seconds);
    d->sts.verifier().setMaxSkewSeconds(seconds);
}

void FakeCodePipeline::addCredentials(const QString &accessKeyId, const Secret &secretKey, const Secret &sessionToken)
{
    d->verifier.addCredentials(accessKeyId, secretKey, sessionToken);
    d->sts.verifier().addCredentials(accessKeyId, secretKey, sessionToken);
}

void FakeCodePipeline::removeCredentials(const QString &accessKeyId)
{
    d->verifier.removeCredentials(accessKeyId);
    d->sts.verifier().removeCredentials(accessKeyId);
}

void FakeCodePipeline::addRole(const FakeRole &role)
{
    d->sts.addRole(role);
}

void FakeCodePipeline::removeRole(const QString &arn)
{
    d->sts.removeRole(arn);
}

QList<FakeRole> FakeCodePipeline::roles() const
{
    return d->sts.roles();
}

QList<FakeRoleSession> FakeCodePipeline::roleSessions() const
{
    return d->sts.sessions();
}

void FakeCodePipeline::setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
{
    d->maxHeaderBytes = maxHeaderBytes;
    d->maxBodyBytes = maxBodyBytes;
}

void FakeCodePipeline::setEmptyOutputBody(const QByteArray &body)
{
    d->emptyOutputBody = body;
}

Result<int> FakeCodePipeline::loadFixtures(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("FixtureUnreadable"),
                           tr("Cannot read the fixtures file %1: %2").arg(path, file.errorString()));
    return loadFixturesJson(file.readAll());
}

Result<int> FakeCodePipeline::loadFixturesJson(const QByteArray &json)
{
    const ojson doc = ojson::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fixtureError(QString(), tr("The fixtures are not a JSON object"));

    // Everything is checked before anything changes, so a bad file leaves the fake as it was.
    struct Key
    {
        QString id;
        Secret secret;
        Secret token;
    };
    QList<Key> keys;
    QList<ActionTypeId> types;
    std::optional<FakeScript> script;
    QString region;
    QList<FakeRole> roles;
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        if (hasIgnorablePrefix(key) || key == "jobs")
            continue;
        if (key == "credentials") {
            if (!v.is_array())
                return fixtureError(QStringLiteral("credentials"), tr("credentials must be an array"));
            for (const auto &c : v) {
                if (!c.is_object() || str(c, "accessKeyId").isEmpty() || str(c, "secretAccessKey").isEmpty())
                    return fixtureError(QStringLiteral("credentials"),
                                        tr("each credential needs an accessKeyId and a secretAccessKey"));
                keys.append({str(c, "accessKeyId"), Secret(str(c, "secretAccessKey")), Secret(str(c, "sessionToken"))});
            }
        } else if (key == "actionTypes") {
            if (!v.is_array())
                return fixtureError(QStringLiteral("actionTypes"), tr("actionTypes must be an array"));
            for (const auto &t : v) {
                auto type = parseActionType(t, QStringLiteral("actionTypes"));
                if (!type.ok())
                    return type.error();
                types.append(type.value());
            }
        } else if (key == "script") {
            auto parsed = parseScript(v, QStringLiteral("script"));
            if (!parsed.ok())
                return parsed.error();
            script = parsed.value();
        } else if (key == "roles") {
            auto parsed = parseRoles(v);
            if (!parsed.ok())
                return parsed.error();
            roles = parsed.value();
        } else if (key == "region") {
            if (!v.is_string())
                return fixtureError(QStringLiteral("region"), tr("region must be a string"));
            region = QString::fromStdString(v.get<std::string>());
        } else {
            return fixtureError(QString::fromStdString(key),
                                tr("%1 is not a fixtures key").arg(QString::fromStdString(key)));
        }
    }

    QList<QByteArray> jobTexts;
    if (doc.contains("jobs")) {
        const auto span = RawJson::member(json, QStringLiteral("jobs"));
        const auto elements = span ? RawJson::arrayElements(json, span->begin) : std::nullopt;
        if (!elements)
            return fixtureError(QStringLiteral("jobs"), tr("jobs must be an array of job objects"));
        for (const RawJson::Span &element : *elements)
            jobTexts.append(json.mid(element.begin, element.end - element.begin));
    }

    const QList<FakeJob> before = d->jobs;
    int added = 0;
    for (qsizetype i = 0; i < jobTexts.size(); ++i) {
        auto id = addJobJson(jobTexts[i]);
        if (!id.ok()) {
            d->jobs = before;
            Error e = id.error();
            e.field = QStringLiteral("jobs[%1]").arg(i) + (e.field.isEmpty() ? QString() : QLatin1Char('.') + e.field);
            e.message = tr("Job %1: %2").arg(i).arg(e.message);
            return e;
        }
        ++added;
    }
    for (const Key &k : std::as_const(keys))
        addCredentials(k.id, k.secret, k.token);
    for (const FakeRole &role : std::as_const(roles))
        d->sts.addRole(role);
    for (const ActionTypeId &t : std::as_const(types))
        addActionType(t);
    if (script)
        setGlobalScript(*script);
    if (!region.isEmpty())
        setRegion(region);
    return added;
}

Result<QString> FakeCodePipeline::addJobJson(const QByteArray &jobObject)
{
    const ojson j = ojson::parse(jobObject.constData(), jobObject.constData() + jobObject.size(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fixtureError(QString(), tr("a job must be a JSON object"));

    FakeJob job;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string &key = it.key();
        const ojson &v = it.value();
        const QString field = QString::fromStdString(key);
        if (hasIgnorablePrefix(key))
            continue;
        if (key == "jobId" || key == "clientId" || key == "clientToken" || key == "nonce") {
            if (!v.is_string())
                return fixtureError(field, tr("%1 must be a string").arg(field));
            const QString value = QString::fromStdString(v.get<std::string>());
            (key == "jobId"             ? job.jobId
                 : key == "clientId"    ? job.clientId
                 : key == "clientToken" ? job.clientToken
                                        : job.nonce) = value;
        } else if (key == "actionTypeId") {
            auto type = parseActionType(v, field);
            if (!type.ok())
                return type.error();
            job.actionTypeId = type.value();
        } else if (key == "state") {
            const auto state =
                v.is_string() ? FakeJob::stateFromName(QString::fromStdString(v.get<std::string>())) : std::nullopt;
            if (!state)
                return fixtureError(field,
                                    tr("state must be one of Created, Queued, Dispatched, InProgress, "
                                       "TimedOut, Succeeded, Failed"));
            job.state = *state;
        } else if (key == "details") {
            const auto span = RawJson::member(jobObject, QStringLiteral("details"));
            if (!span || !v.is_object())
                return fixtureError(field, tr("details must be a JSON object"));
            job.details = jobObject.mid(span->begin, span->end - span->begin);
        } else if (key == "script") {
            auto script = parseScript(v, field);
            if (!script.ok())
                return script.error();
            job.script = script.value();
        } else {
            return fixtureError(field, tr("%1 is not a job key").arg(field));
        }
    }
    return addJob(job);
}

Result<QString> FakeCodePipeline::addJob(const FakeJob &input)
{
    FakeJob job = input;
    if (!job.details.isEmpty()) {
        const ojson details =
            ojson::parse(job.details.constData(), job.details.constData() + job.details.size(), nullptr, false);
        if (details.is_discarded() || !details.is_object())
            return fixtureError(QStringLiteral("details"), tr("details must be a JSON object"));
        const QString detailsId = str(details, "id");
        if (job.jobId.isEmpty())
            job.jobId = detailsId;
        else if (!detailsId.isEmpty() && detailsId != job.jobId)
            return fixtureError(QStringLiteral("details.id"), tr("details.id differs from jobId"));
        if (job.nonce.isEmpty())
            job.nonce = str(details, "nonce");
        if (job.actionTypeId.provider.isEmpty() && details.contains("data") && details["data"].is_object()
            && details["data"].contains("actionTypeId")) {
            auto type = parseActionType(details["data"]["actionTypeId"], QStringLiteral("details.data.actionTypeId"));
            if (!type.ok())
                return type.error();
            job.actionTypeId = type.value();
        }
    }
    if (job.jobId.isEmpty())
        return fixtureError(QStringLiteral("jobId"), tr("a job needs a jobId (or details.id)"));
    if (job.clientToken.isEmpty())
        return fixtureError(QStringLiteral("clientToken"), tr("a job needs a clientToken"));
    if (job.nonce.isEmpty())
        return fixtureError(QStringLiteral("nonce"), tr("a job needs a nonce (or details.nonce)"));
    if (job.actionTypeId.category.isEmpty() || job.actionTypeId.owner.isEmpty() || job.actionTypeId.provider.isEmpty()
        || job.actionTypeId.version.isEmpty())
        return fixtureError(QStringLiteral("actionTypeId"),
                            tr("a job needs an actionTypeId (or details.data.actionTypeId)"));
    if (d->findJob(job.jobId))
        return fixtureError(QStringLiteral("jobId"), tr("there is already a job %1").arg(job.jobId));
    if (job.clientId.isEmpty())
        job.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (job.details.isEmpty()) {
        ojson details;
        details["id"] = job.jobId.toStdString();
        details["data"]["actionTypeId"] = actionTypeJson(job.actionTypeId);
        details["nonce"] = job.nonce.toStdString();
        job.details = QByteArray::fromStdString(details.dump());
    }
    job.resultBody.clear();
    d->jobs.append(job);
    return job.jobId;
}

void FakeCodePipeline::addActionType(const ActionTypeId &type)
{
    if (!d->actionTypes.contains(type))
        d->actionTypes.append(type);
}

void FakeCodePipeline::removeJob(const QString &jobId)
{
    d->jobs.removeIf([&](const FakeJob &job) { return job.jobId == jobId; });
}

void FakeCodePipeline::clearJobs()
{
    d->jobs.clear();
}

std::optional<FakeJob> FakeCodePipeline::job(const QString &jobId) const
{
    if (const FakeJob *found = d->findJob(jobId))
        return *found;
    return std::nullopt;
}

QStringList FakeCodePipeline::jobIds() const
{
    QStringList ids;
    for (const FakeJob &job : std::as_const(d->jobs))
        ids << job.jobId;
    return ids;
}

bool FakeCodePipeline::setJobState(const QString &jobId, FakeJob::State state)
{
    FakeJob *job = d->findJob(jobId);
    if (!job)
        return false;
    job->state = state;
    return true;
}

bool FakeCodePipeline::setScript(const QString &jobId, const FakeScript &script)
{
    FakeJob *job = d->findJob(jobId);
    if (!job)
        return false;
    job->script = script;
    return true;
}

void FakeCodePipeline::setGlobalScript(const FakeScript &script)
{
    d->globalScript = script;
}

void FakeCodePipeline::clearScripts()
{
    d->globalScript = {};
    for (FakeJob &job : d->jobs)
        job.script = {};
}

int FakeCodePipeline::requestCount() const
{
    return d->totalRequests;
}

int FakeCodePipeline::requestCount(const QString &jobId) const
{
    return d->jobRequests.value(jobId);
}

int FakeCodePipeline::operationCount(const QString &operation) const
{
    return d->operationRequests.value(operation);
}

int FakeCodePipeline::connectionCount() const
{
    return d->connections;
}

aws::HeaderList FakeCodePipeline::lastRequestHeaders() const
{
    return d->lastHeaders;
}

QByteArray FakeCodePipeline::lastRequestHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : std::as_const(d->lastHeaders)) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray FakeCodePipeline::lastRequestBody() const
{
    return d->lastBody;
}

QString FakeCodePipeline::lastOperation() const
{
    return d->lastOperation;
}

void FakeCodePipeline::resetCounters()
{
    d->totalRequests = 0;
    d->connections = 0;
    d->jobRequests.clear();
    d->operationRequests.clear();
    d->lastHeaders.clear();
    d->lastBody.clear();
    d->lastOperation.clear();
}

}  // namespace jobdesk::fake
