// The real AWS CLI (v1 on PATH and v2 at /usr/bin/aws) against jobdesk-fake's S3, as
// a support person points it there with --endpoint-url: `aws s3 cp` downloads an
// object served from a file, uploads an output artifact with the bucket's KMS key, and
// is refused without it.

#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk::test;

namespace {

const QString KmsKey = QStringLiteral("arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

}  // namespace

class TestFakeS3AwsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void copy_data();
    void copy();

private:
    ProcessOutput aws(const QString &cli, const QStringList &args) const;

    QTemporaryDir m_dir;
    QProcess m_fake;
    QString m_endpoint;
    QString m_object;
};

void TestFakeS3AwsCli::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString fake = qEnvironmentVariable("JOBDESK_FAKE");
    QVERIFY2(!fake.isEmpty(), "JOBDESK_FAKE is not set (CTest sets it)");

    // 9 MiB: more than the AWS CLI's 8 MiB multipart threshold, so it downloads in ranges.
    m_object = m_dir.filePath(QStringLiteral("served.bin"));
    QFile file(m_object);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray block(64 * 1024, Qt::Uninitialized);
    for (int i = 0; i < 144; ++i) {
        for (qsizetype j = 0; j < block.size(); ++j)
            block[j] = char((i * 131 + j * 7) & 0xff);
        file.write(block);
    }
    file.close();

    m_fake.setStandardInputFile(QProcess::nullDevice());
    m_fake.start(fake,
                 {dataDir() + QStringLiteral("/fake/s3.json"), QStringLiteral("--s3-object"),
                  QStringLiteral("artifacts-us/cli/served.bin=") + m_object});
    QVERIFY(m_fake.waitForStarted(10000));
    QVERIFY(m_fake.waitForReadyRead(20000));
    const QByteArray line = m_fake.readLine().trimmed();
    QVERIFY2(line.startsWith("PORT "), line.constData());
    m_endpoint = QStringLiteral("http://127.0.0.1:") + QString::fromLatin1(line.mid(5));
}

void TestFakeS3AwsCli::cleanupTestCase()
{
    m_fake.kill();
    m_fake.waitForFinished(10000);
}

ProcessOutput TestFakeS3AwsCli::aws(const QString &cli, const QStringList &args) const
{
    // The job's artifact credentials, as the AWS CLI takes them from the environment.
    QProcessEnvironment env = referenceEnvironment(QStringLiteral("ASIAS3JOBEXAMPLE0001"),
                                                   QStringLiteral("s3JobSecretEXAMPLEKEYs3JobSecretEXAMPLE"));
    env.insert(QStringLiteral("AWS_SESSION_TOKEN"),
               QStringLiteral("FwoGZXIvYXdzEJr//////////wEaDs3jobtokenEXAMPLE+/="));
    return runProcess(
        cli, args + QStringList{QStringLiteral("--endpoint-url"), m_endpoint, QStringLiteral("--only-show-errors")}, {},
        env);
}

void TestFakeS3AwsCli::copy_data()
{
    QTest::addColumn<QString>("cli");
    const QStringList clis = awsClis();
    QVERIFY2(clis.contains(QStringLiteral("/usr/bin/aws")), "the AWS CLI v2 (/usr/bin/aws) is not installed");
    for (const QString &cli : clis)
        QTest::newRow(qPrintable(cli)) << cli;
}

void TestFakeS3AwsCli::copy()
{
    QFETCH(QString, cli);
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char('/'), QLatin1Char('_'));

    // Download, from a file the fake reads in pieces.
    const QString downloaded = m_dir.filePath(tag + QStringLiteral(".down"));
    const ProcessOutput down = aws(
        cli,
        {QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://artifacts-us/cli/served.bin"), downloaded});
    QVERIFY2(down.exitCode == 0, down.err.constData());
    QCOMPARE(fileSha256(downloaded), fileSha256(m_object));

    // A bucket in another region: the CLI follows the fake's AuthorizationHeaderMalformed.
    const QString euro = m_dir.filePath(tag + QStringLiteral(".eu"));
    const ProcessOutput eu =
        aws(cli, {QStringLiteral("s3"), QStringLiteral("cp"), QStringLiteral("s3://artifacts-eu/pipe/Euro/obj"), euro});
    QVERIFY2(eu.exitCode == 0, eu.err.constData());
    QFile euFile(euro);
    QVERIFY(euFile.open(QIODevice::ReadOnly));
    QCOMPARE(euFile.readAll(), QByteArray("from Ireland"));

    // Upload: refused without the bucket's KMS key, stored with it, and the same bytes come back.
    const QString source = m_dir.filePath(tag + QStringLiteral(".up"));
    QFile up(source);
    QVERIFY(up.open(QIODevice::WriteOnly));
    up.write(QByteArray("output artifact from ") + cli.toUtf8() + '\n');
    up.close();
    const QString target = QStringLiteral("s3://artifacts-kms/out/") + tag;
    const ProcessOutput refused = aws(cli, {QStringLiteral("s3"), QStringLiteral("cp"), source, target});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains("AccessDenied"), refused.err.constData());
    const ProcessOutput stored =
        aws(cli,
            {QStringLiteral("s3"), QStringLiteral("cp"), source, target, QStringLiteral("--sse"),
             QStringLiteral("aws:kms"), QStringLiteral("--sse-kms-key-id"), KmsKey});
    QVERIFY2(stored.exitCode == 0, stored.err.constData());
    const QString back = m_dir.filePath(tag + QStringLiteral(".back"));
    const ProcessOutput again = aws(cli, {QStringLiteral("s3"), QStringLiteral("cp"), target, back});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(fileSha256(back), fileSha256(source));
}

QTEST_GUILESS_MAIN(TestFakeS3AwsCli)
#include "tst_fakes3awscli.moc"
