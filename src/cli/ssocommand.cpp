#include "cli/ssocommand.h"

#include "cli/browseropener.h"
#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/ssotexts.h"
#include "core/platform/interruptwatcher.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/sharedconfig.h"
#include "core/profiles/ssoprofileconfig.h"
#include "core/sso/ssosessions.h"
#include "core/sso/ssotokenstore.h"

#include <QNetworkAccessManager>

namespace jobdesk::cli {

namespace {

using sso::SsoSessions;
using sso::SsoSignIn;

Error usageError(const QString &message)
{
    return Error::make(Error::Kind::Validation, CommandLine::usageErrorCode(), message);
}

// The AWS CLI's ConfigurationError: printed alone, exit 253.
Error configError(const QString &message)
{
    return Error::make(Error::Kind::Credentials, QStringLiteral("InvalidSsoConfig"), message);
}

QStringList scopesOf(const QString &text)
{
    QStringList scopes;
    for (const QString &scope : text.split(QLatin1Char(','))) {
        if (!scope.trimmed().isEmpty())
            scopes << scope.trimmed();
    }
    return scopes;
}

QStringList missingOf(const QMap<QString, QString> &values)
{
    QStringList missing;
    for (const QString &key : {QStringLiteral("sso_start_url"), QStringLiteral("sso_region")}) {
        if (!values.contains(key))
            missing << key;
    }
    return missing;
}

// An [sso-session NAME] section, checked with the AWS CLI's words.
Result<SsoSignIn::Settings> sessionSection(const profiles::SharedConfig &config, const QString &name)
{
    const auto section = config.ssoSession(name);
    if (!section)
        return configError(SsoCommand::tr("The specified sso-session does not exist: \"%1\"").arg(name));
    const QStringList missing = missingOf(*section);
    if (!missing.isEmpty()) {
        return configError(SsoCommand::tr("Missing the following required SSO configuration values: %1. ")
                               .arg(missing.join(QStringLiteral(", "))));
    }
    SsoSignIn::Settings settings;
    settings.startUrl = section->value(QStringLiteral("sso_start_url"));
    settings.region = section->value(QStringLiteral("sso_region"));
    settings.sessionName = name;
    settings.scopes = scopesOf(section->value(QStringLiteral("sso_registration_scopes")));
    return settings;
}

// A profile's session: its sso_session's section, or the legacy sso_start_url and sso_region.
Result<SsoSignIn::Settings> profileSession(const profiles::SharedConfig &config, const QString &profile)
{
    const QMap<QString, QString> values = config.profile(profile).value_or(QMap<QString, QString>());
    const QString sessionName = values.value(QStringLiteral("sso_session"));
    if (!sessionName.isEmpty())
        return sessionSection(config, sessionName);
    const QStringList missing = missingOf(values);
    if (!missing.isEmpty()) {
        return configError(SsoCommand::tr("Missing the following required SSO configuration values: %1. To make "
                                          "sure this profile is properly configured to use SSO, please run: aws "
                                          "configure sso")
                               .arg(missing.join(QStringLiteral(", "))));
    }
    SsoSignIn::Settings settings;
    settings.startUrl = values.value(QStringLiteral("sso_start_url"));
    settings.region = values.value(QStringLiteral("sso_region"));
    return settings;
}

// The profile a command without --profile uses, as botocore picks it.
QString effectiveProfile(const QString &profileName, const QProcessEnvironment &env)
{
    if (!profileName.isEmpty())
        return profileName;
    const QString fromEnv = env.value(QStringLiteral("AWS_PROFILE"), env.value(QStringLiteral("AWS_DEFAULT_PROFILE")));
    return fromEnv.isEmpty() ? QStringLiteral("default") : fromEnv;
}

}  // namespace

Result<SsoCommand::Options> SsoCommand::parseOptions(const QStringList &arguments)
{
    Options o;
    if (arguments.isEmpty())
        return o;
    if (asksForHelp(arguments)) {
        o.helpAsked = true;
        return o;
    }
    const QString sub = arguments.first();
    if (sub == QLatin1String("login"))
        o.action = Action::Login;
    else if (sub == QLatin1String("logout"))
        o.action = Action::Logout;
    else
        return usageError(
            tr("argument operation: Invalid choice '%1', valid choices are: login, logout, help").arg(sub));

    QStringList unknown;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        const bool login = o.action == Action::Login;
        if (login && arg == QLatin1String("--use-device-code")) {
            o.useDeviceCode = true;
        } else if (login && arg == QLatin1String("--no-browser")) {
            o.noBrowser = true;
        } else if (login && arg.startsWith(QLatin1String("--sso-session="))) {
            o.ssoSession = arg.section(QLatin1Char('='), 1);
        } else if (login && arg == QLatin1String("--sso-session")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).startsWith(QLatin1String("--")))
                return usageError(tr("argument --sso-session: expected one argument"));
            o.ssoSession = arguments.at(++i);
        } else {
            unknown << arg;
        }
    }
    // The AWS CLI's own commands refuse these without the usage lines.
    if (!unknown.isEmpty()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("SsoUnknownOptions"),
                           tr("Unknown options: %1").arg(unknown.join(QStringLiteral(", "))));
    }
    return o;
}

