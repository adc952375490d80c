// OverviewModel: one row per fact, absent fields that say so, the alias
// warning, the continuation token length and the credentials countdown.

#include "gui/overviewmodel.h"
#include "support/guitestdata.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestOverviewModel : public QObject
{
    Q_OBJECT

private:
    OverviewModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;

    QString value(const QString &key) const
    {
        const int row = m_model->rowOf(key);
        return row < 0 ? QStringLiteral("<no row>") : m_model->index(row, OverviewModel::ValueColumn).data().toString();
    }
    QVariant role(const QString &key, int role) const
    {
        return m_model->index(m_model->rowOf(key), OverviewModel::ValueColumn).data(role);
    }
    static codepipeline::JobDocument document(const test::JobShape &shape, const QDateTime &fetched)
    {
        codepipeline::OperationResult result;
        result.response.data = codepipeline::Json{{"jobDetails", test::jobDetails(shape)}};
        result.response.data["jobDetails"]["data"].erase("someFutureField");
        result.requestId = QStringLiteral("req-1");
        result.attempts = 1;
        return codepipeline::JobDocument::fromResponse(
            result, {shape.jobId, QStringLiteral("P"), QStringLiteral("us-east-1"), {}}, fetched);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // One model and its tester for the whole test: every change below is checked as it happens.
        m_model = new OverviewModel(this);
        m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void thirdPartyFieldsSayTheyAreAbsent()
    {
        const QDateTime fetched = QDateTime::currentDateTimeUtc();
        m_model->setDocument(document({}, fetched));
        QCOMPARE(value(QStringLiteral("id")), test::JobShape().jobId);
        QCOMPARE(value(QStringLiteral("nonce")), QStringLiteral("7"));
        QCOMPARE(value(QStringLiteral("actionTypeId")), QStringLiteral("Build / ThirdParty / AcmeCI / 1"));
        QCOMPARE(value(QStringLiteral("pipelineName")), QStringLiteral("gui-test-pipeline"));
        QCOMPARE(value(QStringLiteral("stage")), QStringLiteral("Build"));
        QCOMPARE(value(QStringLiteral("action")), QStringLiteral("AcmeBuild"));
        QCOMPARE(value(QStringLiteral("actionExecutionId")), QStringLiteral("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"));
        for (const QString &key : {QStringLiteral("pipelineArn"), QStringLiteral("pipelineExecutionId")}) {
            QVERIFY(role(key, OverviewModel::AbsentRole).toBool());
            QVERIFY2(value(key).contains(QStringLiteral("third-party")), qPrintable(value(key)));
        }
        QCOMPARE(value(QStringLiteral("requestId")), QStringLiteral("req-1"));
        QVERIFY(role(QStringLiteral("continuationToken"), OverviewModel::AbsentRole).toBool());
    }

    void presentPipelineArnIsShown()
    {
        test::JobShape shape;
        shape.withPipelineArn = true;
        m_model->setDocument(document(shape, QDateTime::currentDateTimeUtc()));
        QVERIFY(!role(QStringLiteral("pipelineArn"), OverviewModel::AbsentRole).toBool());
        QCOMPARE(value(QStringLiteral("pipelineArn")),
                 QStringLiteral("arn:aws:codepipeline:us-east-1:123456789012:gui-test-pipeline"));
    }

    void encryptionKeyAliasWarns_data()
    {
        QTest::addColumn<QString>("keyId");
        QTest::addColumn<bool>("warns");
        QTest::newRow("key ARN") << QStringLiteral("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab") << false;
        QTest::newRow("key ID") << QStringLiteral("1234abcd-12ab-34cd-56ef-1234567890ab") << false;
        QTest::newRow("alias name") << QStringLiteral("alias/aws/s3") << true;
        QTest::newRow("alias ARN") << QStringLiteral("arn:aws:kms:us-east-1:123456789012:alias/build") << true;
    }
    void encryptionKeyAliasWarns()
    {
        QFETCH(QString, keyId);
        QFETCH(bool, warns);
        test::JobShape shape;
        shape.encryptionKeyId = keyId;
        m_model->setDocument(document(shape, QDateTime::currentDateTimeUtc()));
        QVERIFY(value(QStringLiteral("encryptionKey")).startsWith(keyId));
        QCOMPARE(!role(QStringLiteral("encryptionKey"), OverviewModel::WarningRole).toString().isEmpty(), warns);
        QCOMPARE(role(QStringLiteral("encryptionKey"), Qt::DecorationRole).isValid(), warns);
    }

    void continuationTokenLength_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("warns");
        QTest::newRow("short") << 10 << false;
        QTest::newRow("at the limit") << 2048 << false;
        QTest::newRow("over the limit") << 2049 << true;
    }
    void continuationTokenLength()
    {
        QFETCH(int, length);
        QFETCH(bool, warns);
        test::JobShape shape;
        shape.continuationToken = QString(length, QLatin1Char('c'));
        m_model->setDocument(document(shape, QDateTime::currentDateTimeUtc()));
        const QString text = value(QStringLiteral("continuationToken"));
        QVERIFY2(text.contains(QLocale().toString(length) + QLatin1Char(' ')), qPrintable(text.right(40)));
        QVERIFY(text.contains(QLocale().toString(2048)));
        QCOMPARE(!role(QStringLiteral("continuationToken"), OverviewModel::WarningRole).toString().isEmpty(), warns);
    }

    void credentialsCountDown()
    {
        const QDateTime fetched = QDateTime(QDate(2024, 6, 1), QTime(12, 0, 0), Qt::UTC);
        m_model->setNow(fetched);
        m_model->setDocument(document({}, fetched));
        const int row = m_model->rowOf(QStringLiteral("credentialsValidity"));
        QVERIFY(row >= 0);
        QVERIFY2(value(QStringLiteral("credentialsValidity")).contains(QStringLiteral("15:00")),
                 qPrintable(value(QStringLiteral("credentialsValidity"))));

        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_model->setNow(fetched.addSecs(5 * 60 + 30));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        QVERIFY(value(QStringLiteral("credentialsValidity")).contains(QStringLiteral("9:30")));

        m_model->setNow(fetched.addSecs(16 * 60));
        QVERIFY(value(QStringLiteral("credentialsValidity")).contains(QStringLiteral("expired")));
    }

    void noCredentialsNoCountdown()
    {
        test::JobShape shape;
        shape.withCredentials = false;
        m_model->setDocument(document(shape, QDateTime::currentDateTimeUtc()));
        QVERIFY(role(QStringLiteral("credentialsValidity"), OverviewModel::AbsentRole).toBool());
        QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
        m_model->setNow(QDateTime::currentDateTimeUtc().addSecs(60));
        QCOMPARE(changed.count(), 0);
    }

    void openedDocumentsHaveUnknownValidity()
    {
        QByteArray text = test::cliOutput();
        auto doc = codepipeline::JobDocument::fromJsonText(text, codepipeline::JobDocument::Origin::Opened,
                                                           QStringLiteral("/tmp/job.json"));
        QVERIFY(doc.ok());
        m_model->setDocument(doc.value());
        QVERIFY(value(QStringLiteral("credentialsValidity")).contains(QStringLiteral("unknown")));
        QVERIFY(value(QStringLiteral("fetchedAt")).contains(QStringLiteral("/tmp/job.json")));
        QCOMPARE(m_model->rowOf(QStringLiteral("requestId")), -1);
    }

    void clearEmpties()
    {
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOverviewModel)
#include "tst_overviewmodel.moc"
