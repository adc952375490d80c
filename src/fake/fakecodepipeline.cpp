#include "fake/fakecodepipeline.h"

#include "fake/codepipelineservice.h"
#include "fake/fakereply.h"
#include "fake/fakes3.h"
#include "fake/fakeservice.h"
#include "fake/fakessooidc.h"
#include "fake/fakessoportal.h"
#include "fake/fakests.h"
#include "fake/faultinjector.h"
#include "fake/fixtureloader.h"
#include "fake/httpserver.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace jobdesk::fake {

struct FakeCodePipeline::Private
{
    explicit Private(FakeCodePipeline *owner) : q(owner) {}

    HttpResponse handle(const HttpRequest &request);
    HttpResponse malformed(int status, const QString &message);
    HttpResponse respond(const FakeReply &reply, const FaultInjector::Decision &decision, bool close,
                         const QString &operation);

    FakeCodePipeline *q;
    CodePipelineService codePipeline;
    FakeSts sts;  // shares the known keys, clock, region and skew with codePipeline
    FakeS3 s3;    // shares the known keys and clock; each bucket has its own region
    FakeSsoOidc ssoOidc{&Clock::system()};
    FakeSsoPortal ssoPortal{&ssoOidc};
    // Asked in this order; CodePipeline takes the rest.
    QList<FakeService *> services{&ssoOidc, &ssoPortal, &sts, &s3, &codePipeline};

    int totalRequests = 0;
    QHash<QString, int> jobRequests;
    QHash<QString, int> operationRequests;
    aws::HeaderList lastHeaders;
    QByteArray lastBody;
    QString lastOperation;

    // Last, so that it goes first: no connection outlives the services it calls.
    HttpServer server;
};

HttpResponse FakeCodePipeline::Private::handle(const HttpRequest &request)
{
    ++totalRequests;
    lastHeaders = request.headers;
    lastBody = request.body;

    FakeService *service =
        *std::find_if(services.cbegin(), services.cend(), [&](const FakeService *s) { return s->accepts(request); });
    const FakeService::Received received = service->receive(request);
    lastOperation = received.operation;
    if (!received.operation.isEmpty())
        operationRequests[received.operation] += 1;
    if (received.knownJob)
        jobRequests[received.jobId] += 1;
    Q_EMIT q->requestReceived(received.operation, received.jobId);

    FakeScript *script = service->scriptFor(received);
    FakeReply reply;
    FaultInjector::Decision decision;
    // A skewed Date comes with refusals too: that is where a client looks at it.
    if (script)
        decision.dateOffsetSeconds = script->dateOffsetSeconds;
    if (auto refusal = service->refuse(request, received)) {
        reply = *refusal;
    } else {
        if (script)
            decision = FaultInjector::consume(*script);
        if (auto replaced = service->replacement(decision))
            reply = *replaced;
        else if (FaultInjector::reachesService(decision))
            reply = service->answer(request, received);
    }
    return respond(reply, decision, decision.close || !request.keepAlive(), received.operation);
}

HttpResponse FakeCodePipeline::Private::malformed(int status, const QString &message)
{
    ++totalRequests;
    const FakeReply reply = FakeReply::jsonError(status,
                                                 status == 413 ? QStringLiteral("RequestEntityTooLargeException")
                                                               : QStringLiteral("BadRequestException"),
                                                 message);
    return respond(reply, FaultInjector::Decision{}, true, QString());
}

HttpResponse FakeCodePipeline::Private::respond(const FakeReply &reply, const FaultInjector::Decision &decision,
                                                bool close, const QString &operation)
{
    const bool answered = decision.fault != FakeScript::Fault::NoAnswer;
    const int status = answered ? reply.status : 0;
    const QString errorCode = answered ? reply.errorCode : QString();
    return FaultInjector::response(
        reply, decision, close, [this] { return codePipeline.verifier().clock().nowUtc(); },
        [this, operation, status, errorCode] { Q_EMIT q->requestAnswered(operation, status, errorCode); });
}

// ---------------------------------------------------------------------------------------

