#include "support/awsclienvironment.h"

#include "support/testenv.h"

#include <QDir>

namespace jobdesk::test {

QProcessEnvironment AwsCliEnvironment::withKeys(const QString &accessKeyId, const QString &secretKey,
                                                const QString &sessionToken)
{
    QProcessEnvironment env = referenceEnvironment(accessKeyId, secretKey);
    if (!sessionToken.isEmpty())
        env.insert(QStringLiteral("AWS_SESSION_TOKEN"), sessionToken);
    return env;
}

QProcessEnvironment AwsCliEnvironment::withoutKeys(QProcessEnvironment env)
{
    env.remove(QStringLiteral("AWS_ACCESS_KEY_ID"));
    env.remove(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    env.remove(QStringLiteral("AWS_SESSION_TOKEN"));
    return env;
}

QProcessEnvironment AwsCliEnvironment::withConfigFile(QProcessEnvironment env, const QString &configPath)
{
    env = withoutKeys(std::move(env));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), configPath);
    return env;
}

QProcessEnvironment AwsCliEnvironment::isolated(const QString &home)
{
    // The keys given here are dropped at once: what stays is referenceEnvironment()'s isolation.
    QProcessEnvironment env =
        withoutKeys(referenceEnvironment(QStringLiteral("AKIDNOTUSED000000000"), QStringLiteral("not-used")));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("config")));
    return env;
}

}  // namespace jobdesk::test