Result<SsoSignIn::Settings> SsoCommand::loginSession(const QString &profileName, const QString &ssoSession,
                                                     const QProcessEnvironment &env,
                                                     const profiles::ProfileStore *store)
{
    auto config = profiles::SharedConfig::load(env);
    if (!config)
        return config.error();
    if (!ssoSession.isEmpty())
        return sessionSection(config.value(), ssoSession);

    QString name = effectiveProfile(profileName, env);
    if (const auto own = store ? store->profile(name) : std::nullopt) {
        switch (own->source) {
        case profiles::Profile::CredentialSource::Sso: return profiles::ssoProfileConfig(*own).session;
        case profiles::Profile::CredentialSource::SharedConfig: name = own->sharedConfigProfile; break;
        default:
            return configError(tr("The JobDesk profile (%1) does not sign in with IAM Identity Center: its keys "
                                  "come from the %2 source.")
                                   .arg(name, profiles::Profile::sourceName(own->source)));
        }
    }
    if (!config.value().hasProfile(name) && name != QLatin1String("default")) {
        return Error::make(Error::Kind::Credentials, QStringLiteral("ProfileNotFound"),
                           tr("The config profile (%1) could not be found").arg(name));
    }
    return profileSession(config.value(), name);
}

std::optional<sso::SsoProfileConfig> SsoCommand::profileConfig(const QString &profileName,
                                                               const QProcessEnvironment &env,
                                                               const profiles::ProfileStore *store)
{
    QString name = effectiveProfile(profileName, env);
    if (const auto own = store ? store->profile(name) : std::nullopt) {
        if (own->source == profiles::Profile::CredentialSource::Sso)
            return profiles::ssoProfileConfig(*own);
        if (own->source != profiles::Profile::CredentialSource::SharedConfig)
            return std::nullopt;
        name = own->sharedConfigProfile;
    }
    const auto config = profiles::SharedConfig::load(env);
    if (!config)
        return std::nullopt;
    const auto read = profiles::ssoProfileConfig(config.value(), name);
    return read ? read.value() : std::nullopt;
}

QList<SsoSignIn::Settings> SsoCommand::knownSessions(const profiles::SharedConfig &config,
                                                     const profiles::ProfileStore *store)
{
    QList<SsoSignIn::Settings> found;
    QStringList keys;
    const auto add = [&](const Result<SsoSignIn::Settings> &session) {
        if (!session || keys.contains(SsoSessions::sessionKey(session.value())))
            return;
        keys << SsoSessions::sessionKey(session.value());
        found << session.value();
    };
    for (const QString &profile : config.profileNames()) {
        const QMap<QString, QString> values = config.profile(profile).value_or(QMap<QString, QString>());
        if (values.contains(QStringLiteral("sso_session")) || values.contains(QStringLiteral("sso_start_url")))
            add(profileSession(config, profile));
    }
    for (const QString &name : config.ssoSessionNames())
        add(sessionSection(config, name));
    if (store) {
        for (const profiles::Profile &profile : store->profiles()) {
            if (profile.source == profiles::Profile::CredentialSource::Sso)
                add(profiles::ssoProfileConfig(profile).session);
        }
    }
    return found;
}

SsoCommand::SsoCommand(QProcessEnvironment env, Streams streams, QObject *parent)
    : Command(streams, parent), m_env(std::move(env))
{
}

SsoCommand::~SsoCommand() = default;

QString SsoCommand::help() const
{
    return tr("Sign in to IAM Identity Center, or sign out");
}

void SsoCommand::run(const CommandLine &commandLine)
{
    auto parsed = parseOptions(commandLine.commandArguments);
    if (!parsed) {
        m_ended = true;
        fail(parsed.error());
        return;
    }
    m_options = parsed.value();
    m_profile = commandLine.profile;
    switch (m_options.action) {
    case Action::Help:
        write(m_streams.out, HelpText::ssoPage().toUtf8());
        end(m_options.helpAsked ? ExitSuccess : ExitParamError);
        return;
    case Action::Login: {
        m_profiles = new profiles::ProfileStore(this);
        auto session = loginSession(m_profile, m_options.ssoSession, m_env, m_profiles);
        if (!session) {
            m_ended = true;
            fail(session.error());
            return;
        }
        login(session.value());
        return;
    }
    case Action::Logout: logout(); return;
    }
}

