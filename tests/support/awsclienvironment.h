#pragma once

// The environment jobdesk-cli and the AWS CLI run in under test: the test's own
// keys (or none), no config, credentials or proxy from the real machine, no pager.

#include <QProcessEnvironment>
#include <QString>

namespace jobdesk::test {

class AwsCliEnvironment
{
public:
    // The keys in AWS_ACCESS_KEY_ID and its siblings; us-east-1 by AWS_DEFAULT_REGION.
    static QProcessEnvironment withKeys(const QString &accessKeyId, const QString &secretKey,
                                        const QString &sessionToken = QString());

    // env without the keys, so that they come from a profile or are missing.
    static QProcessEnvironment withoutKeys(QProcessEnvironment env);

    // env reading its profiles from the shared config file at configPath, and no keys of its own.
    static QProcessEnvironment withConfigFile(QProcessEnvironment env, const QString &configPath);

    // No keys, and HOME and XDG_CONFIG_HOME inside home: what a child that keeps settings of
    // its own (jobdesk-cli's profiles) gets, keeping this session's D-Bus for the keychain.
    static QProcessEnvironment isolated(const QString &home);
};

}  // namespace jobdesk::test
