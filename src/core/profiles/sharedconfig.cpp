#include "core/profiles/sharedconfig.h"

#include "core/platform/homedir.h"
#include "core/profiles/shellwords.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace jobdesk::profiles {

namespace {

Error parseError(const QString &fileName, int line, const QString &what, const QString &hint = {})
{
    Error e = Error::make(
        Error::Kind::Validation, QStringLiteral("ConfigParseError"),
        SharedConfig::tr("%1, line %2: %3").arg(fileName).arg(line).arg(what),
        hint.isEmpty() ? SharedConfig::tr("Fix that line of the file, or run `aws configure` to rewrite it.") : hint);
    e.field = fileName;
    return e;
}

// Python's str.strip()/\S see roughly what QChar::isSpace sees; that is what matters here.
qsizetype firstNonSpace(const QString &line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (!line.at(i).isSpace())
            return i;
    }
    return -1;
}

// Lines as Python's universal-newline reading gives them: \n, \r\n and \r all end one.
QStringList splitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            lines << text.mid(start, i - start);
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            start = i + 1;
        }
    }
    if (start < n)
        lines << text.mid(start);
    return lines;
}

constexpr QLatin1String kDefaultSection("DEFAULT");

}  // namespace

Result<QList<SharedConfig::NamedSection>> SharedConfig::parseFile(const QByteArray &text, const QString &fileName)
{
    // Keep a byte-order mark: botocore reads the file as plain UTF-8 and rejects it.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    const QString decoded = decoder.decode(text);
    if (decoder.hasError()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("ConfigParseError"),
                           tr("%1 is not valid UTF-8 text.").arg(fileName), tr("Save the file as UTF-8."));
    }

    // One option as it is being read: its lines (joined later) and where each came from.
    struct RawOption
    {
        QStringList lines;
        QList<int> lineNumbers;
    };
    using RawSection = QMap<QString, RawOption>;

    QList<QString> sectionOrder;
    QHash<QString, RawSection> sections;
    RawSection defaults;
    RawSection *current = nullptr;
    QString currentName;
    QString option;  // the option continuation lines belong to; empty when none
    bool haveOption = false;
    qsizetype indentLevel = 0;
    QSet<QString> seen;  // "section\noption" and section names, for the duplicate checks
    int firstBadLine = 0;

    const QStringList lines = splitLines(decoded);
    for (int index = 0; index < lines.size(); ++index) {
        const int lineNo = index + 1;
        const QString &line = lines.at(index);
        const QString value = line.trimmed();
        // Only whole-line comments: botocore leaves "key = value # note" as the value.
        const bool comment = value.startsWith(QLatin1Char('#')) || value.startsWith(QLatin1Char(';'));
        if (value.isEmpty() || comment) {
            // A blank line inside a value is kept (it may separate nested lines).
            if (!comment && current && haveOption) {
                (*current)[option].lines << QString();
                (*current)[option].lineNumbers << lineNo;
            }
            continue;
        }
        const qsizetype indent = firstNonSpace(line);
        if (current && haveOption && indent > indentLevel) {
            (*current)[option].lines << value;
            (*current)[option].lineNumbers << lineNo;
            continue;
        }
        indentLevel = indent;
        const qsizetype close = value.lastIndexOf(QLatin1Char(']'));
        if (value.startsWith(QLatin1Char('[')) && close >= 2) {
            const QString name = value.mid(1, close - 1);  // anything after the last ']' is ignored
            if (seen.contains(name)) {
                return parseError(fileName, lineNo, tr("the section [%1] appears a second time.").arg(name),
                                  tr("Merge the two [%1] sections into one.").arg(name));
            }
            if (name == kDefaultSection) {
                current = &defaults;
            } else {
                seen.insert(name);
                sectionOrder << name;
                current = &sections[name];
            }
            currentName = name;
            haveOption = false;
            continue;
        }
        if (!current) {
            QString hint;
            if (value.startsWith(QChar(0xfeff)))
                hint = tr("The file starts with a byte-order mark, which the AWS CLI rejects too; save it as UTF-8 "
                          "without BOM.");
            return parseError(fileName, lineNo, tr("a setting comes before the first [section] header."), hint);
        }
        qsizetype delimiter = -1;
        for (qsizetype i = 0; i < value.size(); ++i) {
            if (value.at(i) == QLatin1Char('=') || value.at(i) == QLatin1Char(':')) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            // Like configparser, keep reading and report the first bad line at the end.
            if (!firstBadLine)
                firstBadLine = lineNo;
            continue;
        }
        const QString name = value.left(delimiter).trimmed().toLower();
        if (name.isEmpty() && !firstBadLine)
            firstBadLine = lineNo;
        const QString key = currentName + QLatin1Char('\n') + name;
        if (seen.contains(key)) {
            return parseError(fileName, lineNo, tr("the setting “%1” appears twice in [%2].").arg(name, currentName),
                              tr("Remove one of the two lines."));
        }
        seen.insert(key);
        RawOption raw;
        raw.lines << value.mid(delimiter + 1).trimmed();
        raw.lineNumbers << lineNo;
        (*current)[name] = raw;
        option = name;
        haveOption = true;
    }
    if (firstBadLine) {
        return parseError(fileName, firstBadLine, tr("expected “name = value” or a [section] header."),
                          tr("Check that line for a missing “=”, or indent it if it continues the setting above."));
    }

    // Join the lines as configparser does, then read nested blocks as botocore does.
    auto finish = [&](const RawOption &raw) -> Result<Value> {
        Value v;
        QString joined = raw.lines.join(QLatin1Char('\n'));
        while (!joined.isEmpty() && joined.back().isSpace())
            joined.chop(1);
        v.text = joined;
        if (joined.startsWith(QLatin1Char('\n'))) {
            v.isNested = true;
            for (int i = 1; i < raw.lines.size(); ++i) {
                const QString nestedLine = raw.lines.at(i).trimmed();
                if (nestedLine.isEmpty())
                    continue;
                const qsizetype eq = nestedLine.indexOf(QLatin1Char('='));
                if (eq < 0) {
                    return parseError(fileName, raw.lineNumbers.at(i),
                                      tr("a nested setting needs the form “name = value”."));
                }
                v.nested.insert(nestedLine.left(eq).trimmed(), nestedLine.mid(eq + 1).trimmed());
            }
        }
        return v;
    };

    QList<NamedSection> result;
    for (const QString &name : std::as_const(sectionOrder)) {
        NamedSection section;
        section.name = name;
        RawSection merged = defaults;
        const RawSection &own = sections.value(name);
        for (auto it = own.cbegin(); it != own.cend(); ++it)
            merged.insert(it.key(), it.value());
        for (auto it = merged.cbegin(); it != merged.cend(); ++it) {
            Result<Value> v = finish(it.value());
            if (!v)
                return v.error();
            Value value = std::move(v).value();
            if (isSecretKey(it.key()) && !value.isNested) {
                value.secret = Secret(value.text);
                value.text.fill(QLatin1Char(' '));
                value.text.clear();
            }
            section.values.insert(it.key(), std::move(value));
        }
        result << section;
    }
    return result;
}

