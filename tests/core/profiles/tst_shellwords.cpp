// Command-line splitting for credential_process, checked against botocore's own
// compat_shell_split, which the AWS CLI uses for the same job: shlex's rules for
// POSIX and the Windows C runtime's for Windows. Both rule sets run on any system.

#include "core/profiles/shellwords.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using jobdesk::platform::Flavor;
using jobdesk::profiles::ShellWords;

namespace {

// Lines of the characters that matter to either rule set, the same ones on every run.
QStringList generatedLines(int count)
{
    static const QString alphabet = QStringLiteral("ab \t\"\\'\n#é");
    QRandomGenerator random(20240611);
    QStringList lines;
    for (int i = 0; i < count; ++i) {
        QString line;
        const int length = int(random.bounded(14));
        for (int j = 0; j < length; ++j)
            line += alphabet.at(qsizetype(random.bounded(int(alphabet.size()))));
        lines << line;
    }
    return lines;
}

// botocore's compat_shell_split(line, platform) for each line: the words, or null when it raises.
QList<std::optional<QStringList>> botocoreSplit(const QStringList &lines, const QString &platform)
{
    const QString script = QStringLiteral("import json, sys\n"
                                          "from botocore.compat import compat_shell_split\n"
                                          "out = []\n"
                                          "for line in json.load(sys.stdin):\n"
                                          "    try:\n"
                                          "        out.append(compat_shell_split(line, '%1'))\n"
                                          "    except ValueError:\n"
                                          "        out.append(None)\n"
                                          "print(json.dumps(out))\n")
                               .arg(platform);
    const auto run = jobdesk::test::runProcess(QStringLiteral("python3"), {QStringLiteral("-c"), script},
                                               QJsonDocument(QJsonArray::fromStringList(lines)).toJson());
    QList<std::optional<QStringList>> answers;
    if (run.exitCode != 0) {
        qWarning("%s", run.err.constData());
        return answers;
    }
    const QJsonArray array = QJsonDocument::fromJson(run.out).array();
    for (const auto &value : array) {
        if (value.isNull()) {
            answers << std::nullopt;
            continue;
        }
        QStringList words;
        const QJsonArray list = value.toArray();
        for (const auto &word : list)
            words << word.toString();
        answers << words;
    }
    return answers;
}

// Compares ours with botocore's for every line; returns how many were compared, or -1.
int compareWithBotocore(const QStringList &lines, Flavor flavor)
{
    const auto expected =
        botocoreSplit(lines, flavor == Flavor::Windows ? QStringLiteral("win32") : QStringLiteral("linux"));
    if (expected.size() != lines.size())
        return -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto ours = ShellWords::split(lines.at(i), flavor);
        const bool same = expected.at(i) ? ours.ok() && ours.value() == *expected.at(i) : !ours.ok();
        if (!same) {
            qWarning(
                "line %s: botocore gives %s, we give %s",
                qPrintable(QString::fromUtf8(QJsonDocument(QJsonArray{lines.at(i)}).toJson(QJsonDocument::Compact))),
                expected.at(i) ? qPrintable(expected.at(i)->join(QStringLiteral("|"))) : "an error",
                ours.ok() ? qPrintable(ours.value().join(QStringLiteral("|"))) : "an error");
            return -1;
        }
    }
    const auto refused = std::count(expected.cbegin(), expected.cend(), std::nullopt);
    qInfo("%lld of them are refused by both", qlonglong(refused));
    return int(lines.size());
}

}  // namespace

class TestShellWords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void matchesShlex_data();
    void matchesShlex();
    void errors_data();
    void errors();
    void windowsSplit_data();
    void windowsSplit();
    void windowsMatchesBotocore();
    void posixMatchesBotocore();
    void nativeRulesByDefault();
};

