// ProfileListModel: rows from several sources, kept up to date when a
// source changes or goes away, and credentials resolved by the right source.

#include "gui/profilelistmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

class ListSource : public ProfileSource
{
public:
    using ProfileSource::ProfileSource;
    QList<ProfileEntry> entries;
    QList<ProfileEntry> profiles() const override { return entries; }
    void resolveCredentials(const QString &name, QObject *, CredentialsCallback done) override
    {
        aws::Credentials c;
        c.accessKeyId = QStringLiteral("AKID-") + name;
        c.secretAccessKey = Secret(QStringLiteral("secret"));
        done(c);
    }
    void change(QList<ProfileEntry> e)
    {
        entries = std::move(e);
        Q_EMIT profilesChanged();
    }
};

ProfileEntry named(const QString &name)
{
    ProfileEntry e;
    e.name = name;
    e.region = QStringLiteral("eu-central-1");
    return e;
}

}  // namespace

class TestProfileListModel : public QObject
{
    Q_OBJECT

private:
    ProfileListModel *m_model = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = new ProfileListModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void sources()
    {
        auto *env = new EnvironmentProfileSource(this);
        m_model->addSource(env);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->index(0).data().toString(), EnvironmentProfileSource::profileName());

        auto *list = new ListSource(this);
        list->entries = {named(QStringLiteral("support-eu")), named(QStringLiteral("support-us"))};
        m_model->addSource(list);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->rowOf(QStringLiteral("support-us")), 2);
        QCOMPARE(m_model->index(1).data(ProfileListModel::RegionRole).toString(), QStringLiteral("eu-central-1"));

        QString resolved;
        m_model->resolveCredentials(2, this, [&](Result<aws::Credentials> c) {
            QVERIFY(c.ok());
            resolved = c.value().accessKeyId;
        });
        QCOMPARE(resolved, QStringLiteral("AKID-support-us"));

        list->change({named(QStringLiteral("only"))});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->rowOf(QStringLiteral("only")), 1);

        delete list;
        QCOMPARE(m_model->rowCount(), 1);

        bool failed = false;
        m_model->resolveCredentials(5, this, [&](Result<aws::Credentials> c) { failed = !c.ok(); });
        QVERIFY(failed);
    }

    void environmentCredentials()
    {
        EnvironmentProfileSource env;
        qputenv("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
        qputenv("AWS_SECRET_ACCESS_KEY", "secretfromenv");
        bool ok = false;
        env.resolveCredentials(EnvironmentProfileSource::profileName(), this, [&](Result<aws::Credentials> c) {
            ok = c.ok() && c.value().accessKeyId == QLatin1String("AKIDFROMENV");
        });
        QVERIFY(ok);
        qunsetenv("AWS_ACCESS_KEY_ID");
        qunsetenv("AWS_SECRET_ACCESS_KEY");
    }
};

QTEST_GUILESS_MAIN(TestProfileListModel)
#include "tst_profilelistmodel.moc"
