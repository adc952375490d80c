// With no Secret Service at all (the D-Bus session bus points nowhere), every
// keychain use fails with an error that names the keychain and says what to do, and
// nothing is written anywhere else.

#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "support/asyncwait.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::Error;
using jobdesk::Result;
using jobdesk::Secret;
using jobdesk::Status;
using jobdesk::aws::Credentials;
using jobdesk::profiles::ClientTokenVault;
using jobdesk::profiles::CredentialResolver;
using jobdesk::profiles::Profile;
using jobdesk::profiles::ProfileStore;
using jobdesk::profiles::ResolvedConfig;
using jobdesk::test::waitFor;

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveFails();
    void loadFails();
    void vaultFails();
    void resolverReportsIt();

private:
    static void checkKeychainError(const Error &error)
    {
        qInfo().noquote() << error.code << error.message << error.hint;
        QVERIFY2(error.code.startsWith(QStringLiteral("Keychain")),
                 qPrintable(error.code + QStringLiteral(": ") + error.message));
        QVERIFY2(error.message.contains(QStringLiteral("the Secret Service (GNOME Keyring / KWallet)")),
                 qPrintable(error.message));
        QVERIFY2(error.hint.contains(QStringLiteral("GNOME Keyring")), qPrintable(error.hint));
    }

    QTemporaryDir m_dir;
    QString m_settings;
};

void TestKeychainUnavailable::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Before the first keychain call of this process: no session bus, so no Secret Service.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/jobdesk-no-session-bus");
    m_settings = m_dir.filePath(QStringLiteral("settings.ini"));
}

void TestKeychainUnavailable::saveFails()
{
    ProfileStore store(m_settings);
    Profile p;
    p.name = QStringLiteral("nowhere");
    Credentials keys;
    keys.accessKeyId = QStringLiteral("AKIANOWHERE");
    keys.secretAccessKey = Secret(QStringLiteral("nowhereSecret"));
    auto saved = waitFor<Status>([&](auto done) { store.saveProfile(p, &keys, this, std::move(done)); });
    QVERIFY(saved);
    QVERIFY(!saved->ok());
    checkKeychainError(saved->error());
    // Nothing was saved, and certainly not the secret.
    QVERIFY(!store.contains(p.name));
    QFile file(m_settings);
    if (file.open(QIODevice::ReadOnly))
        QVERIFY(!file.readAll().contains("nowhereSecret"));
}

void TestKeychainUnavailable::loadFails()
{
    ProfileStore store(m_settings);
    Profile p;
    p.name = QStringLiteral("keys-unreachable");
    auto saved = waitFor<Status>([&](auto done) { store.saveProfile(p, nullptr, this, std::move(done)); });
    QVERIFY(saved && saved->ok());  // no key given, so no keychain needed
    auto loaded = waitFor<Result<Credentials>>([&](auto done) { store.loadSecrets(p.name, this, std::move(done)); });
    QVERIFY(loaded);
    QVERIFY(!loaded->ok());
    checkKeychainError(loaded->error());  // not "KeysNotSet": we do not know
    auto removed = waitFor<Status>([&](auto done) { store.removeProfile(p.name, this, std::move(done)); });
    QVERIFY(removed && !removed->ok());
    QVERIFY(store.contains(p.name));  // the keys could not be deleted, so the profile stays
}

void TestKeychainUnavailable::vaultFails()
{
    ClientTokenVault vault(m_settings);
    auto saved = waitFor<Status>([&](auto done) {
        vault.saveToken(QStringLiteral("customer-a"), Secret(QStringLiteral("tok")), this, std::move(done));
    });
    QVERIFY(saved && !saved->ok());
    checkKeychainError(saved->error());
    QVERIFY(vault.labels().isEmpty());
    auto loaded = waitFor<Result<Secret>>(
        [&](auto done) { vault.loadToken(QStringLiteral("customer-a"), this, std::move(done)); });
    QVERIFY(loaded && !loaded->ok());
    checkKeychainError(loaded->error());
}

void TestKeychainUnavailable::resolverReportsIt()
{
    ProfileStore store(m_settings);
    QVERIFY(store.contains(QStringLiteral("keys-unreachable")));
    CredentialResolver resolver(&store, QProcessEnvironment());
    auto resolved = waitFor<Result<ResolvedConfig>>(
        [&](auto done) { resolver.resolve(QStringLiteral("keys-unreachable"), this, std::move(done)); });
    QVERIFY(resolved && !resolved->ok());
    checkKeychainError(resolved->error());
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