void TestShellWords::split_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");

    QTest::newRow("plain") << QStringLiteral("/bin/sh script.sh --flag")
                           << QStringList{QStringLiteral("/bin/sh"), QStringLiteral("script.sh"),
                                          QStringLiteral("--flag")};
    QTest::newRow("runs of blanks") << QStringLiteral("  a \t b  ")
                                    << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("single quotes") << QStringLiteral("a 'b c' d")
                                   << QStringList{QStringLiteral("a"), QStringLiteral("b c"), QStringLiteral("d")};
    QTest::newRow("double quotes") << QStringLiteral("\"/some path/x\" y")
                                   << QStringList{QStringLiteral("/some path/x"), QStringLiteral("y")};
    QTest::newRow("adjacent parts join") << QStringLiteral("a\"b c\"'d e'f") << QStringList{QStringLiteral("ab cd ef")};
    QTest::newRow("empty quotes are a word")
        << QStringLiteral("a '' \"\" b") << QStringList{QStringLiteral("a"), QString(), QString(), QStringLiteral("b")};
    QTest::newRow("backslash outside quotes")
        << QStringLiteral("a\\ b c\\d") << QStringList{QStringLiteral("a b"), QStringLiteral("cd")};
    QTest::newRow("backslash in double quotes")
        << QStringLiteral("\"a\\\"b\\\\c\\d\"") << QStringList{QStringLiteral("a\"b\\c\\d")};
    QTest::newRow("backslash in single quotes") << QStringLiteral("'a\\b'") << QStringList{QStringLiteral("a\\b")};
    QTest::newRow("hash is not a comment")
        << QStringLiteral("a #b") << QStringList{QStringLiteral("a"), QStringLiteral("#b")};
    QTest::newRow("nothing") << QStringLiteral("   ") << QStringList{};
}

void TestShellWords::split()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);
    const auto result = ShellWords::split(line, Flavor::Posix);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), words);
}

void TestShellWords::matchesShlex_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("mixed") << QStringLiteral("/bin/sh -c 'echo \"$HOME\"' x\\ y \"a\\$b\"");
    QTest::newRow("quotes in words") << QStringLiteral("--opt=\"a b\"'c'd e''f");
    QTest::newRow("unicode") << QStringLiteral("prog 'ünï cødé' \"日本\"");
    QTest::newRow("tabs and newlines") << QStringLiteral("a\tb\nc\r\nd");
    QTest::newRow("escaped quote chars") << QStringLiteral("\\'a\\\" \"'\" '\"'");
}

void TestShellWords::matchesShlex()
{
    QFETCH(QString, line);
    const auto out = jobdesk::test::runProcess(
        QStringLiteral("python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import json,shlex,sys; print(json.dumps(shlex.split(sys.stdin.read())))")},
        line.toUtf8());
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QStringList expected;
    const QJsonArray array = QJsonDocument::fromJson(out.out).array();
    for (const auto &word : array)
        expected << word.toString();
    const auto result = ShellWords::split(line, Flavor::Posix);
    QVERIFY(result.ok());
    QCOMPARE(result.value(), expected);
}

void TestShellWords::errors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("open single") << QStringLiteral("a 'b") << QStringLiteral("No closing quotation.");
    QTest::newRow("open double") << QStringLiteral("a \"b") << QStringLiteral("No closing quotation.");
    QTest::newRow("final backslash") << QStringLiteral("a b\\")
                                     << QStringLiteral("No escaped character after the final backslash.");
}

void TestShellWords::errors()
{
    QFETCH(QString, line);
    QFETCH(QString, message);
    const auto result = ShellWords::split(line, Flavor::Posix);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
    // shlex refuses the same lines.
    const auto out = jobdesk::test::runProcess(
        QStringLiteral("python3"),
        {QStringLiteral("-c"), QStringLiteral("import shlex,sys; shlex.split(sys.stdin.read())")}, line.toUtf8());
    QVERIFY(out.exitCode != 0);
    QVERIFY(out.err.contains("ValueError"));
}