Result<SharedConfig> SharedConfig::build(const QByteArray &configText, const QString &configName,
                                         const QByteArray &credentialsText, const QString &credentialsName)
{
    SharedConfig config;
    config.m_configPath = configName;
    config.m_credentialsPath = credentialsName;

    Result<QList<NamedSection>> configSections = parseFile(configText, configName);
    if (!configSections)
        return configSections.error();
    for (const NamedSection &section : configSections.value()) {
        QString profileName;
        // botocore checks only the prefix and that the header splits into two words,
        // so "[profiles x]" names profile x too; "[default]" is the one bare profile.
        if (section.name.startsWith(QLatin1String("profile"))) {
            // botocore's config loader uses shlex here on every system, not compat_shell_split.
            const Result<QStringList> words = ShellWords::split(section.name, platform::Flavor::Posix);
            if (!words || words.value().size() != 2)
                continue;
            profileName = words.value().at(1);
        } else if (section.name == QLatin1String("default")) {
            profileName = section.name;
        } else if (section.name.startsWith(QLatin1String("sso-session"))) {
            const Result<QStringList> words = ShellWords::split(section.name, platform::Flavor::Posix);
            if (words && words.value().size() == 2)
                config.m_ssoSessions.insert(words.value().at(1), section.values);
            continue;
        } else {
            continue;  // services, plugins and the like are not profiles
        }
        if (!config.m_configProfiles.contains(profileName))
            config.m_order << profileName;
        config.m_configProfiles.insert(profileName, section.values);
    }
    config.m_merged = config.m_configProfiles;

    Result<QList<NamedSection>> credentialSections = parseFile(credentialsText, credentialsName);
    if (!credentialSections)
        return credentialSections.error();
    for (const NamedSection &section : credentialSections.value()) {
        config.m_credentialSections.insert(section.name, section.values);
        if (!config.m_merged.contains(section.name))
            config.m_order << section.name;
        Section &target = config.m_merged[section.name];
        for (auto it = section.values.cbegin(); it != section.values.cend(); ++it)
            target.insert(it.key(), it.value());
    }
    return config;
}

