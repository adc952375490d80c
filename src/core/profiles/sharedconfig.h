#pragma once

// The AWS shared config and credentials files (~/.aws/config, ~/.aws/credentials),
// read with the same rules as the AWS CLI (botocore's configloader), so a profile
// means in JobDesk exactly what it means to `aws --profile`.

#include "core/aws/credentials.h"
#include "core/result.h"
#include "core/secret.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace jobdesk::profiles {

class SharedConfig
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::SharedConfig)

public:
    enum class File { Config, Credentials };

    // Reads AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config and
    // ~/.aws/credentials, "~" expanded from env by platform::HomeDir). A file that does not exist counts as
    // empty, as it does for the AWS CLI; one that exists but cannot be read is an error.
    static Result<SharedConfig> load(const QProcessEnvironment &env);
    static Result<SharedConfig> parse(const QByteArray &configText, const QByteArray &credentialsText);

    static QString configFilePath(const QProcessEnvironment &env);
    static QString credentialsFilePath(const QProcessEnvironment &env);

    // Profiles from both files, in the order the AWS CLI lists them.
    QStringList profileNames() const;
    bool hasProfile(const QString &name) const;

    // Every setting of a profile, config and credentials merged (credentials win per
    // key), keys lower-case. Nested blocks ("s3 =" followed by indented lines) appear
    // as "s3.max_concurrent_requests". Secret keys are left out: use secret().
    std::optional<QMap<QString, QString>> profile(const QString &name) const;
    std::optional<QString> value(const QString &profileName, const QString &key) const;
    std::optional<Secret> secret(const QString &profileName, const QString &key) const;

    // The settings of an [sso-session NAME] section of the config file, keys lower-case.
    std::optional<QMap<QString, QString>> ssoSession(const QString &name) const;
    QStringList ssoSessionNames() const;

    // aws_secret_access_key, aws_session_token and its old name aws_security_token.
    static bool isSecretKey(const QString &key);

    // The static keys one file holds for a profile, as the AWS CLI's provider for that
    // file reads them: nullopt when it names no access key, an error when the access
    // key comes without its secret.
    Result<std::optional<aws::Credentials>> staticCredentials(const QString &profileName, File file) const;

    QString configPath() const { return m_configPath; }
    QString credentialsPath() const { return m_credentialsPath; }

private:
    struct Value
    {
        QString text;                   // for a nested block: the raw block; empty for secrets
        Secret secret;                  // the value of a secret key (see isSecretKey)
        QMap<QString, QString> nested;  // filled when the value is a nested block
        bool isNested = false;
    };
    using Section = QMap<QString, Value>;
    struct NamedSection
    {
        QString name;
        Section values;
    };

    static Result<QList<NamedSection>> parseFile(const QByteArray &text, const QString &fileName);
    static Result<SharedConfig> build(const QByteArray &configText, const QString &configName,
                                      const QByteArray &credentialsText, const QString &credentialsName);
    const Section *mergedSection(const QString &name) const;
    // A key's value in the profile's merged section, unless absent or a nested block.
    const Value *plainValue(const QString &profileName, const QString &key) const;

    QString m_configPath;
    QString m_credentialsPath;
    QStringList m_order;
    QHash<QString, Section> m_merged;              // what the AWS CLI calls the profile's config
    QHash<QString, Section> m_configProfiles;      // [profile NAME] / [default] of the config file alone
    QHash<QString, Section> m_credentialSections;  // [NAME] of the credentials file alone
    QHash<QString, Section> m_ssoSessions;         // [sso-session NAME] of the config file
};

}  // namespace jobdesk::profiles
