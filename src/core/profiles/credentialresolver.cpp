#include "core/profiles/credentialresolver.h"

#include "core/profiles/processcredentials.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/ssoprofileconfig.h"
#include "core/profiles/stsroleassumer.h"

#include <QCoreApplication>
#include <QDir>
#include <QNetworkAccessManager>
#include <QRegularExpression>

namespace jobdesk::profiles {

struct CredentialResolver::Request
{
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    std::optional<SharedConfig> shared;
    QString askedFor;                       // the profile name resolve() was given
    std::optional<Profile> jobdeskProfile;  // its region/endpoint win over the linked shared profile's
    QString sharedProfile;                  // the shared-config profile asked for (not a source_profile)
    ResolvedConfig config;

    void finish(Result<ResolvedConfig> result)
    {
        if (hasContext && !context)
            return;
        QObject *target = hasContext ? context.data() : QCoreApplication::instance();
        QMetaObject::invokeMethod(
            target, [done = done, result = std::move(result)]() mutable { done(std::move(result)); },
            Qt::QueuedConnection);
    }
};

namespace {

Error profileNotFound(const QString &name, const SharedConfig *shared)
{
    QString where;
    if (shared) {
        where = CredentialResolver::tr("It is neither a JobDesk profile nor in %1 or %2.")
                    .arg(QDir::toNativeSeparators(shared->configPath()),
                         QDir::toNativeSeparators(shared->credentialsPath()));
    }
    return Error::make(Error::Kind::Credentials, QStringLiteral("ProfileNotFound"),
                       CredentialResolver::tr("The config profile (%1) could not be found.").arg(name), where);
}

Error invalidSetting(const QString &profile, const QString &key, const QString &value, const QString &expected)
{
    Error e = Error::make(Error::Kind::Validation, QStringLiteral("InvalidConfig"),
                          profile.isEmpty()
                              ? CredentialResolver::tr("%1 is “%2”, but it must be %3.").arg(key, value, expected)
                              : CredentialResolver::tr("Profile “%1” sets %2 to “%3”, but it must be %4.")
                                    .arg(profile, key, value, expected));
    e.field = key;
    return e;
}

Result<aws::Credentials> environmentCredentials(const QProcessEnvironment &env)
{
    if (!env.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty()
        && env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).isEmpty()) {
        return Error::make(Error::Kind::Credentials, QStringLiteral("PartialCredentials"),
                           CredentialResolver::tr("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not."),
                           CredentialResolver::tr("Set both variables, or unset AWS_ACCESS_KEY_ID to use a profile."));
    }
    return aws::Credentials::fromEnvironment(env);
}

}  // namespace

