#include "fake/codepipelineservice.h"

#include "core/aws/sigv4signer.h"
#include "core/codepipeline/servicemodel.h"
#include "fake/fixtureloader.h"
#include "fake/inputvalidator.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace jobdesk::fake {

using ojson = nlohmann::ordered_json;

namespace {

constexpr char kTargetPrefix[] = "CodePipeline_20150709.";

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

QByteArray targetOf(const HttpRequest &request)
{
    return request.header("x-amz-target").trimmed();
}

}  // namespace

CodePipelineService::CodePipelineService() = default;

Result<QString> CodePipelineService::addJob(const FakeJob &input)
{
    auto job = FixtureLoader::completeJob(input);
    if (!job.ok())
        return job.error();
    if (findJob(job.value().jobId))
        return Error::validation(QStringLiteral("jobId"),
                                 FixtureLoader::tr("there is already a job %1").arg(job.value().jobId));
    m_jobs.append(job.value());
    return job.value().jobId;
}

void CodePipelineService::addActionType(const ActionTypeId &type)
{
    if (!m_actionTypes.contains(type))
        m_actionTypes.append(type);
}

void CodePipelineService::removeJob(const QString &jobId)
{
    m_jobs.removeIf([&](const FakeJob &job) { return job.jobId == jobId; });
}

void CodePipelineService::clearJobs()
{
    m_jobs.clear();
}

std::optional<FakeJob> CodePipelineService::job(const QString &jobId) const
{
    for (const FakeJob &job : m_jobs) {
        if (job.jobId == jobId)
            return job;
    }
    return std::nullopt;
}

QStringList CodePipelineService::jobIds() const
{
    QStringList ids;
    for (const FakeJob &job : m_jobs)
        ids << job.jobId;
    return ids;
}

bool CodePipelineService::setJobState(const QString &jobId, FakeJob::State state)
{
    FakeJob *job = findJob(jobId);
    if (!job)
        return false;
    job->state = state;
    return true;
}

bool CodePipelineService::setScript(const QString &jobId, const FakeScript &script)
{
    FakeJob *job = findJob(jobId);
    if (!job)
        return false;
    job->script = script;
    return true;
}

void CodePipelineService::setGlobalScript(const FakeScript &script)
{
    m_globalScript = script;
}

void CodePipelineService::clearScripts()
{
    m_globalScript = {};
    for (FakeJob &job : m_jobs)
        job.script = {};
}

FakeJob *CodePipelineService::findJob(const QString &id)
{
    for (FakeJob &job : m_jobs) {
        if (job.jobId == id)
            return &job;
    }
    return nullptr;
}

bool CodePipelineService::knownActionType(const ActionTypeId &type) const
{
    if (m_actionTypes.contains(type))
        return true;
    return std::any_of(m_jobs.cbegin(), m_jobs.cend(), [&](const FakeJob &j) { return j.actionTypeId == type; });
}

bool CodePipelineService::accepts(const HttpRequest &request) const
{
    Q_UNUSED(request);
    return true;
}

FakeService::Received CodePipelineService::receive(const HttpRequest &request)
{
    Received received;
    const QByteArray target = targetOf(request);
    if (target.startsWith(kTargetPrefix)) {
        const QByteArray name = target.mid(qsizetype(sizeof(kTargetPrefix)) - 1);
        if (codepipeline::ServiceModel::codePipeline().operation(name.toStdString()))
            received.operation = QString::fromLatin1(name);
    }
    // Named before any check, so that tests see every attempt a client made for a job.
    const auto body =
        nlohmann::json::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (body.is_object() && body.contains("jobId") && body["jobId"].is_string())
        received.jobId = QString::fromStdString(body["jobId"].get<std::string>());
    received.knownJob = !received.jobId.isEmpty() && findJob(received.jobId);
    return received;
}

FakeScript *CodePipelineService::scriptFor(const Received &received)
{
    FakeJob *job = received.jobId.isEmpty() ? nullptr : findJob(received.jobId);
    if (job && !job->script.isEmpty() && job->script.appliesTo(received.operation))
        return &job->script;
    if (!m_globalScript.isEmpty() && m_globalScript.appliesTo(received.operation))
        return &m_globalScript;
    return nullptr;
}

std::optional<FakeReply> CodePipelineService::refuse(const HttpRequest &request, const Received &received)
{
    if (request.method != "POST")
        return FakeReply::jsonError(400, QStringLiteral("UnknownOperationException"),
                                    QStringLiteral("Only POST requests are supported."));
    if (const auto failure = m_verifier.verify(request))
        return FakeReply::jsonError(400, failure->code, failure->message);
    if (m_expired && m_expired(m_verifier.lastAccessKeyId(), m_verifier.clock().nowUtc()))
        return FakeReply::jsonError(400, QStringLiteral("ExpiredTokenException"),
                                    QStringLiteral("The security token included in the request is expired"));
    if (received.operation.isEmpty()) {
        const QByteArray target = targetOf(request);
        return FakeReply::jsonError(400, QStringLiteral("UnknownOperationException"),
                                    target.isEmpty()
                                        ? QStringLiteral("Missing X-Amz-Target header.")
                                        : QStringLiteral("Unknown operation %1").arg(QString::fromUtf8(target)));
    }
    return std::nullopt;
}

