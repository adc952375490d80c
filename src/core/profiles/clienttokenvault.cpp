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

QStringList ClientTokenVault::clientIds() const
{
    m_settings->sync();
    return sortedList(m_settings->value(kClientIdsKey).toStringList());
}

bool ClientTokenVault::hasClientToken(const QString &clientId) const
{
    return clientIds().contains(clientId);
}

void ClientTokenVault::setClientIds(QStringList list)
{
    list = sortedList(std::move(list));
    if (list.isEmpty())
        m_settings->remove(kClientIdsKey);
    else
        m_settings->setValue(kClientIdsKey, list);
    m_settings->sync();
    Q_EMIT clientIdsChanged();
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
    if (Status s = validateClientId(clientId); !s)
        return deliverLater<Status>(context, std::move(done), s);
    if (token.isEmpty())
        return deliverLater<Status>(context, std::move(done),
                                    Error::validation(QStringLiteral("token"), tr("The token is empty.")));
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::write(Keychain::clientTokenKey(clientId), token)}, this,
                  [this, clientId, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && !clientIds().contains(clientId))
                          setClientIds(clientIds() << clientId);
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

void ClientTokenVault::loadClientToken(const QString &clientId, QObject *context, TokenCallback done)
{
    if (Status s = validateClientId(clientId); !s)
        return deliverLater<Result<Secret>>(context, std::move(done), s.error());
    const QString key = Keychain::clientTokenKey(clientId);
    Keychain::run(
        {Keychain::Operation::read(key)}, context,
        [clientId, key, done = std::move(done)](Result<Keychain::ReadResults> result) {
            if (!result.ok())
                return done(result.error());
            const std::optional<Secret> token = result.value().value(key);
            if (!token || token->isEmpty()) {
                return done(Error::make(
                    Error::Kind::Validation, QStringLiteral("TokenNotSet"),
                    tr("No client token is saved in %1 for the client ID %2.").arg(Keychain::backendName(), clientId),
                    tr("Save the partner's client token for that client ID first.")));
            }
            done(*token);
        });
}

void ClientTokenVault::removeClientToken(const QString &clientId, QObject *context, StatusCallback done)
{
    if (Status s = validateClientId(clientId); !s)
        return deliverLater<Status>(context, std::move(done), s);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    Keychain::run({Keychain::Operation::remove(Keychain::clientTokenKey(clientId))}, this,
                  [this, clientId, guard, hasContext, done = std::move(done)](Result<Keychain::ReadResults> result) {
                      if (result.ok() && clientIds().contains(clientId)) {
                          QStringList list = clientIds();
                          list.removeAll(clientId);
                          setClientIds(list);
                      }
                      if (!hasContext || guard)
                          done(result.ok() ? success() : Status(result.error()));
                  });
}

}  // namespace jobdesk::profiles
