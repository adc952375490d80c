#include "gui/fetchcontroller.h"

#include "gui/profilelistmodel.h"
#include "gui/recentlookupsmodel.h"

#include "core/codepipeline/operationcall.h"
#include "core/codepipeline/servicemodel.h"
#include "core/sso/ssosessions.h"

#include <QDateTime>

#include <utility>

namespace jobdesk::gui {

using codepipeline::JobDocument;
using codepipeline::Json;

FetchController::FetchController(aws::AwsClient *client, ProfileListModel *profiles, RecentLookupsModel *recent,
                                 QObject *parent)
    : QObject(parent), m_client(client), m_profiles(profiles), m_recent(recent)
{
}

FetchController::~FetchController()
{
    // Whoever listened may be gone by now: a call still in flight ends unheard.
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void FetchController::start(const LookupForm::Request &request, const aws::Endpoint &endpoint)
{
    if (isBusy())
        return;
    m_pendingLookup = {request.jobId, request.profile, request.region, request.endpointOverride};
    m_pendingToken = request.clientToken;
    m_resolving = true;
    setBusy(true);
    resolve(request, endpoint, true);
}

bool FetchController::wantsSignIn(const Error &error)
{
    return error.code == sso::SsoSessions::notSignedInCode();
}

void FetchController::resolve(const LookupForm::Request &request, const aws::Endpoint &endpoint, bool mayPrompt)
{
    Q_EMIT resolvingCredentials(request.profile);
    const quint64 generation = ++m_generation;
    m_profiles->resolveCredentials(
        request.profileRow, this,
        [this, generation, request, endpoint, mayPrompt](Result<aws::Credentials> credentials) {
            if (generation != m_generation)
                return;  // cancelled while the keychain was busy
            if (credentials) {
                m_resolving = false;
                startCall(request, endpoint, std::move(credentials).value());
                return;
            }
            const Error error = credentials.error();
            // The sign-in's dialog comes up once; a second refusal after it is the banner's to show.
            const auto signedIn = [this, generation, request, endpoint](Status outcome) {
                if (generation != m_generation)
                    return;  // the lookup was cancelled meanwhile
                if (!outcome) {
                    m_resolving = false;
                    fail(outcome.error(), true);
                    return;
                }
                resolve(request, endpoint, false);
            };
            if (mayPrompt && m_signIn && wantsSignIn(error) && m_signIn(request.profileRow, this, signedIn)) {
                Q_EMIT signingIn(request.profile);
                return;
            }
            m_resolving = false;
            fail(error, true);
        });
}

Result<aws::ClientConfig> FetchController::clientConfig(const aws::Endpoint &endpoint,
                                                        aws::Credentials credentials) const
{
    aws::ClientConfig config;
    config.endpoint = endpoint;
    config.credentials = std::move(credentials);
    config.userAgent = QStringLiteral("JobDesk/") + QStringLiteral(JOBDESK_VERSION);
    if (Status applied = m_settings.applyTo(config); !applied)
        return applied.error();
    return config;
}

void FetchController::startCall(const LookupForm::Request &request, const aws::Endpoint &endpoint,
                                aws::Credentials credentials)
{
    Result<aws::ClientConfig> config = clientConfig(endpoint, std::move(credentials));
    if (!config) {
        fail(config.error(), false);
        return;
    }
    const Json params = {{"jobId", request.jobId.toStdString()},
                         {"clientToken", request.clientToken.revealText().toStdString()}};
    const codepipeline::Operation &getJobDetails =
        *codepipeline::ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    m_call = codepipeline::OperationCall::start(m_client, config.value(), getJobDetails, params);
    connect(m_call, &codepipeline::OperationCall::finished, this, &FetchController::onCallFinished);
    Q_EMIT requestSent(request.jobId, endpoint.url.host());
}

void FetchController::onCallFinished()
{
    auto *call = qobject_cast<codepipeline::OperationCall *>(sender());
    if (!call)
        return;
    const Result<codepipeline::OperationResult> &result = call->result();
    m_call = nullptr;
    if (!result) {
        fail(result.error(), true);
        return;
    }
    JobDocument document = JobDocument::fromResponse(result.value(), m_pendingLookup, QDateTime::currentDateTimeUtc());
    m_recent->add({QDateTime::currentDateTimeUtc(), m_pendingLookup.jobId, m_pendingLookup.profile,
                   m_pendingLookup.region, QStringLiteral("OK"), true});
    setBusy(false);
    Q_EMIT finished(document, m_pendingToken);
    document.wipe();
    m_pendingToken.clear();
}

void FetchController::fail(const Error &error, bool record)
{
    m_pendingToken.clear();
    setBusy(false);
    if (record)
        m_recent->add({QDateTime::currentDateTimeUtc(), m_pendingLookup.jobId, m_pendingLookup.profile,
                       m_pendingLookup.region,
                       error.kind == Error::Kind::Cancelled ? QStringLiteral("Cancelled") : error.code, false});
    Q_EMIT failed(error, m_pendingLookup);
}

void FetchController::cancel()
{
    if (m_call) {
        m_call->cancel();  // finished() follows with a Cancelled error
        return;
    }
    if (m_resolving) {
        ++m_generation;
        m_resolving = false;
        fail(Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("The request was cancelled.")), true);
    }
}

void FetchController::cancelCall()
{
    if (m_call)
        m_call->cancel();
}

void FetchController::setBusy(bool busy)
{
    Q_EMIT busyChanged(busy);
}

}  // namespace jobdesk::gui
