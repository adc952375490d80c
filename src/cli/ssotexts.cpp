#include "cli/ssotexts.h"

#include "core/sso/ssosessions.h"

namespace jobdesk::cli {

namespace {

// botocore's SSOError family and ClientError end the AWS CLI with 255 and 254; the
// codes here are jobdesk-cli's own, which exitCodeFor() maps the same way.
Error general(const QString &code, const QString &message)
{
    return Error::make(Error::Kind::Protocol, code, message);
}

}  // namespace

QString SsoTexts::browserPage(const QUrl &url, bool noBrowser)
{
    const QString page = QString::fromLatin1(url.toEncoded());
    if (noBrowser)
        return tr("Browser will not be automatically opened.\nPlease visit the following URL:\n\n%1\n").arg(page);
    return tr("Attempting to automatically open the SSO authorization page in your default browser.\n"
              "If the browser does not open or you wish to use a different device to authorize this request, "
              "open the following URL:\n\n%1\n")
        .arg(page);
}

QString SsoTexts::deviceCode(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete,
                             bool noBrowser)
{
    QString text = browserPage(verificationUri, noBrowser);
    text += tr("\nThen enter the code:\n\n%1\n").arg(userCode);
    if (noBrowser) {
        text += tr("\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n%1\n")
                    .arg(QString::fromLatin1(verificationUriComplete.toEncoded()));
    }
    return text;
}

QString SsoTexts::signedIn(const QString &startUrl)
{
    return tr("Successfully logged into Start URL: %1\n").arg(startUrl);
}

Error SsoTexts::loginFailure(const Error &error, const QString &operation)
{
    const QString &code = error.code;
    // The device code ran out, or the browser never came back within the AWS CLI's ten minutes.
    if (code == QLatin1String("ExpiredTokenException") || code == QLatin1String("SignInTimedOut")) {
        return general(QStringLiteral("PendingAuthorizationExpired"),
                       tr("The pending authorization to retrieve an SSO token has expired. The login flow to "
                          "retrieve an SSO token must be restarted."));
    }
    if (code == QLatin1String("LoopbackUnavailable")) {
        return general(code,
                       tr("Unable to initialize the OAuth 2.0 authorization callback handler: %1 \n You may "
                          "use --use-device-code to fall back to the device code flow which does not require "
                          "the callback handler.")
                           .arg(error.message));
    }
    if (error.kind == Error::Kind::Service && error.httpStatus != 0) {
        // The service answered the call with an error: the AWS CLI's ClientError text.
        Error shown = error;
        shown.message =
            tr("An error occurred (%1) when calling the %2 operation: %3").arg(code, operation, error.message);
        return shown;
    }
    if (error.kind == Error::Kind::Service) {
        // Refused in the browser: the redirect to the loopback carried an error, not a code.
        return general(QStringLiteral("AuthorizationCodeLoad"),
                       tr("Error loading authorization code: Failed to retrieve an authorization code."));
    }
    Error shown = error;
    if (!error.hint.isEmpty())
        shown.message += QLatin1Char('\n') + error.hint;
    return shown;
}

Error SsoTexts::resolveFailure(const Error &error, const sso::SsoSignIn::Settings &session, bool refusedByPortal)
{
    const QString label = sso::SsoSessions::sessionLabel(session);
    if (error.code == sso::SsoSessions::notSignedInCode())
        return general(error.code, tr("Error loading SSO Token: Token for %1 does not exist").arg(label));
    // A legacy profile's token goes to the portal however old it is, as botocore sends it.
    if (refusedByPortal || session.sessionName.isEmpty()) {
        return general(error.code,
                       tr("The SSO session associated with this profile has expired or is otherwise invalid. To "
                          "refresh this SSO session run aws sso login with the corresponding profile."));
    }
    return general(error.code, tr("Error when retrieving token from sso: Token has expired and refresh failed"));
}

}  // namespace jobdesk::cli
