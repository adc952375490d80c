#include "core/sso/ssotokencache.h"

#include "core/platform/filesecurity.h"
#include "core/platform/homedir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace jobdesk::sso {

namespace {

// A JSON string as Python's json.dumps writes it with ensure_ascii: everything outside
// printable ASCII as \uXXXX (UTF-16 units), the short escapes for the usual controls.
void appendPythonString(QByteArray &out, const QString &text)
{
    out += '"';
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20 || u > 0x7e)
                out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
            else
                out += char(u);
        }
    }
    out += '"';
}

Error unreadable(const QString &path, const QString &why)
{
    return Error::make(Error::Kind::Protocol, QStringLiteral("InvalidSsoTokenCache"),
                       SsoTokenCache::tr("The SSO token cache file %1 is not usable: %2").arg(path, why),
                       SsoTokenCache::tr("Sign in again; that writes the file anew."));
}

}  // namespace

SsoTokenCache::SsoTokenCache(QString directory) : m_directory(std::move(directory)) {}

QString SsoTokenCache::defaultDirectory(const QProcessEnvironment &env)
{
    return platform::HomeDir::expandUser(QStringLiteral("~/.aws/sso/cache"), env);
}

QString SsoTokenCache::cacheKey(const QString &startUrl, const QString &sessionName)
{
    const QString input = sessionName.isEmpty() ? startUrl : sessionName;
    return QString::fromLatin1(QCryptographicHash::hash(input.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString SsoTokenCache::filePath(const QString &startUrl, const QString &sessionName) const
{
    return QDir(m_directory).filePath(cacheKey(startUrl, sessionName) + QStringLiteral(".json"));
}

QString SsoTokenCache::formatTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('Z');
}

QDateTime SsoTokenCache::parseTime(const QString &text)
{
    QString t = text.trimmed();
    if (t.endsWith(QLatin1String("UTC")))
        t = t.chopped(3) + QLatin1Char('Z');
    QDateTime time = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(t, Qt::ISODate);
    // A time without a zone is read as UTC, as botocore compares it with UTC.
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

QByteArray SsoTokenCache::serialize(const SsoCachedToken &token)
{
    QByteArray out = "{";
    bool first = true;
    const auto member = [&](const char *name, const QString &value) {
        if (!first)
            out += ", ";
        first = false;
        appendPythonString(out, QLatin1String(name));
        out += ": ";
        appendPythonString(out, value);
    };
    // The members in the order the AWS CLI v2 and botocore write them.
    member("startUrl", token.startUrl);
    member("region", token.region);
    QString access = token.accessToken.revealText();
    member("accessToken", access);
    wipeString(access);
    member("expiresAt", formatTime(token.expiresAt));
    if (!token.clientId.isEmpty()) {
        member("clientId", token.clientId);
        QString secret = token.clientSecret.revealText();
        member("clientSecret", secret);
        wipeString(secret);
        member("registrationExpiresAt", formatTime(token.registrationExpiresAt));
    }
    if (!token.refreshToken.isEmpty()) {
        QString refresh = token.refreshToken.revealText();
        member("refreshToken", refresh);
        wipeString(refresh);
    }
    out += '}';
    return out;
}

Result<SsoCachedToken> SsoTokenCache::parse(const QByteArray &json, const QString &path)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject())
        return unreadable(path, tr("it is not a JSON object."));
    const QJsonObject o = document.object();
    const auto text = [&](const char *name) { return o.value(QLatin1String(name)).toString(); };
    SsoCachedToken token;
    token.startUrl = text("startUrl");
    token.region = text("region");
    token.accessToken = Secret(text("accessToken"));
    token.clientId = text("clientId");
    token.clientSecret = Secret(text("clientSecret"));
    token.refreshToken = Secret(text("refreshToken"));
    // The AWS CLI needs these two and nothing else (botocore's SSOTokenLoader).
    if (token.accessToken.isEmpty() || !o.contains(QStringLiteral("expiresAt")))
        return unreadable(path, tr("it holds no accessToken or expiresAt."));
    token.expiresAt = parseTime(text("expiresAt"));
    if (!token.expiresAt.isValid())
        return unreadable(path, tr("expiresAt \"%1\" is not a time.").arg(text("expiresAt")));
    if (o.contains(QStringLiteral("registrationExpiresAt"))) {
        token.registrationExpiresAt = parseTime(text("registrationExpiresAt"));
        if (!token.registrationExpiresAt.isValid())
            return unreadable(path,
                              tr("registrationExpiresAt \"%1\" is not a time.").arg(text("registrationExpiresAt")));
    }
    return token;
}

Result<SsoCachedToken> SsoTokenCache::read(const QString &startUrl, const QString &sessionName) const
{
    const QString path = filePath(startUrl, sessionName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(Error::Kind::Io, QStringLiteral("SsoTokenNotCached"),
                           tr("There is no SSO sign-in for %1 in %2: %3")
                               .arg(sessionName.isEmpty() ? startUrl : sessionName, path, file.errorString()),
                           tr("Sign in first."));
    }
    // A token file is small; anything much larger is not one.
    QByteArray bytes = file.read(qint64(1024) * 1024);
    Result<SsoCachedToken> token = parse(bytes, path);
    wipeString(bytes);
    return token;
}

Status SsoTokenCache::write(const SsoCachedToken &token, const QString &sessionName) const
{
    const QString path = filePath(token.startUrl, sessionName);
    const auto failed = [&](const QString &why) {
        return Error::make(Error::Kind::Io, QStringLiteral("SsoTokenCacheWrite"),
                           tr("Could not write the SSO token cache file %1: %2").arg(path, why),
                           tr("Check that the folder %1 exists and is writable.").arg(m_directory));
    };
    if (!QDir().mkpath(m_directory))
        return failed(tr("the folder cannot be created."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    if (Status owner = platform::FileSecurity::restrictToOwner(file); !owner) {
        file.cancelWriting();
        return owner.error();
    }
    QByteArray bytes = serialize(token);
    const bool written = file.write(bytes) == bytes.size();
    wipeString(bytes);
    if (!written || !file.commit())
        return failed(file.errorString());
    return success();
}

Status SsoTokenCache::remove(const QString &startUrl, const QString &sessionName) const
{
    const QString path = filePath(startUrl, sessionName);
    QFile file(path);
    if (file.exists() && !file.remove())
        return Error::make(Error::Kind::Io, QStringLiteral("SsoTokenCacheWrite"),
                           tr("Could not delete the SSO token cache file %1: %2").arg(path, file.errorString()));
    return success();
}

}  // namespace jobdesk::sso
