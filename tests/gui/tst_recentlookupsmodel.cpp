// RecentLookupsModel: newest first, capped, saved and read back, clearable,
// and never holding a token.

#include "gui/recentlookupsmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace jobdesk::gui;

class TestRecentLookupsModel : public QObject
{
    Q_OBJECT

private:
    RecentLookupsModel *m_model = nullptr;

    static RecentLookup entry(int i, bool ok = true)
    {
        return {QDateTime(QDate(2024, 6, 1), QTime(12, 0, 0), Qt::UTC).addSecs(i),
                QStringLiteral("job-%1").arg(i),
                QStringLiteral("Demo"),
                QStringLiteral("eu-west-1"),
                ok ? QStringLiteral("OK") : QStringLiteral("JobNotFoundException"),
                ok};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recentlookupsmodel"));
        QSettings().clear();
        m_model = new RecentLookupsModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }
    void cleanupTestCase() { QSettings().clear(); }

    void addSaveReload()
    {
        m_model->add(entry(1));
        m_model->add(entry(2, false));
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->index(0, RecentLookupsModel::JobIdColumn).data().toString(), QStringLiteral("job-2"));
        QCOMPARE(m_model->index(0, RecentLookupsModel::OutcomeColumn).data().toString(),
                 QStringLiteral("JobNotFoundException"));
        QCOMPARE(m_model->index(0, RecentLookupsModel::RegionColumn).data().toString(), QStringLiteral("eu-west-1"));

        RecentLookupsModel reloaded;  // as after a restart
        QCOMPARE(reloaded.rowCount(), 2);
        QCOMPARE(reloaded.lookup(1).jobId, QStringLiteral("job-1"));
        QCOMPARE(reloaded.lookup(1).timeUtc, entry(1).timeUtc);
        QVERIFY(reloaded.lookup(1).ok);
        QVERIFY(!reloaded.lookup(0).ok);

        // Only these fields are kept: nothing that could be a token.
        QSettings settings;
        settings.beginReadArray(QStringLiteral("RecentLookups"));
        settings.setArrayIndex(0);
        QStringList keys = settings.childKeys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("jobId"), QStringLiteral("ok"), QStringLiteral("outcome"),
                              QStringLiteral("profile"), QStringLiteral("region"), QStringLiteral("time")}));
        settings.endArray();
    }

    void capped()
    {
        for (int i = 0; i < RecentLookupsModel::kMaxEntries + 5; ++i)
            m_model->add(entry(100 + i));
        QCOMPARE(m_model->rowCount(), RecentLookupsModel::kMaxEntries);
        QCOMPARE(m_model->lookup(0).jobId, QStringLiteral("job-%1").arg(100 + RecentLookupsModel::kMaxEntries + 4));
    }

    void clear()
    {
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        RecentLookupsModel reloaded;
        QCOMPARE(reloaded.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRecentLookupsModel)
#include "tst_recentlookupsmodel.moc"
