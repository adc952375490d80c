// Help pages and shell completion: `help`, `OPERATION help` and `--help` print a
// page naming every option of the operation, and the bash completion script,
// loaded into a real bash, offers the operations and each operation's options.

#include "cli/commandline.h"
#include "core/codepipeline/servicemodel.h"
#include "support/awsclienvironment.h"
#include "support/testenv.h"

#include <QStandardPaths>
#include <QTest>

using namespace jobdesk;
using codepipeline::Operation;
using codepipeline::ServiceModel;

class TestCliHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overview();
    void operationPages_data();
    void operationPages();
    void ssoPage();
    void bashCompletion_data();
    void bashCompletion();
    void zshCompletion();
    void unknownShell();

private:
    test::ProcessOutput run(const QStringList &arguments) const
    {
        return test::runProcess(test::jobdeskCli(), arguments, {},
                                test::AwsCliEnvironment::withKeys(QStringLiteral("AKIDHELP"), QStringLiteral("x")));
    }
};

void TestCliHelp::initTestCase()
{
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
}

void TestCliHelp::overview()
{
    const auto page = run({QStringLiteral("help")});
    QCOMPARE(page.exitCode, 0);
    for (const Operation &op : ServiceModel::codePipeline().operations())
        QVERIFY2(page.out.contains(QByteArray::fromStdString(op.cliName)), op.cliName.c_str());
    for (const char *option : {"--output", "--query", "--debug", "--no-verify-ssl", "--ca-bundle", "--profile",
                               "--no-sign-request", "AWS_RETRY_MODE", "HTTPS_PROXY", "254"})
        QVERIFY2(page.out.contains(option), option);
    QCOMPARE(run({QStringLiteral("--help")}).out, page.out);
}

void TestCliHelp::operationPages_data()
{
    QTest::addColumn<QString>("operation");
    for (const Operation &op : ServiceModel::codePipeline().operations())
        QTest::newRow(op.cliName.c_str()) << QString::fromStdString(op.cliName);
}

void TestCliHelp::operationPages()
{
    QFETCH(QString, operation);
    const Operation *op = ServiceModel::codePipeline().operationByCliName(operation.toStdString());
    const auto page = run({operation, QStringLiteral("help")});
    QCOMPARE(page.exitCode, 0);
    QVERIFY(page.out.startsWith(QByteArray("NAME\n  " + operation.toUtf8())));
    for (const auto &member : op->input->members)
        QVERIFY2(page.out.contains(cli::CommandLine::optionName(member.name).toUtf8()), member.name.c_str());
    if (op->output) {
        for (const auto &member : op->output->members)
            QVERIFY2(page.out.contains(QByteArray::fromStdString(member.name)), member.name.c_str());
    }
    for (const std::string &error : op->errors)
        QVERIFY2(page.out.contains(QByteArray::fromStdString(error)), error.c_str());
    QVERIFY(page.out.contains("OUTPUT"));
    QVERIFY(page.out.contains("--cli-input-json"));
    QVERIFY(page.out.contains("--query EXPRESSION"));  // among the global options, as on the AWS CLI's pages
    QCOMPARE(run({operation, QStringLiteral("--help")}).out, page.out);
    QCOMPARE(run({QStringLiteral("help"), operation}).out, page.out);
    QCOMPARE(page.out.contains("--quiet-poll-warning"), operation == QLatin1String("poll-for-third-party-jobs"));
}

void TestCliHelp::ssoPage()
{
    const auto page = run({QStringLiteral("sso"), QStringLiteral("help")});
    QCOMPARE(page.exitCode, 0);
    QVERIFY(page.out.startsWith("NAME\n  jobdesk-cli sso"));
    for (const char *word :
         {"login", "logout", "--sso-session", "--use-device-code", "--no-browser", "--profile", "130"})
        QVERIFY2(page.out.contains(word), word);
    for (const QStringList &asked :
         {QStringList{QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("help")},
          QStringList{QStringLiteral("sso"), QStringLiteral("logout"), QStringLiteral("--help")},
          QStringList{QStringLiteral("help"), QStringLiteral("sso")},
          QStringList{QStringLiteral("sso"), QStringLiteral("--help")}}) {
        const auto same = run(asked);
        QCOMPARE(same.exitCode, 0);
        QCOMPARE(same.out, page.out);
    }
    // Without a subcommand: the page, and the exit code of a command line that is not complete.
    const auto bare = run({QStringLiteral("sso")});
    QCOMPARE(bare.exitCode, 252);
    QCOMPARE(bare.out, page.out);
    const auto overview = run({QStringLiteral("help")});
    QVERIFY(overview.out.contains("jobdesk-cli sso login|logout"));
    const auto unknown = run({QStringLiteral("sso"), QStringLiteral("whoami")});
    QCOMPARE(unknown.exitCode, 252);
    QVERIFY2(unknown.err.contains("Invalid choice 'whoami'"), unknown.err.constData());
}

