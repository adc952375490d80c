#include "gui/profilesource.h"

#include <QProcessEnvironment>

namespace jobdesk::gui {

EnvironmentProfileSource::EnvironmentProfileSource(QObject *parent) : ProfileSource(parent) {}

QString EnvironmentProfileSource::profileName()
{
    // A profile's name, like "default": recent lookups keep it, so it is not translated.
    return QStringLiteral("Environment");
}

QList<ProfileEntry> EnvironmentProfileSource::profiles() const
{
    ProfileEntry e;
    e.name = profileName();
    e.description = tr("AWS keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN variables");
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    e.region = env.value(QStringLiteral("AWS_REGION"), env.value(QStringLiteral("AWS_DEFAULT_REGION")));
    return {e};
}

void EnvironmentProfileSource::resolveCredentials(const QString &, QObject *, CredentialsCallback done)
{
    done(aws::Credentials::fromEnvironment(QProcessEnvironment::systemEnvironment()));
}

StaticProfileSource::StaticProfileSource(ProfileEntry entry, aws::Credentials credentials, QObject *parent)
    : ProfileSource(parent), m_entry(std::move(entry)), m_credentials(std::move(credentials))
{
}

QList<ProfileEntry> StaticProfileSource::profiles() const
{
    return {m_entry};
}

void StaticProfileSource::resolveCredentials(const QString &, QObject *, CredentialsCallback done)
{
    done(m_credentials);
}

}  // namespace jobdesk::gui
