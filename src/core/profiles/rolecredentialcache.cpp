#include "core/profiles/rolecredentialcache.h"

#include <QStringList>

namespace jobdesk::profiles {

QString RoleCredentialCache::keyFor(const AssumeRoleRequest &role, bool defaultSessionName)
{
    return QStringList{role.roleArn,
                       defaultSessionName ? QString() : role.roleSessionName,
                       role.externalId,
                       role.mfaSerial,
                       role.durationSeconds ? QString::number(*role.durationSeconds) : QString(),
                       role.sourceCredentials.accessKeyId,
                       role.region,
                       role.stsEndpointUrl.toString()}
        .join(QLatin1Char('\n'));
}

void RoleCredentialCache::addOwners(const QString &key, const QSet<QString> &owners)
{
    m_owners[key].unite(owners);
}

std::optional<aws::Credentials> RoleCredentialCache::fresh(const QString &key, const QDateTime &now)
{
    const auto cached = m_cache.constFind(key);
    if (cached == m_cache.constEnd())
        return std::nullopt;
    const qint64 margin = std::chrono::duration_cast<std::chrono::seconds>(refreshMargin).count();
    if (now.addSecs(margin) < cached->expiration)
        return *cached;
    m_cache.remove(key);
    return std::nullopt;
}

bool RoleCredentialCache::joinPending(const QString &key, CredentialsCallback done)
{
    if (auto pending = m_pending.find(key); pending != m_pending.end()) {
        pending->append(std::move(done));
        return true;
    }
    m_pending.insert(key, {std::move(done)});
    return false;
}

void RoleCredentialCache::finish(const QString &key, const Result<aws::Credentials> &result)
{
    // Keys without an expiration (from a test's stand-in) are never kept, nor keys whose
    // profiles were all closed while STS was answering.
    if (result.ok() && result.value().expiration.isValid() && m_owners.contains(key))
        m_cache.insert(key, result.value());
    const QList<CredentialsCallback> waiting = m_pending.take(key);
    for (const CredentialsCallback &done : waiting)
        done(result);
}

void RoleCredentialCache::forgetProfile(const QString &profileName)
{
    for (auto it = m_owners.begin(); it != m_owners.end();) {
        if (it->contains(profileName)) {
            m_cache.remove(it.key());
            it = m_owners.erase(it);
        } else {
            ++it;
        }
    }
}

void RoleCredentialCache::clear()
{
    m_cache.clear();  // aws::Credentials holds Secrets, which scrub themselves
    m_owners.clear();
}

QSet<QString> RoleCredentialCache::cachedOwners() const
{
    QSet<QString> names;
    for (auto it = m_cache.cbegin(); it != m_cache.cend(); ++it)
        names.unite(m_owners.value(it.key()));
    return names;
}

}  // namespace jobdesk::profiles
