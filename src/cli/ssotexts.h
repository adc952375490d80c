#pragma once

// What the AWS CLI v2 prints around IAM Identity Center sign-ins, for jobdesk-cli to print
// the same bytes: `aws sso login`'s instructions and success line, and the errors botocore
// ends a command with when a profile's sign-in is missing, over or refused.

#include "core/error.h"
#include "core/sso/ssosignin.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace jobdesk::cli {

class SsoTexts
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::cli::SsoTexts)

public:
    // The authorization-code flow's page (the device flow's code comes in deviceCode()).
    static QString browserPage(const QUrl &url, bool noBrowser);
    static QString deviceCode(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete,
                              bool noBrowser);
    static QString signedIn(const QString &startUrl);

    // The AWS CLI's wording and exit code for a sign-in that failed, as `sso login` ends;
    // operation is the call a service error answered.
    static Error loginFailure(const Error &error, const QString &operation);
    // A request's profile could not get a token: SsoNotSignedIn, or SsoTokenExpired where
    // refusedByPortal says whether IAM Identity Center turned a still-valid token down
    // (revoked, signed out elsewhere) rather than it having run out.
    static Error resolveFailure(const Error &error, const sso::SsoSignIn::Settings &session, bool refusedByPortal);
};

}  // namespace jobdesk::cli
