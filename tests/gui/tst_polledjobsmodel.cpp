// The poll window's list: batches on top in the service's order, local times shown, UTC in the
// tooltip, under QAbstractItemModelTester.

#include "gui/polledjobsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace jobdesk::gui;

class TestPolledJobsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void batchesOnTop()
    {
        PolledJobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(PolledJobsModel::ColumnCount));
        const QDateTime t1(QDate(2026, 6, 1), QTime(12, 30, 15), QTimeZone::utc());
        const QDateTime t2 = t1.addSecs(90);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.addBatch(
            {{QStringLiteral("a"), QStringLiteral("ca"), t1}, {QStringLiteral("b"), QStringLiteral("cb"), t1}});
        model.addBatch({});
        QCOMPARE(inserted.size(), 1);
        model.addBatch({{QStringLiteral("c"), QStringLiteral("cc"), t2}});
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 0);
        QCOMPARE(inserted.last().at(2).toInt(), 0);
        QStringList ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids << model.index(r, PolledJobsModel::JobIdColumn).data().toString();
        QCOMPARE(ids, (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(model.index(0, PolledJobsModel::ClientIdColumn).data().toString(), QStringLiteral("cc"));
        QCOMPARE(model.job(1).clientId, QStringLiteral("ca"));
        QVERIFY(model.job(7).jobId.isEmpty());
        QVERIFY(model.job(-1).jobId.isEmpty());

        const QModelIndex polled = model.index(0, PolledJobsModel::PolledColumn);
        QCOMPARE(polled.data().toString(), t2.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(polled.data(Qt::ToolTipRole).toString(), QStringLiteral("2026-06-01T12:31:45Z"));
        QCOMPARE(polled.data(PolledJobsModel::PolledAtUtcRole).toDateTime(), t2);
        QVERIFY(!model.headerData(PolledJobsModel::PolledColumn, Qt::Horizontal).toString().isEmpty());

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void localTimeFollowsTheZone()
    {
        const QByteArray saved = qgetenv("TZ");
        qputenv("TZ", "Asia/Tokyo");
        PolledJobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addBatch({{QStringLiteral("a"), QStringLiteral("ca"),
                         QDateTime(QDate(2026, 6, 1), QTime(23, 0, 0), QTimeZone::utc())}});
        // Tokyo is nine hours ahead all year.
        QCOMPARE(model.index(0, PolledJobsModel::PolledColumn).data().toString(),
                 QStringLiteral("2026-06-02 08:00:00"));
        if (saved.isEmpty())
            qunsetenv("TZ");
        else
            qputenv("TZ", saved);
    }
};

QTEST_MAIN(TestPolledJobsModel)
#include "tst_polledjobsmodel.moc"
