#pragma once

// The JobDesk profiles: non-secret settings in QSettings (JobDesk/JobDesk), every
// key in the OS keychain under "profile/<name>/<field>". All keychain work is
// asynchronous; results arrive through callbacks guarded by a context object.

#include "core/aws/credentials.h"
#include "core/profiles/profile.h"
#include "core/result.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace jobdesk::profiles {

class ProfileStore : public QObject
{
    Q_OBJECT

public:
    using StatusCallback = std::function<void(Status)>;
    using CredentialsCallback = std::function<void(Result<aws::Credentials>)>;

    // Uses the application settings (organisation "JobDesk", application "JobDesk").
    explicit ProfileStore(QObject *parent = nullptr);
    // Uses the INI file at settingsFile instead, e.g. for a portable setup or a test.
    explicit ProfileStore(const QString &settingsFile, QObject *parent = nullptr);
    ~ProfileStore() override;

    QList<Profile> profiles() const;  // sorted by name
    std::optional<Profile> profile(const QString &name) const;
    bool contains(const QString &name) const;

    static Status validateName(const QString &name);
    static Status validate(const Profile &profile);
    // The SSO settings; the error's field is "sso.startUrl", "sso.region", "sso.accountId" or "sso.roleName".
    static Status validateSso(const Profile::SsoSettings &sso);

    // Saves the settings, and for a Keychain profile the keys in `secrets` (nullptr keeps
    // the stored ones; an empty session token removes a stored one). A profile that does
    // not use the keychain has any keys it kept there removed. Nothing is saved when the
    // keychain fails.
    void saveProfile(const Profile &profile, const aws::Credentials *secrets, QObject *context, StatusCallback done);

    // The stored keys of a Keychain profile. Keys that were never stored give an Error
    // with code "KeysNotSet"; a keychain failure gives code "Keychain...".
    void loadSecrets(const QString &name, QObject *context, CredentialsCallback done);

    // Removes the profile and its keys; when the keys cannot be removed the profile stays.
    void removeProfile(const QString &name, QObject *context, StatusCallback done);

    // Renames the profile and moves its keys to the new name.
    void renameProfile(const QString &from, const QString &to, QObject *context, StatusCallback done);

    // The keychain fields a profile's keys are stored under.
    static QString accessKeyIdField() { return QStringLiteral("access-key-id"); }
    static QString secretAccessKeyField() { return QStringLiteral("secret-access-key"); }
    static QString sessionTokenField() { return QStringLiteral("session-token"); }

Q_SIGNALS:
    void profilesChanged();

private:
    void writeSettings(const Profile &profile);
    void removeSettings(const QString &name);
    void reply(QObject *context, StatusCallback done, Status status);

    std::unique_ptr<QSettings> m_settings;
};

}  // namespace jobdesk::profiles
