// JobDocument::fromJsonText, the door for files and pastes: what the AWS CLI
// prints opens, and what is not a job is refused with a reason, never a crash.

#include "core/codepipeline/jobdocument.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

class TestJobDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensCliOutput();
    void refuses_data();
    void refuses();
};

void TestJobDocument::opensCliOutput()
{
    const QByteArray text = QByteArrayLiteral(
        R"({"jobDetails":{"id":"j-1","data":{"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"AcmeCI","version":"1"}},"nonce":"2"}})");
    const auto doc = JobDocument::fromJsonText(text, JobDocument::Origin::Pasted, QString());
    QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
}

void TestJobDocument::refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArrayLiteral("hello") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArrayLiteral("[1]") << QStringLiteral("not an object");
    QTest::newRow("no jobDetails") << QByteArrayLiteral("{\"a\":1}") << QStringLiteral("jobDetails");
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