FakeReply CodePipelineService::answer(const HttpRequest &request, const Received &received)
{
    const QByteArray contentType = request.header("content-type").trimmed().toLower();
    if (!contentType.startsWith("application/x-amz-json-1.1"))
        return FakeReply::jsonError(400, QStringLiteral("SerializationException"),
                                    QStringLiteral("Content-Type must be application/x-amz-json-1.1."));

    ojson input = request.body.trimmed().isEmpty()
        ? ojson::object()
        : ojson::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (input.is_discarded() || !input.is_object())
        return FakeReply::jsonError(400, QStringLiteral("SerializationException"),
                                    QStringLiteral("The request body could not be parsed as a JSON object."));

    const QString &operation = received.operation;
    const codepipeline::Operation *op = codepipeline::ServiceModel::codePipeline().operation(operation.toStdString());
    if (const auto failure = InputValidator::validate(*op->input, nlohmann::json::parse(input.dump())))
        return FakeReply::jsonError(400, failure->code, failure->message);

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
    return FakeReply::jsonError(400, QStringLiteral("UnknownOperationException"),
                                QStringLiteral("Unknown operation %1").arg(operation));
}

std::optional<FakeReply> CodePipelineService::checkJob(const QString &jobId, const QString &clientToken, FakeJob *&job)
{
    job = findJob(jobId);
    if (!job)
        return FakeReply::jsonError(400, QStringLiteral("JobNotFoundException"),
                                    QStringLiteral("The job with ID %1 was not found.").arg(jobId));
    if (!sameSecret(job->clientToken, clientToken))
        return FakeReply::jsonError(400, QStringLiteral("InvalidClientTokenException"),
                                    QStringLiteral("The client token was specified in an invalid format"));
    return std::nullopt;
}

FakeReply CodePipelineService::getJobDetails(const ojson &input)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (!FakeJob::detailsAvailable(job->state))
        return FakeReply::jsonError(400, QStringLiteral("InvalidJobException"),
                                    QStringLiteral("The job %1 is %2; its details are not available.")
                                        .arg(job->jobId, FakeJob::stateName(job->state)));
    FakeReply reply;
    reply.body = "{\"jobDetails\":" + job->details + '}';
    return reply;
}

FakeReply CodePipelineService::poll(const ojson &input)
{
    const auto type = FixtureLoader::parseActionType(input["actionTypeId"], QStringLiteral("actionTypeId"));
    if (!type.ok() || !knownActionType(type.value()))
        return FakeReply::jsonError(400, QStringLiteral("ActionTypeNotFoundException"),
                                    QStringLiteral("The specified action type cannot be found."));
    const long long maxBatchSize = input.contains("maxBatchSize") ? input["maxBatchSize"].get<long long>() : 1;
    ojson list = ojson::array();
    for (FakeJob &job : m_jobs) {
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
    FakeReply reply;
    reply.body = QByteArray::fromStdString(out.dump());
    return reply;
}

FakeReply CodePipelineService::acknowledge(const ojson &input)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (!sameSecret(job->nonce, str(input, "nonce")))
        return FakeReply::jsonError(400, QStringLiteral("InvalidNonceException"),
                                    QStringLiteral("The nonce was specified in an invalid format."));
    if (!FakeJob::finished(job->state))
        job->state = FakeJob::State::InProgress;
    ojson out;
    out["status"] = FakeJob::stateName(job->state).toStdString();
    FakeReply reply;
    reply.body = QByteArray::fromStdString(out.dump());
    return reply;
}

FakeReply CodePipelineService::putResult(const ojson &input, const QByteArray &body, bool success)
{
    FakeJob *job = nullptr;
    if (auto failure = checkJob(str(input, "jobId"), str(input, "clientToken"), job))
        return *failure;
    if (FakeJob::finished(job->state))
        return FakeReply::jsonError(400, QStringLiteral("InvalidJobStateException"),
                                    QStringLiteral("The job %1 is already %2 and cannot take another result.")
                                        .arg(job->jobId, FakeJob::stateName(job->state)));
    job->state = success ? FakeJob::State::Succeeded : FakeJob::State::Failed;
    job->resultBody = body;
    FakeReply reply;
    reply.body = m_emptyOutputBody;
    return reply;
}

}  // namespace jobdesk::fake
