// --query against the real AWS CLI v1 and v2: a table of expressions over the
// test jobs, in json, text and table. jobdesk-cli's stdout and exit code must
// equal the AWS CLI v2's (and v1's, where the two agree), and its stderr must
// begin as both of theirs do.
//
// Starting `aws` costs about a second, so each AWS CLI runs every command line
// in one Python process (tests/support/awscli_batch.py): its own entry point,
// a fresh driver and session for each line, the real HTTP call to the fake.

#include "core/output/keyvaluewriter.h"
#include "fake/fakecodepipeline.h"
#include "support/awsclienvironment.h"
#include "support/comparisonjobs.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>

using namespace jobdesk;
using Json = nlohmann::ordered_json;

namespace {

const QString kKeyId = QStringLiteral("AKIDEXAMPLEQUERYTEST1");
const QString kSecret = QStringLiteral("query/Test+Secret=Key/0123456789abcdefghij");
const QString kToken = QStringLiteral("query-client-token");

// Jobs of test::comparisonJobs(), and one more that is already acknowledged.
const char kFull[] = "11111111-1111-4111-8111-111111111111";
const char kUnicode[] = "33333333-3333-4333-8333-333333333333";
const char kMany[] = "55555555-5555-4555-8555-555555555555";
const char kAcknowledged[] = "66666666-6666-4666-8666-666666666666";

struct QueryCase
{
    const char *expression;
    const char *jobId;
    // Empty: the AWS CLIs succeed. Otherwise the start every stderr must have
    // ("%1" stands for the expression).
    const char *errorStart = "";
};

// clang-format off
const QueryCase kCases[] = {
    // Strings, numbers, booleans, null: bare values at top level.
    {"jobDetails.id", kFull},
    {"jobDetails.nonce", kFull},
    {"jobDetails.data.continuationToken", kFull},
    {"jobDetails.data.artifactCredentials.secretAccessKey", kFull},
    {"jobDetails.data.inputArtifacts[0].location.s3Location.objectKey", kFull},
    {"jobDetails.missing", kFull},
    {"length(jobDetails.data.inputArtifacts)", kFull},
    {"`1.5`", kFull},
    {"`0`", kFull},
    {"`true`", kFull},
    {"`false`", kFull},
    {"`null`", kFull},
    {"`\"\"`", kFull},
    {"avg(`[1, 2, 4]`)", kFull},
    {"sum(`[1.5, 2.5]`)", kFull},
    {"to_number('1e15')", kFull},
    {"to_number('0.1')", kFull},
    {"`1e16`", kFull},
    {"to_number('1e400')", kFull},  // Python's inf: Infinity in JSON, inf in text and table
    {"sum(`[9223372036854775807, 1]`)", kFull},
    {"floor(`2.7`)", kFull},
    {"abs(`-3`)", kFull},
    {"contains(jobDetails.id, '1111')", kFull},
    {"starts_with(jobDetails.id, '2222')", kFull},
    {"type(jobDetails)", kFull},
    {"not_null(jobDetails.missing, jobDetails.nonce)", kFull},
    {"to_string(length(jobDetails.id))", kFull},
    {"join(', ', jobDetails.data.inputArtifacts[].name)", kFull},
    {"max_by(jobDetails.data.inputArtifacts, &revision).name", kFull},
    // Objects, lists of scalars, of lists, of objects; empty ones.
    {"jobDetails.data.actionTypeId", kFull},
    {"jobDetails.data.inputArtifacts", kFull},
    {"jobDetails.data.inputArtifacts[].name", kFull},
    {"jobDetails.data.inputArtifacts[*].[name, revision]", kFull},
    {"jobDetails.data.inputArtifacts[].{n: name, r: revision}", kFull},
    {"{id: jobDetails.id, provider: jobDetails.data.actionTypeId.provider}", kFull},
    {"[jobDetails.id, jobDetails.nonce]", kFull},
    {"`[]`", kFull},
    {"`{}`", kFull},
    {"jobDetails.data.inputArtifacts[?name=='Artifact_2'].revision", kFull},
    {"jobDetails.data.inputArtifacts[?name=='none']", kFull},
    {"sort_by(jobDetails.data.inputArtifacts, &name)[].name", kFull},
    {"reverse(jobDetails.data.inputArtifacts[].name)", kFull},
    {"keys(jobDetails.data.actionConfiguration.configuration)", kFull},
    {"values(jobDetails.data.actionTypeId)", kFull},
    {"jobDetails.data.actionTypeId.*", kFull},
    {"jobDetails.data.*", kFull},
    {"jobDetails.data.inputArtifacts[0] | keys(@)", kFull},
    {"merge(jobDetails.data.actionTypeId, `{\"extra\": [1, 2], \"n\": null}`)", kFull},
    {"jobDetails.data.inputArtifacts[-1].revision", kFull},
    {"jobDetails.data.inputArtifacts[::-1].name", kFull},
    {"jobDetails.data.inputArtifacts[0:1]", kFull},
    {"jobDetails.data.inputArtifacts[].location.s3Location", kFull},
    {"[jobDetails.data.inputArtifacts, jobDetails.data.outputArtifacts][]", kFull},
    {"jobDetails.data.pipelineContext.{stage: stage.name, action: action, arn: pipelineArn}", kFull},
    {"{a: `[]`, b: `{}`, c: `[[1, 2], [3]]`, d: `1.25`}", kFull},
    // Shapes the AWS CLI's table formatter cannot draw (text and json can).
    {"jobDetails.data.[inputArtifacts[].name, outputArtifacts[].name]", kFull},
    {"[jobDetails.id, jobDetails.data.inputArtifacts[].name]", kFull},
    {"[jobDetails.data.actionTypeId, `1`]", kFull},
    {"[jobDetails.data.actionTypeId, jobDetails.id]", kFull},
    {"[jobDetails.data.actionTypeId, `null`]", kFull},
    // Unicode: in values, in member names, in the expression.
    {"jobDetails.data.actionConfiguration.configuration.\"日本語キー\"", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration.Greeting", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration.{\"ключ\": Greeting, \"日本\": \"日本語キー\"}", kUnicode},
    {"keys(jobDetails.data.actionConfiguration.configuration)", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration.[Tabs, Newline, Control]", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration.Control", kUnicode},
    {"length('日本語🚀')", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration.[Emoji, Quotes]", kUnicode},
    {"jobDetails.data.actionConfiguration.configuration", kUnicode},
    // Longer lists.
    {"jobDetails.data.inputArtifacts[?contains(name, '1')].name", kMany},
    {"length(jobDetails.data.outputArtifacts)", kMany},
    {"jobDetails.data.inputArtifacts[:3].{name: name, key: location.s3Location.objectKey}", kMany},
    {"min_by(jobDetails.data.inputArtifacts, &revision)", kMany},
    // Syntax errors: refused before sending.
    {"jobDetails.id]", kFull, "\nBad value for --query %1: "},
    {"jobDetails[", kFull, "\nBad value for --query %1: "},
    {"", kFull, "\nBad value for --query %1: "},
    {"foo bar", kFull, "\nBad value for --query %1: "},
    {"[?a==]", kFull, "\nBad value for --query %1: "},
    {"日本語", kFull, "\nBad value for --query %1: "},
    {"jobDetails.`1`", kFull, "\nBad value for --query %1: "},
    // Failures of a valid expression on the answer.
    // jobdesk-cli begins its account with the same words as the AWS CLI's JMESPath library.
    {"abs(jobDetails.id)", kFull, "\nIn function abs(), invalid type"},
    {"sort_by(jobDetails.data.inputArtifacts, &location)", kFull, "\nIn function sort_by(), invalid type"},
    {"jobDetails.data.inputArtifacts[?starts_with(name, `1`)]", kFull, "\nIn function starts_with(), invalid type"},
    {"max(`[1, \"a\"]`)", kFull, "\nIn function max(), invalid type"},
    {"nosuch(jobDetails)", kFull, "\nUnknown function: nosuch()"},
    {"abs(`1`, `2`)", kFull, "\nExpected "},
    {"not_null()", kFull, "\nExpected "},
    {"jobDetails.data.inputArtifacts[::0]", kFull, "\n"},
};
// clang-format on

const QString kFormats[] = {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("table")};

struct Run
{
    QString name;
    QStringList args;    // after `aws`
    QString errorStart;  // empty: success expected (but for the shapes the text and table formatters fail on)
};

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

}  // namespace

class TestCliQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameAsAwsCli_data();
    void sameAsAwsCli();
    void keyValue_data();
    void keyValue();

private:
    QStringList endpoint() const { return {QStringLiteral("--endpoint-url"), m_fake.url().toString()}; }
    QStringList details(const char *jobId, const QString &format, const QString &expression) const
    {
        return QStringList{QStringLiteral("codepipeline"),   QStringLiteral("get-third-party-job-details"),
                           QStringLiteral("--job-id"),       QLatin1String(jobId),
                           QStringLiteral("--client-token"), kToken,
                           QStringLiteral("--output"),       format,
                           QStringLiteral("--query"),        expression}
        + endpoint();
    }
    // Every AWS CLI's outcomes for m_runs, through one Python process each.
    bool runAwsClis(QString *error);
    test::ProcessOutput runJobdesk(const QStringList &arguments) const
    {
        return test::runProcessServing(test::jobdeskCli(), arguments,
                                       test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
    }

    fake::FakeCodePipeline m_fake;
    QTemporaryDir m_dir;
    std::vector<Run> m_runs;
    QMap<QString, std::vector<Outcome>> m_theirs;  // by AWS CLI path
    QString m_v1;
    QString m_v2;
};

// The interpreter an AWS CLI runs on: the one its script names, else python3 on PATH
// (which pyenv's shim for `aws` also uses). awscli_batch.py reports the version it
// imported, which the caller checks.
static QString interpreterOf(const QString &aws)
{
    QFile script(aws);
    if (script.open(QIODevice::ReadOnly)) {
        const QByteArray first = script.readLine().trimmed();
        if (first.startsWith("#!") && first.contains("python") && !first.contains(' '))
            return QString::fromUtf8(first.mid(2));
    }
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

bool TestCliQuery::runAwsClis(QString *error)
{
    Json request = {{"runs", Json::array()}};
    for (const Run &run : m_runs) {
        Json args = Json::array();
        for (const QString &arg : run.args)
            args.push_back(arg.toStdString());
        request["runs"].push_back(args);
    }
    const QByteArray input = QByteArray::fromStdString(request.dump());
    // Both at once (the fake answers each on this thread's event loop), each in its own process.
    const QStringList clis = {m_v1, m_v2};
    std::vector<std::unique_ptr<QProcess>> processes;
    QEventLoop loop;
    int running = 0;
    for (const QString &aws : clis) {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
        connect(process.get(), &QProcess::finished, &loop, [&loop, &running] {
            if (--running == 0)
                loop.quit();
        });
        process->start(interpreterOf(aws), {test::supportDir() + QStringLiteral("/awscli_batch.py")});
        if (!process->waitForStarted()) {
            *error = QStringLiteral("cannot run the interpreter of %1").arg(aws);
            return false;
        }
        ++running;
        process->write(input);
        process->closeWriteChannel();
        processes.push_back(std::move(process));
    }
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    loop.exec();
    for (int i = 0; i < clis.size(); ++i) {
        const QString &aws = clis[i];
        QProcess &process = *processes[size_t(i)];
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            *error = QStringLiteral("awscli_batch.py for %1 did not finish in 10 minutes").arg(aws);
            return false;
        }
        const QByteArray out = process.readAllStandardOutput();
        const Json answer = Json::parse(out.toStdString(), nullptr, false);
        if (process.exitCode() != 0 || !answer.is_object() || answer["results"].size() != m_runs.size()) {
            *error = QStringLiteral("awscli_batch.py for %1 failed (exit %2): %3")
                         .arg(aws)
                         .arg(process.exitCode())
                         .arg(QString::fromUtf8(process.readAllStandardError().right(2000)));
            return false;
        }
        const std::string version = answer["version"].get<std::string>();
        const char major = aws == m_v2 ? '2' : '1';
        if (version.empty() || version[0] != major) {
            *error = QStringLiteral("%1 runs awscli %2 in-process, not version %3")
                         .arg(aws, QString::fromStdString(version))
                         .arg(QLatin1Char(major));
            return false;
        }
        std::vector<Outcome> outcomes;
        for (const Json &r : answer["results"]) {
            outcomes.push_back({r["rc"].get<int>(),
                                QByteArray::fromBase64(QByteArray::fromStdString(r["out"].get<std::string>())),
                                QByteArray::fromBase64(QByteArray::fromStdString(r["err"].get<std::string>()))});
        }
        m_theirs[aws] = std::move(outcomes);
    }
    return true;
}

void TestCliQuery::initTestCase()
{
    const QStringList clis = test::awsClis();
    for (const QString &aws : clis)
        (aws == QLatin1String("/usr/bin/aws") ? m_v2 : m_v1) = aws;
    QVERIFY2(!m_v1.isEmpty() && !m_v2.isEmpty(), "the comparison needs the AWS CLI v1 (aws) and v2 (/usr/bin/aws)");
    QVERIFY2(QFileInfo(test::jobdeskCli()).isExecutable(), "JOBDESK_CLI does not point at jobdesk-cli");
    QVERIFY(m_dir.isValid());
    m_fake.addCredentials(kKeyId, Secret(kSecret));
    for (const auto &[name, job] : test::comparisonJobs()) {
        fake::FakeJob fj;
        fj.jobId = QString::fromStdString(job["id"].get<std::string>());
        fj.clientToken = kToken;
        fj.details = QByteArray::fromStdString(job.dump());
        QVERIFY(m_fake.addJob(fj).ok());
    }
    fake::FakeJob acknowledged;
    acknowledged.jobId = QLatin1String(kAcknowledged);
    acknowledged.clientToken = kToken;
    acknowledged.nonce = QStringLiteral("3");
    acknowledged.actionTypeId = {QStringLiteral("Build"), QStringLiteral("ThirdParty"), QStringLiteral("AcmeCI"),
                                 QStringLiteral("1")};
    acknowledged.state = fake::FakeJob::State::InProgress;  // acknowledging again changes nothing
    QVERIFY(m_fake.addJob(acknowledged).ok());
    QVERIFY(m_fake.listen());

    int index = 0;
    for (const QueryCase &c : kCases) {
        const QString expression = QString::fromUtf8(c.expression);
        QString errorStart = QString::fromUtf8(c.errorStart);
        errorStart.replace(QStringLiteral("%1"), expression);
        for (const QString &format : kFormats) {
            m_runs.push_back({QStringLiteral("%1 %2 [%3]").arg(index).arg(format, expression),
                              details(c.jobId, format, expression), errorStart});
        }
        ++index;
    }
    // The other places --query applies: other operations, --cli-input-json, the output skeleton.
    const QString input = m_dir.filePath(QStringLiteral("input.json"));
    QFile file(input);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Json{{"jobId", kFull}, {"clientToken", kToken.toStdString()}}.dump().c_str());
    file.close();
    for (const QString &format : kFormats) {
        m_runs.push_back({QStringLiteral("cli-input-json %1").arg(format),
                          QStringList{QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                                      QStringLiteral("--cli-input-json"), QStringLiteral("file://") + input,
                                      QStringLiteral("--query"), QStringLiteral("jobDetails.data.actionTypeId"),
                                      QStringLiteral("--output"), format}
                              + endpoint(),
                          QString()});
        m_runs.push_back(
            {QStringLiteral("acknowledge %1").arg(format),
             QStringList{QStringLiteral("codepipeline"), QStringLiteral("acknowledge-third-party-job"),
                         QStringLiteral("--job-id"), QLatin1String(kAcknowledged), QStringLiteral("--nonce"),
                         QStringLiteral("3"), QStringLiteral("--client-token"), kToken, QStringLiteral("--query"),
                         QStringLiteral("{s: status, l: length(status)}"), QStringLiteral("--output"), format}
                 + endpoint(),
             QString()});
        m_runs.push_back(
            {QStringLiteral("skeleton %1").arg(format),
             QStringList{QStringLiteral("codepipeline"), QStringLiteral("acknowledge-third-party-job"),
                         QStringLiteral("--job-id"), QStringLiteral("j"), QStringLiteral("--nonce"),
                         QStringLiteral("3"), QStringLiteral("--client-token"), kToken,
                         QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output"), QStringLiteral("--query"),
                         QStringLiteral("keys(@)"), QStringLiteral("--output"), format},
             QString()});
    }
    // A bad expression is refused before anything else is looked at.
    m_runs.push_back({QStringLiteral("bad query before unknown option"),
                      QStringList{QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                                  QStringLiteral("--bogus"), QStringLiteral("--query"), QStringLiteral("a[")},
                      QStringLiteral("\nBad value for --query a[: ")});
    m_runs.push_back({QStringLiteral("bad query before skeleton"),
                      QStringList{QStringLiteral("codepipeline"), QStringLiteral("poll-for-third-party-jobs"),
                                  QStringLiteral("--generate-cli-skeleton"), QStringLiteral("output"),
                                  QStringLiteral("--query"), QStringLiteral("jobs[?")},
                      QStringLiteral("\nBad value for --query jobs[?: ")});

    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(runAwsClis(&error), qPrintable(error));
    qInfo("both AWS CLIs: %d command lines each in %.1f s", int(m_runs.size()), timer.elapsed() / 1000.0);

