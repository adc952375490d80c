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
    void byClientId();
    void clientIdsApartFromLabels();
    void clientIdNotSet();
    void clientIdRefusals_data();
    void clientIdRefusals();

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
    Status saveFor(ClientTokenVault &vault, const QString &clientId, const QString &token)
    {
        return *waitFor<Status>(
            [&](auto done) { vault.saveClientToken(clientId, Secret(token), this, std::move(done)); });
    }
    Result<Secret> loadFor(ClientTokenVault &vault, const QString &clientId)
    {
        return *waitFor<Result<Secret>>([&](auto done) { vault.loadClientToken(clientId, this, std::move(done)); });
    }
    Status removeFor(ClientTokenVault &vault, const QString &clientId)
    {
        return *waitFor<Status>([&](auto done) { vault.removeClientToken(clientId, this, std::move(done)); });
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

namespace {

const QString kClientA = QStringLiteral("77777777-7777-4777-8777-777777777777");
const QString kClientB = QStringLiteral("0a1b2c3d-0000-4000-8000-0123456789ab");

}  // namespace

void TestClientTokenVault::byClientId()
{
    const QString file = settingsFile(QStringLiteral("clients.ini"));
    ClientTokenVault vault(file);
    QSignalSpy changed(&vault, &ClientTokenVault::clientIdsChanged);
    const QString token = QStringLiteral("partner-token-for-client-A/+=");

    QVERIFY(!vault.hasClientToken(kClientA));
    QVERIFY(saveFor(vault, kClientA, token).ok());
    QVERIFY(saveFor(vault, kClientB, QStringLiteral("token-B")).ok());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(vault.clientIds(), (QStringList{kClientB, kClientA}));  // sorted
    QVERIFY(vault.hasClientToken(kClientA));
    QCOMPARE(lookUpWithSecretTool(Keychain::clientTokenKey(kClientA)).value(), token.toUtf8());
    QCOMPARE(Keychain::clientTokenKey(kClientA), QStringLiteral("client/") + kClientA);
    QFile settings(file);
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(!settings.readAll().contains(token.toUtf8()));

    // Another vault on the same settings sees the same IDs.
    ClientTokenVault sameFile(file);
    QVERIFY(sameFile.hasClientToken(kClientA));
    QCOMPARE(loadFor(sameFile, kClientA).value().revealText(), token);

    QVERIFY(saveFor(vault, kClientA, QStringLiteral("replaced")).ok());
    QCOMPARE(vault.clientIds().count(kClientA), 1);
    QCOMPARE(loadFor(vault, kClientA).value().revealText(), QStringLiteral("replaced"));

    QVERIFY(removeFor(vault, kClientA).ok());
    QVERIFY(!vault.hasClientToken(kClientA));
    QVERIFY(!lookUpWithSecretTool(Keychain::clientTokenKey(kClientA)).has_value());
    QCOMPARE(vault.clientIds(), QStringList{kClientB});
    QVERIFY(removeFor(vault, kClientB).ok());
    QVERIFY(vault.clientIds().isEmpty());
}

void TestClientTokenVault::clientIdsApartFromLabels()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("apart.ini")));
    // The same text as a label and as a client ID: two entries that do not touch each other.
    QVERIFY(save(vault, kClientA, QStringLiteral("label-token")).ok());
    QVERIFY(saveFor(vault, kClientA, QStringLiteral("client-token")).ok());
    QCOMPARE(vault.labels(), QStringList{kClientA});
    QCOMPARE(vault.clientIds(), QStringList{kClientA});
    QCOMPARE(load(vault, kClientA).value().revealText(), QStringLiteral("label-token"));
    QCOMPARE(loadFor(vault, kClientA).value().revealText(), QStringLiteral("client-token"));
    QVERIFY(removeFor(vault, kClientA).ok());
    QCOMPARE(vault.labels(), QStringList{kClientA});
    QCOMPARE(load(vault, kClientA).value().revealText(), QStringLiteral("label-token"));
    QVERIFY(remove(vault, kClientA).ok());
}

void TestClientTokenVault::clientIdNotSet()
{
    ClientTokenVault vault(settingsFile(QStringLiteral("client-notset.ini")));
    const auto loaded = loadFor(vault, kClientB);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("TokenNotSet"));
    QVERIFY2(loaded.error().message.contains(kClientB), qPrintable(loaded.error().message));
    QVERIFY(!loaded.error().hint.isEmpty());
    QVERIFY(removeFor(vault, kClientB).ok());
}

void TestClientTokenVault::clientIdRefusals_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::newRow("empty") << QString();
    QTest::newRow("a label") << QStringLiteral("Acme Corp");
    QTest::newRow("capitals") << kClientA.toUpper().replace(QLatin1Char('7'), QLatin1Char('A'));
    QTest::newRow("too short") << kClientA.left(35);
    QTest::newRow("too long") << kClientA + QLatin1Char('7');
    QTest::newRow("climbing keys") << QStringLiteral("../token/Acme");
    QTest::newRow("newline after") << kClientA + QLatin1Char('\n');
}

void TestClientTokenVault::clientIdRefusals()
{
    QFETCH(QString, clientId);
    ClientTokenVault vault(settingsFile(QStringLiteral("client-refusals.ini")));
    QVERIFY(!ClientTokenVault::validateClientId(clientId).ok());
    const Status saved = saveFor(vault, clientId, QStringLiteral("t"));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().field, QStringLiteral("clientId"));
    QVERIFY(!saved.error().message.isEmpty());
    QCOMPARE(loadFor(vault, clientId).error().field, QStringLiteral("clientId"));
    QCOMPARE(removeFor(vault, clientId).error().field, QStringLiteral("clientId"));
    QVERIFY(vault.clientIds().isEmpty());
    // A good ID with an empty token is refused too.
    QCOMPARE(saveFor(vault, kClientA, QString()).error().field, QStringLiteral("token"));
    QVERIFY(vault.clientIds().isEmpty());
}

QTEST_GUILESS_MAIN(TestClientTokenVault)
#include "tst_clienttokenvault.moc"
