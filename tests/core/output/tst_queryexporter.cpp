// QueryExporter: a query over a job sees only placeholders where secrets were
// unless asked otherwise, its file is owner-only with secrets, the copied AWS CLI
// command quotes the expression so that sh reads it back unchanged, and an
// expression holding one of the job's secrets is recognised.

#include "core/output/jsonwriter.h"
#include "core/output/queryexporter.h"
#include "core/platform/filesecurity.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::codepipeline::JobDocument;
using jobdesk::codepipeline::LookupInfo;
using jobdesk::output::JobExporter;
using jobdesk::output::QueryExporter;
using jobdesk::platform::FileSecurity;
using jobdesk::query::Expression;
using Json = nlohmann::ordered_json;

namespace {

const QByteArray kSecretKey = "artifactSecretKeyEXAMPLE/query00000000000";
const QByteArray kApiKey = "api-key-value-0001";

JobDocument job()
{
    const QByteArray text =
        R"({"jobDetails":{"id":"j-1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty",)"
        R"("provider":"AcmeCI","version":"1"},"actionConfiguration":{"configuration":{"ApiKey":")"
        + kApiKey
        + R"(","Branch":"main"}},"artifactCredentials":{"accessKeyId":"ASIAQUERYEXAMPLE",)"
          R"("secretAccessKey":")"
        + kSecretKey + R"(","sessionToken":"tokenQUERY"}},"nonce":"2"}})";
    return JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString()).value();
}

Expression compiled(const QString &text)
{
    auto expression = Expression::compile(text);
    if (!expression.ok())
        qFatal("%s does not compile", qPrintable(text));
    return expression.value();
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What sh makes of the text: each word it reads, one per line.
QStringList shWords(const QString &commandLine)
{
    QProcess sh;
    sh.start(QStringLiteral("sh"),
             {QStringLiteral("-c"), QStringLiteral("eval \"set -- $1\"; for w; do printf '%s\\0' \"$w\"; done"),
              QStringLiteral("sh"), commandLine});
    sh.waitForFinished();
    QStringList words = QString::fromUtf8(sh.readAllStandardOutput()).split(QChar(0));
    words.removeLast();
    return words;
}

}  // namespace

class TestQueryExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluateSeesPlaceholders_data();
    void evaluateSeesPlaceholders();
    void evaluateReportsErrors();
    void commandQuotesTheExpression_data();
    void commandQuotesTheExpression();
    void containsSecret();
    void writeFile();

private:
    QTemporaryDir m_dir;
};

void TestQueryExporter::evaluateSeesPlaceholders_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("path") << QStringLiteral("jobDetails.data.artifactCredentials.secretAccessKey");
    QTest::newRow("whole") << QStringLiteral("@");
    QTest::newRow("to_string") << QStringLiteral("to_string(@)");
    QTest::newRow("values") << QStringLiteral("values(jobDetails.data.actionConfiguration.configuration)");
    QTest::newRow("comparison") << QStringLiteral(
        "jobDetails.data.artifactCredentials.secretAccessKey == 'artifactSecretKeyEXAMPLE/query00000000000'");
}

void TestQueryExporter::evaluateSeesPlaceholders()
{
    QFETCH(QString, expression);
    const Expression query = compiled(expression);
    QueryExporter::Options options;
    options.maskedConfigurationKeys = {QStringLiteral("ApiKey")};
    const auto hidden = QueryExporter::evaluate(query, job(), options);
    QVERIFY(hidden.ok());
    // The same as the expression over the redacted document, which holds none of the secrets.
    const Json redacted = JobExporter::redacted(job().data(), options.maskedConfigurationKeys);
    QVERIFY(hidden.value() == query.search(redacted).value());
    const QByteArray hiddenText = jobdesk::output::writeJson(hidden.value());
    QVERIFY(!hiddenText.contains(kSecretKey));
    QVERIFY(!hiddenText.contains(kApiKey));

    options.includeSecrets = true;
    const auto shown = QueryExporter::evaluate(query, job(), options);
    QVERIFY(shown.ok());
    QVERIFY(shown.value() == query.search(job().data()).value());
}

