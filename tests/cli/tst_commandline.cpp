// The command-line parser in-process: global options anywhere, parameters as
// plain values, shorthand, JSON and file://, integers and timestamps,
// --cli-input-json merging, skeleton and help forms, and its errors.

#include "cli/commandline.h"
#include "cli/ssocommand.h"

#include <QTemporaryDir>
#include <QTest>

using jobdesk::cli::CommandLine;
using Json = nlohmann::ordered_json;

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void params_data();
    void params();
    void errors_data();
    void errors();
    void globalOptions();
    void fileValues();
    void commands();
    void timestamps_data();
    void timestamps();
};

void TestCommandLine::params_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QString get = QStringLiteral("get-third-party-job-details");
    QTest::newRow("plain") << QStringList{get, QStringLiteral("--job-id"), QStringLiteral("j"),
                                          QStringLiteral("--client-token"), QStringLiteral("t")}
                           << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\"}");
    QTest::newRow("inline = values") << QStringList{get, QStringLiteral("--job-id=j=k"),
                                                    QStringLiteral("--client-token=t")}
                                     << QStringLiteral("{\"jobId\":\"j=k\",\"clientToken\":\"t\"}");
    QTest::newRow("codepipeline prefix, globals between") << QStringList{QStringLiteral("--region"),
                                                                         QStringLiteral("eu-west-1"),
                                                                         QStringLiteral("codepipeline"),
                                                                         get,
                                                                         QStringLiteral("--debug"),
                                                                         QStringLiteral("--job-id"),
                                                                         QStringLiteral("j"),
                                                                         QStringLiteral("--output"),
                                                                         QStringLiteral("text"),
                                                                         QStringLiteral("--client-token"),
                                                                         QStringLiteral("t")}
                                                          << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\"}");
    QTest::newRow("poll shorthand and integer")
        << QStringList{QStringLiteral("poll-for-third-party-jobs"), QStringLiteral("--action-type-id"),
                       QStringLiteral("category=Build,owner=ThirdParty,provider=X,version=1"),
                       QStringLiteral("--max-batch-size"), QStringLiteral(" 1_0 ")}
        << QStringLiteral("{\"actionTypeId\":{\"category\":\"Build\",\"owner\":\"ThirdParty\",\"provider\":\"X\","
                          "\"version\":\"1\"},\"maxBatchSize\":10}");
    QTest::newRow("poll JSON") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                              QStringLiteral("--action-type-id"),
                                              QStringLiteral("  {\"version\":\"1\",\"category\":\"Build\"}")}
                               << QStringLiteral("{\"actionTypeId\":{\"version\":\"1\",\"category\":\"Build\"}}");
    QTest::newRow("failure details with a quoted comma")
        << QStringList{QStringLiteral("put-third-party-job-failure-result"),
                       QStringLiteral("--job-id"),
                       QStringLiteral("j"),
                       QStringLiteral("--client-token"),
                       QStringLiteral("t"),
                       QStringLiteral("--failure-details"),
                       QStringLiteral("type=JobFailed,message=\"a,b\"")}
        << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\",\"failureDetails\":{\"type\":\"JobFailed\","
                          "\"message\":\"a,b\"}}");
    QTest::newRow("unquoted comma makes a list (validation rejects it later)")
        << QStringList{QStringLiteral("put-third-party-job-failure-result"),
                       QStringLiteral("--job-id"),
                       QStringLiteral("j"),
                       QStringLiteral("--client-token"),
                       QStringLiteral("t"),
                       QStringLiteral("--failure-details"),
                       QStringLiteral("type=JobFailed,message=a,b")}
        << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\",\"failureDetails\":{\"type\":\"JobFailed\","
                          "\"message\":[\"a\",\"b\"]}}");
    QTest::newRow("execution details integer")
        << QStringList{QStringLiteral("put-third-party-job-success-result"),
                       QStringLiteral("--job-id"),
                       QStringLiteral("j"),
                       QStringLiteral("--client-token"),
                       QStringLiteral("t"),
                       QStringLiteral("--execution-details"),
                       QStringLiteral("summary=x,percentComplete=7")}
        << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\",\"executionDetails\":{\"summary\":\"x\","
                          "\"percentComplete\":7}}");
    QTest::newRow("timestamp to seconds")
        << QStringList{QStringLiteral("put-third-party-job-success-result"),
                       QStringLiteral("--job-id"),
                       QStringLiteral("j"),
                       QStringLiteral("--client-token"),
                       QStringLiteral("t"),
                       QStringLiteral("--current-revision"),
                       QStringLiteral("revision=r,changeIdentifier=c,created=1970-01-02T00:00:00")}
        << QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"t\",\"currentRevision\":{\"revision\":\"r\","
                          "\"changeIdentifier\":\"c\",\"created\":86400}}");
    QTest::newRow("cli-input-json, command line wins")
        << QStringList{QStringLiteral("acknowledge-third-party-job"), QStringLiteral("--nonce"), QStringLiteral("2"),
                       QStringLiteral("--cli-input-json"),
                       QStringLiteral("{\"jobId\":\"j\",\"nonce\":\"1\",\"clientToken\":\"t\"}")}
        << QStringLiteral("{\"jobId\":\"j\",\"nonce\":\"2\",\"clientToken\":\"t\"}");
    QTest::newRow("cli-input-json may miss required members (validation reports them)")
        << QStringList{get, QStringLiteral("--cli-input-json"), QStringLiteral("{\"jobId\":\"j\"}")}
        << QStringLiteral("{\"jobId\":\"j\"}");
}

