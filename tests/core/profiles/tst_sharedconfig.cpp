// The AWS shared config/credentials reader, against hand-written expectations and
// against botocore's own loader on the same files.

#include "core/profiles/sharedconfig.h"
#include "support/testenv.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::profiles::SharedConfig;

using Values = QMap<QString, QString>;  // "profile|key" -> value; secrets included
Q_DECLARE_METATYPE(Values)

class TestSharedConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void matchesBotocore_data();
    void matchesBotocore();
    void staticCredentials();
    void loadFromEnvironment();
    void loadDefaultsToHome();
    void loadReportsFileAndLine();

private:
    static QString profileDir(const QString &name)
    {
        return jobdesk::test::dataDir() + QStringLiteral("/profiles/shared/") + name;
    }
};

void TestSharedConfig::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSharedConfig::parse_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<Values>("values");

    QTest::newRow("empty") << QByteArray() << QByteArray() << QStringList{} << Values{};
    QTest::newRow("default and profile") << QByteArray(
        "[default]\nregion = us-east-1\n[profile ops]\nregion=eu-west-1\nmax_attempts   =   3  \n")
                                         << QByteArray()
                                         << QStringList{QStringLiteral("default"), QStringLiteral("ops")}
                                         << Values{{QStringLiteral("default|region"), QStringLiteral("us-east-1")},
                                                   {QStringLiteral("ops|region"), QStringLiteral("eu-west-1")},
                                                   {QStringLiteral("ops|max_attempts"), QStringLiteral("3")}};
    QTest::newRow("credentials win per key")
        << QByteArray("[profile a]\nregion = us-east-1\noutput = json\n")
        << QByteArray("[a]\nregion = eu-west-1\naws_access_key_id = AKIA1\naws_secret_access_key = "
                      "s3cr3t\n[b]\naws_access_key_id = AKIA2\n")
        << QStringList{QStringLiteral("a"), QStringLiteral("b")}
        << Values{{QStringLiteral("a|region"), QStringLiteral("eu-west-1")},
                  {QStringLiteral("a|output"), QStringLiteral("json")},
                  {QStringLiteral("a|aws_access_key_id"), QStringLiteral("AKIA1")},
                  {QStringLiteral("a|aws_secret_access_key"), QStringLiteral("s3cr3t")},
                  {QStringLiteral("b|aws_access_key_id"), QStringLiteral("AKIA2")}};
    QTest::newRow("comments, colon, case, no inline comments") << QByteArray(
        "# top\n; also\n[default]\n  # indented comment\nREGION: us-west-2 # kept\nrole_arn=arn:aws:iam::1:role/x\n")
                                                               << QByteArray() << QStringList{QStringLiteral("default")}
                                                               << Values{{QStringLiteral("default|region"),
                                                                          QStringLiteral("us-west-2 # kept")},
                                                                         {QStringLiteral("default|role_arn"),
                                                                          QStringLiteral("arn:aws:iam::1:role/x")}};
    QTest::newRow("nested block")
        << QByteArray("[default]\ns3 =\n  max_concurrent_requests = 10\n\n  addressing_style=path\nregion = x\n")
        << QByteArray() << QStringList{QStringLiteral("default")}
        << Values{{QStringLiteral("default|s3.max_concurrent_requests"), QStringLiteral("10")},
                  {QStringLiteral("default|s3.addressing_style"), QStringLiteral("path")},
                  {QStringLiteral("default|region"), QStringLiteral("x")}};
    QTest::newRow("continuation joins lines")
        << QByteArray("[default]\nnote = one\n  two\n\n  three\n") << QByteArray()
        << QStringList{QStringLiteral("default")}
        << Values{{QStringLiteral("default|note"), QStringLiteral("one\ntwo\n\nthree")}};
    QTest::newRow("quoted and odd profile headers")
        << QByteArray("[profile \"two words\"]\nregion = a\n[profile x y]\nregion = b\n[profilez]\nregion = c\n[ "
                      "profile w]\nregion = d\n"
                      "[profile   pad  ]\nregion = e\n[sso-session s]\nsso_region = f\n[plugins]\nx = y\n")
        << QByteArray() << QStringList{QStringLiteral("two words"), QStringLiteral("pad")}
        << Values{{QStringLiteral("two words|region"), QStringLiteral("a")},
                  {QStringLiteral("pad|region"), QStringLiteral("e")}};
    QTest::newRow("DEFAULT section applies to every section")
        << QByteArray("[DEFAULT]\noutput = text\n[default]\nregion = a\n[profile b]\noutput = json\n") << QByteArray()
        << QStringList{QStringLiteral("default"), QStringLiteral("b")}
        << Values{{QStringLiteral("default|output"), QStringLiteral("text")},
                  {QStringLiteral("b|output"), QStringLiteral("json")}};
    QTest::newRow("crlf and a section name kept literally in credentials")
        << QByteArray("[default]\r\nregion = a\r\n")
        << QByteArray("[profile x]\r\naws_access_key_id = K\r\naws_secret_access_key = S\r\n")
        << QStringList{QStringLiteral("default"), QStringLiteral("profile x")}
        << Values{{QStringLiteral("default|region"), QStringLiteral("a")},
                  {QStringLiteral("profile x|aws_access_key_id"), QStringLiteral("K")}};
    QTest::newRow("later [profile default] replaces [default]")
        << QByteArray("[default]\nregion = a\n[profile default]\noutput = b\n") << QByteArray()
        << QStringList{QStringLiteral("default")} << Values{{QStringLiteral("default|output"), QStringLiteral("b")}};
    QTest::newRow("every key JobDesk reads")
        << QByteArray("[profile all]\nregion = r\nendpoint_url = https://e\nca_bundle = /c.pem\nretry_mode = "
                      "adaptive\nmax_attempts = 7\n"
                      "credential_process = /bin/sh x.sh\nrole_arn = arn:r\nsource_profile = "
                      "default\ncredential_source = Environment\n"
                      "external_id = ext\nrole_session_name = sess\nduration_seconds = 900\nmfa_serial = arn:mfa\n")
        << QByteArray() << QStringList{QStringLiteral("all")}
        << Values{{QStringLiteral("all|region"), QStringLiteral("r")},
                  {QStringLiteral("all|endpoint_url"), QStringLiteral("https://e")},
                  {QStringLiteral("all|ca_bundle"), QStringLiteral("/c.pem")},
                  {QStringLiteral("all|retry_mode"), QStringLiteral("adaptive")},
                  {QStringLiteral("all|max_attempts"), QStringLiteral("7")},
                  {QStringLiteral("all|credential_process"), QStringLiteral("/bin/sh x.sh")},
                  {QStringLiteral("all|role_arn"), QStringLiteral("arn:r")},
                  {QStringLiteral("all|source_profile"), QStringLiteral("default")},
                  {QStringLiteral("all|credential_source"), QStringLiteral("Environment")},
                  {QStringLiteral("all|external_id"), QStringLiteral("ext")},
                  {QStringLiteral("all|role_session_name"), QStringLiteral("sess")},
                  {QStringLiteral("all|duration_seconds"), QStringLiteral("900")},
                  {QStringLiteral("all|mfa_serial"), QStringLiteral("arn:mfa")}};
}

