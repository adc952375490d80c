#include "core/profiles/profilestore.h"

#include "core/inputcheck.h"
#include "core/profiles/deliverlater.h"
#include "core/profiles/keychain.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>

namespace jobdesk::profiles {

namespace {

constexpr QLatin1String kGroup("profiles");

QString settingsKey(const QString &name, const char *field)
{
    return kGroup + QLatin1Char('/') + name + QLatin1Char('/') + QLatin1String(field);
}

Error notFound(const QString &name)
{
    return Error::make(Error::Kind::Validation, QStringLiteral("ProfileNotFound"),
                       ProfileStore::tr("There is no JobDesk profile named “%1”.").arg(name),
                       ProfileStore::tr("Choose one of the profiles in the profile list."));
}

QStringList keyFields()
{
    return {ProfileStore::accessKeyIdField(), ProfileStore::secretAccessKeyField(), ProfileStore::sessionTokenField()};
}

}  // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(QStringLiteral("JobDesk"), QStringLiteral("JobDesk")))
{
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

ProfileStore::~ProfileStore() = default;

QList<Profile> ProfileStore::profiles() const
{
    m_settings->sync();  // another JobDesk process (the CLI, a second window) may have changed them
    m_settings->beginGroup(kGroup);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort();
    QList<Profile> result;
    for (const QString &name : std::as_const(names)) {
        if (auto p = profile(name))
            result << *p;
    }
    return result;
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    if (!validateName(name).ok())
        return std::nullopt;
    const QString source = m_settings->value(settingsKey(name, "source")).toString();
    if (source.isEmpty())
        return std::nullopt;
    Profile p;
    p.name = name;
    p.region = m_settings->value(settingsKey(name, "region")).toString();
    p.endpoint = QUrl(m_settings->value(settingsKey(name, "endpoint")).toString());
    p.sharedConfigProfile = m_settings->value(settingsKey(name, "sharedConfigProfile")).toString();
    p.sso.startUrl = m_settings->value(settingsKey(name, "ssoStartUrl")).toString();
    p.sso.region = m_settings->value(settingsKey(name, "ssoRegion")).toString();
    p.sso.sessionName = m_settings->value(settingsKey(name, "ssoSession")).toString();
    p.sso.accountId = m_settings->value(settingsKey(name, "ssoAccountId")).toString();
    p.sso.roleName = m_settings->value(settingsKey(name, "ssoRoleName")).toString();
    if (source == Profile::sourceName(Profile::CredentialSource::SharedConfig))
        p.source = Profile::CredentialSource::SharedConfig;
    else if (source == Profile::sourceName(Profile::CredentialSource::Environment))
        p.source = Profile::CredentialSource::Environment;
    else if (source == Profile::sourceName(Profile::CredentialSource::Sso))
        p.source = Profile::CredentialSource::Sso;
    else
        p.source = Profile::CredentialSource::Keychain;
    return p;
}

bool ProfileStore::contains(const QString &name) const
{
    return profile(name).has_value();
}

Status ProfileStore::validateName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error::validation(QStringLiteral("name"), tr("A profile needs a name."));
    if (name != name.trimmed())
        return Error::validation(QStringLiteral("name"), tr("A profile name cannot start or end with a space."));
    if (name.size() > 128)
        return Error::validation(QStringLiteral("name"), tr("A profile name can be at most 128 characters long."));
    for (const QChar c : name) {
        // "/" and "\" would split the settings group and the keychain key.
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control)
            return Error::validation(QStringLiteral("name"),
                                     tr("A profile name cannot contain “/”, “\\” or control characters."));
    }
    return success();
}

Status ProfileStore::validate(const Profile &profile)
{
    if (Status s = validateName(profile.name); !s)
        return s;
    // The error's field is the profile's member, as for the name; the message names it for people.
    const auto about = [](Error error, const char *member) {
        error.field = QLatin1String(member);
        return error;
    };
    if (!profile.region.isEmpty()) {
        if (Status s = InputCheck::region(tr("The region"), profile.region); !s)
            return about(s.error(), "region");
    }
    if (!profile.endpoint.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(tr("The endpoint"), profile.endpoint.toString()); !url)
            return about(url.error(), "endpoint");
    }
    if (profile.source == Profile::CredentialSource::SharedConfig && profile.sharedConfigProfile.trimmed().isEmpty())
        return Error::validation(QStringLiteral("sharedConfigProfile"),
                                 tr("Choose the AWS shared-config profile to use."));
    if (profile.source == Profile::CredentialSource::Sso)
        return validateSso(profile.sso);
    return success();
}

