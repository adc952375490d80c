#pragma once

// Partner client tokens, saved on purpose under a label (a customer or clientId), or
// for a job's client ID (polled jobs carry one, so the window can open them fetched):
// the labels and client IDs are listed from QSettings, the tokens themselves live only
// in the OS keychain under "token/<label>" and "client/<clientId>". Nothing is ever
// saved implicitly.

#include "core/result.h"
#include "core/secret.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QSettings;

namespace jobdesk::profiles {

class ClientTokenVault : public QObject
{
    Q_OBJECT

public:
    using StatusCallback = std::function<void(Status)>;
    using TokenCallback = std::function<void(Result<Secret>)>;

    // Uses the application settings (organisation "JobDesk", application "JobDesk").
    explicit ClientTokenVault(QObject *parent = nullptr);
    // Uses the INI file at settingsFile instead.
    explicit ClientTokenVault(const QString &settingsFile, QObject *parent = nullptr);
    ~ClientTokenVault() override;

    QStringList labels() const;  // sorted
    bool contains(const QString &label) const;
    static Status validateLabel(const QString &label);

    // Saves (or replaces) the token under the label.
    void saveToken(const QString &label, const Secret &token, QObject *context, StatusCallback done);
    // The token saved under the label; code "TokenNotSet" when the keychain has none.
    void loadToken(const QString &label, QObject *context, TokenCallback done);
    // Removes the token and its label; when the keychain fails the label stays.
    void removeToken(const QString &label, QObject *context, StatusCallback done);

    // Tokens saved for a job's client ID (the model's ClientId: a lower-case UUID).
    QStringList clientIds() const;  // sorted
    bool hasClientToken(const QString &clientId) const;
    static Status validateClientId(const QString &clientId);
    void saveClientToken(const QString &clientId, const Secret &token, QObject *context, StatusCallback done);
    // Code "TokenNotSet" when none is saved for the client ID.
    void loadClientToken(const QString &clientId, QObject *context, TokenCallback done);
    // Removes the token and the client ID from the list; when the keychain fails the ID stays.
    void removeClientToken(const QString &clientId, QObject *context, StatusCallback done);

Q_SIGNALS:
    void labelsChanged();
    void clientIdsChanged();

private:
    // Labels and client IDs are kept alike: names listed in the settings, tokens in the keychain.
    enum class Shelf { Labels, ClientIds };
    static QLatin1String listKey(Shelf shelf);
    static QString keychainKey(Shelf shelf, const QString &name);
    static Status validate(Shelf shelf, const QString &name);
    static Error notSaved(Shelf shelf, const QString &name);
    QStringList names(Shelf shelf) const;
    void setNames(Shelf shelf, QStringList names);
    void save(Shelf shelf, const QString &name, const Secret &token, QObject *context, StatusCallback done);
    void load(Shelf shelf, const QString &name, QObject *context, TokenCallback done);
    void remove(Shelf shelf, const QString &name, QObject *context, StatusCallback done);

    std::unique_ptr<QSettings> m_settings;
};

}  // namespace jobdesk::profiles
