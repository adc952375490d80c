// HomeDir::expandUser: "~" as Python's os.path.expanduser expands it, which the AWS
// CLI uses for its file settings. Both rule sets run here on any system, and every
// case is compared with python3's own ntpath.expanduser (Windows) or
// posixpath.expanduser (POSIX), run with the same environment.

#include "core/platform/homedir.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using jobdesk::platform::Flavor;
using jobdesk::platform::HomeDir;

namespace {

struct Case
{
    QString path;
    QJsonObject env;
};

QProcessEnvironment environmentOf(const QJsonObject &env)
{
    QProcessEnvironment out;
    for (auto it = env.begin(); it != env.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

// Every path under every environment.
QList<Case> combine(const QStringList &paths, const QList<QJsonObject> &envs)
{
    QList<Case> cases;
    for (const QJsonObject &env : envs) {
        for (const QString &path : paths)
            cases.append({path, env});
    }
    return cases;
}

// What python3's module (ntpath or posixpath) makes of each case, with os.environ
// replaced by the case's environment.
QStringList pythonAnswers(const QString &module, const QList<Case> &cases)
{
    QJsonArray input;
    for (const Case &c : cases)
        input.append(QJsonObject{{QStringLiteral("path"), c.path}, {QStringLiteral("env"), c.env}});
    const QString script = QStringLiteral("import json, os, sys, %1 as m\n"
                                          "out = []\n"
                                          "for case in json.load(sys.stdin):\n"
                                          "    os.environ.clear()\n"
                                          "    os.environ.update(case['env'])\n"
                                          "    out.append(m.expanduser(case['path']))\n"
                                          "print(json.dumps(out))\n")
                               .arg(module);
    const auto run = jobdesk::test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script},
                                               QJsonDocument(input).toJson(QJsonDocument::Compact));
    if (run.exitCode != 0) {
        qWarning("%s", run.err.constData());
        return {};
    }
    QStringList answers;
    const QJsonArray array = QJsonDocument::fromJson(run.out).array();
    for (const auto &value : array)
        answers << value.toString();
    return answers;
}

QString describe(const Case &c)
{
    return QStringLiteral("%1 with %2")
        .arg(c.path, QString::fromUtf8(QJsonDocument(c.env).toJson(QJsonDocument::Compact)));
}

}  // namespace

class TestHomeDir : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowsRules_data();
    void windowsRules();
    void windowsMatchesNtpath();
    void posixRules_data();
    void posixRules();
    void posixMatchesPosixpath();
    void nativeRules();
    void accountHome();
};

void TestHomeDir::windowsRules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("env");  // NAME=value
    QTest::addColumn<QString>("expected");

    const QStringList profile{QStringLiteral("USERPROFILE=C:\\Users\\alice"), QStringLiteral("USERNAME=alice")};
    QTest::newRow("USERPROFILE") << QStringLiteral("~\\.aws\\config") << profile
                                 << QStringLiteral("C:\\Users\\alice\\.aws\\config");
    QTest::newRow("forward slash accepted")
        << QStringLiteral("~/.aws/config") << profile << QStringLiteral("C:\\Users\\alice/.aws/config");
    QTest::newRow("HOME is not read") << QStringLiteral("~") << QStringList{QStringLiteral("HOME=/home/alice")}
                                      << QStringLiteral("~");
    QTest::newRow("HOMEDRIVE and HOMEPATH")
        << QStringLiteral("~\\x") << QStringList{QStringLiteral("HOMEDRIVE=D:"), QStringLiteral("HOMEPATH=\\home\\al")}
        << QStringLiteral("D:\\home\\al\\x");
    QTest::newRow("USERPROFILE wins") << QStringLiteral(
        "~") << (profile + QStringList{QStringLiteral("HOMEDRIVE=D:"), QStringLiteral("HOMEPATH=\\x")})
                                      << QStringLiteral("C:\\Users\\alice");
    QTest::newRow("another user is a sibling")
        << QStringLiteral("~bob\\x") << profile << QStringLiteral("C:\\Users\\bob\\x");
    QTest::newRow("our own name") << QStringLiteral("~alice\\x") << profile << QStringLiteral("C:\\Users\\alice\\x");
    QTest::newRow("home not named after us")
        << QStringLiteral("~bob\\x")
        << QStringList{QStringLiteral("USERPROFILE=C:\\Users\\alice"), QStringLiteral("USERNAME=carol")}
        << QStringLiteral("~bob\\x");
    QTest::newRow("no home at all") << QStringLiteral("~\\x") << QStringList{} << QStringLiteral("~\\x");
    QTest::newRow("not at the start") << QStringLiteral("a\\~\\x") << profile << QStringLiteral("a\\~\\x");
}

