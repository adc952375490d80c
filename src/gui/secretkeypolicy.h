#pragma once

// Decides which action-configuration values are masked: keys that look
// secret by name, adjusted by the user's own choice per action provider,
// which is remembered in the settings.

#include <QObject>
#include <QSet>
#include <QString>

namespace jobdesk::gui {

class SecretKeyPolicy : public QObject
{
    Q_OBJECT

public:
    explicit SecretKeyPolicy(QObject *parent = nullptr);

    // Whether the key's name suggests a secret (secret, password, token, key, ...).
    static bool looksSecret(const QString &key);

    bool isSecret(const QString &provider, const QString &key) const;
    // Remembers the user's choice; a choice equal to the name heuristic is forgotten again.
    void setSecret(const QString &provider, const QString &key, bool secret);
    void forgetProvider(const QString &provider);

Q_SIGNALS:
    void changed(const QString &provider);

private:
    struct Choices
    {
        QSet<QString> marked;
        QSet<QString> unmarked;
    };
    Choices &choices(const QString &provider) const;
    void save(const QString &provider) const;

    mutable QHash<QString, Choices> m_cache;
};

}  // namespace jobdesk::gui
