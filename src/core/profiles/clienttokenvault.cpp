#include "core/profiles/clienttokenvault.h"

#include "core/codepipeline/servicemodel.h"
#include "core/profiles/deliverlater.h"
#include "core/profiles/keychain.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>

namespace jobdesk::profiles {

namespace {

constexpr QLatin1String kLabelsKey("tokens/labels");
constexpr QLatin1String kClientIdsKey("tokens/clientIds");

QStringList sortedList(QStringList list)
{
    list.removeDuplicates();
    list.sort();
    return list;
}

}  // namespace

QLatin1String ClientTokenVault::listKey(Shelf shelf)
{
    return shelf == Shelf::Labels ? kLabelsKey : kClientIdsKey;
}

QString ClientTokenVault::keychainKey(Shelf shelf, const QString &name)
{
    return shelf == Shelf::Labels ? Keychain::tokenKey(name) : Keychain::clientTokenKey(name);
}

Status ClientTokenVault::validate(Shelf shelf, const QString &name)
{
    return shelf == Shelf::Labels ? validateLabel(name) : validateClientId(name);
}

Error ClientTokenVault::notSaved(Shelf shelf, const QString &name)
{
    if (shelf == Shelf::Labels)
        return Error::make(Error::Kind::Validation, QStringLiteral("TokenNotSet"),
                           tr("No client token is saved in %1 under “%2”.").arg(Keychain::backendName(), name),
                           tr("Save the token under that label first."));
    return Error::make(Error::Kind::Validation, QStringLiteral("TokenNotSet"),
                       tr("No client token is saved in %1 for the client ID %2.").arg(Keychain::backendName(), name),
                       tr("Save the partner's client token for that client ID first."));
}

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
    return names(Shelf::Labels);
}

bool ClientTokenVault::contains(const QString &label) const
{
    return labels().contains(label);
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
    save(Shelf::Labels, label, token, context, std::move(done));
}

void ClientTokenVault::loadToken(const QString &label, QObject *context, TokenCallback done)
{
    load(Shelf::Labels, label, context, std::move(done));
}

void ClientTokenVault::removeToken(const QString &label, QObject *context, StatusCallback done)
{
    remove(Shelf::Labels, label, context, std::move(done));
}

QStringList ClientTokenVault::clientIds() const
{
    return names(Shelf::ClientIds);
}

bool ClientTokenVault::hasClientToken(const QString &clientId) const
{
    return clientIds().contains(clientId);
}

Status ClientTokenVault::validateClientId(const QString &clientId)
{
    // The model's pattern for ClientId, so that only what a poll can return is kept.
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QString::fromStdString(codepipeline::ServiceModel::codePipeline().shape("ClientId")->pattern)));
    if (clientId.isEmpty())
        return Error::validation(QStringLiteral("clientId"), tr("The client ID is empty."));
    if (!pattern.match(clientId).hasMatch())
        return Error::validation(QStringLiteral("clientId"),
                                 tr("“%1” is not a client ID: a client ID is a lower-case UUID such as "
                                    "1a2b3c4d-0000-4000-8000-0123456789ab, as a poll for jobs returns it.")
                                     .arg(clientId.left(100)));
    return success();
}

void ClientTokenVault::saveClientToken(const QString &clientId, const Secret &token, QObject *context,
                                       StatusCallback done)
{
    save(Shelf::ClientIds, clientId, token, context, std::move(done));
}

void ClientTokenVault::loadClientToken(const QString &clientId, QObject *context, TokenCallback done)
{
    load(Shelf::ClientIds, clientId, context, std::move(done));
}

void ClientTokenVault::removeClientToken(const QString &clientId, QObject *context, StatusCallback done)
{
    remove(Shelf::ClientIds, clientId, context, std::move(done));
}

QStringList ClientTokenVault::names(Shelf shelf) const
{
    m_settings->sync();
    return sortedList(m_settings->value(listKey(shelf)).toStringList());
}

void ClientTokenVault::setNames(Shelf shelf, QStringList list)
{
    list = sortedList(std::move(list));
    if (list.isEmpty())
        m_settings->remove(listKey(shelf));
    else
        m_settings->setValue(listKey(shelf), list);
    m_settings->sync();
    if (shelf == Shelf::Labels)
        Q_EMIT labelsChanged();
    else
        Q_EMIT clientIdsChanged();
}

void ClientTokenVault::save(Shelf shelf, const QString &name, const Secret &token, QObject *context,
                            StatusCallback done)
{
    if (Status s = validate(shelf, name); !s)
        return deliverLater<Status>(context, std::move(done), s);
    if (token.isEmpty())
        return deliverLater<Status>(context, std::move(done),
                                    Error::validation(QStringLiteral("token"), tr("The token is empty.")));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::write(keychainKey(shelf, name), token)}, this,
                  [this, shelf, name, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && !names(shelf).contains(name))
                          setNames(shelf, names(shelf) << name);
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

void ClientTokenVault::load(Shelf shelf, const QString &name, QObject *context, TokenCallback done)
{
    if (Status s = validate(shelf, name); !s)
        return deliverLater<Result<Secret>>(context, std::move(done), s.error());
    const QString key = keychainKey(shelf, name);
    Keychain::run({Keychain::Operation::read(key)}, context,
                  [shelf, name, key, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (!result.ok())
                          return done(result.error());
                      const std::optional<Secret> token = result.value().value(key);
                      if (!token || token->isEmpty())
                          return done(notSaved(shelf, name));
                      done(*token);
                  });
}

void ClientTokenVault::remove(Shelf shelf, const QString &name, QObject *context, StatusCallback done)
{
    if (Status s = validate(shelf, name); !s)
        return deliverLater<Status>(context, std::move(done), s);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::remove(keychainKey(shelf, name))}, this,
                  [this, shelf, name, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && names(shelf).contains(name)) {
                          QStringList list = names(shelf);
                          list.removeAll(name);
                          setNames(shelf, list);
                      }
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

}  // namespace jobdesk::profiles
