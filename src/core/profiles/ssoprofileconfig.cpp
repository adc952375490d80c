#include "core/profiles/ssoprofileconfig.h"

namespace jobdesk::profiles {

namespace {

// What `aws configure sso` asks for when a session names no scopes.
const QString defaultScope = QStringLiteral("sso:account:access");

Error invalidConfig(const QString &message)
{
    return Error::make(Error::Kind::Credentials, QStringLiteral("InvalidSsoConfig"), message,
                       SsoProfileConfigReader::tr("Check the profile in the AWS config file, or set it up again "
                                                  "with `aws configure sso`."));
}

QStringList scopes(const QString &text)
{
    QStringList out;
    for (const QString &scope : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!scope.trimmed().isEmpty())
            out << scope.trimmed();
    }
    return out;
}

}  // namespace

Result<std::optional<sso::SsoProfileConfig>> SsoProfileConfigReader::read(const SharedConfig &config,
                                                                          const QString &profileName)
{
    const std::optional<QMap<QString, QString>> profile = config.profile(profileName);
    if (!profile
        || (!profile->contains(QStringLiteral("sso_account_id"))
            && !profile->contains(QStringLiteral("sso_role_name"))))
        return std::optional<sso::SsoProfileConfig>();

    QMap<QString, QString> resolved = *profile;
    QStringList required{QStringLiteral("sso_role_name"), QStringLiteral("sso_account_id"),
                         QStringLiteral("sso_start_url"), QStringLiteral("sso_region")};
    const QString sessionName = profile->value(QStringLiteral("sso_session"));
    if (profile->contains(QStringLiteral("sso_session"))) {
        const std::optional<QMap<QString, QString>> session = config.ssoSession(sessionName);
        if (!session)
            return invalidConfig(tr("The specified sso-session does not exist: \"%1\"").arg(sessionName));
        for (auto it = session->cbegin(); it != session->cend(); ++it) {
            if (resolved.contains(it.key()) && resolved.value(it.key()) != it.value())
                return invalidConfig(tr("The value for %1 is inconsistent between profile (%2) and sso-session (%3).")
                                         .arg(it.key(), resolved.value(it.key()), it.value()));
            resolved.insert(it.key(), it.value());
        }
        required << QStringLiteral("sso_session");
    }
    QStringList missing;
    for (const QString &key : required) {
        if (!resolved.contains(key))
            missing << key;
    }
    if (!missing.isEmpty())
        return invalidConfig(tr("The profile \"%1\" is configured to use SSO but is missing required "
                                "configuration: %2")
                                 .arg(profileName, missing.join(QStringLiteral(", "))));

    sso::SsoProfileConfig out;
    out.profileName = profileName;
    out.session.startUrl = resolved.value(QStringLiteral("sso_start_url"));
    out.session.region = resolved.value(QStringLiteral("sso_region"));
    out.session.sessionName = profile->contains(QStringLiteral("sso_session")) ? sessionName : QString();
    out.session.scopes = scopes(resolved.value(QStringLiteral("sso_registration_scopes")));
    out.accountId = resolved.value(QStringLiteral("sso_account_id"));
    out.roleName = resolved.value(QStringLiteral("sso_role_name"));
    return std::optional<sso::SsoProfileConfig>(out);
}

Result<sso::SsoSignIn::Settings> SsoProfileConfigReader::session(const SharedConfig &config, const QString &sessionName)
{
    const std::optional<QMap<QString, QString>> section = config.ssoSession(sessionName);
    if (!section)
        return invalidConfig(tr("The specified sso-session does not exist: \"%1\"").arg(sessionName));
    QStringList missing;
    for (const QString &key : {QStringLiteral("sso_start_url"), QStringLiteral("sso_region")}) {
        if (!section->contains(key))
            missing << key;
    }
    if (!missing.isEmpty())
        return invalidConfig(tr("The sso-session \"%1\" is missing required configuration: %2")
                                 .arg(sessionName, missing.join(QStringLiteral(", "))));
    sso::SsoSignIn::Settings settings;
    settings.startUrl = section->value(QStringLiteral("sso_start_url"));
    settings.region = section->value(QStringLiteral("sso_region"));
    settings.sessionName = sessionName;
    settings.scopes = scopes(section->value(QStringLiteral("sso_registration_scopes")));
    return settings;
}

sso::SsoProfileConfig ssoProfileConfig(const Profile &profile)
{
    sso::SsoProfileConfig out;
    out.profileName = profile.name;
    out.session.startUrl = profile.sso.startUrl;
    out.session.region = profile.sso.region;
    out.session.sessionName = profile.sso.sessionName.isEmpty() ? profile.name : profile.sso.sessionName;
    out.session.scopes = {defaultScope};
    out.accountId = profile.sso.accountId;
    out.roleName = profile.sso.roleName;
    return out;
}

}  // namespace jobdesk::profiles
