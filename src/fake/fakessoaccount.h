#pragma once

// An AWS account that the fake IAM Identity Center portal lists for every signed-in
// person, with the roles (permission sets) they may take in it.

#include <QString>
#include <QStringList>

namespace jobdesk::fake {

struct FakeSsoAccount
{
    QString accountId;  // 12 digits
    QString accountName;
    QString emailAddress;
    QStringList roleNames;
};

// How long what the fake OIDC service hands out lives, in seconds.
struct FakeSsoLifetimes
{
    int accessToken = 28800;           // eight hours, as IAM Identity Center's default session
    int deviceCode = 600;              // StartDeviceAuthorization's expiresIn
    int pollInterval = 1;              // StartDeviceAuthorization's interval
    int clientRegistration = 7776000;  // ninety days, as RegisterClient's clientSecretExpiresAt
    int roleCredentials = 3600;        // GetRoleCredentials' keys
};

}  // namespace jobdesk::fake
