#include "core/aws/credentials.h"

#include <QCoreApplication>

namespace jobdesk::aws {

Result<Credentials> Credentials::fromEnvironment(const QProcessEnvironment &env)
{
    Credentials c;
    c.accessKeyId = env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    c.secretAccessKey = Secret(env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")));
    c.sessionToken = Secret(env.value(QStringLiteral("AWS_SESSION_TOKEN")));
    if (!c.isComplete()) {
        return Error::make(
            Error::Kind::Credentials, QStringLiteral("NoCredentials"),
            QCoreApplication::translate("jobdesk::aws::Credentials", "Unable to locate credentials."),
            QCoreApplication::translate("jobdesk::aws::Credentials",
                                        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile."));
    }
    return c;
}

}  // namespace jobdesk::aws