FakeCodePipeline::FakeCodePipeline(QObject *parent) : QObject(parent), d(std::make_unique<Private>(this))
{
    d->server.setRequestHandler([this](const HttpRequest &request) { return d->handle(request); });
    d->server.setMalformedHandler([this](int status, const QString &message) { return d->malformed(status, message); });
    d->sts.setOnIssued([this](const QString &accessKeyId, const Secret &secret, const Secret &token) {
        d->codePipeline.verifier().addCredentials(accessKeyId, secret, token);
        d->s3.verifier().addCredentials(accessKeyId, secret, token);
    });
    d->s3.setOnUploaded([this](const FakeS3Upload &upload) { Q_EMIT s3ObjectUploaded(upload.bucket, upload.key); });
    // A role's keys from the portal are good for every service, as real ones are.
    d->ssoPortal.onIssued = [this](const QString &accessKeyId, const Secret &secret, const Secret &token) {
        d->codePipeline.verifier().addCredentials(accessKeyId, secret, token);
        d->sts.verifier().addCredentials(accessKeyId, secret, token);
        d->s3.verifier().addCredentials(accessKeyId, secret, token);
    };
    d->ssoOidc.onDeviceAuthorization = [this](const QString &userCode) {
        Q_EMIT ssoDeviceAuthorizationStarted(userCode);
    };
    d->ssoOidc.onTokenIssued = [this](const QString &grantType) { Q_EMIT ssoTokenIssued(grantType); };
    d->codePipeline.setExpiryCheck([this](const QString &accessKeyId, const QDateTime &now) {
        return d->sts.isExpired(accessKeyId, now) || d->ssoPortal.isExpired(accessKeyId, now);
    });
}

FakeCodePipeline::~FakeCodePipeline() = default;

bool FakeCodePipeline::listen(quint16 port)
{
    return d->server.listen(port);
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
    return d->server.port();
}

QUrl FakeCodePipeline::url() const
{
    return d->server.url();
}

QString FakeCodePipeline::errorString() const
{
    return d->server.errorString();
}

void FakeCodePipeline::enableTls(const QSslCertificate &certificate, const QSslKey &key)
{
    d->server.enableTls(certificate, key);
}

bool FakeCodePipeline::tlsEnabled() const
{
    return d->server.tlsEnabled();
}

void FakeCodePipeline::setClock(const Clock &clock)
{
    d->codePipeline.verifier().setClock(clock);
    d->sts.verifier().setClock(clock);
    d->s3.verifier().setClock(clock);
    d->ssoOidc.setClock(&clock);
    d->ssoPortal.setClock(&clock);
}

void FakeCodePipeline::setRegion(const QString &region)
{
    d->codePipeline.verifier().setRegion(region);
    d->sts.verifier().setRegion(region);
}

void FakeCodePipeline::setMaxClockSkewSeconds(int seconds)
{
    d->codePipeline.verifier().setMaxSkewSeconds(seconds);
    d->sts.verifier().setMaxSkewSeconds(seconds);
}

void FakeCodePipeline::addCredentials(const QString &accessKeyId, const Secret &secretKey, const Secret &sessionToken)
{
    d->codePipeline.verifier().addCredentials(accessKeyId, secretKey, sessionToken);
    d->sts.verifier().addCredentials(accessKeyId, secretKey, sessionToken);
    d->s3.verifier().addCredentials(accessKeyId, secretKey, sessionToken);
}