void TestQueryExporter::evaluateReportsErrors()
{
    const auto result = QueryExporter::evaluate(compiled(QStringLiteral("abs(jobDetails.id)")), job(), {});
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, jobdesk::query::QueryError::Kind::InvalidType);
    QVERIFY(!result.error().message.isEmpty());
}

void TestQueryExporter::commandQuotesTheExpression_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("plain") << QStringLiteral("jobDetails.id");
    QTest::newRow("raw string") << QStringLiteral("jobDetails.data.inputArtifacts[?name=='it''s'].name");
    QTest::newRow("shell characters") << QStringLiteral("a[*] | b && `\"$HOME\"` || c > d; !e");
    QTest::newRow("backslashes") << QStringLiteral("'\\\\' == `\"\\\\\"`");
    QTest::newRow("newline") << QStringLiteral("{a: a,\n b: b}");
    QTest::newRow("unicode") << QStringLiteral("'日本語' == name");
}

void TestQueryExporter::commandQuotesTheExpression()
{
    QFETCH(QString, expression);
    LookupInfo lookup;
    lookup.jobId = QStringLiteral("j-1");
    lookup.region = QStringLiteral("eu-west-1");
    const QString command = QueryExporter::cliCommand(lookup, expression);
    QVERIFY(command.startsWith(JobExporter::cliCommand(lookup) + QStringLiteral(" --query ")));
    const QStringList words = shWords(command);
    QCOMPARE(words.mid(0, words.size() - 2), shWords(JobExporter::cliCommand(lookup)));
    QCOMPARE(words.value(words.size() - 2), QStringLiteral("--query"));
    QCOMPARE(words.constLast(), expression);
}

void TestQueryExporter::containsSecret()
{
    const QStringList masked = {QStringLiteral("ApiKey")};
    QVERIFY(
        QueryExporter::containsSecret(QStringLiteral("id == '%1'").arg(QString::fromUtf8(kSecretKey)), job(), masked));
    QVERIFY(QueryExporter::containsSecret(QStringLiteral("contains(@, `\"tokenQUERY\"`)"), job(), masked));
    QVERIFY(QueryExporter::containsSecret(QString::fromUtf8(kApiKey), job(), masked));
    // A configuration value nobody masked is not a secret; neither are member names.
    QVERIFY(!QueryExporter::containsSecret(QString::fromUtf8(kApiKey), job(), {}));
    QVERIFY(!QueryExporter::containsSecret(QStringLiteral("jobDetails.data.artifactCredentials.secretAccessKey"), job(),
                                           masked));
    QVERIFY(!QueryExporter::containsSecret(QStringLiteral("Branch == 'main'"), job(), masked));
    QVERIFY(!QueryExporter::containsSecret(QString(), job(), masked));
}

void TestQueryExporter::writeFile()
{
    const Expression query = compiled(QStringLiteral("jobDetails.data.artifactCredentials"));
    QueryExporter::Options options;
    const QString plain = m_dir.filePath(QStringLiteral("plain.json"));
    QVERIFY(QueryExporter::writeFile(plain, query, job(), options).ok());
    QCOMPARE(contents(plain), jobdesk::output::writeJson(QueryExporter::evaluate(query, job(), options).value()));
    QVERIFY(!contents(plain).contains(kSecretKey));

    options.includeSecrets = true;
    const QString secret = m_dir.filePath(QStringLiteral("secret.json"));
    QVERIFY(QueryExporter::writeFile(secret, query, job(), options).ok());
    QVERIFY(contents(secret).contains(kSecretKey));
    QVERIFY(FileSecurity::isOwnerOnly(secret));

    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/file.json"));
    const jobdesk::Status failed = QueryExporter::writeFile(nowhere, query, job(), options);
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message.contains(QStringLiteral("file.json")));

    const jobdesk::Status badQuery =
        QueryExporter::writeFile(plain, compiled(QStringLiteral("abs(jobDetails.id)")), job(), options);
    QVERIFY(!badQuery.ok());
    QCOMPARE(badQuery.error().code, QStringLiteral("InvalidQuery"));
}

QTEST_GUILESS_MAIN(TestQueryExporter)
#include "tst_queryexporter.moc"