void TestHomeDir::windowsRules()
{
    QFETCH(QString, path);
    QFETCH(QStringList, env);
    QFETCH(QString, expected);
    QProcessEnvironment environment;
    for (const QString &entry : env)
        environment.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    QCOMPARE(HomeDir::expandUser(path, environment, Flavor::Windows), expected);
}

void TestHomeDir::windowsMatchesNtpath()
{
    const QStringList paths{
        QStringLiteral("~"),
        QStringLiteral("~\\"),
        QStringLiteral("~/"),
        QStringLiteral("~\\x"),
        QStringLiteral("~/x"),
        QStringLiteral("~\\.aws\\config"),
        QStringLiteral("~/.aws/config"),
        QStringLiteral("~alice"),
        QStringLiteral("~alice\\docs"),
        QStringLiteral("~alice/docs"),
        QStringLiteral("~bob"),
        QStringLiteral("~bob\\x\\y"),
        QStringLiteral("~bob/x"),
        QStringLiteral("~Bob\\x"),
        QStringLiteral("~~"),
        QStringLiteral("~~\\x"),
        QStringLiteral("~ \\x"),
        QStringLiteral("~émile\\x"),
        QStringLiteral("x~"),
        QStringLiteral(""),
        QStringLiteral(" ~"),
        QStringLiteral("C:~"),
        QStringLiteral("~:\\x"),
        QStringLiteral("~\\\\x"),
        QStringLiteral("~x~y\\z"),
        QStringLiteral("~$HOME"),
    };
    const auto env = [](std::initializer_list<std::pair<const char *, const char *>> pairs) {
        QJsonObject object;
        for (const auto &[name, value] : pairs)
            object.insert(QLatin1String(name), QString::fromUtf8(value));
        return object;
    };
    const QList<QJsonObject> envs{
        env({{"USERPROFILE", "C:\\Users\\alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "C:\\Users\\alice\\"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "C:/Users/alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "C:\\Users\\alice"}, {"USERNAME", "bob"}}),
        env({{"USERPROFILE", "C:\\Users\\alice"}}),
        env({{"USERPROFILE", ""}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "C:\\"}, {"USERNAME", ""}}),
        env({{"USERPROFILE", "alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "\\\\server\\share\\alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "\\\\server\\share"}, {"USERNAME", "share"}}),
        env({{"USERPROFILE", "//server/share/users/alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "\\\\?\\UNC\\server\\share\\alice"}, {"USERNAME", "alice"}}),
        env({{"USERPROFILE", "C:\\Users\\alice"}, {"HOMEDRIVE", "D:"}, {"HOMEPATH", "\\x"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "D:"}, {"HOMEPATH", "\\home\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "D:"}, {"HOMEPATH", "home\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "D:\\"}, {"HOMEPATH", "home\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEPATH", "\\home\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "D:"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "\\\\server\\share"}, {"HOMEPATH", "alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "\\\\server\\share"}, {"HOMEPATH", "\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "C:"}, {"HOMEPATH", "D:\\other\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", "c:"}, {"HOMEPATH", "C:users\\alice"}, {"USERNAME", "alice"}}),
        env({{"HOMEDRIVE", ""}, {"HOMEPATH", ""}, {"USERNAME", ""}}),
        env({{"HOME", "/home/alice"}, {"USERNAME", "alice"}}),
        env({}),
    };
    const QList<Case> cases = combine(paths, envs);
    const QStringList expected = pythonAnswers(QStringLiteral("ntpath"), cases);
    QCOMPARE(expected.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const Case &c = cases.at(i);
        const QString ours = HomeDir::expandUser(c.path, environmentOf(c.env), Flavor::Windows);
        QVERIFY2(
            ours == expected.at(i),
            qPrintable(QStringLiteral("%1: ntpath gives “%2”, we give “%3”").arg(describe(c), expected.at(i), ours)));
    }
    qInfo("%lld cases agree with ntpath.expanduser", qlonglong(cases.size()));
}

void TestHomeDir::posixRules_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("home");
    QTest::addColumn<QString>("expected");
    QTest::newRow("HOME") << QStringLiteral("~/.aws/config") << QStringLiteral("/home/alice")
                          << QStringLiteral("/home/alice/.aws/config");
    QTest::newRow("trailing slashes of HOME")
        << QStringLiteral("~/x") << QStringLiteral("/home/alice//") << QStringLiteral("/home/alice/x");
    QTest::newRow("HOME is the root") << QStringLiteral("~") << QStringLiteral("/") << QStringLiteral("/");
    QTest::newRow("backslash is no separator")
        << QStringLiteral("~\\x") << QStringLiteral("/home/alice") << QStringLiteral("~\\x");
    QTest::newRow("not at the start") << QStringLiteral("/a/~") << QStringLiteral("/home/alice")
                                      << QStringLiteral("/a/~");
}

void TestHomeDir::posixRules()
{
    QFETCH(QString, path);
    QFETCH(QString, home);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), home);
    QCOMPARE(HomeDir::expandUser(path, env, Flavor::Posix), expected);
}

void TestHomeDir::posixMatchesPosixpath()
{
#if defined(Q_OS_WIN)
    QSKIP("posixpath reads the account database (pwd), which Windows does not have");
#else
    // Accounts come from the real database, as Python's pwd reads them: root exists on
    // every POSIX system, and the other name on none.
    const QStringList paths{
        QStringLiteral("~"),
        QStringLiteral("~/"),
        QStringLiteral("~/x"),
        QStringLiteral("~//x"),
        QStringLiteral("~/.aws/config"),
        QStringLiteral("~\\x"),
        QStringLiteral("~root"),
        QStringLiteral("~root/x"),
        QStringLiteral("~root//"),
        QStringLiteral("~jobdesk-no-such-user/x"),
        QStringLiteral("~~"),
        QStringLiteral("x~"),
        QStringLiteral(""),
        QStringLiteral(" ~"),
        QStringLiteral("~é/x"),
    };
    const auto home = [](const char *value) { return QJsonObject{{QStringLiteral("HOME"), QString::fromUtf8(value)}}; };
    const QList<QJsonObject> envs{
        home("/home/alice"),
        home("/home/alice/"),
        home("//srv//alice//"),
        home("/"),
        home(""),
        home("relative/home"),
        home("/home/émile"),
        QJsonObject{{QStringLiteral("USERPROFILE"), QStringLiteral("C:\\x")}},
        QJsonObject{},
    };
    const QList<Case> cases = combine(paths, envs);
    const QStringList expected = pythonAnswers(QStringLiteral("posixpath"), cases);
    QCOMPARE(expected.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const Case &c = cases.at(i);
        const QString ours = HomeDir::expandUser(c.path, environmentOf(c.env), Flavor::Posix);
        QVERIFY2(ours == expected.at(i),
                 qPrintable(
                     QStringLiteral("%1: posixpath gives “%2”, we give “%3”").arg(describe(c), expected.at(i), ours)));
    }
    qInfo("%lld cases agree with posixpath.expanduser", qlonglong(cases.size()));
#endif
}

void TestHomeDir::nativeRules()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/home/alice"));
    env.insert(QStringLiteral("USERPROFILE"), QStringLiteral("C:\\Users\\alice"));
    const QString expected = jobdesk::platform::nativeFlavor() == Flavor::Windows
        ? QStringLiteral("C:\\Users\\alice/.aws")
        : QStringLiteral("/home/alice/.aws");
    QCOMPARE(HomeDir::expandUser(QStringLiteral("~/.aws"), env), expected);
}

void TestHomeDir::accountHome()
{
#if defined(Q_OS_WIN)
    QVERIFY(!HomeDir::accountHome().has_value());
#else
    // The same answers as Python's pwd module.
    const auto run =
        jobdesk::test::runProcess(QStringLiteral("python3"),
                                  {QStringLiteral("-c"),
                                   QStringLiteral("import os, pwd; print(pwd.getpwuid(os.getuid()).pw_dir); "
                                                  "print(pwd.getpwnam('root').pw_dir)")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'));
    QCOMPARE(HomeDir::accountHome(), std::optional<QString>(lines.value(0)));
    QCOMPARE(HomeDir::accountHome(QStringLiteral("root")), std::optional<QString>(lines.value(1)));
    QVERIFY(!HomeDir::accountHome(QStringLiteral("jobdesk-no-such-user")).has_value());
#endif
}

QTEST_GUILESS_MAIN(TestHomeDir)
#include "tst_homedir.moc"
