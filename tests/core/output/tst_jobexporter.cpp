// JobExporter::writeFile: an export with secrets is readable by its owner alone
// from its first byte, also over an existing file others could read; without
// secrets nothing secret reaches the file; a failed write says where and why.

#include "core/output/jobexporter.h"
#include "core/platform/filesecurity.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::codepipeline::JobDocument;
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

QTEST_GUILESS_MAIN(TestJobExporter)
#include "tst_jobexporter.moc"
