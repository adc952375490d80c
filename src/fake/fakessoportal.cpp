#include "fake/fakessoportal.h"

#include <QRandomGenerator>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

namespace jobdesk::fake {

using json = nlohmann::json;

namespace {

constexpr int kDefaultPageSize = 20;

QString randomText(int length, const char *alphabet)
{
    const int size = int(qstrlen(alphabet));
    QString out;
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(size)]));
    return out;
}

// The page tokens are opaque to clients; a client that makes one up gets InvalidRequestException.
QString pageToken(qsizetype index)
{
    return QString::fromLatin1(QByteArray("page:" + QByteArray::number(index)).toBase64());
}

std::optional<qsizetype> pageIndex(const QString &token, qsizetype size)
{
    if (token.isEmpty())
        return 0;
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1());
    bool ok = false;
    const qsizetype index = raw.startsWith("page:") ? raw.mid(5).toLongLong(&ok) : -1;
    if (!ok || index < 0 || index > size)
        return std::nullopt;
    return index;
}

FakeReply jsonReply(const json &body)
{
    FakeReply reply;
    reply.contentType = "application/json";
    reply.body = QByteArray::fromStdString(body.dump());
    return reply;
}

}  // namespace

bool FakeSsoPortal::isPortalPath(const QByteArray &path)
{
    return path == "/federation/credentials" || path == "/assignment/accounts" || path == "/assignment/roles"
        || path == "/logout";
}

FakeReply FakeSsoPortal::portalError(int status, const QString &code, const QString &message)
{
    FakeReply reply;
    reply.status = status;
    reply.contentType = "application/json";
    reply.errorCode = code;
    reply.errorType = code.toUtf8();
    json body;
    body["message"] = message.toStdString();
    reply.body = QByteArray::fromStdString(body.dump());
    return reply;
}

void FakeSsoPortal::addAccount(const FakeSsoAccount &account)
{
    m_accounts.removeIf([&](const FakeSsoAccount &a) { return a.accountId == account.accountId; });
    m_accounts.append(account);
}

const FakeSsoAccount *FakeSsoPortal::findAccount(const QString &accountId) const
{
    for (const FakeSsoAccount &account : m_accounts) {
        if (account.accountId == accountId)
            return &account;
    }
    return nullptr;
}

bool FakeSsoPortal::isExpired(const QString &accessKeyId, const QDateTime &now) const
{
    const auto it = m_issued.constFind(accessKeyId);
    return it != m_issued.constEnd() && *it <= now;
}

FakeService::Received FakeSsoPortal::receive(const HttpRequest &request)
{
    const QByteArray path = request.path();
    Received received;
    received.operation = path == "/federation/credentials" ? QStringLiteral("GetRoleCredentials")
        : path == "/assignment/accounts"                   ? QStringLiteral("ListAccounts")
        : path == "/assignment/roles"                      ? QStringLiteral("ListAccountRoles")
                                                           : QStringLiteral("Logout");
    return received;
}

FakeReply FakeSsoPortal::answer(const HttpRequest &request, const Received &received)
{
    const bool logout = received.operation == QLatin1String("Logout");
    if (request.method != (logout ? "POST" : "GET"))
        return portalError(
            400, QStringLiteral("InvalidRequestException"),
            QStringLiteral("%1 does not take %2.").arg(received.operation, QString::fromLatin1(request.method)));
    const QString token = QString::fromUtf8(request.header("x-amz-sso_bearer_token"));
    if (token.isEmpty())
        return portalError(401, QStringLiteral("UnauthorizedException"),
                           QStringLiteral("Session token not found or invalid"));
    switch (m_oidc->tokenState(token)) {
    case FakeSsoOidc::TokenState::Valid: break;
    case FakeSsoOidc::TokenState::Expired:
    case FakeSsoOidc::TokenState::Unknown:
        return portalError(401, QStringLiteral("UnauthorizedException"),
                           QStringLiteral("Session token not found or invalid"));
    }
    if (logout) {
        m_oidc->revoke(token);
        FakeReply reply;
        reply.contentType = "application/json";
        return reply;
    }

    const QUrlQuery query(QString::fromUtf8(request.query()));
    const auto param = [&](const char *name) { return query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded); };
    const QString accountId = param("account_id");
    if (received.operation == QLatin1String("GetRoleCredentials"))
        return roleCredentials(accountId, param("role_name"));

    int pageSize = kDefaultPageSize;
    if (query.hasQueryItem(QStringLiteral("max_result"))) {
        bool ok = false;
        pageSize = param("max_result").toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > 100)
            return portalError(400, QStringLiteral("InvalidRequestException"),
                               QStringLiteral("max_result must be 1 to 100."));
    }
    const bool roles = received.operation == QLatin1String("ListAccountRoles");
    const FakeSsoAccount *account = roles ? findAccount(accountId) : nullptr;
    if (roles && !account)
        return portalError(404, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Account %1 is not assigned to this user.").arg(accountId));
    const qsizetype total = roles ? account->roleNames.size() : m_accounts.size();
    const auto start = pageIndex(param("next_token"), total);
    if (!start)
        return portalError(400, QStringLiteral("InvalidRequestException"), QStringLiteral("Invalid next token."));
    const qsizetype end = std::min(total, *start + pageSize);
    json list = json::array();
    for (qsizetype i = *start; i < end; ++i) {
        json item;
        if (roles) {
            item["roleName"] = account->roleNames.at(i).toStdString();
            item["accountId"] = account->accountId.toStdString();
        } else {
            const FakeSsoAccount &a = m_accounts.at(i);
            item["accountId"] = a.accountId.toStdString();
            item["accountName"] = a.accountName.toStdString();
            item["emailAddress"] = a.emailAddress.toStdString();
        }
        list.push_back(item);
    }
    json out;
    if (end < total)
        out["nextToken"] = pageToken(end).toStdString();
    out[roles ? "roleList" : "accountList"] = list;
    return jsonReply(out);
}

FakeReply FakeSsoPortal::roleCredentials(const QString &accountId, const QString &roleName)
{
    if (accountId.isEmpty() || roleName.isEmpty())
        return portalError(400, QStringLiteral("InvalidRequestException"),
                           QStringLiteral("account_id and role_name are required."));
    const FakeSsoAccount *account = findAccount(accountId);
    if (!account || !account->roleNames.contains(roleName))
        return portalError(403, QStringLiteral("ForbiddenException"), QStringLiteral("No access"));

    const QString keyId = QStringLiteral("ASIA") + randomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    const Secret secret(randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"));
    const Secret token(QStringLiteral("IQoJb3JpZ2luX2VjE")
                       + randomText(300, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"));
    const QDateTime now = m_clock->nowUtc().toUTC();
    const QDateTime expiration =
        QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + m_oidc->lifetimes().roleCredentials, Qt::UTC);
    m_issued.insert(keyId, expiration);
    if (onIssued)
        onIssued(keyId, secret, token);

    json credentials;
    credentials["accessKeyId"] = keyId.toStdString();
    credentials["secretAccessKey"] = secret.revealText().toStdString();
    credentials["sessionToken"] = token.revealText().toStdString();
    credentials["expiration"] = expiration.toMSecsSinceEpoch();  // milliseconds, as the portal sends it
    json out;
    out["roleCredentials"] = credentials;
    return jsonReply(out);
}

}  // namespace jobdesk::fake