void TestShellWords::windowsSplit_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("program path with backslashes")
        << QStringLiteral("C:\\Tools\\creds.exe --profile dev")
        << QStringList{QStringLiteral("C:\\Tools\\creds.exe"), QStringLiteral("--profile"), QStringLiteral("dev")};
    QTest::newRow("quoted path with a space")
        << QStringLiteral("\"C:\\Program Files\\Acme\\creds.exe\" x")
        << QStringList{QStringLiteral("C:\\Program Files\\Acme\\creds.exe"), QStringLiteral("x")};
    QTest::newRow("single quotes are letters")
        << QStringLiteral("a 'b c'") << QStringList{QStringLiteral("a"), QStringLiteral("'b"), QStringLiteral("c'")};
    QTest::newRow("newline is not a separator")
        << QStringLiteral("a\nb c") << QStringList{QStringLiteral("a\nb"), QStringLiteral("c")};
    QTest::newRow("escaped quote") << QStringLiteral("a\\\"b") << QStringList{QStringLiteral("a\"b")};
    QTest::newRow("backslash pair before quote")
        << QStringLiteral("\"a\\\\\" b") << QStringList{QStringLiteral("a\\"), QStringLiteral("b")};
    QTest::newRow("three backslashes before quote")
        << QStringLiteral("a\\\\\\\"b") << QStringList{QStringLiteral("a\\\"b")};
    QTest::newRow("trailing backslashes stay")
        << QStringLiteral("dir\\ x\\\\") << QStringList{QStringLiteral("dir\\"), QStringLiteral("x\\\\")};
    QTest::newRow("empty quotes are a word")
        << QStringLiteral("a \"\" b") << QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")};
    QTest::newRow("quotes join parts") << QStringLiteral("--x=\"a b\"c") << QStringList{QStringLiteral("--x=a bc")};
    QTest::newRow("tabs and spaces") << QStringLiteral(" \ta \t b\t")
                                     << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("nothing") << QString() << QStringList{};
}

void TestShellWords::windowsSplit()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);
    const auto result = ShellWords::split(line, Flavor::Windows);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value(), words);

    const auto unbalanced = ShellWords::split(line + QStringLiteral(" \"open"), Flavor::Windows);
    QVERIFY(!unbalanced.ok());
    QCOMPARE(unbalanced.error().message, QStringLiteral("No closing quotation."));
}

void TestShellWords::windowsMatchesBotocore()
{
    QStringList lines{
        QStringLiteral("C:\\Tools\\creds.exe --profile dev"),
        QStringLiteral("\"C:\\Program Files\\Acme\\creds.exe\" --role \"arn:aws:iam::1:role/x\""),
        QStringLiteral("a\\\\\\\"b \"c\\\\\" d\\"),
        QStringLiteral("\"\"\"\" \"\" x\"\"y"),
        QStringLiteral("\"unterminated"),
        QStringLiteral("\\\\server\\share\\creds.exe"),
        QStringLiteral("py -c \"print(\\\"hi\\\")\""),
        QStringLiteral("a\r\nb\vc"),
        QStringLiteral("'single' \"dou'ble\""),
        QStringLiteral("ünï cødé \"日本 語\""),
    };
    const QStringList generated = generatedLines(1000);
    lines << generated;
    const int compared = compareWithBotocore(lines, Flavor::Windows);
    QCOMPARE(compared, lines.size());
    qInfo("%d lines agree with compat_shell_split(line, 'win32')", compared);
}

void TestShellWords::posixMatchesBotocore()
{
    const QStringList lines = generatedLines(1000);
    const int compared = compareWithBotocore(lines, Flavor::Posix);
    QCOMPARE(compared, lines.size());
    qInfo("%d lines agree with compat_shell_split(line, 'linux')", compared);
}

void TestShellWords::nativeRulesByDefault()
{
    // The one line both rule sets split differently.
    const QString line = QStringLiteral("a 'b c'");
    const auto native = ShellWords::split(line);
    QVERIFY(native.ok());
    QCOMPARE(native.value(), ShellWords::split(line, jobdesk::platform::nativeFlavor()).value());
#if defined(Q_OS_WIN)
    QCOMPARE(native.value().size(), 3);
#else
    QCOMPARE(native.value().size(), 2);
#endif
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
