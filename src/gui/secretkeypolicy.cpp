#include "gui/secretkeypolicy.h"

#include <QRegularExpression>
#include <QSettings>

namespace jobdesk::gui {

namespace {

QString group(const QString &provider)
{
    // Provider names are [0-9A-Za-z_-]+, so they are safe as a settings group.
    return QStringLiteral("ConfigurationSecrets/") + (provider.isEmpty() ? QStringLiteral("_none") : provider);
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

}  // namespace

SecretKeyPolicy::SecretKeyPolicy(QObject *parent) : QObject(parent) {}

bool SecretKeyPolicy::looksSecret(const QString &key)
{
    // Words, not substrings: "keyboard" or "monkey" are not secrets, "apiKey",
    // "API_KEY", "db-password" and "OAuthToken" are.
    static const QRegularExpression words(
        QStringLiteral("(?:^|[^a-z])(secret|password|passwd|pwd|token|key|apikey|credential|credentials|auth|"
                       "authorization|private|passphrase|signature|cert|certificate)(?:$|[^a-z])"));
    // Split camelCase into words before matching.
    QString spaced;
    spaced.reserve(key.size() * 2);
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c.isUpper() && i > 0 && key.at(i - 1).isLower())
            spaced += QLatin1Char(' ');
        spaced += c.toLower();
    }
    return words.match(spaced).hasMatch();
}

SecretKeyPolicy::Choices &SecretKeyPolicy::choices(const QString &provider) const
{
    auto it = m_cache.find(provider);
    if (it != m_cache.end())
        return *it;
    QSettings settings;
    settings.beginGroup(group(provider));
    Choices c;
    const QStringList marked = settings.value(QStringLiteral("marked")).toStringList();
    const QStringList unmarked = settings.value(QStringLiteral("unmarked")).toStringList();
    c.marked = QSet<QString>(marked.cbegin(), marked.cend());
    c.unmarked = QSet<QString>(unmarked.cbegin(), unmarked.cend());
    return *m_cache.insert(provider, c);
}

bool SecretKeyPolicy::isSecret(const QString &provider, const QString &key) const
{
    const Choices &c = choices(provider);
    if (c.marked.contains(key))
        return true;
    if (c.unmarked.contains(key))
        return false;
    return looksSecret(key);
}

void SecretKeyPolicy::setSecret(const QString &provider, const QString &key, bool secret)
{
    Choices &c = choices(provider);
    c.marked.remove(key);
    c.unmarked.remove(key);
    if (secret != looksSecret(key))
        (secret ? c.marked : c.unmarked).insert(key);
    save(provider);
    Q_EMIT changed(provider);
}

void SecretKeyPolicy::forgetProvider(const QString &provider)
{
    m_cache.remove(provider);
    QSettings settings;
    settings.remove(group(provider));
    Q_EMIT changed(provider);
}

void SecretKeyPolicy::save(const QString &provider) const
{
    const Choices &c = choices(provider);
    QSettings settings;
    settings.beginGroup(group(provider));
    if (c.marked.isEmpty())
        settings.remove(QStringLiteral("marked"));
    else
        settings.setValue(QStringLiteral("marked"), sorted(c.marked));
    if (c.unmarked.isEmpty())
        settings.remove(QStringLiteral("unmarked"));
    else
        settings.setValue(QStringLiteral("unmarked"), sorted(c.unmarked));
}

}  // namespace jobdesk::gui