    // The in-process runs must be what `aws` itself gives: a sample (a table, a table the
    // formatter fails on, a failure on the answer) is run through the real commands too.
    for (const QString &name : {QStringLiteral(" table [jobDetails.data.inputArtifacts[].{n: name, r: revision}]"),
                                QStringLiteral(" table [[jobDetails.data.actionTypeId, `1`]]"),
                                QStringLiteral(" text [sort_by(jobDetails.data.inputArtifacts, &location)]")}) {
        const auto found =
            std::find_if(m_runs.begin(), m_runs.end(), [&name](const Run &run) { return run.name.endsWith(name); });
        QVERIFY2(found != m_runs.end(), qPrintable(name));
        const auto at = static_cast<size_t>(found - m_runs.begin());
        for (const QString &aws : {m_v1, m_v2}) {
            const auto real =
                test::runProcessServing(aws, found->args, test::AwsCliEnvironment::withKeys(kKeyId, kSecret));
            const Outcome &batch = m_theirs[aws][at];
            QVERIFY2(
                real.exitCode == batch.exitCode && real.out == batch.out && real.err == batch.err,
                qPrintable(QStringLiteral("%1 %2: `aws` gives exit %3 and\n%4%5\nin-process: exit %6 and\n%7%8")
                               .arg(aws, found->name)
                               .arg(real.exitCode)
                               .arg(QString::fromUtf8(real.out.left(300)), QString::fromUtf8(real.err.left(300)))
                               .arg(batch.exitCode)
                               .arg(QString::fromUtf8(batch.out.left(300)), QString::fromUtf8(batch.err.left(300)))));
        }
    }
}

