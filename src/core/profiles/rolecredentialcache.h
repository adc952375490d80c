#pragma once

// Keeps assumed-role keys in memory until shortly before they expire, merges
// concurrent requests for the same role into one STS call, and remembers which
// profiles each role's keys were fetched for so that closing one forgets them.

#include "core/aws/credentials.h"
#include "core/profiles/assumerolerequest.h"
#include "core/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace jobdesk::profiles {

class RoleCredentialCache
{
public:
    using CredentialsCallback = std::function<void(Result<aws::Credentials>)>;

    // Keys this close to their expiration are fetched again.
    static constexpr std::chrono::minutes refreshMargin{5};

    // The settings that make a role's keys the same ones. A generated session name is not
    // one of them (as in botocore's cache), or nothing would ever be reused.
    static QString keyFor(const AssumeRoleRequest &role, bool defaultSessionName);

    void addOwners(const QString &key, const QSet<QString> &owners);
    // The cached keys while they are still fresh at now; stale keys are dropped.
    std::optional<aws::Credentials> fresh(const QString &key, const QDateTime &now);
    // True when a call for key is already under way: done then waits for its answer.
    // Otherwise done becomes the first waiter of a call the caller must now start.
    bool joinPending(const QString &key, CredentialsCallback done);
    // Keeps the answer (when it can be kept) and hands it to everyone waiting for key.
    void finish(const QString &key, const Result<aws::Credentials> &result);

    void forgetProfile(const QString &profileName);
    void clear();
    // The profiles that cached keys are kept for.
    QSet<QString> cachedOwners() const;

private:
    QHash<QString, aws::Credentials> m_cache;              // in memory only, by keyFor()
    QHash<QString, QList<CredentialsCallback>> m_pending;  // callers waiting for the same role
    // A key missing here is not cached when its call finishes.
    QHash<QString, QSet<QString>> m_owners;
};

}  // namespace jobdesk::profiles