void FakeCodePipeline::removeCredentials(const QString &accessKeyId)
{
    d->codePipeline.verifier().removeCredentials(accessKeyId);
    d->sts.verifier().removeCredentials(accessKeyId);
    d->s3.verifier().removeCredentials(accessKeyId);
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

void FakeCodePipeline::addS3Bucket(const FakeS3Bucket &bucket)
{
    d->s3.addBucket(bucket);
}

std::optional<FakeS3Bucket> FakeCodePipeline::s3Bucket(const QString &name) const
{
    return d->s3.bucket(name);
}

void FakeCodePipeline::putS3Object(const QString &bucket, const QString &key, const QByteArray &content,
                                   const QByteArray &contentType)
{
    d->s3.putObject(bucket, key, content, contentType);
}

Status FakeCodePipeline::putS3ObjectFile(const QString &bucket, const QString &key, const QString &path,
                                         const QByteArray &contentType)
{
    return d->s3.putObjectFile(bucket, key, path, contentType);
}

std::optional<FakeS3Object> FakeCodePipeline::s3Object(const QString &bucket, const QString &key) const
{
    return d->s3.object(bucket, key);
}

QByteArray FakeCodePipeline::s3ObjectContent(const QString &bucket, const QString &key) const
{
    return d->s3.objectContent(bucket, key);
}

QList<FakeS3Upload> FakeCodePipeline::s3Uploads() const
{
    return d->s3.uploads();
}

bool FakeCodePipeline::setS3Script(const QString &bucket, const FakeScript &script)
{
    return d->s3.setScript(bucket, script);
}

void FakeCodePipeline::setS3GlobalScript(const FakeScript &script)
{
    d->s3.setGlobalScript(script);
}

void FakeCodePipeline::setMaxUploadBytes(qsizetype bytes)
{
    d->server.setMaxUploadBytes(bytes);
}

void FakeCodePipeline::addSsoAccount(const FakeSsoAccount &account)
{
    d->ssoPortal.addAccount(account);
}

QList<FakeSsoAccount> FakeCodePipeline::ssoAccounts() const
{
    return d->ssoPortal.accounts();
}

void FakeCodePipeline::setSsoLifetimes(const FakeSsoLifetimes &lifetimes)
{
    d->ssoOidc.lifetimes() = lifetimes;
}

FakeSsoLifetimes FakeCodePipeline::ssoLifetimes() const
{
    return d->ssoOidc.lifetimes();
}

bool FakeCodePipeline::approveSsoUserCode(const QString &userCode)
{
    return d->ssoOidc.approveUserCode(userCode);
}

bool FakeCodePipeline::denySsoUserCode(const QString &userCode)
{
    return d->ssoOidc.denyUserCode(userCode);
}

void FakeCodePipeline::slowDownNextSsoTokenPolls(int count)
{
    d->ssoOidc.slowDownNextPolls(count);
}

bool FakeCodePipeline::revokeSsoToken(const Secret &accessToken)
{
    return d->ssoOidc.revoke(accessToken.revealText());
}

void FakeCodePipeline::setSsoAuthorizeDenied(bool denied)
{
    d->ssoOidc.setAuthorizeDenied(denied);
}

void FakeCodePipeline::setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
{
    d->server.setLimits(maxHeaderBytes, maxBodyBytes);
}

void FakeCodePipeline::setEmptyOutputBody(const QByteArray &body)
{
    d->codePipeline.setEmptyOutputBody(body);
}

Result<int> FakeCodePipeline::loadFixtures(const QString &path)
{
    const auto json = FixtureLoader::readFile(path);
    if (!json.ok())
        return json.error();
    return loadFixturesJson(json.value(), QFileInfo(path).absolutePath());
}

Result<int> FakeCodePipeline::loadFixturesJson(const QByteArray &json, const QString &baseDir)
{
    const auto fixtures = FixtureLoader::parse(json);
    if (!fixtures.ok())
        return fixtures.error();
    // Object files are checked before anything changes, as the jobs are.
    const auto objectFiles = FixtureLoader::objectFiles(fixtures.value(), baseDir);
    if (!objectFiles.ok())
        return objectFiles.error();

    // Jobs go first: they are the part that can still fail, and a bad file leaves the fake as it was.
    QStringList added;
    for (qsizetype i = 0; i < fixtures.value().jobs.size(); ++i) {
        auto id = addJobJson(fixtures.value().jobs[i]);
        if (!id.ok()) {
            for (const QString &jobId : std::as_const(added))
                d->codePipeline.removeJob(jobId);
            return FixtureLoader::jobError(i, id.error());
        }
        added << id.value();
    }
    for (const FixtureLoader::Credential &k : fixtures.value().credentials)
        addCredentials(k.accessKeyId, k.secretKey, k.sessionToken);
    for (const FakeRole &role : fixtures.value().roles)
        d->sts.addRole(role);
    for (const FakeSsoAccount &account : fixtures.value().ssoAccounts)
        d->ssoPortal.addAccount(account);
    for (const ActionTypeId &t : fixtures.value().actionTypes)
        addActionType(t);
    if (fixtures.value().script)
        setGlobalScript(*fixtures.value().script);
    if (!fixtures.value().region.isEmpty())
        setRegion(fixtures.value().region);
    for (const FakeS3Bucket &bucket : fixtures.value().buckets)
        d->s3.addBucket(bucket);
    for (qsizetype i = 0; i < fixtures.value().objects.size(); ++i) {
        const FixtureLoader::Object &object = fixtures.value().objects[i];
        if (objectFiles.value()[i].isEmpty()) {
            d->s3.putObject(object.bucket, object.key, object.text, object.contentType);
        } else if (objectFiles.value()[i].startsWith(QLatin1Char(':'))) {
            // Compiled into the program: already in memory.
            QFile file(objectFiles.value()[i]);
            file.open(QIODevice::ReadOnly);
            d->s3.putObject(object.bucket, object.key, file.readAll(), object.contentType);
        } else if (auto status =
                       d->s3.putObjectFile(object.bucket, object.key, objectFiles.value()[i], object.contentType);
                   !status.ok()) {
            return status.error();
        }
    }
    return int(added.size());
}

Result<QString> FakeCodePipeline::addJobJson(const QByteArray &jobObject)
{
    const auto job = FixtureLoader::parseJob(jobObject);
    if (!job.ok())
        return job.error();
    return addJob(job.value());
}

Result<QString> FakeCodePipeline::addJob(const FakeJob &job)
{
    auto id = d->codePipeline.addJob(job);
    if (!id.ok())
        return id;
    // The job's artifact credentials are what a client signs its S3 requests with.
    const QByteArray details = d->codePipeline.job(id.value())->details;
    const auto doc = nlohmann::json::parse(details.constData(), details.constData() + details.size(), nullptr, false);
    const auto text = [](const nlohmann::json &object, const char *key) {
        const auto it = object.find(key);
        return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
    };
    if (doc.is_object() && doc.contains("data") && doc["data"].is_object()
        && doc["data"].contains("artifactCredentials") && doc["data"]["artifactCredentials"].is_object()) {
        const auto &credentials = doc["data"]["artifactCredentials"];
        if (!text(credentials, "accessKeyId").isEmpty() && !text(credentials, "secretAccessKey").isEmpty())
            d->s3.addJobCredentials(id.value(), text(credentials, "accessKeyId"),
                                    Secret(text(credentials, "secretAccessKey")),
                                    Secret(text(credentials, "sessionToken")));
    }
    return id;
}

void FakeCodePipeline::addActionType(const ActionTypeId &type)
{
    d->codePipeline.addActionType(type);
}

void FakeCodePipeline::removeJob(const QString &jobId)
{
    d->codePipeline.removeJob(jobId);
}

void FakeCodePipeline::clearJobs()
{
    d->codePipeline.clearJobs();
}

std::optional<FakeJob> FakeCodePipeline::job(const QString &jobId) const
{
    return d->codePipeline.job(jobId);
}

QStringList FakeCodePipeline::jobIds() const
{
    return d->codePipeline.jobIds();
}

bool FakeCodePipeline::setJobState(const QString &jobId, FakeJob::State state)
{
    return d->codePipeline.setJobState(jobId, state);
}

bool FakeCodePipeline::setScript(const QString &jobId, const FakeScript &script)
{
    return d->codePipeline.setScript(jobId, script);
}

void FakeCodePipeline::setGlobalScript(const FakeScript &script)
{
    d->codePipeline.setGlobalScript(script);
}

void FakeCodePipeline::clearScripts()
{
    d->codePipeline.clearScripts();
    d->s3.clearScripts();
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
    return d->server.connectionCount();
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
    d->server.resetConnectionCount();
    d->jobRequests.clear();
    d->operationRequests.clear();
    d->lastHeaders.clear();
    d->lastBody.clear();
    d->lastOperation.clear();
}

}  // namespace jobdesk::fake
