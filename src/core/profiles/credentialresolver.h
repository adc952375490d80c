#pragma once

// Finds the keys and connection settings for a request: a JobDesk profile of that
// name first, then an AWS shared-config profile of that name, and with no name the
// AWS CLI's own chain (environment keys, AWS_PROFILE / AWS_DEFAULT_PROFILE, default).
// Assume-role profiles go through STS, ask for MFA codes through a caller's prompt,
// and keep the role's keys until shortly before they expire. SSO profiles get a
// role's keys from IAM Identity Center with the sign-in kept by ssoSessions().

#include "core/aws/clientconfig.h"
#include "core/clock.h"
#include "core/profiles/assumerolerequest.h"
#include "core/profiles/processcredentialcache.h"
#include "core/profiles/resolvedconfig.h"
#include "core/profiles/rolecredentialcache.h"
#include "core/profiles/sharedconfig.h"
#include "core/result.h"
#include "core/sso/ssosessions.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace jobdesk::aws {
class StsClient;
}

namespace jobdesk::profiles {

class ProcessCredentials;
class ProfileStore;

class CredentialResolver : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<ResolvedConfig>)>;
    using CredentialsCallback = std::function<void(Result<aws::Credentials>)>;
    // The seam for assume-role profiles: given the request (source keys already
    // resolved), answer with the role's temporary keys. Until one is set, such
    // profiles resolve to an Error with code "AssumeRoleNotSupported".
    using AssumeRole =
        std::function<void(const AssumeRoleRequest &request, QObject *context, CredentialsCallback done)>;

    // What an MFA prompt shows: whose device, for which role and profile.
    struct MfaChallenge
    {
        QString profileName;
        QString roleArn;
        QString mfaSerial;
    };
    // The person's answer: the code, or std::nullopt when they cancelled. Call it exactly
    // once, later (a dialog) or right away (a terminal read, a test); until then, other
    // requests for the same role wait for that answer instead of prompting again.
    using MfaAnswer = std::function<void(std::optional<QString> code)>;
    using MfaPrompt = std::function<void(const MfaChallenge &challenge, MfaAnswer answer)>;

    // Assumed-role keys this close to their expiration are fetched again.
    static constexpr std::chrono::minutes roleRefreshMargin = RoleCredentialCache::refreshMargin;

    // store may be null (shared config and environment only); it and clock must outlive this.
    CredentialResolver(ProfileStore *store, const QProcessEnvironment &env, const Clock &clock = Clock::system(),
                       QObject *parent = nullptr);
    ~CredentialResolver() override;

    void setAssumeRole(AssumeRole assumeRole) { m_assumeRole = std::move(assumeRole); }
    // Fills the seam with real STS calls through sts (which must outlive this resolver).
    // base gives timeouts, retries and TLS settings; the endpoint, the source keys, the
    // service and (unless base has one) the resolver's clock are set for each call.
    void setStsClient(aws::StsClient *sts, const aws::ClientConfig &base = {});
    // Without a prompt, a profile with mfa_serial fails with code "MfaPromptUnavailable".
    void setMfaPrompt(MfaPrompt prompt) { m_mfaPrompt = std::move(prompt); }

    // What a role session is called when the profile sets no role_session_name. botocore
    // uses botocore-session-<epoch>; JobDesk's own name shows in CloudTrail who asked.
    static QString defaultRoleSessionName(const QDateTime &now);
    void setProcessTimeout(std::chrono::milliseconds timeout) { m_processes.setTimeout(timeout); }
    QProcessEnvironment environment() const { return m_env; }
    // The IAM Identity Center sign-ins SSO profiles resolve through; for signing in and out.
    sso::SsoSessions *ssoSessions() const { return m_sso; }

    // Resolves for one request; profileName empty means the AWS CLI chain. The shared
    // config files are read again each time, so edits apply to the next request;
    // credential_process answers are reused until they near expiry.
    void resolve(const QString &profileName, QObject *context, Callback done);

    // Forgets cached credential_process answers and assumed-role keys.
    void clearCache();
    // The profile was closed (switched away from, deleted, renamed): forgets the keys that
    // resolving it cached (the roles it assumed, its credential_process answers, along its
    // source_profile chain), even where another profile used them too. Keys still being
    // fetched for it are handed over but not kept.
    void forgetProfile(const QString &profileName);
    // The names, as asked for and along their chains, of the profiles keys are cached for.
    QStringList cachedProfiles() const;

private:
    struct Request;

    void resolveShared(const std::shared_ptr<Request> &request, const QString &name, bool fromJobDeskProfile);
    void sharedCredentials(const std::shared_ptr<Request> &request, const QString &name, QSet<QString> visited,
                           CredentialsCallback done);
    void assumeRole(const std::shared_ptr<Request> &request, const QString &name, QSet<QString> visited,
                    CredentialsCallback done);
    Status applySharedSettings(ResolvedConfig &config, const SharedConfig &shared, const QString &name) const;
    Status applyEnvironmentSettings(ResolvedConfig &config) const;
    // Cached keys, a call already under way, or a new one (after the MFA prompt). owners are
    // the profiles the keys are kept for.
    void assumeRoleCached(AssumeRoleRequest role, bool defaultSessionName, const QSet<QString> &owners,
                          CredentialsCallback done);
    void finishRole(const QString &key, const Result<aws::Credentials> &result);

    ProfileStore *m_store;
    QProcessEnvironment m_env;
    const Clock *m_clock;
    AssumeRole m_assumeRole;
    MfaPrompt m_mfaPrompt;
    ProcessCredentialCache m_processes;
    RoleCredentialCache m_roles;
    QNetworkAccessManager *m_ssoNetwork;
    sso::SsoTokenStore *m_ssoTokens;
    sso::SsoSessions *m_sso;
};

}  // namespace jobdesk::profiles
