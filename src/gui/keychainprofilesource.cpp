#include "gui/keychainprofilesource.h"

#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/sharedconfig.h"
#include "core/profiles/ssoprofileconfig.h"

namespace jobdesk::gui {

using profiles::Profile;

KeychainProfileSource::KeychainProfileSource(profiles::ProfileStore *store, profiles::CredentialResolver *resolver,
                                             QObject *parent)
    : ProfileSource(parent), m_store(store), m_resolver(resolver)
{
    connect(m_store, &profiles::ProfileStore::profilesChanged, this, &ProfileSource::profilesChanged);
}

void KeychainProfileSource::reload()
{
    Q_EMIT profilesChanged();
}

QList<ProfileEntry> KeychainProfileSource::profiles() const
{
    QList<ProfileEntry> entries;
    QStringList names;
    for (const Profile &p : m_store->profiles()) {
        ProfileEntry e;
        e.name = p.name;
        e.region = p.region;
        e.endpointOverride = p.endpoint.toString();
        switch (p.source) {
        case Profile::CredentialSource::Keychain:
            e.description = tr("JobDesk profile, keys in the system keychain");
            break;
        case Profile::CredentialSource::SharedConfig:
            e.description = tr("JobDesk profile linked to AWS profile “%1”").arg(p.sharedConfigProfile);
            break;
        case Profile::CredentialSource::Environment:
            e.description = tr("JobDesk profile, keys from the environment");
            break;
        case Profile::CredentialSource::Sso:
            e.description = tr("JobDesk profile, role %1 in account %2 through IAM Identity Center")
                                .arg(p.sso.roleName, p.sso.accountId);
            break;
        }
        names << p.name;
        entries << e;
    }
    // The resolver looks for a JobDesk profile first, so a shared-config profile of the
    // same name would never be used: it is not listed.
    const auto shared = profiles::SharedConfig::load(m_resolver->environment());
    if (shared) {
        for (const QString &name : shared.value().profileNames()) {
            if (names.contains(name))
                continue;
            ProfileEntry e;
            e.name = name;
            e.description = tr("AWS shared-config profile from %1").arg(shared.value().configPath());
            e.region = shared.value().value(name, QStringLiteral("region")).value_or(QString());
            e.endpointOverride = shared.value().value(name, QStringLiteral("endpoint_url")).value_or(QString());
            entries << e;
        }
    }
    return entries;
}

void KeychainProfileSource::forgetCredentials(const QString &name)
{
    m_resolver->forgetProfile(name);
}

void KeychainProfileSource::forgetAllCredentials()
{
    m_resolver->clearCache();
}

std::optional<sso::SsoProfileConfig> KeychainProfileSource::ssoProfile(const QString &name) const
{
    // The resolver's order: a JobDesk profile first, then the shared config.
    if (const std::optional<Profile> profile = m_store->profile(name)) {
        if (profile->source != Profile::CredentialSource::Sso)
            return std::nullopt;
        return profiles::ssoProfileConfig(*profile);
    }
    const auto shared = profiles::SharedConfig::load(m_resolver->environment());
    if (!shared)
        return std::nullopt;
    // A profile whose sso settings are broken is not offered a sign-in: resolving it says what is wrong.
    auto config = profiles::ssoProfileConfig(shared.value(), name);
    if (!config)
        return std::nullopt;
    return std::move(config).value();
}

void KeychainProfileSource::resolveCredentials(const QString &name, QObject *context, CredentialsCallback done)
{
    m_resolver->resolve(name, context, [done = std::move(done)](Result<profiles::ResolvedConfig> resolved) {
        if (!resolved) {
            done(resolved.error());
            return;
        }
        done(std::move(resolved).value().credentials);
    });
}

}  // namespace jobdesk::gui