void TestCommandLine::params()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const auto parsed = CommandLine::parse(arguments);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().command, CommandLine::Command::Operation);
    QCOMPARE(QString::fromStdString(parsed.value().params.dump()), expected);
}

void TestCommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString get = QStringLiteral("get-third-party-job-details");
    QTest::newRow("no operation") << QStringList{} << CommandLine::usageErrorCode()
                                  << QStringLiteral("the following arguments are required: operation");
    QTest::newRow("unknown operation") << QStringList{QStringLiteral("get-job")} << CommandLine::usageErrorCode()
                                       << QStringLiteral("argument operation: Invalid choice 'get-job'");
    QTest::newRow("missing") << QStringList{get} << CommandLine::usageErrorCode()
                             << QStringLiteral("the following arguments are required: --job-id, --client-token");
    QTest::newRow("unknown") << QStringList{get,
                                            QStringLiteral("--job-id"),
                                            QStringLiteral("j"),
                                            QStringLiteral("--client-token"),
                                            QStringLiteral("t"),
                                            QStringLiteral("--nonce"),
                                            QStringLiteral("1")}
                             << CommandLine::unknownOptionsCode() << QStringLiteral("Unknown options: --nonce, 1");
    QTest::newRow("quiet poll warning is poll's")
        << QStringList{get,
                       QStringLiteral("--job-id"),
                       QStringLiteral("j"),
                       QStringLiteral("--client-token"),
                       QStringLiteral("t"),
                       QStringLiteral("--quiet-poll-warning")}
        << CommandLine::unknownOptionsCode() << QStringLiteral("--quiet-poll-warning");
    QTest::newRow("no value") << QStringList{get, QStringLiteral("--job-id")} << CommandLine::usageErrorCode()
                              << QStringLiteral("argument --job-id: expected one argument");
    QTest::newRow("bad color") << QStringList{get, QStringLiteral("--color"), QStringLiteral("blue")}
                               << CommandLine::usageErrorCode()
                               << QStringLiteral("argument --color: invalid choice: 'blue'");
    QTest::newRow("bad skeleton") << QStringList{get, QStringLiteral("--generate-cli-skeleton"), QStringLiteral("yaml")}
                                  << CommandLine::usageErrorCode()
                                  << QStringLiteral("--generate-cli-skeleton: invalid choice: 'yaml'");
    // The column counts characters from 1: the ']' is the 11th.
    QTest::newRow("bad query") << QStringList{get, QStringLiteral("--query"), QStringLiteral("jobDetails]")}
                               << jobdesk::cli::QueryOption::badQueryCode()
                               << QStringLiteral("Bad value for --query jobDetails]: syntax error at column 11: ");
    // Columns count characters, not bytes: the ']' is the 6th.
    QTest::newRow("bad unicode query") << QStringList{get, QStringLiteral("--query=\"\u00e9t\u00e9\"]")}
                                       << jobdesk::cli::QueryOption::badQueryCode()
                                       << QStringLiteral(
                                              "Bad value for --query \"\u00e9t\u00e9\"]: syntax error at column 6: ");
    QTest::newRow("empty query") << QStringList{get, QStringLiteral("--query"), QString()}
                                 << jobdesk::cli::QueryOption::badQueryCode()
                                 << QStringLiteral("Bad value for --query : ");
    // As in the AWS CLI, the expression is refused before the operation's own options are read.
    QTest::newRow("bad query first") << QStringList{QStringLiteral("get-third-party-job-details"),
                                                    QStringLiteral("--bogus"), QStringLiteral("--query"),
                                                    QStringLiteral("a[")}
                                     << jobdesk::cli::QueryOption::badQueryCode()
                                     << QStringLiteral("Bad value for --query a[: syntax error at column ");
    QTest::newRow("bad JSON") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                             QStringLiteral("--action-type-id"), QStringLiteral("{\"a\":")}
                              << QStringLiteral("ParamError")
                              << QStringLiteral("Error parsing parameter '--action-type-id': Invalid JSON");
    QTest::newRow("bad shorthand") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                                  QStringLiteral("--action-type-id"), QStringLiteral("a=b,a=c")}
                                   << QStringLiteral("ParamError") << QStringLiteral("Second instance of key \"a\"");
    QTest::newRow("bad integer") << QStringList{QStringLiteral("poll-for-third-party-jobs"),
                                                QStringLiteral("--action-type-id"), QStringLiteral("a=b"),
                                                QStringLiteral("--max-batch-size"), QStringLiteral("1.5")}
                                 << QStringLiteral("InvalidInteger")
                                 << QStringLiteral("invalid literal for int() with base 10: '1.5'");
    QTest::newRow("bad timestamp") << QStringList{QStringLiteral("put-third-party-job-success-result"),
                                                  QStringLiteral("--job-id"),
                                                  QStringLiteral("j"),
                                                  QStringLiteral("--client-token"),
                                                  QStringLiteral("t"),
                                                  QStringLiteral("--current-revision"),
                                                  QStringLiteral("revision=r,changeIdentifier=c,created=yesterday")}
                                   << QStringLiteral("ParamValidation") << QStringLiteral("currentRevision.created");
    QTest::newRow("cli-input-json not an object")
        << QStringList{get, QStringLiteral("--cli-input-json"), QStringLiteral("[1]")} << QStringLiteral("ParamError")
        << QStringLiteral("Error parsing parameter 'cli-input-json': Invalid JSON received.");
}

void TestCommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto parsed = CommandLine::parse(arguments);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, code);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
}

void TestCommandLine::globalOptions()
{
    const auto parsed = CommandLine::parse({QStringLiteral("--debug"),
                                            QStringLiteral("get-third-party-job-details"),
                                            QStringLiteral("--job-id"),
                                            QStringLiteral("j"),
                                            QStringLiteral("--client-token"),
                                            QStringLiteral("t"),
                                            QStringLiteral("--region=us-west-2"),
                                            QStringLiteral("--endpoint-url"),
                                            QStringLiteral("http://localhost:1"),
                                            QStringLiteral("--output"),
                                            QStringLiteral("table"),
                                            QStringLiteral("--profile"),
                                            QStringLiteral("p"),
                                            QStringLiteral("--color"),
                                            QStringLiteral("on"),
                                            QStringLiteral("--ca-bundle"),
                                            QStringLiteral("/x.pem"),
                                            QStringLiteral("--cli-read-timeout"),
                                            QStringLiteral("0"),
                                            QStringLiteral("--cli-connect-timeout"),
                                            QStringLiteral("5"),
                                            QStringLiteral("--no-verify-ssl"),
                                            QStringLiteral("--no-paginate"),
                                            QStringLiteral("--no-sign-request"),
                                            QStringLiteral("--no-cli-pager"),
                                            QStringLiteral("--query"),
                                            QStringLiteral("jobDetails.id")});
    QVERIFY(parsed.ok());
    const CommandLine &cl = parsed.value();
    QVERIFY(cl.query);
    QCOMPARE(cl.query->text(), QStringLiteral("jobDetails.id"));
    QVERIFY(cl.debug && cl.noVerifySsl && cl.noPaginate && cl.noSignRequest);
    QCOMPARE(cl.region, QStringLiteral("us-west-2"));
    QCOMPARE(cl.endpointUrl, QStringLiteral("http://localhost:1"));
    QCOMPARE(cl.output, QStringLiteral("table"));
    QCOMPARE(cl.profile, QStringLiteral("p"));
    QCOMPARE(cl.color, QStringLiteral("on"));
    QCOMPARE(cl.caBundle, QStringLiteral("/x.pem"));
    QCOMPARE(cl.readTimeout, QStringLiteral("0"));
    QCOMPARE(cl.connectTimeout, QStringLiteral("5"));
}

void TestCommandLine::fileValues()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString details = dir.filePath(QStringLiteral("failure.json"));
    QFile f(details);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"type\":\"JobFailed\",\"message\":\"from a file\"}");
    f.close();
    const QString input = dir.filePath(QStringLiteral("input.json"));
    QFile g(input);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write("{\"jobId\":\"j\",\"clientToken\":\"file-token\"}");
    g.close();
    const auto parsed = CommandLine::parse({QStringLiteral("put-third-party-job-failure-result"),
                                            QStringLiteral("--cli-input-json"), QStringLiteral("file://") + input,
                                            QStringLiteral("--failure-details"), QStringLiteral("file://") + details});
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(QString::fromStdString(parsed.value().params.dump()),
             QStringLiteral("{\"jobId\":\"j\",\"clientToken\":\"file-token\",\"failureDetails\":{\"type\":"
                            "\"JobFailed\",\"message\":\"from a file\"}}"));
}

