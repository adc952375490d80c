// Keychain with the Windows Credential Manager's entry limit, on a real Secret
// Service (the throwaway GNOME Keyring of tests/support/with-keychain.sh): values
// past 2,560 bytes are stored in pieces no entry of which passes the limit, as
// secret-tool sees them; they read back whole, shrink and grow without leaving
// pieces behind, and a lost piece is reported instead of a wrong secret. The
// profile store and the token vault work unchanged on top of it.

#include "core/profiles/clienttokenvault.h"
#include "core/profiles/keychainchunks.h"
#include "core/profiles/profilestore.h"
#include "support/testkeychain.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::Result;
using jobdesk::Secret;
using jobdesk::Status;
using jobdesk::profiles::ClientTokenVault;
using jobdesk::profiles::Keychain;
using jobdesk::profiles::KeychainChunks;
using jobdesk::profiles::ProfileStore;
using jobdesk::test::lookUpWithSecretTool;
using jobdesk::test::waitFor;

namespace {

QByteArray tokenOf(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray raw(size, '\0');
    for (char &c : raw)
        c = char(random.bounded(256));
    return raw.toBase64().left(size);
}

}  // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void bigValueIsStoredInPieces();
    void shrinkingAndGrowingLeaveNoPieces();
    void deleteRemovesEveryPiece();
    void lostPieceIsReported();
    void noLimitStoresOneEntry();
    void profileStoreWithLongSessionToken();
    void tokenVaultWithLongToken();

private:
    Result<Keychain::ReadResults> run(const QList<Keychain::Operation> &operations)
    {
        auto answer = waitFor<Result<Keychain::ReadResults>>(
            [&](auto done) { Keychain::run(operations, nullptr, std::move(done)); });
        if (!answer)
            return jobdesk::Error::make(jobdesk::Error::Kind::Timeout, QStringLiteral("TestHang"), {});
        return *answer;
    }
    Result<std::optional<Secret>> read(const QString &key)
    {
        const auto result = run({Keychain::Operation::read(key)});
        if (!result)
            return result.error();
        return result.value().value(key);
    }
    // The entries under key as the Secret Service holds them: the main one, then each piece found.
    static QList<QByteArray> entries(const QString &key)
    {
        QList<QByteArray> found;
        if (auto main = lookUpWithSecretTool(key))
            found << *main;
        for (int i = 0; i <= KeychainChunks::maxPieces; ++i) {
            if (auto piece = lookUpWithSecretTool(KeychainChunks::pieceKey(key, i)))
                found << *piece;
        }
        return found;
    }

    QTemporaryDir m_dir;
};

void TestKeychain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
    Keychain::setEntryLimit(KeychainChunks::windowsLimit);
}

void TestKeychain::cleanupTestCase()
{
    Keychain::setEntryLimit(0);
}

void TestKeychain::bigValueIsStoredInPieces()
{
    const QString key = Keychain::tokenKey(QStringLiteral("big"));
    const Secret value(tokenOf(6000, 1));
    const auto written = run({Keychain::Operation::write(key, value)});
    QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));

    const QList<QByteArray> stored = entries(key);
    QCOMPARE(stored.size(), 4);  // the header and 2560 + 2560 + 880 bytes
    QVERIFY(stored.at(0).startsWith("jobdesk-chunked-v1:3:6000:"));
    for (const QByteArray &entry : stored)
        QVERIFY(entry.size() <= KeychainChunks::windowsLimit);
    QCOMPARE(stored.at(1) + stored.at(2) + stored.at(3), value.reveal());

    const auto back = read(key);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value().value(), value);
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
}

void TestKeychain::shrinkingAndGrowingLeaveNoPieces()
{
    const QString key = Keychain::profileKey(QStringLiteral("resize"), QStringLiteral("session-token"));
    QVERIFY(run({Keychain::Operation::write(key, Secret(tokenOf(8000, 2)))}).ok());
    QCOMPARE(entries(key).size(), 5);

    const Secret smaller(tokenOf(3000, 3));
    QVERIFY(run({Keychain::Operation::write(key, smaller)}).ok());
    QCOMPARE(entries(key).size(), 3);  // pieces 2 and 3 of the old value are gone
    QCOMPARE(read(key).value().value(), smaller);

    const Secret small(QByteArray("short-token"));
    QVERIFY(run({Keychain::Operation::write(key, small)}).ok());
    QCOMPARE(entries(key), QList<QByteArray>{small.reveal()});  // stored as it is, as before
    QCOMPARE(read(key).value().value(), small);

    const Secret bigger(tokenOf(5200, 4));
    QVERIFY(run({Keychain::Operation::write(key, bigger)}).ok());
    QCOMPARE(entries(key).size(), 4);
    QCOMPARE(read(key).value().value(), bigger);
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
}

