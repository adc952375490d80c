// The client-token vault against a real Secret Service: tokens only in the keychain,
// labels only in the settings, explicit save/load/remove.

#include "core/profiles/clienttokenvault.h"
#include "support/testkeychain.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::Result;
using jobdesk::Secret;
using jobdesk::Status;
using jobdesk::profiles::ClientTokenVault;
using jobdesk::profiles::Keychain;
using jobdesk::test::lookUpWithSecretTool;
using jobdesk::test::waitFor;

class TestClientTokenVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveLoadRemove_data();
    void saveLoadRemove();
    void labelsAreListedSorted();
    void replaceKeepsOneLabel();
    void notSet();
    void refusals();

private:
    Status save(ClientTokenVault &vault, const QString &label, const QString &token)
    {
        return *waitFor<Status>([&](auto done) { vault.saveToken(label, Secret(token), this, std::move(done)); });
    }
    Result<Secret> load(ClientTokenVault &vault, const QString &label)
    {
        return *waitFor<Result<Secret>>([&](auto done) { vault.loadToken(label, this, std::move(done)); });
    }
    Status remove(ClientTokenVault &vault, const QString &label)
    {
        return *waitFor<Status>([&](auto done) { vault.removeToken(label, this, std::move(done)); });
    }
    QString settingsFile(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

void TestClientTokenVault::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
}

void TestClientTokenVault::saveLoadRemove_data()
{
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("token");
    QTest::newRow("customer") << QStringLiteral("Acme Corp") << QStringLiteral("eyJhbGciOiJIUzI1NiJ9.acme.signature");
    QTest::newRow("clientId with slash") << QStringLiteral("client/1234-abcd") << QStringLiteral("tok/with+base64==");
    QTest::newRow("unicode") << QStringLiteral("Kunde Jürgen") << QStringLiteral("geheim-ß-令牌");
}

void TestClientTokenVault::saveLoadRemove()
{
    QFETCH(QString, label);
    QFETCH(QString, token);
    const QString file = settingsFile(QStringLiteral("vault-%1.ini")
                                          .arg(QLatin1String(QTest::currentDataTag()))
                                          .replace(QLatin1Char(' '), QLatin1Char('-')));
    ClientTokenVault vault(file);
    QSignalSpy changed(&vault, &ClientTokenVault::labelsChanged);

    QVERIFY(save(vault, label, token).ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(vault.labels(), QStringList{label});
    QVERIFY(vault.contains(label));
    QCOMPARE(lookUpWithSecretTool(Keychain::tokenKey(label)).value(), token.toUtf8());
    QFile settings(file);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(token.toUtf8()));

    const auto loaded = load(vault, label);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().revealText(), token);

    QVERIFY(remove(vault, label).ok());
    QVERIFY(vault.labels().isEmpty());
    QVERIFY(!lookUpWithSecretTool(Keychain::tokenKey(label)).has_value());
    QCOMPARE(changed.count(), 2);
}

void TestClientTokenVault::labelsAreListedSorted()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("sorted.ini")));
    for (const QString &label : {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid")})
        QVERIFY(save(vault, label, label + QStringLiteral("-token")).ok());
    QCOMPARE(vault.labels(), (QStringList{QStringLiteral("alpha"), QStringLiteral("mid"), QStringLiteral("zeta")}));
    ClientTokenVault sameFile(settingsFile(QStringLiteral("sorted.ini")));
    QCOMPARE(sameFile.labels(), vault.labels());
    for (const QString &label : vault.labels())
        QVERIFY(remove(vault, label).ok());
}

void TestClientTokenVault::replaceKeepsOneLabel()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("replace.ini")));
    QVERIFY(save(vault, QStringLiteral("client-r"), QStringLiteral("first")).ok());
    QVERIFY(save(vault, QStringLiteral("client-r"), QStringLiteral("second")).ok());
    QCOMPARE(vault.labels(), QStringList{QStringLiteral("client-r")});
    QCOMPARE(load(vault, QStringLiteral("client-r")).value().revealText(), QStringLiteral("second"));
    QVERIFY(remove(vault, QStringLiteral("client-r")).ok());
}

void TestClientTokenVault::notSet()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("notset.ini")));
    const auto loaded = load(vault, QStringLiteral("never-saved"));
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("TokenNotSet"));
    QVERIFY(loaded.error().message.contains(QStringLiteral("the Secret Service (GNOME Keyring / KWallet)")));
    // Removing what is not there is fine.
    QVERIFY(remove(vault, QStringLiteral("never-saved")).ok());
}

void TestClientTokenVault::refusals()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("refusals.ini")));
    QCOMPARE(save(vault, QString(), QStringLiteral("t")).error().field, QStringLiteral("label"));
    QCOMPARE(save(vault, QStringLiteral(" padded"), QStringLiteral("t")).error().field, QStringLiteral("label"));
    QCOMPARE(save(vault, QStringLiteral("ok"), QString()).error().field, QStringLiteral("token"));
    QVERIFY(vault.labels().isEmpty());
}

QTEST_GUILESS_MAIN(TestClientTokenVault)
#include "tst_clienttokenvault.moc"