void TestCommandLine::commands()
{
    using C = CommandLine::Command;
    QCOMPARE(CommandLine::parse({QStringLiteral("--version")}).value().command, C::Version);
    QCOMPARE(CommandLine::parse({QStringLiteral("help")}).value().command, C::Help);
    QCOMPARE(CommandLine::parse({QStringLiteral("--help")}).value().command, C::Help);
    const auto opHelp = CommandLine::parse({QStringLiteral("acknowledge-third-party-job"), QStringLiteral("help")});
    QCOMPARE(opHelp.value().command, C::Help);
    QCOMPARE(opHelp.value().operation->name, std::string("AcknowledgeThirdPartyJob"));
    QCOMPARE(CommandLine::parse({QStringLiteral("help"), QStringLiteral("poll-for-third-party-jobs")})
                 .value()
                 .operation->name,
             std::string("PollForThirdPartyJobs"));
    QCOMPARE(
        CommandLine::parse({QStringLiteral("get-third-party-job-details"), QStringLiteral("--help")}).value().command,
        C::Help);
    const auto completion = CommandLine::parse({QStringLiteral("completion"), QStringLiteral("zsh")});
    QCOMPARE(completion.value().command, C::Completion);
    QCOMPARE(completion.value().commandArguments, QStringList{QStringLiteral("zsh")});
    const auto profile = CommandLine::parse({QStringLiteral("profile"), QStringLiteral("add"), QStringLiteral("x"),
                                             QStringLiteral("--region"), QStringLiteral("eu-west-1"),
                                             QStringLiteral("--access-key-id"), QStringLiteral("AKID")});
    QCOMPARE(profile.value().command, C::Profile);
    QCOMPARE(profile.value().region, QStringLiteral("eu-west-1"));
    QCOMPARE(profile.value().commandArguments,
             (QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("--access-key-id"),
                          QStringLiteral("AKID")}));
    // sso: --profile is the global option; the rest is the subcommand's.
    const auto sso = CommandLine::parse({QStringLiteral("sso"), QStringLiteral("login"), QStringLiteral("--profile"),
                                         QStringLiteral("desk"), QStringLiteral("--sso-session=s"),
                                         QStringLiteral("--use-device-code")});
    QCOMPARE(sso.value().command, C::Sso);
    QCOMPARE(sso.value().profile, QStringLiteral("desk"));
    const auto options = jobdesk::cli::SsoCommand::parseOptions(sso.value().commandArguments);
    QVERIFY(options.ok());
    QCOMPARE(options.value().action, jobdesk::cli::SsoCommand::Action::Login);
    QCOMPARE(options.value().ssoSession, QStringLiteral("s"));
    QVERIFY(options.value().useDeviceCode && !options.value().noBrowser);
    QCOMPARE(
        jobdesk::cli::SsoCommand::parseOptions({QStringLiteral("login"), QStringLiteral("--sso-session")}).error().code,
        CommandLine::usageErrorCode());
    // logout takes no options; the AWS CLI refuses them without its usage lines.
    QCOMPARE(jobdesk::cli::SsoCommand::parseOptions({QStringLiteral("logout"), QStringLiteral("--no-browser")})
                 .error()
                 .message,
             QStringLiteral("Unknown options: --no-browser"));
    // A skeleton needs none of the required parameters.
    const auto skeleton =
        CommandLine::parse({QStringLiteral("get-third-party-job-details"), QStringLiteral("--generate-cli-skeleton")});
    QCOMPARE(skeleton.value().skeleton, QStringLiteral("input"));
    const auto output = CommandLine::parse({QStringLiteral("get-third-party-job-details"),
                                            QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output")});
    QCOMPARE(output.value().skeleton, QStringLiteral("output"));
}

void TestCommandLine::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qlonglong>("seconds");
    QTest::newRow("epoch number") << QStringLiteral("1704164645") << qlonglong(1704164645);
    QTest::newRow("fractional") << QStringLiteral("1704164645.9") << qlonglong(1704164645);
    QTest::newRow("ISO Z") << QStringLiteral("2024-01-02T03:04:05Z") << qlonglong(1704164645);
    QTest::newRow("ISO no zone is UTC") << QStringLiteral("2024-01-02T03:04:05") << qlonglong(1704164645);
    QTest::newRow("ISO offset") << QStringLiteral("2024-01-02T05:04:05+02:00") << qlonglong(1704164645);
    QTest::newRow("space") << QStringLiteral("2024-01-02 03:04:05") << qlonglong(1704164645);
    QTest::newRow("millis") << QStringLiteral("2024-01-02T03:04:05.250Z") << qlonglong(1704164645);
}

void TestCommandLine::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qlonglong, seconds);
    const auto parsed = CommandLine::parseTimestamp(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(qlonglong(parsed.value()), seconds);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
