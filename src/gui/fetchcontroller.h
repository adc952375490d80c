#pragma once

// Runs one job lookup's life for the window: the profile's keys (an MFA prompt or an
// IAM Identity Center sign-in included), the GetThirdPartyJobDetails call, cancel, and
// the outcome in the recent lookups. It has no widgets: it reports with signals.

#include "gui/appsettings.h"
#include "gui/lookupform.h"

#include "core/aws/awsclient.h"
#include "core/aws/endpointresolver.h"
#include "core/codepipeline/jobdocument.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace jobdesk::codepipeline {
class OperationCall;
}

namespace jobdesk::gui {

class ProfileListModel;
class RecentLookupsModel;

class FetchController : public QObject
{
    Q_OBJECT

public:
    // Runs the interactive sign-in that a profile's keys wait for; done (while context lives)
    // gets ok once the profile can be resolved again. False: the profile has no sign-in to run.
    using SignIn = std::function<bool(int profileRow, QObject *context, std::function<void(Status)> done)>;

    // The client, profiles and recent lookups must outlive the controller.
    FetchController(aws::AwsClient *client, ProfileListModel *profiles, RecentLookupsModel *recent,
                    QObject *parent = nullptr);
    ~FetchController() override;

    // Timeouts, retries, proxy and TLS for the calls started from now on.
    void setSettings(const AppSettings &settings) { m_settings = settings; }
    bool isBusy() const { return m_resolving || m_call; }
    // Without it, a profile that needs a sign-in fails with the resolver's error.
    void setSignIn(SignIn signIn) { m_signIn = std::move(signIn); }
    // Whether a failed resolution starts the sign-in by itself: when there has been none. A
    // sign-in that ended (expired, revoked, signed out elsewhere) is explained in the banner
    // first, whose Sign In Again starts it, rather than a browser opening unannounced.
    static bool wantsSignIn(const Error &error);

    // Looks up the job of a checked request; ignored while a lookup runs.
    void start(const LookupForm::Request &request, const aws::Endpoint &endpoint);
    // Ends the lookup: failed() follows with a Cancelled error.
    void cancel();
    // Ends a call in flight as cancel() does; keys still being resolved are left to arrive unheard.
    void cancelCall();

Q_SIGNALS:
    void busyChanged(bool busy);
    // The profile's keys are being resolved.
    void resolvingCredentials(const QString &profile);
    // The profile's keys wait for the person to sign in.
    void signingIn(const QString &profile);
    // The request is on its way to host.
    void requestSent(const QString &jobId, const QString &host);
    // The job arrived; the document and the token it was fetched with are the controller's to
    // scrub after this returns, so keep copies.
    void finished(const jobdesk::codepipeline::JobDocument &document, const jobdesk::Secret &clientToken);
    void failed(const jobdesk::Error &error, const jobdesk::codepipeline::LookupInfo &lookup);

private:
    // The one place a lookup's client configuration is put together.
    // mayPrompt: a failure that a sign-in cures starts one (once per lookup), then resolves again.
    void resolve(const LookupForm::Request &request, const aws::Endpoint &endpoint, bool mayPrompt);
    Result<aws::ClientConfig> clientConfig(const aws::Endpoint &endpoint, aws::Credentials credentials) const;
    void startCall(const LookupForm::Request &request, const aws::Endpoint &endpoint, aws::Credentials credentials);
    void onCallFinished();
    void fail(const Error &error, bool record);
    void setBusy(bool busy);

    aws::AwsClient *m_client;
    ProfileListModel *m_profiles;
    RecentLookupsModel *m_recent;
    AppSettings m_settings;
    SignIn m_signIn;
    QPointer<codepipeline::OperationCall> m_call;
    codepipeline::LookupInfo m_pendingLookup;
    Secret m_pendingToken;
    quint64 m_generation = 0;  // bumps on cancel so late credential callbacks are ignored
    bool m_resolving = false;
};

}  // namespace jobdesk::gui