void TestCliQuery::sameAsAwsCli_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_runs.size(); ++i)
        QTest::newRow(m_runs[i].name.toUtf8().constData()) << static_cast<int>(i);
}

void TestCliQuery::sameAsAwsCli()
{
    QFETCH(int, index);
    const Run &run = m_runs[static_cast<size_t>(index)];
    const auto mine = runJobdesk(run.args);
    const Outcome &v1 = m_theirs[m_v1][static_cast<size_t>(index)];
    const Outcome &v2 = m_theirs[m_v2][static_cast<size_t>(index)];
    QVERIFY(!mine.crashed);

    // The references agree with each other (the exit code may differ: v1 ends a
    // bad --query with 255, v2 with 252), and with what the row expects.
    QCOMPARE(v1.out, v2.out);
    if (run.errorStart.isEmpty()) {
        // Only the text and table formatters fail on some shapes (lists mixing objects and other values).
        QVERIFY2(v2.exitCode == 0 || !run.args.contains(QStringLiteral("json")), v2.err.left(300).constData());
    } else {
        QVERIFY2(v2.exitCode != 0, v2.out.left(300).constData());
        const QByteArray start = run.errorStart.toUtf8();
        QVERIFY2(v1.err.startsWith(start), v1.err.left(300).constData());
        QVERIFY2(v2.err.startsWith(start), v2.err.left(300).constData());
    }

    QCOMPARE(mine.exitCode, v2.exitCode);
    if (v1.exitCode == v2.exitCode)
        QCOMPARE(mine.exitCode, v1.exitCode);
    QCOMPARE(QString::fromUtf8(mine.out), QString::fromUtf8(v2.out));
    QCOMPARE(mine.out, v2.out);  // and byte for byte
    if (v2.err.isEmpty()) {
        QCOMPARE(QString::fromUtf8(mine.err), QString());
    } else {
        // The row's start, which both AWS CLIs have; where the table formatter failed, its whole first line.
        const qsizetype lineEnd = v2.err.indexOf('\n', 1);
        const QByteArray start = !run.errorStart.isEmpty() ? run.errorStart.toUtf8()
            : lineEnd < 0                                  ? v2.err
                                                           : v2.err.left(lineEnd);
        QVERIFY2(mine.err.startsWith(start),
                 qPrintable(QStringLiteral("expected stderr to begin with\n%1\nbut it is\n%2")
                                .arg(QString::fromUtf8(start), QString::fromUtf8(mine.err.left(400)))));
    }
}

