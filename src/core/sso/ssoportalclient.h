#pragma once

// Talks to the IAM Identity Center portal (portal.sso.REGION.amazonaws.com) with a
// signed-in person's access token: the accounts and roles they may use, a role's
// temporary keys, and Logout. Unsigned GET/POST with the token in x-amz-sso_bearer_token.

#include "core/aws/credentials.h"
#include "core/result.h"
#include "core/secret.h"
#include "core/sso/ssorequest.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>

class QNetworkAccessManager;

namespace jobdesk::sso {

struct SsoAccount
{
    QString accountId;
    QString accountName;
    QString emailAddress;
};

struct SsoRole
{
    QString accountId;
    QString roleName;
};

class SsoPortalClient : public QObject
{
    Q_OBJECT

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    // network must outlive the client.
    explicit SsoPortalClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Where portal calls go for region: AWS_ENDPOINT_URL_SSO, then AWS_ENDPOINT_URL, then
    // https://portal.sso.REGION.amazonaws.com (amazonaws.com.cn in China).
    static Result<SsoEndpoint> endpoint(const QString &region, const QProcessEnvironment &env);

    void setEndpoint(const SsoEndpoint &endpoint) { m_endpoint = endpoint; }
    const SsoEndpoint &currentEndpoint() const { return m_endpoint; }
    // Page size for the list calls (max_result); 0: the service's default.
    void setPageSize(int size) { m_pageSize = size; }

    // Each calls done once, from the event loop, unless context is gone by then. The single
    // calls return their request, whose cancel() ends it with a Cancelled error; the
    // listings return an object that, deleted, ends the listing without calling done.
    SsoRequest *getRoleCredentials(const Secret &accessToken, const QString &accountId, const QString &roleName,
                                   QObject *context, Callback<aws::Credentials> done);
    // Every page, in the order the portal gives them.
    QObject *listAccounts(const Secret &accessToken, QObject *context, Callback<QList<SsoAccount>> done);
    QObject *listAccountRoles(const Secret &accessToken, const QString &accountId, QObject *context,
                              Callback<QList<SsoRole>> done);
    SsoRequest *logout(const Secret &accessToken, QObject *context, Callback<Nothing> done);

    static Result<aws::Credentials> parseRoleCredentials(const QJsonObject &object);
    // What a person should do about a portal error.
    static QString explain(const Error &error);

private:
    template<typename T>
    QObject *listAll(const Secret &accessToken, const QString &operation, const QString &path,
                     const QList<std::pair<QString, QString>> &query, const QString &listMember,
                     std::function<std::optional<T>(const QJsonObject &)> item, QObject *context,
                     Callback<QList<T>> done);
    SsoRequest *request(const QString &operation, QObject *parent = nullptr);
    static SsoRequest::Headers bearer(const Secret &accessToken);

    QNetworkAccessManager *m_network;
    SsoEndpoint m_endpoint;
    int m_pageSize = 0;
};

}  // namespace jobdesk::sso