void TestSharedConfig::parse()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QStringList, names);
    QFETCH(Values, values);

    const auto parsed = SharedConfig::parse(config, credentials);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const SharedConfig &shared = parsed.value();
    QCOMPARE(shared.profileNames(), names);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString profile = it.key().section(QLatin1Char('|'), 0, 0);
        const QString key = it.key().section(QLatin1Char('|'), 1);
        QVERIFY(shared.hasProfile(profile));
        if (SharedConfig::isSecretKey(key)) {
            QCOMPARE(shared.secret(profile, key).value().revealText(), it.value());
            QVERIFY(!shared.profile(profile)->contains(key));  // never handed out as text
            QVERIFY(!shared.value(profile, key).has_value());
        } else {
            QCOMPARE(shared.profile(profile)->value(key), it.value());
            if (!key.contains(QLatin1Char('.')))
                QCOMPARE(shared.value(profile, key).value(), it.value());
        }
    }
    QVERIFY(!shared.profile(QStringLiteral("no-such-profile")).has_value());
}

void TestSharedConfig::parseErrors_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QString>("where");

    QTest::newRow("setting before any section")
        << QByteArray("\n# c\nregion = x\n") << QByteArray() << QStringLiteral("config, line 3:");
    QTest::newRow("byte-order mark") << QByteArray("\xef\xbb\xbf[default]\nregion = x\n") << QByteArray()
                                     << QStringLiteral("config, line 1:");
    QTest::newRow("line without =") << QByteArray("[default]\nregion = x\nnonsense\nother\n") << QByteArray()
                                    << QStringLiteral("config, line 3:");
    QTest::newRow("empty key") << QByteArray("[default]\n= x\n") << QByteArray() << QStringLiteral("config, line 2:");
    QTest::newRow("duplicate section") << QByteArray("[default]\n[profile a]\n[default]\n") << QByteArray()
                                       << QStringLiteral("config, line 3:");
    QTest::newRow("duplicate key, any case")
        << QByteArray("[default]\nregion = a\n\nREGION = b\n") << QByteArray() << QStringLiteral("config, line 4:");
    QTest::newRow("nested line without =")
        << QByteArray("[default]\ns3 =\n  a = 1\n  b\n") << QByteArray() << QStringLiteral("config, line 4:");
    QTest::newRow("error in credentials")
        << QByteArray("[default]\n") << QByteArray("[a]\nx = 1\n[a]\n") << QStringLiteral("credentials, line 3:");
    QTest::newRow("not UTF-8") << QByteArray("[default]\nregion = \xff\n") << QByteArray()
                               << QStringLiteral("config is not valid UTF-8");
}