void TestCliHelp::bashCompletion_data()
{
    QTest::addColumn<QString>("line");  // the words typed, the last one being completed
    QTest::addColumn<QStringList>("offered");
    QTest::newRow("operations") << QStringLiteral("jobdesk-cli acknow")
                                << QStringList{QStringLiteral("acknowledge-third-party-job")};
    QTest::newRow("put operations") << QStringLiteral("jobdesk-cli codepipeline put-")
                                    << QStringList{QStringLiteral("put-third-party-job-failure-result"),
                                                   QStringLiteral("put-third-party-job-success-result")};
    QTest::newRow("operation options") << QStringLiteral("jobdesk-cli put-third-party-job-failure-result --f")
                                       << QStringList{QStringLiteral("--failure-details")};
    QTest::newRow("poll options") << QStringLiteral("jobdesk-cli poll-for-third-party-jobs --q")
                                  << QStringList{QStringLiteral("--query"), QStringLiteral("--quiet-poll-warning")};
    QTest::newRow("global query") << QStringLiteral("jobdesk-cli get-third-party-job-details --qu")
                                  << QStringList{QStringLiteral("--query")};
    // An expression is the user's own: nothing (no file names either) is offered for it.
    QTest::newRow("query value") << QStringLiteral("jobdesk-cli get-third-party-job-details --query j")
                                 << QStringList{};
    QTest::newRow("output values") << QStringLiteral("jobdesk-cli get-third-party-job-details --output t")
                                   << QStringList{QStringLiteral("table"), QStringLiteral("text")};
    QTest::newRow("sso subcommands") << QStringLiteral("jobdesk-cli sso lo")
                                     << QStringList{QStringLiteral("login"), QStringLiteral("logout")};
    QTest::newRow("sso login options") << QStringLiteral("jobdesk-cli sso login --u")
                                       << QStringList{QStringLiteral("--use-device-code")};
    QTest::newRow("sso session value") << QStringLiteral("jobdesk-cli sso login --sso-session d") << QStringList{};
    QTest::newRow("help topics") << QStringLiteral("jobdesk-cli help ss") << QStringList{QStringLiteral("sso")};
    QTest::newRow("completion shells") << QStringLiteral("jobdesk-cli completion ")
                                       << QStringList{QStringLiteral("bash"), QStringLiteral("zsh")};
}

void TestCliHelp::bashCompletion()
{
    QFETCH(QString, line);
    QFETCH(QStringList, offered);
    const auto script = run({QStringLiteral("completion"), QStringLiteral("bash")});
    QCOMPARE(script.exitCode, 0);
    // Load the script into bash, fill COMP_WORDS as readline would, and print COMPREPLY.
    const QString driver =
        QString::fromUtf8(script.out)
        + QStringLiteral("\nCOMP_WORDS=(%1)\n")
              .arg(line + (line.endsWith(QLatin1Char(' ')) ? QStringLiteral("''") : QString()))
        + QStringLiteral(
            "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_jobdesk_cli\nprintf '%s\\n' \"${COMPREPLY[@]}\" | sort\n");
    const auto out = test::runProcess(QStringLiteral("bash"), {QStringLiteral("--norc"), QStringLiteral("-c"), driver});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    QStringList got = QString::fromUtf8(out.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(got, offered);
}

void TestCliHelp::zshCompletion()
{
    const auto script = run({QStringLiteral("completion"), QStringLiteral("zsh")});
    QCOMPARE(script.exitCode, 0);
    QVERIFY(script.out.startsWith("#compdef jobdesk-cli\n"));
    for (const Operation &op : ServiceModel::codePipeline().operations())
        QVERIFY(script.out.contains(QByteArray::fromStdString(op.cliName)));
    const QString zsh = QStandardPaths::findExecutable(QStringLiteral("zsh"));
    QVERIFY2(!zsh.isEmpty(),
             "zsh is needed to check the zsh completion script (packaging/linux/install-deps.sh installs it)");
    // Syntax check only: zsh -n parses without running.
    const auto check = test::runProcess(zsh, {QStringLiteral("-n")}, script.out);
    QVERIFY2(check.exitCode == 0, check.err.constData());
    const auto bashCheck = test::runProcess(QStringLiteral("bash"), {QStringLiteral("-n")},
                                            run({QStringLiteral("completion"), QStringLiteral("bash")}).out);
    QVERIFY2(bashCheck.exitCode == 0, bashCheck.err.constData());
}

void TestCliHelp::unknownShell()
{
    const auto out = run({QStringLiteral("completion"), QStringLiteral("fish")});
    QCOMPARE(out.exitCode, 252);
    QVERIFY(out.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_clihelp.moc"
