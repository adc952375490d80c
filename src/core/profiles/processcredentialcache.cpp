#include "core/profiles/processcredentialcache.h"

#include "core/profiles/processcredentials.h"

namespace jobdesk::profiles {

ProcessCredentialCache::ProcessCredentialCache(QObject *parent, const Clock &clock) : m_parent(parent), m_clock(&clock)
{
}

ProcessCredentials *ProcessCredentialCache::processFor(const QString &name, const QString &commandLine,
                                                       const QProcessEnvironment &env, const QSet<QString> &owners)
{
    const QString key = name + QLatin1Char('\n') + commandLine;
    m_owners[key].unite(owners);
    ProcessCredentials *&process = m_processes[key];
    if (!process)
        process = new ProcessCredentials(name, commandLine, env, *m_clock, m_parent);
    process->setTimeout(m_timeout);
    return process;
}

void ProcessCredentialCache::forgetProfile(const QString &profileName)
{
    for (auto it = m_owners.begin(); it != m_owners.end();) {
        if (it->contains(profileName)) {
            if (ProcessCredentials *process = m_processes.value(it.key()))
                process->invalidate();
            it = m_owners.erase(it);
        } else {
            ++it;
        }
    }
}

void ProcessCredentialCache::clear()
{
    qDeleteAll(m_processes);
    m_processes.clear();
    m_owners.clear();
}

QSet<QString> ProcessCredentialCache::cachedOwners() const
{
    QSet<QString> names;
    for (auto it = m_owners.cbegin(); it != m_owners.cend(); ++it)
        names.unite(it.value());
    return names;
}

}  // namespace jobdesk::profiles
