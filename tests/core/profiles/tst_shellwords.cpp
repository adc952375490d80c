// Command-line splitting for credential_process, checked against Python's shlex,
// which the AWS CLI uses for the same job.

#include "core/profiles/shellwords.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using jobdesk::profiles::ShellWords;

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
    const auto result = ShellWords::split(line);
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
    const auto result = ShellWords::split(line);
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
    const auto result = ShellWords::split(line);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
    // shlex refuses the same lines.
    const auto out = jobdesk::test::runProcess(
        QStringLiteral("python3"),
        {QStringLiteral("-c"), QStringLiteral("import shlex,sys; shlex.split(sys.stdin.read())")}, line.toUtf8());
    QVERIFY(out.exitCode != 0);
    QVERIFY(out.err.contains("ValueError"));
}

QTEST_GUILESS_MAIN(TestShellWords)
#include "tst_shellwords.moc"
