#pragma once

// A JobDesk profile: a named set of account settings a support person switches
// between. Only non-secret settings live here; keys stay in the keychain.

#include <QString>
#include <QUrl>

namespace jobdesk::profiles {

struct Profile
{
    // Where the profile's AWS credentials come from when a request needs them.
    enum class CredentialSource {
        Keychain,      // access key ID, secret access key and optional session token in the OS keychain
        SharedConfig,  // an AWS shared-config profile (~/.aws/config), resolved at request time
        Environment,   // AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
        Sso,           // a role through IAM Identity Center; the sign-in's tokens are in the keychain
    };

    // For Sso: the sign-in (an sso-session in the AWS CLI's terms) and the role.
    struct SsoSettings
    {
        QString startUrl;
        QString region;
        QString sessionName;  // the sso-session's name; it keys the token, as for the AWS CLI
        QString accountId;
        QString roleName;

        bool operator==(const SsoSettings &other) const = default;
    };

    QString name;
    QString region;  // empty: take it from the linked profile or the environment
    QUrl endpoint;   // empty: the service's normal endpoint
    CredentialSource source = CredentialSource::Keychain;
    QString sharedConfigProfile;  // for SharedConfig
    SsoSettings sso = {};         // for Sso

    bool operator==(const Profile &other) const = default;

    // The words stored in the settings file.
    static QString sourceName(CredentialSource source)
    {
        switch (source) {
        case CredentialSource::Keychain: return QStringLiteral("keychain");
        case CredentialSource::SharedConfig: return QStringLiteral("shared-config");
        case CredentialSource::Environment: return QStringLiteral("environment");
        case CredentialSource::Sso: return QStringLiteral("sso");
        }
        return {};
    }
};

}  // namespace jobdesk::profiles