// --output keyvalue is jobdesk-cli's own: the query's result, as the AWS CLI's JSON shows it, one leaf a line.
void TestCliQuery::keyValue_data()
{
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < m_runs.size(); ++i) {
        const Run &run = m_runs[i];
        // Python's Infinity is no JSON to read back; tst_keyvaluewriter covers it.
        const bool readable = !m_theirs[m_v2][i].out.contains("Infinity");
        if (run.errorStart.isEmpty() && run.args.contains(QStringLiteral("json")) && run.name.contains(QLatin1Char('['))
            && readable)
            QTest::newRow(run.name.toUtf8().constData()) << static_cast<int>(i);
    }
}

void TestCliQuery::keyValue()
{
    QFETCH(int, index);
    const Run &run = m_runs[static_cast<size_t>(index)];
    const Outcome &v2 = m_theirs[m_v2][static_cast<size_t>(index)];
    QCOMPARE(v2.exitCode, 0);
    QStringList args = run.args;
    args[args.indexOf(QStringLiteral("json"))] = QStringLiteral("keyvalue");
    const auto mine = runJobdesk(args);
    QCOMPARE(mine.exitCode, 0);
    const QByteArray expected =
        v2.out.isEmpty() ? QByteArray() : output::writeKeyValue(Json::parse(v2.out.toStdString()));
    QCOMPARE(QString::fromUtf8(mine.out), QString::fromUtf8(expected));
}

QTEST_GUILESS_MAIN(TestCliQuery)
#include "tst_cliquery.moc"
