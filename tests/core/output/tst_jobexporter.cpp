// JobExporter::writeFile: an export with secrets is readable by its owner alone
// from its first byte, also over an existing file others could read; without
// secrets nothing secret reaches the file; a failed write says where and why.

#include "core/codepipeline/servicemodel.h"
#include "core/output/activityentry.h"
#include "core/output/jobexporter.h"
#include "core/output/jsonwriter.h"
#include "core/platform/filesecurity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::codepipeline::JobDocument;
using jobdesk::codepipeline::Json;
using jobdesk::output::JobExporter;
using jobdesk::platform::FileSecurity;

namespace {

const QByteArray kSecretKey = "artifactSecretKeyEXAMPLE/exporter0000000";

JobDocument job()
{
    const QByteArray text =
        R"({"jobDetails":{"id":"j-1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty",)"
        R"("provider":"AcmeCI","version":"1"},"artifactCredentials":{"accessKeyId":"ASIAEXPORTEREXAMPLE",)"
        R"("secretAccessKey":")"
        + kSecretKey + R"(","sessionToken":"tokenEXPORTER"}},"nonce":"2"}})";
    return JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString()).value();
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestJobExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withSecretsIsOwnerOnly();
    void replacesAReadableFile();
    void withoutSecretsIsRedacted();
    void failureNamesTheFile();
    void cliCommandUnchanged_data();
    void cliCommandUnchanged();
    void activityFollowsTheJob();
    void noActivityNoChange();

private:
    QTemporaryDir m_dir;
};

void TestJobExporter::withSecretsIsOwnerOnly()
{
    const QString path = m_dir.filePath(QStringLiteral("with-secrets.json"));
    JobExporter::Options options;
    options.includeSecrets = true;
    const jobdesk::Status written = JobExporter::writeFile(path, job(), options);
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    QCOMPARE(contents(path), JobExporter::json(job(), options));
    QVERIFY(contents(path).contains(kSecretKey));
    QVERIFY(FileSecurity::isOwnerOnly(path));
}

void TestJobExporter::replacesAReadableFile()
{
    const QString path = m_dir.filePath(QStringLiteral("replaced.json"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                   | QFileDevice::ReadOther));
    }
    JobExporter::Options options;
    options.includeSecrets = true;
    QVERIFY(JobExporter::writeFile(path, job(), options).ok());
    QVERIFY(FileSecurity::isOwnerOnly(path));
    QVERIFY(contents(path).contains(kSecretKey));
}

void TestJobExporter::withoutSecretsIsRedacted()
{
    const QString path = m_dir.filePath(QStringLiteral("redacted.json"));
    QVERIFY(JobExporter::writeFile(path, job(), JobExporter::Options{}).ok());
    const QByteArray written = contents(path);
    QCOMPARE(written, JobExporter::json(job(), JobExporter::Options{}));
    QVERIFY(!written.contains(kSecretKey));
    QVERIFY(!written.contains("tokenEXPORTER"));
    QVERIFY(written.contains(JobExporter::placeholder().toUtf8()));
}

void TestJobExporter::failureNamesTheFile()
{
    const QString path = m_dir.filePath(QStringLiteral("no-such-folder/job.json"));
    const jobdesk::Status written = JobExporter::writeFile(path, job(), JobExporter::Options{});
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, QStringLiteral("ExportFailed"));
    QVERIFY2(written.error().message.contains(QStringLiteral("job.json")), qPrintable(written.error().message));
    QVERIFY(!written.error().hint.isEmpty());
    QVERIFY(!QFile::exists(path));
}

