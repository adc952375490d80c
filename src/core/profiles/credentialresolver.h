#pragma once

// Finds the keys and connection settings for a request: a JobDesk profile of that
// name first, then an AWS shared-config profile of that name, and with no name the
// AWS CLI's own chain (environment keys, AWS_PROFILE / AWS_DEFAULT_PROFILE, default).

#include "assumerolerequest.h"
#include "core/clock.h"
#include "core/result.h"
#include "resolvedconfig.h"
#include "sharedconfig.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>

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
    using AssumeRole = std::function<void(const AssumeRoleRequest &request, QObject *context, CredentialsCallback done)>;

    // store may be null (shared config and environment only); it and clock must outlive this.
    CredentialResolver(ProfileStore *store, const QProcessEnvironment &env, const Clock &clock = Clock::system(),
                       QObject *parent = nullptr);
    ~CredentialResolver() override;

    void setAssumeRole(AssumeRole assumeRole) { m_assumeRole = std::move(assumeRole); }
    void setProcessTimeout(std::chrono::milliseconds timeout) { m_processTimeout = timeout; }
    QProcessEnvironment environment() const { return m_env; }

    // Resolves for one request; profileName empty means the AWS CLI chain. The shared
    // config files are read again each time, so edits apply to the next request;
    // credential_process answers are reused until they near expiry.
    void resolve(const QString &profileName, QObject *context, Callback done);

    // Forgets cached credential_process answers.
    void clearCache();

private:
    struct Request;

    void resolveShared(const std::shared_ptr<Request> &request, const QString &name, bool fromJobDeskProfile);
    void sharedCredentials(const std::shared_ptr<Request> &request, const QString &name, QSet<QString> visited,
                           CredentialsCallback done);
    void assumeRole(const std::shared_ptr<Request> &request, const QString &name, QSet<QString> visited,
                    CredentialsCallback done);
    Status applySharedSettings(ResolvedConfig &config, const SharedConfig &shared, const QString &name) const;
    Status applyEnvironmentSettings(ResolvedConfig &config) const;
    ProcessCredentials *processFor(const QString &name, const QString &commandLine);

    ProfileStore *m_store;
    QProcessEnvironment m_env;
    const Clock *m_clock;
    AssumeRole m_assumeRole;
    std::chrono::milliseconds m_processTimeout{60000};
    QHash<QString, ProcessCredentials *> m_processes;  // by profile name + command line
};

} // namespace jobdesk::profiles