void TestSharedConfig::parseErrors()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QString, where);
    const auto parsed = SharedConfig::parse(config, credentials);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.startsWith(where), qPrintable(parsed.error().message));
    QCOMPARE(parsed.error().code, QStringLiteral("ConfigParseError"));
    QVERIFY(!parsed.error().hint.isEmpty());
}

void TestSharedConfig::matchesBotocore_data()
{
    QTest::addColumn<QString>("dir");
    const QStringList cases = QDir(jobdesk::test::dataDir() + QStringLiteral("/profiles/shared"))
                                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY(cases.size() >= 6);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << profileDir(name);
}

void TestSharedConfig::matchesBotocore()
{
    QFETCH(QString, dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), dir + QStringLiteral("/config"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), dir + QStringLiteral("/credentials"));
    env.remove(QStringLiteral("AWS_PROFILE"));
    env.remove(QStringLiteral("AWS_DEFAULT_PROFILE"));

    // botocore's view: the profile list and each profile's merged settings, or the error class.
    const QString script =
        QStringLiteral("import json, botocore.session\n"
                       "s = botocore.session.Session()\n"
                       "try:\n"
                       "    print(json.dumps({'names': s.available_profiles, 'profiles': s.full_config['profiles']}))\n"
                       "except Exception as e:\n"
                       "    print(json.dumps({'error': type(e).__name__}))\n");
    const auto out = jobdesk::test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script}, {}, env);
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const QJsonObject reference = QJsonDocument::fromJson(out.out).object();

    const auto loaded = SharedConfig::load(env);
    if (reference.contains(QLatin1String("error"))) {
        QCOMPARE(reference.value(QLatin1String("error")).toString(), QStringLiteral("ConfigParseError"));
        QVERIFY2(!loaded.ok(), "botocore rejects this file, JobDesk accepted it");
        QVERIFY(loaded.error().message.contains(QStringLiteral(", line ")));
        return;
    }
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const SharedConfig &shared = loaded.value();

    QStringList names;
    for (const auto &name : reference.value(QLatin1String("names")).toArray())
        names << name.toString();
    QCOMPARE(shared.profileNames(), names);

    const QJsonObject profiles = reference.value(QLatin1String("profiles")).toObject();
    for (const QString &name : names) {
        const QJsonObject expected = profiles.value(name).toObject();
        QMap<QString, QString> flat;
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (SharedConfig::isSecretKey(it.key())) {
                QCOMPARE(shared.secret(name, it.key()).value().revealText(), it.value().toString());
            } else if (it.value().isObject()) {
                const QJsonObject nested = it.value().toObject();
                for (auto n = nested.begin(); n != nested.end(); ++n)
                    flat.insert(it.key() + QLatin1Char('.') + n.key(), n.value().toString());
            } else {
                flat.insert(it.key(), it.value().toString());
            }
        }
        QCOMPARE(shared.profile(name).value(), flat);
    }
}