Result<SharedConfig> SharedConfig::parse(const QByteArray &configText, const QByteArray &credentialsText)
{
    return build(configText, QStringLiteral("config"), credentialsText, QStringLiteral("credentials"));
}

namespace {

QString expandPath(QString path, const QProcessEnvironment &env)
{
    // botocore runs expandvars then expanduser; $VAR and ${VAR} of the given environment.
    static const QRegularExpression var(QStringLiteral("\\$(\\w+|\\{[^}]*\\})"));
    QString out;
    qsizetype last = 0;
    auto it = var.globalMatch(path);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString name = m.captured(1);
        if (name.startsWith(QLatin1Char('{')))
            name = name.mid(1, name.size() - 2);
        out += path.mid(last, m.capturedStart() - last);
        out += env.contains(name) ? env.value(name) : m.captured(0);  // unknown variables stay as written
        last = m.capturedEnd();
    }
    out += path.mid(last);
    return platform::HomeDir::expandUser(out, env);
}

Result<QByteArray> readIfPresent(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return QByteArray();  // the AWS CLI ignores a missing file (and /dev/null)
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(
            Error::Kind::Io, QStringLiteral("ConfigReadError"),
            SharedConfig::tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
            SharedConfig::tr("Check the file's permissions."));
    }
    return file.readAll();
}

}  // namespace

QString SharedConfig::configFilePath(const QProcessEnvironment &env)
{
    const QString set = env.value(QStringLiteral("AWS_CONFIG_FILE"));
    return expandPath(set.isEmpty() ? QStringLiteral("~/.aws/config") : set, env);
}

QString SharedConfig::credentialsFilePath(const QProcessEnvironment &env)
{
    const QString set = env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    return expandPath(set.isEmpty() ? QStringLiteral("~/.aws/credentials") : set, env);
}

Result<SharedConfig> SharedConfig::load(const QProcessEnvironment &env)
{
    const QString configPath = configFilePath(env);
    const QString credentialsPath = credentialsFilePath(env);
    const Result<QByteArray> configText = readIfPresent(configPath);
    if (!configText)
        return configText.error();
    const Result<QByteArray> credentialsText = readIfPresent(credentialsPath);
    if (!credentialsText)
        return credentialsText.error();
    return build(configText.value(), configPath, credentialsText.value(), credentialsPath);
}

QStringList SharedConfig::profileNames() const
{
    return m_order;
}

bool SharedConfig::hasProfile(const QString &name) const
{
    return m_merged.contains(name);
}

const SharedConfig::Section *SharedConfig::mergedSection(const QString &name) const
{
    const auto it = m_merged.constFind(name);
    return it == m_merged.cend() ? nullptr : &it.value();
}