void TestKeychain::deleteRemovesEveryPiece()
{
    const QString key = Keychain::tokenKey(QStringLiteral("delete-me"));
    QVERIFY(run({Keychain::Operation::write(key, Secret(tokenOf(7000, 5)))}).ok());
    QCOMPARE(entries(key).size(), 4);
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
    QVERIFY(entries(key).isEmpty());
    const auto gone = read(key);
    QVERIFY(gone.ok());
    QVERIFY(!gone.value().has_value());
    // Deleting what is not there is no failure, pieces or not.
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
}

void TestKeychain::lostPieceIsReported()
{
    const QString key = Keychain::tokenKey(QStringLiteral("damaged"));
    QVERIFY(run({Keychain::Operation::write(key, Secret(tokenOf(6000, 6)))}).ok());
    // Another program (or a cut-short write) removed one piece behind our back.
    const auto cleared =
        jobdesk::test::runProcess(QStringLiteral("secret-tool"),
                                  {QStringLiteral("clear"), QStringLiteral("server"), Keychain::serviceName(),
                                   QStringLiteral("user"), KeychainChunks::pieceKey(key, 1)});
    QCOMPARE(cleared.exitCode, 0);
    const auto back = read(key);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().code, QStringLiteral("KeychainEntryDamaged"));
    QVERIFY(!back.error().hint.isEmpty());
    // Writing again repairs it.
    const Secret fresh(tokenOf(6000, 7));
    QVERIFY(run({Keychain::Operation::write(key, fresh)}).ok());
    QCOMPARE(read(key).value().value(), fresh);
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
}

void TestKeychain::noLimitStoresOneEntry()
{
    // The Secret Service's own behaviour, and the default off Windows: one entry, however big.
    Keychain::setEntryLimit(0);
    const QString key = Keychain::tokenKey(QStringLiteral("unlimited"));
    const Secret value(tokenOf(6000, 8));
    const auto written = run({Keychain::Operation::write(key, value)});
    Keychain::setEntryLimit(KeychainChunks::windowsLimit);
    QVERIFY(written.ok());
    QCOMPARE(entries(key), QList<QByteArray>{value.reveal()});
    QVERIFY(run({Keychain::Operation::remove(key)}).ok());
}

void TestKeychain::profileStoreWithLongSessionToken()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("profiles.ini")));
    jobdesk::profiles::Profile profile;
    profile.name = QStringLiteral("tagged-session");
    profile.region = QStringLiteral("eu-west-1");
    profile.source = jobdesk::profiles::Profile::CredentialSource::Keychain;
    jobdesk::aws::Credentials keys;
    keys.accessKeyId = QStringLiteral("ASIALONGSESSIONEXAMPLE");
    keys.secretAccessKey = Secret(QByteArray("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    keys.sessionToken = Secret(tokenOf(4200, 9));
    const auto saved = waitFor<Status>([&](auto done) { store.saveProfile(profile, &keys, this, std::move(done)); });
    QVERIFY(saved && saved->ok());
    QCOMPARE(entries(Keychain::profileKey(profile.name, ProfileStore::sessionTokenField())).size(), 3);

    // A rename reads the pieces and writes them under the new name.
    const auto renamed = waitFor<Status>(
        [&](auto done) { store.renameProfile(profile.name, QStringLiteral("renamed"), this, std::move(done)); });
    QVERIFY2(renamed && renamed->ok(), renamed && !renamed->ok() ? qPrintable(renamed->error().message) : "");
    QVERIFY(entries(Keychain::profileKey(profile.name, ProfileStore::sessionTokenField())).isEmpty());
    const auto loaded = waitFor<Result<jobdesk::aws::Credentials>>(
        [&](auto done) { store.loadSecrets(QStringLiteral("renamed"), this, std::move(done)); });
    QVERIFY(loaded && loaded->ok());
    QCOMPARE(loaded->value().sessionToken, keys.sessionToken);
    QCOMPARE(loaded->value().secretAccessKey, keys.secretAccessKey);

    const auto removed =
        waitFor<Status>([&](auto done) { store.removeProfile(QStringLiteral("renamed"), this, std::move(done)); });
    QVERIFY(removed && removed->ok());
    QVERIFY(entries(Keychain::profileKey(QStringLiteral("renamed"), ProfileStore::sessionTokenField())).isEmpty());
}

void TestKeychain::tokenVaultWithLongToken()
{
    ClientTokenVault vault(m_dir.filePath(QStringLiteral("tokens.ini")));
    const Secret token(tokenOf(3000, 10));
    const auto saved =
        waitFor<Status>([&](auto done) { vault.saveToken(QStringLiteral("Acme"), token, this, std::move(done)); });
    QVERIFY(saved && saved->ok());
    const auto loaded =
        waitFor<Result<Secret>>([&](auto done) { vault.loadToken(QStringLiteral("Acme"), this, std::move(done)); });
    QVERIFY(loaded && loaded->ok());
    QCOMPARE(loaded->value(), token);
    const auto removed =
        waitFor<Status>([&](auto done) { vault.removeToken(QStringLiteral("Acme"), this, std::move(done)); });
    QVERIFY(removed && removed->ok());
    QVERIFY(entries(Keychain::tokenKey(QStringLiteral("Acme"))).isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
