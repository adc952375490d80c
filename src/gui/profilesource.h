#pragma once

// Where the profile selector's entries and their AWS keys come from. The
// window lists every source's profiles; the keychain profiles plug in here as
// one more source, without the window knowing how keys are stored.

#include "core/aws/credentials.h"
#include "core/result.h"
#include "core/sso/ssosessions.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace jobdesk::gui {

struct ProfileEntry
{
    QString name;
    QString description;       // one line for the tooltip
    QString region;            // preferred region, or empty
    QString endpointOverride;  // a custom endpoint the profile always uses, or empty
};

class ProfileSource : public QObject
{
    Q_OBJECT

public:
    using CredentialsCallback = std::function<void(Result<aws::Credentials>)>;

    explicit ProfileSource(QObject *parent = nullptr) : QObject(parent) {}

    virtual QList<ProfileEntry> profiles() const = 0;
    // Asynchronous because keychains are; done is called with context alive, never inline
    // before this returns when a source has to wait, but it may be inline when it need not.
    virtual void resolveCredentials(const QString &name, QObject *context, CredentialsCallback done) = 0;
    // The profile is closed (the form moved to another one, it was deleted or renamed):
    // drop any keys kept for it. Sources that keep nothing between calls ignore it.
    virtual void forgetCredentials(const QString &name) { Q_UNUSED(name) }
    // The window is closing: drop every key kept for any profile.
    virtual void forgetAllCredentials() {}
    // The IAM Identity Center sign-in and role of an SSO profile; nullopt for any other kind.
    virtual std::optional<sso::SsoProfileConfig> ssoProfile(const QString &name) const
    {
        Q_UNUSED(name)
        return std::nullopt;
    }

Q_SIGNALS:
    void profilesChanged();
};

// "Environment": the AWS_* variables, read at the moment of the fetch.
class EnvironmentProfileSource : public ProfileSource
{
    Q_OBJECT

public:
    explicit EnvironmentProfileSource(QObject *parent = nullptr);
    static QString profileName();

    QList<ProfileEntry> profiles() const override;
    void resolveCredentials(const QString &name, QObject *context, CredentialsCallback done) override;
};

// Fixed keys held in memory, e.g. the demo profile whose keys and endpoint src/app supplies.
class StaticProfileSource : public ProfileSource
{
    Q_OBJECT

public:
    StaticProfileSource(ProfileEntry entry, aws::Credentials credentials, QObject *parent = nullptr);

    QList<ProfileEntry> profiles() const override;
    void resolveCredentials(const QString &name, QObject *context, CredentialsCallback done) override;

private:
    ProfileEntry m_entry;
    aws::Credentials m_credentials;
};

}  // namespace jobdesk::gui
