#include "core/sso/ssoportalclient.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace jobdesk::sso {

namespace {

Error incomplete(const QString &operation, const QString &detail)
{
    return Error::make(Error::Kind::Protocol, QStringLiteral("MalformedResponse"),
                       SsoPortalClient::tr("The answer to %1 is incomplete: %2").arg(operation, detail),
                       SsoPortalClient::tr("Something other than the IAM Identity Center portal answered. Check "
                                           "the portal endpoint (AWS_ENDPOINT_URL_SSO) and any proxy in between."));
}

constexpr int kMaxPages = 1000;

// A listing's pages, one request at a time; deleting it ends the listing.
class Pager : public QObject
{
public:
    using QObject::QObject;
};

// Calls done once call has finished, unless context (when given) is gone: with what read
// makes of the answer, or with the error and the advice for it.
template<typename T>
void answerWhenFinished(SsoPortalClient *client, SsoRequest *call, QObject *context, SsoPortalClient::Callback<T> done,
                        std::function<Result<T>(const QJsonObject &)> read)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    QObject::connect(call, &SsoRequest::finished, client, [call, guard, hasContext, done, read] {
        if (hasContext && !guard)
            return;
        if (!call->result().ok()) {
            Error error = call->result().error();
            if (error.hint.isEmpty())
                error.hint = SsoPortalClient::explain(error);
            return done(error);
        }
        done(read(call->result().value()));
    });
}

}  // namespace

SsoPortalClient::SsoPortalClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network)
{
}

Result<SsoEndpoint> SsoPortalClient::endpoint(const QString &region, const QProcessEnvironment &env)
{
    return SsoRequest::endpointFor(region, env, QStringLiteral("AWS_ENDPOINT_URL_SSO"), QStringLiteral("portal.sso"));
}

SsoRequest::Headers SsoPortalClient::bearer(const Secret &accessToken)
{
    return {{QByteArrayLiteral("x-amz-sso_bearer_token"), accessToken.reveal()}};
}

SsoRequest *SsoPortalClient::request(const QString &operation, QObject *parent)
{
    return new SsoRequest(m_network, m_endpoint, operation, parent ? parent : this);
}

SsoRequest *SsoPortalClient::getRoleCredentials(const Secret &accessToken, const QString &accountId,
                                                const QString &roleName, QObject *context,
                                                Callback<aws::Credentials> done)
{
    SsoRequest *call = request(QStringLiteral("GetRoleCredentials"));
    answerWhenFinished<aws::Credentials>(this, call, context, std::move(done), &parseRoleCredentials);
    call->get(QStringLiteral("/federation/credentials"),
              {{QStringLiteral("role_name"), roleName}, {QStringLiteral("account_id"), accountId}},
              bearer(accessToken));
    return call;
}

template<typename T>
QObject *SsoPortalClient::listAll(const Secret &accessToken, const QString &operation, const QString &path,
                                  const QList<std::pair<QString, QString>> &query, const QString &listMember,
                                  std::function<std::optional<T>(const QJsonObject &)> item, QObject *context,
                                  Callback<QList<T>> done)
{
    auto *pager = new Pager(this);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto items = std::make_shared<QList<T>>();
    auto pages = std::make_shared<int>(0);
    auto next = std::make_shared<std::function<void(const QString &)>>();
    // The shared function holds itself through the lambda only weakly, so it ends with the pager.
    std::weak_ptr<std::function<void(const QString &)>> weakNext = next;
    *next = [=, this](const QString &token) {
        QList<std::pair<QString, QString>> params = query;
        if (m_pageSize > 0)
            params.append({QStringLiteral("max_result"), QString::number(m_pageSize)});
        if (!token.isEmpty())
            params.append({QStringLiteral("next_token"), token});
        // A child of the pager: deleting the pager aborts the page in flight.
        SsoRequest *call = request(operation, pager);
        connect(call, &SsoRequest::finished, pager, [=] {
            const auto finishWith = [&](Result<QList<T>> result) {
                pager->deleteLater();
                if (!hasContext || guard)
                    done(std::move(result));
            };
            if (!call->result().ok()) {
                Error error = call->result().error();
                if (error.hint.isEmpty())
                    error.hint = explain(error);
                return finishWith(error);
            }
            const QJsonObject &object = call->result().value();
            const QJsonValue list = object.value(listMember);
            if (!list.isArray() && !list.isUndefined())
                return finishWith(incomplete(operation, tr("%1 is not a list.").arg(listMember)));
            for (const QJsonValue &value : list.toArray()) {
                std::optional<T> entry = item(value.toObject());
                if (!entry)
                    return finishWith(incomplete(operation, tr("an entry of %1 lacks its IDs.").arg(listMember)));
                items->append(*entry);
            }
            const QString nextToken = object.value(QStringLiteral("nextToken")).toString();
            if (nextToken.isEmpty() || nextToken == token)
                return finishWith(*items);
            // A portal that never stops paging is broken; nobody is assigned this many.
            if (++*pages >= kMaxPages)
                return finishWith(incomplete(operation, tr("it keeps paging past %1 pages.").arg(kMaxPages)));
            if (auto again = weakNext.lock())
                (*again)(nextToken);
        });
        call->get(path, params, bearer(accessToken));
    };
    // The pager owns the chain: when it goes (finished or cancelled) the chain goes too.
    connect(pager, &QObject::destroyed, this, [next]() mutable { next.reset(); });
    (*next)(QString());
    return pager;
}