bool SharedConfig::isSecretKey(const QString &key)
{
    return key == QLatin1String("aws_secret_access_key") || key == QLatin1String("aws_session_token")
        || key == QLatin1String("aws_security_token");
}

std::optional<QMap<QString, QString>> SharedConfig::profile(const QString &name) const
{
    const Section *section = mergedSection(name);
    if (!section)
        return std::nullopt;
    QMap<QString, QString> out;
    for (auto it = section->cbegin(); it != section->cend(); ++it) {
        if (isSecretKey(it.key()))
            continue;
        if (it.value().isNested) {
            for (auto n = it.value().nested.cbegin(); n != it.value().nested.cend(); ++n)
                out.insert(it.key() + QLatin1Char('.') + n.key(), n.value());
        } else {
            out.insert(it.key(), it.value().text);
        }
    }
    return out;
}

std::optional<QMap<QString, QString>> SharedConfig::ssoSession(const QString &name) const
{
    const auto section = m_ssoSessions.constFind(name);
    if (section == m_ssoSessions.constEnd())
        return std::nullopt;
    QMap<QString, QString> out;
    for (auto it = section->cbegin(); it != section->cend(); ++it) {
        if (!it.value().isNested)
            out.insert(it.key(), it.value().text);
    }
    return out;
}

QStringList SharedConfig::ssoSessionNames() const
{
    QStringList names = m_ssoSessions.keys();
    names.sort();
    return names;
}

const SharedConfig::Value *SharedConfig::plainValue(const QString &profileName, const QString &key) const
{
    const Section *section = mergedSection(profileName);
    if (!section)
        return nullptr;
    const auto it = section->constFind(key);
    if (it == section->cend() || it.value().isNested)
        return nullptr;
    return &it.value();
}

std::optional<QString> SharedConfig::value(const QString &profileName, const QString &key) const
{
    const Value *found = isSecretKey(key) ? nullptr : plainValue(profileName, key);
    return found ? std::optional<QString>(found->text) : std::nullopt;
}

std::optional<Secret> SharedConfig::secret(const QString &profileName, const QString &key) const
{
    const Value *found = isSecretKey(key) ? plainValue(profileName, key) : nullptr;
    return found ? std::optional<Secret>(found->secret) : std::nullopt;
}

Result<std::optional<aws::Credentials>> SharedConfig::staticCredentials(const QString &profileName, File file) const
{
    const QHash<QString, Section> &sections = file == File::Config ? m_configProfiles : m_credentialSections;
    const auto found = sections.constFind(profileName);
    if (found == sections.cend())
        return std::optional<aws::Credentials>();
    const Section &section = found.value();
    const auto text = [&section](const char *key) {
        const auto it = section.constFind(QLatin1String(key));
        return it == section.cend() ? QString() : it.value().text;
    };
    const auto secret = [&section](const char *key) {
        const auto it = section.constFind(QLatin1String(key));
        return it == section.cend() ? Secret() : it.value().secret;
    };
    aws::Credentials credentials;
    credentials.accessKeyId = text("aws_access_key_id");
    if (credentials.accessKeyId.isEmpty())
        return std::optional<aws::Credentials>();
    credentials.secretAccessKey = secret("aws_secret_access_key");
    // botocore looks for the old name first.
    credentials.sessionToken = secret("aws_security_token");
    if (credentials.sessionToken.isEmpty())
        credentials.sessionToken = secret("aws_session_token");
    if (credentials.secretAccessKey.isEmpty()) {
        const QString path = file == File::Config ? m_configPath : m_credentialsPath;
        return Error::make(Error::Kind::Credentials, QStringLiteral("PartialCredentials"),
                           tr("Profile “%1” in %2 has aws_access_key_id but no aws_secret_access_key.")
                               .arg(profileName, QDir::toNativeSeparators(path)),
                           tr("Add the secret access key to that profile, or remove the access key ID."));
    }
    return std::optional<aws::Credentials>(std::move(credentials));
}

}  // namespace jobdesk::profiles