CredentialResolver::CredentialResolver(ProfileStore *store, const QProcessEnvironment &env, const Clock &clock,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_env(env)
    , m_clock(&clock)
    , m_processes(this, clock)
    , m_ssoNetwork(new QNetworkAccessManager(this))
    , m_ssoTokens(new sso::SsoTokenStore(sso::SsoTokenCache(sso::SsoTokenCache::defaultDirectory(env)), this))
    , m_sso(new sso::SsoSessions(m_ssoNetwork, m_ssoTokens, env, clock, this))
{
}

CredentialResolver::~CredentialResolver() = default;

void CredentialResolver::clearCache()
{
    m_processes.clear();
    m_roles.clear();
    m_sso->clearRoleCache();
}

void CredentialResolver::forgetProfile(const QString &profileName)
{
    m_roles.forgetProfile(profileName);
    m_processes.forgetProfile(profileName);
}

QStringList CredentialResolver::cachedProfiles() const
{
    QSet<QString> names = m_roles.cachedOwners();
    names.unite(m_processes.cachedOwners());
    names.remove(QString());
    QStringList sorted(names.cbegin(), names.cend());
    sorted.sort();
    return sorted;
}

Status CredentialResolver::applyEnvironmentSettings(ResolvedConfig &config) const
{
    static const SharedConfig none = SharedConfig::parse({}, {}).value();
    return applySharedSettings(config, none, QString());
}

Status CredentialResolver::applySharedSettings(ResolvedConfig &config, const SharedConfig &shared,
                                               const QString &name) const
{
    // The AWS CLI lets the environment override the profile for each of these.
    const auto setting = [&](std::initializer_list<const char *> variables,
                             const char *key) -> std::pair<QString, QString> {
        for (const char *variable : variables) {
            const QString value = m_env.value(QLatin1String(variable));
            if (!value.isEmpty())
                return {value, QLatin1String(variable)};
        }
        return {shared.value(name, QLatin1String(key)).value_or(QString()).trimmed(), QLatin1String(key)};
    };
    const QString profile = name;

    config.region = setting({"AWS_REGION", "AWS_DEFAULT_REGION"}, "region").first;

    const auto [endpoint, endpointFrom] = setting({"AWS_ENDPOINT_URL"}, "endpoint_url");
    config.endpointUrl = QUrl();
    if (!endpoint.isEmpty()) {
        const QUrl url(endpoint, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            return invalidSetting(endpointFrom.startsWith(QLatin1String("AWS_")) ? QString() : profile, endpointFrom,
                                  endpoint, tr("an http:// or https:// URL"));
        }
        config.endpointUrl = url;
    }

    config.caBundle = setting({"AWS_CA_BUNDLE"}, "ca_bundle").first;

    const auto [retryMode, retryFrom] = setting({"AWS_RETRY_MODE"}, "retry_mode");
    if (!retryMode.isEmpty() && retryMode != QLatin1String("legacy") && retryMode != QLatin1String("standard")
        && retryMode != QLatin1String("adaptive")) {
        return invalidSetting(retryFrom.startsWith(QLatin1String("AWS_")) ? QString() : profile, retryFrom, retryMode,
                              tr("legacy, standard or adaptive"));
    }
    config.retryMode = retryMode;

    const auto [attempts, attemptsFrom] = setting({"AWS_MAX_ATTEMPTS"}, "max_attempts");
    config.maxAttempts.reset();
    if (!attempts.isEmpty()) {
        bool ok = false;
        const int value = attempts.toInt(&ok);
        if (!ok || value < 1)
            return invalidSetting(attemptsFrom.startsWith(QLatin1String("AWS_")) ? QString() : profile, attemptsFrom,
                                  attempts, tr("a whole number of at least 1"));
        config.maxAttempts = value;
    }
    return success();
}

void CredentialResolver::resolve(const QString &profileName, QObject *context, Callback done)
{
    auto request = std::make_shared<Request>();
    request->context = context;
    request->hasContext = context != nullptr;
    request->done = std::move(done);
    request->askedFor = profileName;

    // 1. A JobDesk profile of that name.
    if (!profileName.isEmpty() && m_store) {
        if (const std::optional<Profile> profile = m_store->profile(profileName)) {
            request->jobdeskProfile = profile;
            request->config.profileName = profileName;
            const auto applyOwnSettings = [request, profile, this]() -> Status {
                if (Status s = applyEnvironmentSettings(request->config); !s)
                    return s;
                if (!profile->region.isEmpty())
                    request->config.region = profile->region;
                if (!profile->endpoint.isEmpty())
                    request->config.endpointUrl = profile->endpoint;
                return success();
            };
            switch (profile->source) {
            case Profile::CredentialSource::Keychain:
                m_store->loadSecrets(
                    profileName, this, [request, applyOwnSettings, profileName](Result<aws::Credentials> keys) {
                        if (!keys)
                            return request->finish(keys.error());
                        if (Status s = applyOwnSettings(); !s)
                            return request->finish(s.error());
                        request->config.credentials = std::move(keys).value();
                        request->config.credentialSource = tr("keychain keys of JobDesk profile “%1”").arg(profileName);
                        request->finish(request->config);
                    });
                return;
            case Profile::CredentialSource::Environment: {
                Result<aws::Credentials> keys = environmentCredentials(m_env);
                if (!keys)
                    return request->finish(keys.error());
                if (Status s = applyOwnSettings(); !s)
                    return request->finish(s.error());
                request->config.credentials = std::move(keys).value();
                request->config.credentialSource = tr("environment variables (JobDesk profile “%1”)").arg(profileName);
                return request->finish(request->config);
            }
            case Profile::CredentialSource::SharedConfig:
                return resolveShared(request, profile->sharedConfigProfile, true);
            case Profile::CredentialSource::Sso: {
                const sso::SsoProfileConfig sso = ssoProfileConfig(*profile);
                m_sso->roleCredentials(sso, this,
                                       [request, applyOwnSettings, profileName, sso](Result<aws::Credentials> keys) {
                                           if (!keys)
                                               return request->finish(keys.error());
                                           if (Status s = applyOwnSettings(); !s)
                                               return request->finish(s.error());
                                           request->config.credentials = std::move(keys).value();
                                           request->config.credentialSource =
                                               tr("IAM Identity Center role %1 in account %2 (JobDesk profile “%3”)")
                                                   .arg(sso.roleName, sso.accountId, profileName);
                                           request->finish(request->config);
                                       });
                return;
            }
            }
        }
    }

    Result<SharedConfig> shared = SharedConfig::load(m_env);
    if (!shared)
        return request->finish(shared.error());
    request->shared = std::move(shared).value();

    // 2. A shared-config profile of that name.
    if (!profileName.isEmpty())
        return resolveShared(request, profileName, false);

    // 3. The AWS CLI chain. A profile named in the environment must exist even when
    // keys in the environment win over it, as with the AWS CLI.
    QString chosen = m_env.value(QStringLiteral("AWS_DEFAULT_PROFILE"));
    if (chosen.isEmpty())
        chosen = m_env.value(QStringLiteral("AWS_PROFILE"));
    if (!chosen.isEmpty() && !request->shared->hasProfile(chosen))
        return request->finish(profileNotFound(chosen, &*request->shared));
    if (chosen.isEmpty())
        chosen = QStringLiteral("default");

    if (!m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty()) {
        Result<aws::Credentials> keys = environmentCredentials(m_env);
        if (!keys)
            return request->finish(keys.error());
        if (Status s = applySharedSettings(request->config, *request->shared, chosen); !s)
            return request->finish(s.error());
        request->config.credentials = std::move(keys).value();
        request->config.credentialSource = tr("environment variables");
        return request->finish(request->config);
    }
    if (request->shared->hasProfile(chosen))
        return resolveShared(request, chosen, false);
    request->finish(Error::make(Error::Kind::Credentials, QStringLiteral("NoCredentials"),
                                tr("Unable to locate credentials."),
                                tr("Choose a JobDesk profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                                   "or add a [default] profile with `aws configure`.")));
}

void CredentialResolver::resolveShared(const std::shared_ptr<Request> &request, const QString &name,
                                       bool fromJobDeskProfile)
{
    if (!request->shared) {
        Result<SharedConfig> shared = SharedConfig::load(m_env);
        if (!shared)
            return request->finish(shared.error());
        request->shared = std::move(shared).value();
    }
    if (!request->shared->hasProfile(name)) {
        if (fromJobDeskProfile) {
            return request->finish(Error::make(
                Error::Kind::Credentials, QStringLiteral("ProfileNotFound"),
                tr("JobDesk profile “%1” uses the AWS profile “%2”, which is not in %3 or %4.")
                    .arg(request->jobdeskProfile->name, name, QDir::toNativeSeparators(request->shared->configPath()),
                         QDir::toNativeSeparators(request->shared->credentialsPath())),
                tr("Add that profile with `aws configure --profile %1`, or link the JobDesk profile to another one.")
                    .arg(name)));
        }
        return request->finish(profileNotFound(name, &*request->shared));
    }
    if (Status s = applySharedSettings(request->config, *request->shared, name); !s)
        return request->finish(s.error());
    if (request->jobdeskProfile) {
        if (!request->jobdeskProfile->region.isEmpty())
            request->config.region = request->jobdeskProfile->region;
        if (!request->jobdeskProfile->endpoint.isEmpty())
            request->config.endpointUrl = request->jobdeskProfile->endpoint;
    } else {
        request->config.profileName = name;
    }
    request->sharedProfile = name;
    sharedCredentials(request, name, {}, [request](Result<aws::Credentials> keys) {
        if (!keys)
            return request->finish(keys.error());
        request->config.credentials = std::move(keys).value();
        request->finish(request->config);
    });
}

void CredentialResolver::sharedCredentials(const std::shared_ptr<Request> &request, const QString &name,
                                           QSet<QString> visited, CredentialsCallback done)
{
    const SharedConfig &shared = *request->shared;
    const bool outermost = visited.isEmpty();
    visited.insert(name);
    const auto describe = [&](const QString &text) {
        if (outermost)
            request->config.credentialSource = text;
    };

    // The order of the AWS CLI's providers for one profile.
    if (!shared.value(name, QStringLiteral("role_arn")).value_or(QString()).isEmpty()) {
        describe(tr("role %1 assumed by profile “%2”").arg(*shared.value(name, QStringLiteral("role_arn")), name));
        return assumeRole(request, name, visited, std::move(done));
    }
    // After assume-role and before static keys, as the AWS CLI's SSO provider comes.
    Result<std::optional<sso::SsoProfileConfig>> sso = ssoProfileConfig(shared, name);
    if (!sso || sso.value()) {
        if (!sso) {
            QMetaObject::invokeMethod(
                this, [done, error = sso.error()] { done(error); }, Qt::QueuedConnection);
            return;
        }
        describe(tr("IAM Identity Center role %1 in account %2 (profile “%3”)")
                     .arg(sso.value()->roleName, sso.value()->accountId, name));
        m_sso->roleCredentials(*sso.value(), this, std::move(done));
        return;
    }
    for (const SharedConfig::File file : {SharedConfig::File::Credentials, SharedConfig::File::Config}) {
        if (file == SharedConfig::File::Config) {
            const QString command = shared.value(name, QStringLiteral("credential_process")).value_or(QString());
            if (!command.isEmpty()) {
                describe(tr("credential_process of profile “%1”").arg(name));
                m_processes.processFor(name, command, m_env, QSet<QString>(visited).unite({request->askedFor}))
                    ->fetch(this, std::move(done));
                return;
            }
        }
        Result<std::optional<aws::Credentials>> keys = shared.staticCredentials(name, file);
        if (!keys) {
            QMetaObject::invokeMethod(
                this, [done, error = keys.error()] { done(error); }, Qt::QueuedConnection);
            return;
        }
        if (keys.value()) {
            describe(tr("keys of profile “%1” in %2")
                         .arg(name,
                              QDir::toNativeSeparators(file == SharedConfig::File::Config ? shared.configPath()
                                                                                          : shared.credentialsPath())));
            QMetaObject::invokeMethod(
                this, [done, credentials = *keys.value()] { done(credentials); }, Qt::QueuedConnection);
            return;
        }
    }
    const Error error = Error::make(
        Error::Kind::Credentials, QStringLiteral("NoCredentials"),
        tr("Profile “%1” has no credentials: it sets none of aws_access_key_id, credential_process and role_arn.")
            .arg(name),
        tr("Add keys with `aws configure --profile %1`, or choose another profile.").arg(name));
    QMetaObject::invokeMethod(
        this, [done, error] { done(error); }, Qt::QueuedConnection);
}

void CredentialResolver::assumeRole(const std::shared_ptr<Request> &request, const QString &name, QSet<QString> visited,
                                    CredentialsCallback done)
{
    const SharedConfig &shared = *request->shared;
    const auto get = [&](const char *key) {
        return shared.value(name, QLatin1String(key)).value_or(QString()).trimmed();
    };
    const auto fail = [this, done](const Error &error) {
        QMetaObject::invokeMethod(
            this, [done, error] { done(error); }, Qt::QueuedConnection);
    };

    AssumeRoleRequest role;
    role.profileName = name;
    role.roleArn = get("role_arn");
    role.roleSessionName = get("role_session_name");
    role.externalId = get("external_id");
    role.mfaSerial = get("mfa_serial");
    role.region = request->config.region;
    role.caBundle = request->config.caBundle;
    // Where the AWS CLI sends the STS call: the STS-specific variable, then the general one,
    // then the endpoint_url of the profile that was asked for (it applies to every service).
    QString stsEndpoint = m_env.value(QStringLiteral("AWS_ENDPOINT_URL_STS")).trimmed();
    if (stsEndpoint.isEmpty())
        stsEndpoint = m_env.value(QStringLiteral("AWS_ENDPOINT_URL")).trimmed();
    if (stsEndpoint.isEmpty())
        stsEndpoint =
            shared.value(request->sharedProfile, QStringLiteral("endpoint_url")).value_or(QString()).trimmed();
    if (!stsEndpoint.isEmpty()) {
        role.stsEndpointUrl = QUrl(stsEndpoint, QUrl::StrictMode);
        if (!role.stsEndpointUrl.isValid() || role.stsEndpointUrl.host().isEmpty())
            return fail(invalidSetting(request->sharedProfile, QStringLiteral("endpoint_url"), stsEndpoint,
                                       tr("an http:// or https:// URL")));
    }
    if (const QString duration = get("duration_seconds"); !duration.isEmpty()) {
        bool ok = false;
        role.durationSeconds = duration.toInt(&ok);
        if (!ok || *role.durationSeconds < 1)
            return fail(invalidSetting(name, QStringLiteral("duration_seconds"), duration, tr("a number of seconds")));
    }
    const QString sourceProfile = get("source_profile");
    const QString credentialSource = get("credential_source");
    if (sourceProfile.isEmpty() == credentialSource.isEmpty()) {
        return fail(Error::make(
            Error::Kind::Validation, QStringLiteral("InvalidConfig"),
            tr("Profile “%1” has role_arn, so it needs exactly one of source_profile and credential_source.")
                .arg(name)));
    }

    // Once the source keys are known, hand the request to whoever can talk to STS.
    const QSet<QString> owners = QSet<QString>(visited).unite({request->askedFor});
    auto withSource = [this, role, owners, done](Result<aws::Credentials> source) mutable {
        if (!source)
            return done(source.error());
        role.sourceCredentials = std::move(source).value();
        if (!m_assumeRole) {
            return done(Error::make(Error::Kind::Credentials, QStringLiteral("AssumeRoleNotSupported"),
                                    tr("Profile “%1” assumes the role %2, and JobDesk cannot assume roles yet.")
                                        .arg(role.profileName, role.roleArn),
                                    tr("Use a profile with its own keys or a credential_process, or export the role's "
                                       "temporary keys (for example from `aws sts assume-role`) as AWS_ACCESS_KEY_ID, "
                                       "AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.")));
        }
        const bool defaultName = role.roleSessionName.isEmpty();
        if (defaultName)
            role.roleSessionName = defaultRoleSessionName(m_clock->nowUtc());
        assumeRoleCached(std::move(role), defaultName, owners, std::move(done));
    };

    if (!credentialSource.isEmpty()) {
        if (credentialSource == QLatin1String("Environment"))
            return withSource(environmentCredentials(m_env));
        if (credentialSource == QLatin1String("EcsContainer")
            || credentialSource == QLatin1String("Ec2InstanceMetadata")) {
            return fail(Error::make(Error::Kind::Credentials, QStringLiteral("InvalidConfig"),
                                    tr("Profile “%1” takes its source keys from %2, which JobDesk does not read.")
                                        .arg(name, credentialSource),
                                    tr("Use credential_source = Environment or a source_profile.")));
        }
        return fail(invalidSetting(name, QStringLiteral("credential_source"), credentialSource,
                                   tr("Environment, EcsContainer or Ec2InstanceMetadata")));
    }
    if (sourceProfile == name) {
        // A profile may be its own source when it also holds static keys.
        for (const SharedConfig::File file : {SharedConfig::File::Credentials, SharedConfig::File::Config}) {
            Result<std::optional<aws::Credentials>> keys = shared.staticCredentials(name, file);
            if (!keys)
                return fail(keys.error());
            if (keys.value()) {
                QMetaObject::invokeMethod(
                    this, [withSource, credentials = *keys.value()]() mutable { withSource(credentials); },
                    Qt::QueuedConnection);
                return;
            }
        }
    }
    if (visited.contains(sourceProfile)) {
        return fail(Error::make(Error::Kind::Validation, QStringLiteral("InvalidConfig"),
                                tr("Profile “%1” has a source_profile loop through “%2”.").arg(name, sourceProfile),
                                tr("Make one profile in the chain use its own keys.")));
    }
    if (!shared.hasProfile(sourceProfile))
        return fail(profileNotFound(sourceProfile, &shared));
    sharedCredentials(request, sourceProfile, visited, std::move(withSource));
}

QString CredentialResolver::defaultRoleSessionName(const QDateTime &now)
{
    return QStringLiteral("jobdesk-session-%1").arg(now.toSecsSinceEpoch());
}

void CredentialResolver::assumeRoleCached(AssumeRoleRequest role, bool defaultSessionName, const QSet<QString> &owners,
                                          CredentialsCallback done)
{
    const QString key = RoleCredentialCache::keyFor(role, defaultSessionName);
    m_roles.addOwners(key, owners);
    if (std::optional<aws::Credentials> cached = m_roles.fresh(key, m_clock->nowUtc()))
        return done(*cached);
    // One STS call (and one MFA prompt) for everyone asking for the same role at once.
    if (m_roles.joinPending(key, std::move(done)))
        return;

    const auto call = [this, key](const AssumeRoleRequest &request) {
        m_assumeRole(request, this, [this, key](Result<aws::Credentials> keys) { finishRole(key, keys); });
    };
    if (role.mfaSerial.isEmpty() || !m_mfaPrompt)
        return call(role);

    const MfaChallenge challenge{role.profileName, role.roleArn, role.mfaSerial};
    auto answered = std::make_shared<bool>(false);
    QPointer<CredentialResolver> self(this);
    m_mfaPrompt(challenge, [self, role, key, call, answered](std::optional<QString> code) mutable {
        if (!self || *answered)
            return;
        *answered = true;
        if (!code) {
            return self->finishRole(
                key,
                Error::make(
                    Error::Kind::Cancelled, QStringLiteral("MfaCancelled"),
                    tr("No MFA code was entered, so profile “%1” did not assume the role %2.")
                        .arg(role.profileName, role.roleArn),
                    tr("Enter the code that the MFA device %1 shows to use this profile.").arg(role.mfaSerial)));
        }
        static const QRegularExpression sixDigits(QStringLiteral("^[0-9]{6}$"));
        const QString entered = code->simplified().remove(QLatin1Char(' '));
        if (!sixDigits.match(entered).hasMatch()) {
            Error e =
                Error::make(Error::Kind::Validation, QStringLiteral("InvalidMfaCode"),
                            tr("That is not an MFA code: profile “%1” needs the 6 digits that the MFA device %2 shows.")
                                .arg(role.profileName, role.mfaSerial),
                            tr("Type the current code again, digits only."));
            e.field = QStringLiteral("TokenCode");
            return self->finishRole(key, e);
        }
        role.tokenCode = Secret(entered);
        call(role);
    });
}

void CredentialResolver::finishRole(const QString &key, const Result<aws::Credentials> &result)
{
    m_roles.finish(key, result);
}

void CredentialResolver::setStsClient(aws::StsClient *sts, const aws::ClientConfig &base)
{
    m_assumeRole = StsRoleAssumer(sts, base, *m_clock);
}

}  // namespace jobdesk::profiles