QObject *SsoPortalClient::listAccounts(const Secret &accessToken, QObject *context, Callback<QList<SsoAccount>> done)
{
    return listAll<SsoAccount>(
        accessToken, QStringLiteral("ListAccounts"), QStringLiteral("/assignment/accounts"), {},
        QStringLiteral("accountList"),
        [](const QJsonObject &o) -> std::optional<SsoAccount> {
            SsoAccount account{o.value(QStringLiteral("accountId")).toString(),
                               o.value(QStringLiteral("accountName")).toString(),
                               o.value(QStringLiteral("emailAddress")).toString()};
            if (account.accountId.isEmpty())
                return std::nullopt;
            return account;
        },
        context, std::move(done));
}

QObject *SsoPortalClient::listAccountRoles(const Secret &accessToken, const QString &accountId, QObject *context,
                                           Callback<QList<SsoRole>> done)
{
    return listAll<SsoRole>(
        accessToken, QStringLiteral("ListAccountRoles"), QStringLiteral("/assignment/roles"),
        {{QStringLiteral("account_id"), accountId}}, QStringLiteral("roleList"),
        [](const QJsonObject &o) -> std::optional<SsoRole> {
            SsoRole role{o.value(QStringLiteral("accountId")).toString(),
                         o.value(QStringLiteral("roleName")).toString()};
            if (role.roleName.isEmpty())
                return std::nullopt;
            return role;
        },
        context, std::move(done));
}

SsoRequest *SsoPortalClient::logout(const Secret &accessToken, QObject *context, Callback<Nothing> done)
{
    SsoRequest *call = request(QStringLiteral("Logout"));
    answerWhenFinished<Nothing>(this, call, context, std::move(done),
                                [](const QJsonObject &) { return Result<Nothing>(Nothing{}); });
    call->post(QStringLiteral("/logout"), QByteArray(), bearer(accessToken));
    return call;
}

Result<aws::Credentials> SsoPortalClient::parseRoleCredentials(const QJsonObject &object)
{
    const QJsonObject role = object.value(QStringLiteral("roleCredentials")).toObject();
    aws::Credentials credentials;
    credentials.accessKeyId = role.value(QStringLiteral("accessKeyId")).toString();
    credentials.secretAccessKey = Secret(role.value(QStringLiteral("secretAccessKey")).toString());
    credentials.sessionToken = Secret(role.value(QStringLiteral("sessionToken")).toString());
    // Milliseconds since the epoch, as the portal gives it (botocore divides by 1000 too).
    const double expiration = role.value(QStringLiteral("expiration")).toDouble(-1);
    if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty() || credentials.sessionToken.isEmpty()
        || expiration <= 0)
        return incomplete(QStringLiteral("GetRoleCredentials"),
                          tr("it lacks the access key ID, secret access key, session token or expiration."));
    credentials.expiration = QDateTime::fromMSecsSinceEpoch(qint64(expiration), Qt::UTC);
    return credentials;
}

QString SsoPortalClient::explain(const Error &error)
{
    const QString &code = error.code;
    if (code == QLatin1String("UnauthorizedException"))
        return tr("The sign-in has expired or was revoked. Sign in again.");
    if (code == QLatin1String("ForbiddenException"))
        return tr("This person may not use the role. Check sso_account_id and sso_role_name.");
    if (code == QLatin1String("ResourceNotFoundException"))
        return tr("The account or role was not found. Check sso_account_id and sso_role_name.");
    if (code == QLatin1String("TooManyRequestsException"))
        return tr("IAM Identity Center is throttling requests. Wait a moment and try again.");
    return tr("Check sso_region and that the IAM Identity Center portal is reachable.");
}

}  // namespace jobdesk::sso