Status ProfileStore::validateSso(const Profile::SsoSettings &sso)
{
    const QUrl start(sso.startUrl.trimmed(), QUrl::StrictMode);
    if (sso.startUrl.trimmed().isEmpty())
        return Error::validation(QStringLiteral("sso.startUrl"), tr("Enter the start URL of your AWS access portal."));
    if (!start.isValid() || start.scheme() != QLatin1String("https") || start.host().isEmpty())
        return Error::validation(QStringLiteral("sso.startUrl"),
                                 tr("The start URL must be an https:// address, such as "
                                    "https://my-company.awsapps.com/start."));
    if (Status s = InputCheck::region(tr("The SSO region"), sso.region); !s || sso.region.isEmpty()) {
        Error error = s ? Error::validation({}, tr("Choose the region of your IAM Identity Center.")) : s.error();
        error.field = QStringLiteral("sso.region");
        return error;
    }
    static const QRegularExpression account(QStringLiteral("^\\d{12}$"));
    if (!account.match(sso.accountId).hasMatch())
        return Error::validation(QStringLiteral("sso.accountId"), tr("Choose the AWS account (12 digits)."));
    if (sso.roleName.trimmed().isEmpty())
        return Error::validation(QStringLiteral("sso.roleName"), tr("Choose the role to use in that account."));
    return success();
}

void ProfileStore::reply(QObject *context, StatusCallback done, Status status)
{
    deliverLater<Status>(context, std::move(done), std::move(status));
}

void ProfileStore::writeSettings(const Profile &profile)
{
    m_settings->remove(kGroup + QLatin1Char('/') + profile.name);
    m_settings->setValue(settingsKey(profile.name, "source"), Profile::sourceName(profile.source));
    m_settings->setValue(settingsKey(profile.name, "region"), profile.region);
    m_settings->setValue(settingsKey(profile.name, "endpoint"), profile.endpoint.toString());
    if (profile.source == Profile::CredentialSource::SharedConfig)
        m_settings->setValue(settingsKey(profile.name, "sharedConfigProfile"), profile.sharedConfigProfile);
    if (profile.source == Profile::CredentialSource::Sso) {
        m_settings->setValue(settingsKey(profile.name, "ssoStartUrl"), profile.sso.startUrl);
        m_settings->setValue(settingsKey(profile.name, "ssoRegion"), profile.sso.region);
        m_settings->setValue(settingsKey(profile.name, "ssoSession"), profile.sso.sessionName);
        m_settings->setValue(settingsKey(profile.name, "ssoAccountId"), profile.sso.accountId);
        m_settings->setValue(settingsKey(profile.name, "ssoRoleName"), profile.sso.roleName);
    }
    m_settings->sync();
}

void ProfileStore::removeSettings(const QString &name)
{
    m_settings->remove(kGroup + QLatin1Char('/') + name);
    m_settings->sync();
}

