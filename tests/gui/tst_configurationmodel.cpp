// ConfigurationModel with its SecretKeyPolicy: masking by key name, the
// user's per-provider choice (remembered across instances), sorting and
// filtering through a proxy.

#include "gui/configurationmodel.h"
#include "gui/secretkeypolicy.h"
#include "support/guitestdata.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestConfigurationModel : public QObject
{
    Q_OBJECT

private:
    SecretKeyPolicy *m_policy = nullptr;
    ConfigurationModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;

    static codepipeline::JobDocument document(int entries)
    {
        test::JobShape shape;
        shape.configEntries = entries;
        auto doc = codepipeline::JobDocument::fromJsonText(test::cliOutput(shape),
                                                           codepipeline::JobDocument::Origin::Pasted, {});
        return doc.value();
    }
    int rowOf(const QString &key) const
    {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            if (m_model->index(r, ConfigurationModel::KeyColumn).data().toString() == key)
                return r;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_configurationmodel"));
        QSettings().clear();
        m_policy = new SecretKeyPolicy(this);
        m_model = new ConfigurationModel(m_policy, this);
        m_proxy = new QSortFilterProxyModel(this);
        m_proxy->setSourceModel(m_model);
        m_proxy->setFilterKeyColumn(-1);
        m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }
    void cleanupTestCase() { QSettings().clear(); }

    void looksSecret_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("secret");
        QTest::newRow("ApiToken") << QStringLiteral("ApiToken") << true;
        QTest::newRow("API_KEY") << QStringLiteral("API_KEY") << true;
        QTest::newRow("db-password") << QStringLiteral("db-password") << true;
        QTest::newRow("ClientSecret") << QStringLiteral("ClientSecret") << true;
        QTest::newRow("OAuthToken") << QStringLiteral("OAuthToken") << true;
        QTest::newRow("privateKey") << QStringLiteral("privateKey") << true;
        QTest::newRow("ProjectName") << QStringLiteral("ProjectName") << false;
        QTest::newRow("Keyboard") << QStringLiteral("KeyboardLayout") << false;
        QTest::newRow("monkey") << QStringLiteral("monkey") << false;
        QTest::newRow("Branch") << QStringLiteral("Branch") << false;
    }
    void looksSecret()
    {
        QFETCH(QString, key);
        QFETCH(bool, secret);
        QCOMPARE(SecretKeyPolicy::looksSecret(key), secret);
    }

    void masksSecretLookingValues()
    {
        m_model->setDocument(document(5));
        QCOMPARE(m_model->rowCount(), 5);
        QCOMPARE(m_model->provider(), QStringLiteral("AcmeCI"));
        const int token = rowOf(QStringLiteral("ApiToken"));
        QCOMPARE(token, 0);  // wire order
        QCOMPARE(m_model->index(token, ConfigurationModel::ValueColumn).data().toString(), ConfigurationModel::mask());
        QCOMPARE(
            m_model->index(token, ConfigurationModel::ValueColumn).data(ConfigurationModel::PlainValueRole).toString(),
            QStringLiteral("tok_EXAMPLE_0123456789"));
        QCOMPARE(m_model->index(token, ConfigurationModel::SecretColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(m_model->index(1, ConfigurationModel::ValueColumn).data().toString(), QStringLiteral("value-1"));
        QCOMPARE(m_model->maskedKeys(), QStringList{QStringLiteral("ApiToken")});
        QVERIFY(m_model->flags(m_model->index(0, ConfigurationModel::SecretColumn)) & Qt::ItemIsUserCheckable);
    }

    void userChoiceIsRememberedPerProvider()
    {
        m_model->setDocument(document(5));
        const QModelIndex key2 = m_model->index(rowOf(QStringLiteral("Setting2")), ConfigurationModel::SecretColumn);
        QVERIFY(m_model->setData(key2, Qt::Checked, Qt::CheckStateRole));
        const QModelIndex token = m_model->index(rowOf(QStringLiteral("ApiToken")), ConfigurationModel::SecretColumn);
        QVERIFY(m_model->setData(token, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(m_model->maskedKeys(), QStringList{QStringLiteral("Setting2")});
        QCOMPARE(m_model->index(key2.row(), ConfigurationModel::ValueColumn).data().toString(),
                 ConfigurationModel::mask());

        // A new policy reads the choice back from the settings.
        SecretKeyPolicy fresh;
        QVERIFY(fresh.isSecret(QStringLiteral("AcmeCI"), QStringLiteral("Setting2")));
        QVERIFY(!fresh.isSecret(QStringLiteral("AcmeCI"), QStringLiteral("ApiToken")));
        // Another provider keeps the defaults.
        QVERIFY(!fresh.isSecret(QStringLiteral("OtherCI"), QStringLiteral("Setting2")));
        QVERIFY(fresh.isSecret(QStringLiteral("OtherCI"), QStringLiteral("ApiToken")));

        m_policy->forgetProvider(QStringLiteral("AcmeCI"));
        QCOMPARE(m_model->maskedKeys(), QStringList{QStringLiteral("ApiToken")});
    }

    void sortAndFilter()
    {
        m_model->setDocument(document(12));
        m_proxy->sort(ConfigurationModel::KeyColumn, Qt::DescendingOrder);
        QCOMPARE(m_proxy->index(0, 0).data().toString(), QStringLiteral("Setting9"));
        m_proxy->setFilterFixedString(QStringLiteral("value-1"));
        // value-1, value-10, value-11
        QCOMPARE(m_proxy->rowCount(), 3);
        // Masked values cannot be found by their content.
        m_proxy->setFilterFixedString(QStringLiteral("tok_EXAMPLE"));
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setFilterFixedString(QStringLiteral("apitoken"));
        QCOMPARE(m_proxy->rowCount(), 1);
        m_proxy->setFilterFixedString(QString());
        m_proxy->sort(-1);
    }

    void noConfiguration()
    {
        m_model->setDocument(document(0));
        QCOMPARE(m_model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConfigurationModel)
#include "tst_configurationmodel.moc"
