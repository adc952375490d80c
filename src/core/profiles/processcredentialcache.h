#pragma once

// Keeps one ProcessCredentials per profile and command line, so that a
// credential_process runs once for everyone who needs its keys, and remembers
// which profiles each one serves so that closing a profile forgets its answer.

#include "core/clock.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>

#include <chrono>

namespace jobdesk::profiles {

class ProcessCredentials;

class ProcessCredentialCache
{
public:
    // The processes are children of parent, which (like clock) must outlive this cache.
    ProcessCredentialCache(QObject *parent, const Clock &clock);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // The process for this command line of profile name, made on first use; owners are the
    // profiles its keys are kept for.
    ProcessCredentials *processFor(const QString &name, const QString &commandLine, const QProcessEnvironment &env,
                                   const QSet<QString> &owners);

    // The process object stays (a run may be under way for a caller); its answer does not.
    void forgetProfile(const QString &profileName);
    void clear();
    // The profiles that processes are kept for.
    QSet<QString> cachedOwners() const;

private:
    QObject *m_parent;
    const Clock *m_clock;
    std::chrono::milliseconds m_timeout{60000};
    QHash<QString, ProcessCredentials *> m_processes;  // by profile name + command line
    QHash<QString, QSet<QString>> m_owners;            // by the same key
};

}  // namespace jobdesk::profiles
