#pragma once

// Partner client tokens, saved on purpose under a label (a customer or clientId):
// the labels are listed from QSettings, the tokens themselves live only in the OS
// keychain under "token/<label>". Nothing is ever saved implicitly.

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

Q_SIGNALS:
    void labelsChanged();

private:
    void setLabels(QStringList labels);

    std::unique_ptr<QSettings> m_settings;
};

}  // namespace jobdesk::profiles
