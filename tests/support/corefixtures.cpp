#include "support/corefixtures.h"

#include <QDir>

namespace jobdesk::test {

QProcessEnvironment sharedConfigEnvironment(const QString &home, const QMap<QString, QString> &extra)
{
    const QDir dir(home);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir.filePath(QStringLiteral("credentials")));
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

}  // namespace jobdesk::test
