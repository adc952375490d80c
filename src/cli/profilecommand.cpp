#include "cli/profilecommand.h"

#include "cli/exitcode.h"
#include "cli/helptext.h"
#include "cli/terminalinput.h"
#include "core/inputcheck.h"
#include "core/platform/terminal.h"

#include <QCoreApplication>
#include <QUrl>

namespace jobdesk::cli {

namespace {

using profiles::Profile;

QString tr(const char *text)
{
    return QCoreApplication::translate("jobdesk::cli::ProfileCommand", text);
}

QString sourceText(const Profile &p)
{
    switch (p.source) {
    case Profile::CredentialSource::Keychain: return tr("keychain");
    case Profile::CredentialSource::SharedConfig: return tr("aws profile %1").arg(p.sharedConfigProfile);
    case Profile::CredentialSource::Environment: return tr("environment");
    case Profile::CredentialSource::Sso: return tr("sso %1 %2").arg(p.sso.accountId, p.sso.roleName);
    }
    return {};
}

}  // namespace

QString ProfileCommand::help() const
{
    return tr("Manage JobDesk profiles");
}

QString ProfileCommand::mask(const QString &value)
{
    if (value.size() <= 4)
        return QString(value.size(), QLatin1Char('*'));
    return QString(16, QLatin1Char('*')) + value.right(4);
}

void ProfileCommand::print(std::FILE *stream, const QString &text)
{
    write(stream, text.toUtf8());
}

void ProfileCommand::refuse(const QString &message, int exitCode)
{
    print(m_streams.err, QLatin1Char('\n') + message + QLatin1Char('\n'));
    finish(exitCode);
}

void ProfileCommand::failWith(const Error &error)
{
    QString message = error.message;
    if (!error.hint.isEmpty())
        message += QLatin1Char('\n') + error.hint;
    // A rejected name or setting is the user's input; a keychain failure is the machine's. This is
    // jobdesk-cli's own command, so the AWS CLI's finer rules of exitCodeFor() do not apply.
    refuse(message, error.kind == Error::Kind::Validation ? ExitParamError : ExitConfigError);
}

void ProfileCommand::run(const CommandLine &commandLine)
{
    m_arguments = commandLine.commandArguments;
    m_region = commandLine.region;
    m_endpointUrl = commandLine.endpointUrl;
    m_store = new profiles::ProfileStore(this);
    const QString sub = m_arguments.value(0);
    const QStringList rest = m_arguments.mid(1);
    if (sub.isEmpty() || sub == QLatin1String("help") || sub == QLatin1String("--help")) {
        print(m_streams.out, HelpText::profilePage());
        return finish(sub.isEmpty() ? ExitParamError : ExitSuccess);
    }
    if (sub == QLatin1String("list")) {
        if (!rest.isEmpty())
            return refuse(tr("Unknown options: %1").arg(rest.join(QStringLiteral(", "))), ExitParamError);
        return list();
    }
    if (sub != QLatin1String("add") && sub != QLatin1String("remove") && sub != QLatin1String("show"))
        return refuse(
            tr("argument subcommand: Invalid choice '%1', valid choices are: list, add, remove, show").arg(sub),
            ExitParamError);
    if (rest.isEmpty() || rest.first().startsWith(QLatin1String("--")))
        return refuse(tr("the following arguments are required: NAME"), ExitParamError);
    const QString name = rest.first();
    if (sub == QLatin1String("add"))
        return add(name, rest.mid(1));
    if (rest.size() > 1)
        return refuse(tr("Unknown options: %1").arg(rest.mid(1).join(QStringLiteral(", "))), ExitParamError);
    if (sub == QLatin1String("remove"))
        return remove(name);
    return show(name);
}

void ProfileCommand::list()
{
    const QList<Profile> all = m_store->profiles();
    if (all.isEmpty()) {
        print(m_streams.err, tr("No JobDesk profiles yet. Add one with: jobdesk-cli profile add NAME ...\n"));
        return finish(ExitSuccess);
    }
    // Name, region, credential source and endpoint, tab-separated so scripts can cut them.
    QString text;
    for (const Profile &p : all) {
        text += QStringLiteral("%1\t%2\t%3\t%4\n")
                    .arg(p.name, p.region.isEmpty() ? QStringLiteral("-") : p.region, sourceText(p),
                         p.endpoint.isEmpty() ? QStringLiteral("-") : p.endpoint.toString());
    }
    print(m_streams.out, text);
    finish(ExitSuccess);
}

std::optional<QString> ProfileCommand::readSecretLine(const QString &prompt, bool required)
{
    std::optional<QString> line = readHiddenLine(m_streams.in, m_streams.err, prompt);
    if (!line && !required)
        return QString();
    return line;
}

void ProfileCommand::add(const QString &name, const QStringList &options)
{
    Profile profile;
    profile.name = name;
    profile.region = m_region;
    profile.endpoint = m_endpointUrl.isEmpty() ? QUrl() : QUrl(m_endpointUrl);
    QString accessKeyId;
    QString awsProfile;
    bool environment = false;
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString &option = options.at(i);
        if (option == QLatin1String("--secret-access-key") || option == QLatin1String("--session-token")
            || option.startsWith(QLatin1String("--secret-access-key="))
            || option.startsWith(QLatin1String("--session-token="))) {
            return refuse(
                tr("%1 is never taken as an argument, where other users and the shell history could see it. "
                   "Give the secret access key on the first line of stdin and the session token on the second.")
                    .arg(option.section(QLatin1Char('='), 0, 0)),
                ExitParamError);
        }
        if (option == QLatin1String("--environment")) {
            environment = true;
            continue;
        }
        if (option == QLatin1String("--access-key-id") || option == QLatin1String("--aws-profile")) {
            if (i + 1 >= options.size())
                return refuse(tr("argument %1: expected one argument").arg(option), ExitParamError);
            (option == QLatin1String("--access-key-id") ? accessKeyId : awsProfile) = options.at(++i);
            continue;
        }
        return refuse(tr("Unknown options: %1").arg(options.mid(i).join(QStringLiteral(", "))), ExitParamError);
    }
    const int sources = int(!accessKeyId.isEmpty()) + int(!awsProfile.isEmpty()) + int(environment);
    if (sources != 1)
        return refuse(tr("Give exactly one of --access-key-id AKID, --aws-profile AWSNAME or --environment."),
                      ExitParamError);
    // The same checks as the window's profile editor, before anything is stored.
    if (!m_region.isEmpty()) {
        if (Status s = InputCheck::region(QStringLiteral("--region"), m_region); !s)
            return failWith(s.error());
    }
    if (!m_endpointUrl.isEmpty()) {
        if (auto url = InputCheck::endpointUrl(QStringLiteral("--endpoint-url"), m_endpointUrl); !url)
            return failWith(url.error());
    }
    if (!accessKeyId.isEmpty()) {
        if (Status s = InputCheck::accessKeyId(QStringLiteral("--access-key-id"), accessKeyId); !s)
            return failWith(s.error());
    }
    if (!awsProfile.isEmpty()) {
        InputCheck::TextRules rules;
        rules.allowSpacesInside = true;  // the AWS CLI's profile names may have them
        if (Status s = InputCheck::text(QStringLiteral("--aws-profile"), awsProfile, rules); !s)
            return failWith(s.error());
    }
    if (m_store->contains(name))
        return refuse(tr("A JobDesk profile named \"%1\" already exists; remove it first.").arg(name), ExitParamError);