void TestSharedConfig::staticCredentials()
{
    const auto parsed = SharedConfig::parse(
        QByteArray("[profile both]\naws_access_key_id = CONFIGKEY\naws_secret_access_key = configSecret\n"
                   "[profile partial]\naws_access_key_id = ONLYKEY\n"),
        QByteArray(
            "[both]\naws_access_key_id = CREDKEY\naws_secret_access_key = credSecret\naws_session_token = tok\n"
            "[legacy]\naws_access_key_id = OLDKEY\naws_secret_access_key = oldSecret\naws_security_token = oldTok\n"));
    QVERIFY(parsed.ok());
    const SharedConfig &shared = parsed.value();

    // Each file is read on its own, as the AWS CLI's providers for that file do.
    const auto fromCredentials = shared.staticCredentials(QStringLiteral("both"), SharedConfig::File::Credentials);
    QVERIFY(fromCredentials.ok() && fromCredentials.value().has_value());
    QCOMPARE(fromCredentials.value()->accessKeyId, QStringLiteral("CREDKEY"));
    QCOMPARE(fromCredentials.value()->secretAccessKey.revealText(), QStringLiteral("credSecret"));
    QCOMPARE(fromCredentials.value()->sessionToken.revealText(), QStringLiteral("tok"));
    const auto fromConfig = shared.staticCredentials(QStringLiteral("both"), SharedConfig::File::Config);
    QVERIFY(fromConfig.ok() && fromConfig.value().has_value());
    QCOMPARE(fromConfig.value()->accessKeyId, QStringLiteral("CONFIGKEY"));
    QVERIFY(fromConfig.value()->sessionToken.isEmpty());

    const auto legacy = shared.staticCredentials(QStringLiteral("legacy"), SharedConfig::File::Credentials);
    QCOMPARE(legacy.value()->sessionToken.revealText(), QStringLiteral("oldTok"));

    const auto partial = shared.staticCredentials(QStringLiteral("partial"), SharedConfig::File::Config);
    QVERIFY(!partial.ok());
    QCOMPARE(partial.error().code, QStringLiteral("PartialCredentials"));
    QVERIFY(partial.error().message.contains(QStringLiteral("aws_secret_access_key")));

    const auto none = shared.staticCredentials(QStringLiteral("legacy"), SharedConfig::File::Config);
    QVERIFY(none.ok() && !none.value().has_value());
}

void TestSharedConfig::loadFromEnvironment()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile config(dir.filePath(QStringLiteral("my config")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile from-env]\nregion = eu-west-3\n");
    config.close();

    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir.path());
    env.insert(QStringLiteral("JOBDESK_TEST_DIR"), dir.path());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("${JOBDESK_TEST_DIR}/my config"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("~/missing-credentials"));
    const auto loaded = SharedConfig::load(env);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded.value().profileNames(), QStringList{QStringLiteral("from-env")});
    QCOMPARE(loaded.value().configPath(), dir.filePath(QStringLiteral("my config")));
    QCOMPARE(loaded.value().credentialsPath(), dir.path() + QStringLiteral("/missing-credentials"));
}

void TestSharedConfig::loadDefaultsToHome()
{
    QTemporaryDir home;
    QVERIFY(QDir(home.path()).mkpath(QStringLiteral(".aws")));
    QFile credentials(home.filePath(QStringLiteral(".aws/credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[home]\naws_access_key_id = K\naws_secret_access_key = S\n");
    credentials.close();

    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home.path());
    const auto loaded = SharedConfig::load(env);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().profileNames(), QStringList{QStringLiteral("home")});
    QCOMPARE(loaded.value().configPath(), home.path() + QStringLiteral("/.aws/config"));
}

void TestSharedConfig::loadReportsFileAndLine()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), profileDir(QStringLiteral("dup-option")) + QStringLiteral("/config"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
    const auto loaded = SharedConfig::load(env);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message.left(loaded.error().message.indexOf(QLatin1Char(':'))),
             profileDir(QStringLiteral("dup-option")) + QStringLiteral("/config, line 3"));
    QCOMPARE(loaded.error().field, profileDir(QStringLiteral("dup-option")) + QStringLiteral("/config"));
}

QTEST_GUILESS_MAIN(TestSharedConfig)
#include "tst_sharedconfig.moc"
