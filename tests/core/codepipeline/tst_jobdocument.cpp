// JobDocument::fromJsonText, the door for files and pastes: what the AWS CLI
// prints opens, and what is not a job is refused with a reason, never a crash.

#include "core/codepipeline/jobdocument.h"
#include "core/output/activityentry.h"
#include "core/output/jobexporter.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

class TestJobDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensCliOutput();
    void opensAnExportWithActivity();
    void refuses_data();
    void refuses();
};

void TestJobDocument::opensCliOutput()
{
    const QByteArray text = QByteArrayLiteral(
        R"({"jobDetails":{"id":"j-1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"}},"nonce":"2"}})");
    const auto doc = JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString());
    QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
    QVERIFY(doc.value().activity().is_array());
    QVERIFY(doc.value().activity().empty());
}

void TestJobDocument::opensAnExportWithActivity()
{
    const QByteArray text = QByteArrayLiteral(
        R"({"jobDetails":{"id":"j-1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"}},"nonce":"2"}})");
    const JobDocument job = JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString()).value();
    const auto *ack = ServiceModel::codePipeline().operation("AcknowledgeThirdPartyJob");
    output::ActivityEntry entry = output::ActivityEntry::make(
        *ack, Json{{"jobId", "j-1"}, {"nonce", "2"}, {"clientToken", "tok-DOC-1"}}, QDateTime::currentDateTimeUtc());
    entry.ok = true;
    entry.outcome = QStringLiteral("InProgress");
    output::JobExporter::Options options;
    options.activity = {entry, entry};

    const QByteArray exported = output::JobExporter::json(job, options);
    const auto doc = JobDocument::fromJsonText(exported, JobDocument::Origin::Opened, QStringLiteral("job.json"));
    QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
    QCOMPARE(doc.value().activity().size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(doc.value().activity()[0].dump()), QString::fromStdString(entry.toJson().dump()));
    const auto back = output::ActivityEntry::fromJson(doc.value().activity()[1]);
    QVERIFY(back.ok());
    QCOMPARE(back.value().outcome, QStringLiteral("InProgress"));
    // The job itself is what it was: the activity is not part of the answer.
    QCOMPARE(QString::fromStdString(doc.value().data().dump()), QString::fromStdString(job.data().dump()));
    QCOMPARE(doc.value().jobId(), QStringLiteral("j-1"));
}

void TestJobDocument::refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArrayLiteral("hello") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArrayLiteral("[1]") << QStringLiteral("not an object");
    QTest::newRow("no jobDetails") << QByteArrayLiteral("{\"a\":1}") << QStringLiteral("jobDetails");
    const QByteArray job = R"({"jobDetails":{"id":"j-1","nonce":"2"},"activity":)";
    QTest::newRow("activity an object") << QByteArray(job + "{}}") << QStringLiteral("\"activity\"");
    QTest::newRow("activity of numbers") << QByteArray(job + "[{},1]}") << QStringLiteral("\"activity\"");
    QTest::newRow("activity null") << QByteArray(job + "null}") << QStringLiteral("\"activity\"");
    // Found by fuzzing: thousands of levels overflowed the stack in the raw view.
    QTest::newRow("nested 5000 deep") << QByteArray("{\"jobDetails\":{\"x\":" + QByteArray(5000, '[')
                                                    + QByteArray(5000, ']') + "}}")
                                      << QStringLiteral("nested");
}

void TestJobDocument::refuses()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);
    const auto doc = JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString());
    QVERIFY(!doc.ok());
    QVERIFY2(doc.error().message.contains(mentions), qPrintable(doc.error().message));
}

QTEST_GUILESS_MAIN(TestJobDocument)
#include "tst_jobdocument.moc"
