#include "core/profiles/clienttokenvault.h"

#include "core/profiles/deliverlater.h"
#include "core/profiles/keychain.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>

namespace jobdesk::profiles {

namespace {

constexpr QLatin1String kLabelsKey("tokens/labels");

}  // namespace

ClientTokenVault::ClientTokenVault(QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(QStringLiteral("JobDesk"), QStringLiteral("JobDesk")))
{
}

ClientTokenVault::ClientTokenVault(const QString &settingsFile, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

ClientTokenVault::~ClientTokenVault() = default;

QStringList ClientTokenVault::labels() const
{
    m_settings->sync();
    QStringList list = m_settings->value(kLabelsKey).toStringList();
    list.removeDuplicates();
    list.sort();
    return list;
}

bool ClientTokenVault::contains(const QString &label) const
{
    return labels().contains(label);
}

void ClientTokenVault::setLabels(QStringList list)
{
    list.removeDuplicates();
    list.sort();
    if (list.isEmpty())
        m_settings->remove(kLabelsKey);
    else
        m_settings->setValue(kLabelsKey, list);
    m_settings->sync();
    Q_EMIT labelsChanged();
}

Status ClientTokenVault::validateLabel(const QString &label)
{
    if (label.trimmed().isEmpty())
        return Error::validation(QStringLiteral("label"),
                                 tr("A saved token needs a label, such as the customer or clientId."));
    if (label != label.trimmed())
        return Error::validation(QStringLiteral("label"), tr("A label cannot start or end with a space."));
    if (label.size() > 256)
        return Error::validation(QStringLiteral("label"), tr("A label can be at most 256 characters long."));
    for (const QChar c : label) {
        if (c.category() == QChar::Other_Control)
            return Error::validation(QStringLiteral("label"), tr("A label cannot contain control characters."));
    }
    return success();
}

void ClientTokenVault::saveToken(const QString &label, const Secret &token, QObject *context, StatusCallback done)
{
    if (Status s = validateLabel(label); !s)
        return deliverLater<Status>(context, std::move(done), s);
    if (token.isEmpty())
        return deliverLater<Status>(context, std::move(done),
                                    Error::validation(QStringLiteral("token"), tr("The token is empty.")));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::write(Keychain::tokenKey(label), token)}, this,
                  [this, label, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && !labels().contains(label))
                          setLabels(labels() << label);
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

void ClientTokenVault::loadToken(const QString &label, QObject *context, TokenCallback done)
{
    if (Status s = validateLabel(label); !s)
        return deliverLater<Result<Secret>>(context, std::move(done), s.error());
    Keychain::run({Keychain::Operation::read(Keychain::tokenKey(label))}, context,
                  [label, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (!result.ok())
                          return done(result.error());
                      const std::optional<Secret> token = result.value().value(Keychain::tokenKey(label));
                      if (!token || token->isEmpty()) {
                          return done(Error::make(
                              Error::Kind::Validation, QStringLiteral("TokenNotSet"),
                              tr("No client token is saved in %1 under “%2”.").arg(Keychain::backendName(), label),
                              tr("Save the token under that label first.")));
                      }
                      done(*token);
                  });
}

void ClientTokenVault::removeToken(const QString &label, QObject *context, StatusCallback done)
{
    if (Status s = validateLabel(label); !s)
        return deliverLater<Status>(context, std::move(done), s);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::remove(Keychain::tokenKey(label))}, this,
                  [this, label, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && labels().contains(label)) {
                          QStringList list = labels();
                          list.removeAll(label);
                          setLabels(list);
                      }
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

}  // namespace jobdesk::profiles