void TestJobExporter::cliCommandUnchanged_data()
{
    QTest::addColumn<QStringList>("lookup");  // jobId, profile, region, endpoint
    QTest::addColumn<QString>("command");
    QTest::newRow("job only") << QStringList{QStringLiteral("j-1"), QString(), QString(), QString()}
                              << QStringLiteral(
                                     "aws codepipeline get-third-party-job-details --job-id j-1 --client-token "
                                     "'<client-token>'");
    QTest::newRow("region, endpoint; profile left out")
        << QStringList{QStringLiteral("11111111-1111-4111-8111-111111111111"), QStringLiteral("prod"),
                       QStringLiteral("eu-west-1"), QStringLiteral("http://127.0.0.1:4566")}
        << QStringLiteral("aws codepipeline get-third-party-job-details --job-id 11111111-1111-4111-8111-111111111111 "
                          "--client-token '<client-token>' --region eu-west-1 --endpoint-url http://127.0.0.1:4566");
    QTest::newRow("quoting") << QStringList{QStringLiteral("it's a job"), QString(), QString(),
                                            QStringLiteral("https://h.example/?a=1&b=2")}
                             << QStringLiteral(
                                    "aws codepipeline get-third-party-job-details --job-id 'it'\\''s a job' "
                                    "--client-token '<client-token>' --endpoint-url 'https://h.example/?a=1&b=2'");
    QTest::newRow("empty job ID") << QStringList{QString(), QString(), QStringLiteral("us-east-1"), QString()}
                                  << QStringLiteral("aws codepipeline get-third-party-job-details --job-id '' "
                                                    "--client-token '<client-token>' --region us-east-1");
}

void TestJobExporter::cliCommandUnchanged()
{
    QFETCH(QStringList, lookup);
    QFETCH(QString, command);
    const jobdesk::codepipeline::LookupInfo info{lookup[0], lookup[1], lookup[2], lookup[3]};
    QCOMPARE(JobExporter::cliCommand(info), command);
}

void TestJobExporter::activityFollowsTheJob()
{
    const auto *fail = jobdesk::codepipeline::ServiceModel::codePipeline().operation("PutThirdPartyJobFailureResult");
    const std::string token = "client-token-EXPORT-LEAK-0042";
    jobdesk::output::ActivityEntry entry = jobdesk::output::ActivityEntry::make(
        *fail,
        Json{{"jobId", "j-1"}, {"clientToken", token}, {"failureDetails", {{"type", "JobFailed"}, {"message", "m"}}}},
        QDateTime(QDate(2026, 12, 3), QTime(8, 0), Qt::UTC));
    entry.outcome = QStringLiteral("InvalidJobStateException");
    jobdesk::output::ActivityEntry handMade = entry;
    handMade.parameters["clientToken"] = token;  // as if read from a file someone edited

    for (const bool secrets : {false, true}) {
        JobExporter::Options options;
        options.includeSecrets = secrets;
        options.activity = {entry, handMade};
        const QByteArray bytes = JobExporter::json(job(), options);
        QVERIFY(!bytes.contains(QByteArray::fromStdString(token)));
        const Json parsed = Json::parse(bytes.toStdString());
        QCOMPARE(parsed.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(parsed.begin().key()), QStringLiteral("jobDetails"));
        QCOMPARE(QString::fromStdString((++parsed.begin()).key()), QStringLiteral("activity"));
        QCOMPARE(parsed["activity"].size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(parsed["activity"][0].dump()), QString::fromStdString(entry.toJson().dump()));
        QCOMPARE(bytes.contains(kSecretKey), secrets);
        // The job part is what the export without activity holds, byte for byte.
        options.activity.clear();
        const QByteArray plain = JobExporter::json(job(), options);
        QVERIFY(bytes.startsWith(plain.left(plain.lastIndexOf("\n}"))));
    }
}

void TestJobExporter::noActivityNoChange()
{
    // Without activity the bytes are the AWS CLI's: the JSON writer's, of the redacted job.
    QCOMPARE(JobExporter::json(job(), JobExporter::Options{}),
             jobdesk::output::writeJson(JobExporter::redacted(job().data(), {})));
    JobExporter::Options withSecrets;
    withSecrets.includeSecrets = true;
    QCOMPARE(JobExporter::json(job(), withSecrets), jobdesk::output::writeJson(job().data()));
}

QTEST_GUILESS_MAIN(TestJobExporter)
#include "tst_jobexporter.moc"