void ProfileStore::saveProfile(const Profile &profile, const aws::Credentials *secrets, QObject *context,
                               StatusCallback done)
{
    if (Status s = validate(profile); !s)
        return reply(context, std::move(done), s);
    QList<Keychain::Operation> operations;
    if (profile.source == Profile::CredentialSource::Keychain) {
        if (secrets) {
            if (secrets->accessKeyId.trimmed().isEmpty() || secrets->secretAccessKey.isEmpty()) {
                return reply(context, std::move(done),
                             Error::validation(QStringLiteral("credentials"),
                                               tr("Enter both the access key ID and the secret access key.")));
            }
            operations << Keychain::Operation::write(Keychain::profileKey(profile.name, accessKeyIdField()),
                                                     Secret(secrets->accessKeyId.trimmed()))
                       << Keychain::Operation::write(Keychain::profileKey(profile.name, secretAccessKeyField()),
                                                     secrets->secretAccessKey);
            const QString tokenKey = Keychain::profileKey(profile.name, sessionTokenField());
            operations << (secrets->sessionToken.isEmpty()
                               ? Keychain::Operation::remove(tokenKey)
                               : Keychain::Operation::write(tokenKey, secrets->sessionToken));
        }
    } else {
        if (secrets) {
            return reply(context, std::move(done),
                         Error::validation(QStringLiteral("credentials"),
                                           tr("Only a profile that keeps its keys in the keychain can store keys.")));
        }
        // Keys the profile kept before it switched source must not linger.
        const std::optional<Profile> before = this->profile(profile.name);
        if (before && before->source == Profile::CredentialSource::Keychain) {
            for (const QString &field : keyFields())
                operations << Keychain::Operation::remove(Keychain::profileKey(profile.name, field));
        }
    }
    if (operations.isEmpty()) {
        writeSettings(profile);
        Q_EMIT profilesChanged();
        return reply(context, std::move(done), success());
    }
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run(operations, this,
                  [this, profile, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok()) {
                          writeSettings(profile);
                          Q_EMIT profilesChanged();
                      }
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

void ProfileStore::loadSecrets(const QString &name, QObject *context, CredentialsCallback done)
{
    const std::optional<Profile> p = profile(name);
    if (!p)
        return deliverLater<Result<aws::Credentials>>(context, std::move(done), notFound(name));
    if (p->source != Profile::CredentialSource::Keychain) {
        return deliverLater<Result<aws::Credentials>>(
            context, std::move(done),
            Error::make(Error::Kind::Validation, QStringLiteral("NotAKeychainProfile"),
                        tr("Profile “%1” does not keep its keys in the keychain.").arg(name)));
    }
    QList<Keychain::Operation> operations;
    for (const QString &field : keyFields())
        operations << Keychain::Operation::read(Keychain::profileKey(name, field));
    Keychain::run(operations, context, [name, done = std::move(done)](Result<Keychain::ReadResults> result) {
        if (!result.ok())
            return done(result.error());
        const Keychain::ReadResults &found = result.value();
        const auto get = [&](const QString &field) {
            return found.value(Keychain::profileKey(name, field)).value_or(Secret());
        };
        aws::Credentials credentials;
        credentials.accessKeyId = QString::fromUtf8(get(accessKeyIdField()).reveal());
        credentials.secretAccessKey = get(secretAccessKeyField());
        credentials.sessionToken = get(sessionTokenField());
        if (!credentials.isComplete()) {
            return done(
                Error::make(Error::Kind::Credentials, QStringLiteral("KeysNotSet"),
                            tr("No access key is stored in %1 for profile “%2”.").arg(Keychain::backendName(), name),
                            tr("Edit the profile and enter its access key ID and secret access key.")));
        }
        done(std::move(credentials));
    });
}

void ProfileStore::removeProfile(const QString &name, QObject *context, StatusCallback done)
{
    const std::optional<Profile> p = profile(name);
    if (!p)
        return reply(context, std::move(done), notFound(name));
    if (p->source != Profile::CredentialSource::Keychain) {
        removeSettings(name);
        Q_EMIT profilesChanged();
        return reply(context, std::move(done), success());
    }
    QList<Keychain::Operation> operations;
    for (const QString &field : keyFields())
        operations << Keychain::Operation::remove(Keychain::profileKey(name, field));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run(operations, this,
                  [this, name, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok()) {
                          removeSettings(name);
                          Q_EMIT profilesChanged();
                      }
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

void ProfileStore::renameProfile(const QString &from, const QString &to, QObject *context, StatusCallback done)
{
    const std::optional<Profile> old = profile(from);
    if (!old)
        return reply(context, std::move(done), notFound(from));
    if (Status s = validateName(to); !s)
        return reply(context, std::move(done), s);
    if (from == to)
        return reply(context, std::move(done), success());
    if (contains(to)) {
        return reply(context, std::move(done),
                     Error::validation(QStringLiteral("name"), tr("There is already a profile named “%1”.").arg(to)));
    }
    Profile renamed = *old;
    renamed.name = to;
    if (old->source != Profile::CredentialSource::Keychain) {
        writeSettings(renamed);
        removeSettings(from);
        Q_EMIT profilesChanged();
        return reply(context, std::move(done), success());
    }

    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto finish = [guard, hasContext, done = std::move(done)](Status status) {
        if (!hasContext || guard)
            done(std::move(status));
    };
    QList<Keychain::Operation> reads;
    for (const QString &field : keyFields())
        reads << Keychain::Operation::read(Keychain::profileKey(from, field));
    Keychain::run(reads, this, [this, from, renamed, finish](Result<Keychain::ReadResults> found) {
        if (!found.ok())
            return finish(found.error());
        // Copy first, switch the settings, and only then drop the old entries, so a
        // failure part-way never leaves the profile without its keys.
        QList<Keychain::Operation> copy;
        for (const QString &field : keyFields()) {
            const std::optional<Secret> value = found.value().value(Keychain::profileKey(from, field));
            const QString target = Keychain::profileKey(renamed.name, field);
            copy << (value ? Keychain::Operation::write(target, *value) : Keychain::Operation::remove(target));
        }
        Keychain::run(copy, this, [this, from, renamed, finish](Result<Keychain::ReadResults> copied) {
            if (!copied.ok())
                return finish(copied.error());
            writeSettings(renamed);
            removeSettings(from);
            Q_EMIT profilesChanged();
            QList<Keychain::Operation> drop;
            for (const QString &field : keyFields())
                drop << Keychain::Operation::remove(Keychain::profileKey(from, field));
            Keychain::run(drop, this, [finish](Result<Keychain::ReadResults> dropped) {
                finish(dropped.ok() ? success() : Status(dropped.error()));
            });
        });
    });
}

}  // namespace jobdesk::profiles