void SsoCommand::setUpSessions()
{
    m_network = new QNetworkAccessManager(this);
    m_tokens = new sso::SsoTokenStore(sso::SsoTokenCache(sso::SsoTokenCache::defaultDirectory(m_env)), this);
    // The AWS CLI's cache gets the token too only when the person chose so in the window's settings.
    m_tokens->setShareWithAwsCli(sso::SsoTokenStore::sharingSetting());
    m_sessions = new SsoSessions(m_network, m_tokens, m_env, Clock::system(), this);
}

void SsoCommand::login(const SsoSignIn::Settings &session)
{
    m_session = session;
    setUpSessions();
    // As in the AWS CLI, the authorization-code flow needs an sso-session: a legacy profile
    // (a start URL alone) always signs in with the device code.
    const bool device = m_options.useDeviceCode || session.sessionName.isEmpty();
    m_stage = device ? QStringLiteral("StartDeviceAuthorization") : QStringLiteral("RegisterClient");
    const QString key = SsoSessions::sessionKey(session);
    connect(m_sessions, &SsoSessions::signedIn, this,
            [this, key](const SsoSignIn::Settings &signedIn, const sso::SsoCachedToken &) {
                if (m_ended || SsoSessions::sessionKey(signedIn) != key)
                    return;
                write(m_streams.out, SsoTexts::signedIn(m_session.startUrl).toUtf8());
                end(ExitSuccess);
            });
    connect(m_sessions, &SsoSessions::signInFailed, this,
            [this, key](const SsoSignIn::Settings &failed, const Error &error) {
                if (m_ended || SsoSessions::sessionKey(failed) != key)
                    return;
                m_ended = true;
                fail(SsoTexts::loginFailure(error, m_stage));
            });
    m_interrupts = new platform::InterruptWatcher(this);
    connect(m_interrupts, &platform::InterruptWatcher::interrupted, this, &SsoCommand::onInterrupted);
    // Null when the region gives no endpoint; signInFailed then says why.
    if (SsoSignIn *signIn =
            m_sessions->signIn(session, device ? SsoSessions::Flow::DeviceCode : SsoSessions::Flow::AuthorizationCode))
        watch(signIn);
}

void SsoCommand::watch(SsoSignIn *signIn)
{
    m_signIn = signIn;
    connect(signIn, &SsoSignIn::browserUrlReady, this, [this](const QUrl &url) {
        m_stage = QStringLiteral("CreateToken");
        write(m_streams.out, SsoTexts::browserPage(url, m_options.noBrowser).toUtf8());
        if (!m_options.noBrowser)
            BrowserOpener::open(url, m_env);
    });
    connect(
        signIn, &SsoSignIn::deviceCodeReady, this,
        [this](const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete) {
            m_stage = QStringLiteral("CreateToken");
            write(
                m_streams.out,
                SsoTexts::deviceCode(userCode, verificationUri, verificationUriComplete, m_options.noBrowser).toUtf8());
            if (!m_options.noBrowser)
                BrowserOpener::open(verificationUriComplete, m_env);
        });
}

void SsoCommand::logout()
{
    auto config = profiles::SharedConfig::load(m_env);
    if (!config) {
        m_ended = true;
        fail(config.error());
        return;
    }
    m_profiles = new profiles::ProfileStore(this);
    const QList<SsoSignIn::Settings> sessions = knownSessions(config.value(), m_profiles);
    if (sessions.isEmpty()) {
        end(ExitSuccess);
        return;
    }
    setUpSessions();
    m_pendingSignOuts = static_cast<int>(sessions.size());
    auto failures = std::make_shared<QStringList>();
    for (const SsoSignIn::Settings &session : sessions) {
        // The AWS CLI ignores a Logout the service refuses; only a token that stays behind is a failure.
        m_sessions->signOut(session, this, [this, failures](Status status) {
            if (!status)
                *failures << status.error().message;
            if (--m_pendingSignOuts > 0)
                return;
            if (failures->isEmpty()) {
                end(ExitSuccess);
                return;
            }
            write(m_streams.err, "\n" + failures->join(QLatin1Char('\n')).toUtf8() + "\n");
            end(ExitGeneralError);
        });
    }
}

void SsoCommand::onInterrupted()
{
    if (m_ended)
        return;
    // The AWS CLI ends a KeyboardInterrupt with a new line on stdout and 128 + SIGINT.
    write(m_streams.out, "\n");
    end(ExitInterrupted);
    if (m_signIn)
        m_signIn->cancel();
}

void SsoCommand::end(int exitCode)
{
    m_ended = true;
    finish(exitCode);
}

}  // namespace jobdesk::cli
