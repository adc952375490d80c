#pragma once

// `jobdesk-cli sso login|logout`: signs in to IAM Identity Center for a profile's
// sso-session (the authorization-code flow with PKCE and a loopback redirect, or the device
// code) and keeps the token as JobDesk does, or signs out of every session JobDesk knows of.
// Options, output and exit codes are those of `aws sso login` and `aws sso logout`.

#include "cli/command.h"
#include "core/result.h"
#include "core/sso/ssosignin.h"

#include <QList>
#include <QPointer>
#include <QProcessEnvironment>

#include <optional>

class QNetworkAccessManager;

namespace jobdesk::platform {
class InterruptWatcher;
}
namespace jobdesk::profiles {
class ProfileStore;
class SharedConfig;
}
namespace jobdesk::sso {
struct SsoProfileConfig;
class SsoSessions;
class SsoTokenStore;
}

namespace jobdesk::cli {

class SsoCommand : public Command
{
    Q_OBJECT

public:
    enum class Action { Help, Login, Logout };

    // What follows "sso" on the command line (the global options already taken out).
    struct Options
    {
        Action action = Action::Help;
        QString ssoSession;  // --sso-session; empty: the profile's
        bool useDeviceCode = false;
        bool noBrowser = false;
        bool helpAsked = false;  // "help" or --help, rather than nothing at all
    };
    static Result<Options> parseOptions(const QStringList &arguments);

    // The session `sso login` signs in to, found as the AWS CLI v2 finds it: --sso-session's
    // section, else the profile's (profileName, else AWS_PROFILE, else default; a JobDesk
    // profile of that name first). Errors carry the AWS CLI's text; their codes give its
    // exit code through exitCodeFor().
    static Result<sso::SsoSignIn::Settings> loginSession(const QString &profileName, const QString &ssoSession,
                                                         const QProcessEnvironment &env,
                                                         const profiles::ProfileStore *store);
    // The SSO profile a request with --profile profileName (else AWS_PROFILE, else default)
    // resolves through, as the CredentialResolver finds it; nullopt when it is none.
    static std::optional<sso::SsoProfileConfig>
    profileConfig(const QString &profileName, const QProcessEnvironment &env, const profiles::ProfileStore *store);
    // Every session logout signs out of: those the config's profiles and sso-sessions name
    // and those of JobDesk's SSO profiles, each once. Sections too incomplete to sign in
    // with are left out, as they can hold no sign-in.
    static QList<sso::SsoSignIn::Settings> knownSessions(const profiles::SharedConfig &config,
                                                         const profiles::ProfileStore *store);

    SsoCommand(QProcessEnvironment env, Streams streams, QObject *parent = nullptr);
    ~SsoCommand() override;

    QString name() const override { return QStringLiteral("sso"); }
    QString help() const override;
    void run(const CommandLine &commandLine) override;

private:
    void setUpSessions();
    void login(const sso::SsoSignIn::Settings &session);
    void watch(sso::SsoSignIn *signIn);
    void logout();
    void onInterrupted();
    void end(int exitCode);

    QProcessEnvironment m_env;
    Options m_options;
    QString m_profile;
    profiles::ProfileStore *m_profiles = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    sso::SsoTokenStore *m_tokens = nullptr;
    sso::SsoSessions *m_sessions = nullptr;
    platform::InterruptWatcher *m_interrupts = nullptr;
    QPointer<sso::SsoSignIn> m_signIn;
    sso::SsoSignIn::Settings m_session;
    QString m_stage;  // the OIDC call under way, for a service error's text
    int m_pendingSignOuts = 0;
    bool m_ended = false;
};

}  // namespace jobdesk::cli
