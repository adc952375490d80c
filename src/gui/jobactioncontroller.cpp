#include "gui/jobactioncontroller.h"

#include "gui/profilelistmodel.h"

#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/servicemodel.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <utility>

namespace jobdesk::gui {

using codepipeline::Json;

QString activityOutcome(const QString &operation, const Json &data)
{
    if (operation == QLatin1String("AcknowledgeThirdPartyJob")) {
        const QString status = codepipeline::jsonText(data.value("status", Json()));
        return status.isEmpty() ? JobActionController::tr("No status") : status;
    }
    if (operation == QLatin1String("PollForThirdPartyJobs")) {
        const auto jobs = data.find("jobs");
        const int count = jobs != data.end() && jobs->is_array() ? static_cast<int>(jobs->size()) : 0;
        return JobActionController::tr("Jobs: %1").arg(count);
    }
    return JobActionController::tr("Reported");
}

JobActionController::JobActionController(aws::AwsClient *client, ProfileListModel *profiles, QObject *parent)
    : QObject(parent), m_client(client), m_profiles(profiles)
{
}

JobActionController::~JobActionController()
{
    // Whoever listened may be gone by now: a call still in flight ends unheard.
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
    codepipeline::wipeJson(m_request.params);
}

void JobActionController::start(Request request)
{
    if (m_busy) {
        codepipeline::wipeJson(request.params);
        return;
    }
    codepipeline::wipeJson(m_request.params);
    m_request = std::move(request);
    const codepipeline::Operation *operation =
        codepipeline::ServiceModel::codePipeline().operation(m_request.operation.toStdString());
    Q_ASSERT(operation);
    // The token is masked as a member by the model's rules, and wherever else it was typed.
    m_redactor = output::Redactor(operation);
    QList<Secret> secrets;
    if (auto token = m_request.params.find("clientToken"); token != m_request.params.end() && token->is_string()) {
        secrets << Secret(QByteArray::fromStdString(token->get<std::string>()));
        m_redactor.addSecret(secrets.constFirst());
    }
    m_entry = output::ActivityEntry::make(*operation, m_request.params, QDateTime::currentDateTimeUtc(), secrets);
    m_entry.jobId = m_request.jobId;
    m_entry.profile = m_request.profile;
    m_entry.region = m_request.region;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_busy = true;
    Q_EMIT busyChanged(true);

    const quint64 generation = ++m_generation;
    m_profiles->resolveCredentials(m_request.profileRow, this,
                                   [this, generation](Result<aws::Credentials> credentials) {
                                       if (generation != m_generation)
                                           return;  // cancelled while the keychain was busy
                                       if (!credentials) {
                                           fail(credentials.error());
                                           return;
                                       }
                                       send(std::move(credentials).value());
                                   });
}

void JobActionController::send(aws::Credentials credentials)
{
    aws::ClientConfig base;
    base.endpoint = m_request.endpoint;
    base.credentials = std::move(credentials);
    base.userAgent = QStringLiteral("JobDesk/") + QStringLiteral(JOBDESK_VERSION);
    Result<aws::ClientConfig> config = m_settings.clientConfig(std::move(base));
    if (!config) {
        fail(config.error());
        return;
    }
    const codepipeline::Operation &operation =
        *codepipeline::ServiceModel::codePipeline().operation(m_request.operation.toStdString());
    m_entry.timeUtc = QDateTime::currentDateTimeUtc();
    m_call = codepipeline::OperationCall::start(m_client, config.value(), operation, m_request.params);
    // The token is in the request body now; nothing else needs it.
    codepipeline::wipeJson(m_request.params);
    connect(m_call, &codepipeline::OperationCall::finished, this, &JobActionController::onCallFinished);
}

void JobActionController::onCallFinished()
{
    auto *call = qobject_cast<codepipeline::OperationCall *>(sender());
    if (!call)
        return;
    m_call = nullptr;
    const Result<codepipeline::OperationResult> &result = call->result();
    if (!result) {
        fail(result.error());
        return;
    }
    const Json &data = result.value().response.data;
    m_entry.ok = true;
    m_entry.outcome = activityOutcome(m_request.operation, data);
    m_entry.requestId = result.value().requestId;
    m_entry.durationMs = result.value().elapsedMs;
    finish();
    Q_EMIT succeeded(m_entry, data);
}

void JobActionController::fail(const Error &error)
{
    m_entry.ok = false;
    m_entry.outcome = error.kind == Error::Kind::Cancelled ? QStringLiteral("Cancelled") : error.code;
    m_entry.message = m_redactor.redactText(error.message);
    m_entry.requestId = error.requestId;
    m_entry.durationMs = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    finish();
    Q_EMIT failed(m_entry, error);
}

void JobActionController::finish()
{
    codepipeline::wipeJson(m_request.params);
    m_busy = false;
    Q_EMIT busyChanged(false);
}

void JobActionController::cancel()
{
    if (m_call) {
        m_call->cancel();  // finished() follows with a Cancelled error
        return;
    }
    if (m_busy) {
        ++m_generation;
        fail(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The request was cancelled.")));
    }
}

}  // namespace jobdesk::gui