    aws::Credentials keys;
    if (!accessKeyId.isEmpty()) {
        profile.source = Profile::CredentialSource::Keychain;
        keys.accessKeyId = accessKeyId;
        const auto secret = readSecretLine(tr("Secret access key: "), true);
        if (!secret || secret->isEmpty())
            return refuse(tr("No secret access key on stdin: give it on the first line."), ExitParamError);
        // The messages never quote a secret.
        if (Status s = InputCheck::text(tr("The secret access key"), *secret); !s)
            return failWith(s.error());
        keys.secretAccessKey = Secret(*secret);
        if (!platform::Terminal::isTerminal(m_streams.in)) {
            const auto token = readSecretLine(QString(), false);
            if (token && !token->isEmpty()) {
                if (Status s = InputCheck::text(tr("The session token"), *token); !s)
                    return failWith(s.error());
                keys.sessionToken = Secret(*token);
            }
        }
    } else if (!awsProfile.isEmpty()) {
        profile.source = Profile::CredentialSource::SharedConfig;
        profile.sharedConfigProfile = awsProfile;
    } else {
        profile.source = Profile::CredentialSource::Environment;
    }
    if (Status valid = profiles::ProfileStore::validate(profile); !valid)
        return failWith(valid.error());
    const bool withKeys = profile.source == Profile::CredentialSource::Keychain;
    m_store->saveProfile(profile, withKeys ? &keys : nullptr, this, [this, name](Status saved) {
        if (!saved)
            return failWith(saved.error());
        print(m_streams.err, tr("Added JobDesk profile \"%1\".\n").arg(name));
        finish(ExitSuccess);
    });
}

void ProfileCommand::remove(const QString &name)
{
    if (!m_store->contains(name))
        return refuse(tr("There is no JobDesk profile named \"%1\".").arg(name), ExitParamError);
    m_store->removeProfile(name, this, [this, name](Status removed) {
        if (!removed)
            return failWith(removed.error());
        print(m_streams.err, tr("Removed JobDesk profile \"%1\" and its keys.\n").arg(name));
        finish(ExitSuccess);
    });
}

void ProfileCommand::show(const QString &name)
{
    const auto profile = m_store->profile(name);
    if (!profile)
        return refuse(tr("There is no JobDesk profile named \"%1\".").arg(name), ExitParamError);
    const auto line = [](const QString &label, const QString &value) {
        return QStringLiteral("%1%2\n").arg(label.leftJustified(20, QLatin1Char(' ')), value);
    };
    QString text = line(tr("name"), profile->name);
    text += line(tr("region"), profile->region.isEmpty() ? QStringLiteral("-") : profile->region);
    text += line(tr("endpoint"), profile->endpoint.isEmpty() ? QStringLiteral("-") : profile->endpoint.toString());
    text += line(tr("source"), sourceText(*profile));
    if (profile->source != Profile::CredentialSource::Keychain) {
        print(m_streams.out, text);
        return finish(ExitSuccess);
    }
    m_store->loadSecrets(name, this, [this, text, line](Result<aws::Credentials> keys) mutable {
        if (!keys && keys.error().code != QLatin1String("KeysNotSet"))
            return failWith(keys.error());
        if (!keys) {
            text += line(tr("access key id"), tr("(not set)"));
        } else {
            text += line(tr("access key id"), mask(keys.value().accessKeyId));
            text += line(tr("secret access key"), QString(16, QLatin1Char('*')));
            text += line(tr("session token"),
                         keys.value().sessionToken.isEmpty() ? tr("(none)") : QString(16, QLatin1Char('*')));
        }
        print(m_streams.out, text);
        finish(ExitSuccess);
    });
}

}  // namespace jobdesk::cli
