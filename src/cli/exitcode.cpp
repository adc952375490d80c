#include "cli/exitcode.h"

#include "cli/commandline.h"

#include <QStringList>

namespace jobdesk::cli {

int exitCodeFor(const Error &error)
{
    const QString &code = error.code;
    if (code == CommandLine::usageErrorCode() || code == CommandLine::unknownOptionsCode())
        return ExitParamError;
    // A bad number is a Python ValueError in the AWS CLI; an unknown profile, ProfileNotFound: both exit 255.
    if (code == QLatin1String("InvalidInteger") || code == QLatin1String("ProfileNotFound"))
        return ExitGeneralError;
    if (error.kind == Error::Kind::Credentials || code == QLatin1String("NoCredentials")
        || code == QLatin1String("NoRegion"))
        return ExitConfigError;
    if (error.kind == Error::Kind::Service)
        return ExitServiceError;
    if (error.kind != Error::Kind::Validation)
        return ExitGeneralError;

    // Values the AWS CLI hands on to botocore, which refuses them with a ValueError.
    static const QStringList valueErrors = {
        QStringLiteral("NotARegion"), QStringLiteral("NoHost"),     QStringLiteral("NotANumber"),
        QStringLiteral("Negative"),   QStringLiteral("TooLarge"),   QStringLiteral("NoSuchFile"),
        QStringLiteral("NotAFile"),   QStringLiteral("Unreadable"), QStringLiteral("NotPem"),
    };
    if (valueErrors.contains(code))
        return ExitGeneralError;
    // Text that is empty or holds control characters or spaces fails in botocore too, except
    // where the AWS CLI's own parser looks first: an empty --region, --endpoint-url, and
    // --profile (which only jobdesk-cli checks, with the code of parameter validation).
    static const QStringList textErrors = {QStringLiteral("Empty"), QStringLiteral("ControlCharacter"),
                                           QStringLiteral("SurroundingWhitespace"), QStringLiteral("Whitespace")};
    if (textErrors.contains(code)) {
        const bool parsedFirst = error.field == QLatin1String("--endpoint-url")
            || error.field == QLatin1String("--profile")
            || (error.field == QLatin1String("--region") && code == QLatin1String("Empty"));
        return parsedFirst ? ExitParamError : ExitGeneralError;
    }
    return ExitParamError;
}

}  // namespace jobdesk::cli
