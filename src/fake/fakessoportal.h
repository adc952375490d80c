#pragma once

// The IAM Identity Center portal half of the fake endpoint (portal.sso.REGION.amazonaws.com):
// GetRoleCredentials, ListAccounts, ListAccountRoles and Logout, unsigned, with the
// access token from the fake OIDC service in x-amz-sso_bearer_token. The role keys it
// hands out are given to the CodePipeline side, which then verifies requests signed with them.

#include "core/secret.h"
#include "fake/fakeservice.h"
#include "fake/fakessoaccount.h"
#include "fake/fakessooidc.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace jobdesk::fake {

class FakeSsoPortal : public FakeService
{
public:
    // oidc (not owned) tells which access tokens are good.
    explicit FakeSsoPortal(FakeSsoOidc *oidc) : m_oidc(oidc) {}

    void setClock(const Clock *clock) { m_clock = clock; }
    void addAccount(const FakeSsoAccount &account);
    QList<FakeSsoAccount> accounts() const { return m_accounts; }

    // Whether accessKeyId is a role key from here that has expired by now.
    bool isExpired(const QString &accessKeyId, const QDateTime &now) const;

    std::function<void(const QString &accessKeyId, const Secret &secret, const Secret &token)> onIssued;

    static bool isPortalPath(const QByteArray &path);

    bool accepts(const HttpRequest &request) const override { return isPortalPath(request.path()); }
    Received receive(const HttpRequest &request) override;
    FakeReply answer(const HttpRequest &request, const Received &received) override;

    static FakeReply portalError(int status, const QString &code, const QString &message);

private:
    FakeReply roleCredentials(const QString &accountId, const QString &roleName);
    const FakeSsoAccount *findAccount(const QString &accountId) const;

    FakeSsoOidc *m_oidc;
    const Clock *m_clock = &Clock::system();
    QList<FakeSsoAccount> m_accounts;
    QHash<QString, QDateTime> m_issued;  // role key -> expiration
};

}  // namespace jobdesk::fake
