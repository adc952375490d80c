// The profile store against a real Secret Service (the throwaway GNOME Keyring of
// tests/support/with-keychain.sh): every secret kind round-trips, nothing secret
// reaches the settings file, renames move keys and removals delete them.

#include "core/profiles/profilestore.h"
#include "support/testkeychain.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using jobdesk::Result;
using jobdesk::Secret;
using jobdesk::Status;
using jobdesk::aws::Credentials;
using jobdesk::profiles::Keychain;
using jobdesk::profiles::Profile;
using jobdesk::profiles::ProfileStore;
using jobdesk::test::lookUpWithSecretTool;
using jobdesk::test::waitFor;

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTrip_data();
    void roundTrip();
    void replaceKeysDropsOldToken();
    void keysNotSet();
    void keepKeysWhenNoneGiven();
    void switchingSourceRemovesKeys();
    void renameMovesSecrets();
    void renameRefusals();
    void removeDeletesSecrets();
    void nonKeychainProfiles();
    void validation_data();
    void validation();
    void defaultSettingsLocation();

private:
    Status save(const Profile &profile, const Credentials *keys)
    {
        auto answer = waitFor<Status>([&](auto done) { m_store->saveProfile(profile, keys, this, std::move(done)); });
        return answer ? *answer
                      : Status(jobdesk::Error::make(jobdesk::Error::Kind::Timeout, QStringLiteral("TestHang"), {}));
    }
    Result<Credentials> load(const QString &name)
    {
        auto answer =
            waitFor<Result<Credentials>>([&](auto done) { m_store->loadSecrets(name, this, std::move(done)); });
        return answer
            ? *answer
            : Result<Credentials>(jobdesk::Error::make(jobdesk::Error::Kind::Timeout, QStringLiteral("TestHang"), {}));
    }
    Status remove(const QString &name)
    {
        auto answer = waitFor<Status>([&](auto done) { m_store->removeProfile(name, this, std::move(done)); });
        return answer ? *answer
                      : Status(jobdesk::Error::make(jobdesk::Error::Kind::Timeout, QStringLiteral("TestHang"), {}));
    }
    Status rename(const QString &from, const QString &to)
    {
        auto answer = waitFor<Status>([&](auto done) { m_store->renameProfile(from, to, this, std::move(done)); });
        return answer ? *answer
                      : Status(jobdesk::Error::make(jobdesk::Error::Kind::Timeout, QStringLiteral("TestHang"), {}));
    }
    static Profile keychainProfile(const QString &name)
    {
        Profile p;
        p.name = name;
        p.region = QStringLiteral("eu-west-1");
        p.endpoint = QUrl(QStringLiteral("https://codepipeline.eu-west-1.amazonaws.com"));
        p.source = Profile::CredentialSource::Keychain;
        return p;
    }
    static Credentials keys(const QString &id, const QString &secret, const QString &token = QString())
    {
        Credentials c;
        c.accessKeyId = id;
        c.secretAccessKey = Secret(secret);
        c.sessionToken = Secret(token);
        return c;
    }
    QByteArray settingsBytes() const
    {
        QFile file(m_settingsPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static std::optional<QByteArray> stored(const QString &profile, const QString &field)
    {
        return lookUpWithSecretTool(Keychain::profileKey(profile, field));
    }

    QTemporaryDir m_dir;
    QString m_settingsPath;
    std::unique_ptr<ProfileStore> m_store;
};

void TestProfileStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    JOBDESK_REQUIRE_KEYCHAIN();
}

void TestProfileStore::init()
{
    static int round = 0;
    m_settingsPath = m_dir.filePath(QStringLiteral("settings-%1.ini").arg(++round));
    m_store = std::make_unique<ProfileStore>(m_settingsPath);
}

void TestProfileStore::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("token");
    QTest::newRow("long-term keys") << QStringLiteral("rt-long-term") << QString();
    QTest::newRow("with session token") << QStringLiteral("rt-session")
                                        << QStringLiteral("FwoGZXIvYXdzEJr//////////token+with/odd=chars");
    QTest::newRow("unicode name and secret") << QStringLiteral("Kunde Müller 客户") << QStringLiteral("tøken-ünïcode");
}

void TestProfileStore::roundTrip()
{
    QFETCH(QString, name);
    QFETCH(QString, token);
    QSignalSpy changed(m_store.get(), &ProfileStore::profilesChanged);
    const Credentials given = keys(QStringLiteral("AKIAROUNDTRIPEXAMPLE"),
                                   QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+ü"), token);
    const Status saved = save(keychainProfile(name), &given);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_store->profile(name).value(), keychainProfile(name));
    QCOMPARE(m_store->profiles().size(), 1);

    const auto loaded = load(name);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded.value().accessKeyId, given.accessKeyId);
    QCOMPARE(loaded.value().secretAccessKey, given.secretAccessKey);
    QCOMPARE(loaded.value().sessionToken, given.sessionToken);

    // The secrets are in the Secret Service under the documented keys ...
    QCOMPARE(stored(name, ProfileStore::accessKeyIdField()).value(), given.accessKeyId.toUtf8());
    QCOMPARE(stored(name, ProfileStore::secretAccessKeyField()).value(), given.secretAccessKey.reveal());
    if (token.isEmpty())
        QVERIFY(!stored(name, ProfileStore::sessionTokenField()).has_value());
    else
        QCOMPARE(stored(name, ProfileStore::sessionTokenField()).value(), token.toUtf8());
    // ... and nowhere in the settings file.
    const QByteArray settings = settingsBytes();
    QVERIFY(settings.contains("eu-west-1"));
    QVERIFY(!settings.contains("AKIAROUNDTRIP"));
    QVERIFY(!settings.contains("wJalrXUtnFEMI"));
    if (!token.isEmpty())
        QVERIFY(!settings.contains(token.toUtf8()));

    QVERIFY(remove(name).ok());
}

void TestProfileStore::replaceKeysDropsOldToken()
{
    const QString name = QStringLiteral("replace");
    const Credentials first = keys(QStringLiteral("AKIAFIRST"), QStringLiteral("first"), QStringLiteral("firstToken"));
    QVERIFY(save(keychainProfile(name), &first).ok());
    const Credentials second = keys(QStringLiteral("AKIASECOND"), QStringLiteral("second"));
    QVERIFY(save(keychainProfile(name), &second).ok());
    const auto loaded = load(name);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().accessKeyId, QStringLiteral("AKIASECOND"));
    QVERIFY(loaded.value().sessionToken.isEmpty());
    QVERIFY(!stored(name, ProfileStore::sessionTokenField()).has_value());
    QVERIFY(remove(name).ok());
}

void TestProfileStore::keysNotSet()
{
    const QString name = QStringLiteral("no-keys-yet");
    QVERIFY(save(keychainProfile(name), nullptr).ok());
    const auto loaded = load(name);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("KeysNotSet"));
    QVERIFY(loaded.error().message.contains(QStringLiteral("the Secret Service (GNOME Keyring / KWallet)")));
    QVERIFY(!loaded.error().hint.isEmpty());

    const auto unknown = load(QStringLiteral("never-saved"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, QStringLiteral("ProfileNotFound"));
    QVERIFY(remove(name).ok());
}

void TestProfileStore::keepKeysWhenNoneGiven()
{
    const QString name = QStringLiteral("keep-keys");
    const Credentials given = keys(QStringLiteral("AKIAKEEP"), QStringLiteral("keep"), QStringLiteral("keepToken"));
    QVERIFY(save(keychainProfile(name), &given).ok());
    Profile changed = keychainProfile(name);
    changed.region = QStringLiteral("ap-south-1");
    QVERIFY(save(changed, nullptr).ok());
    QCOMPARE(m_store->profile(name)->region, QStringLiteral("ap-south-1"));
    const auto loaded = load(name);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().sessionToken.revealText(), QStringLiteral("keepToken"));
    QVERIFY(remove(name).ok());
}

void TestProfileStore::switchingSourceRemovesKeys()
{
    const QString name = QStringLiteral("switcher");
    const Credentials given =
        keys(QStringLiteral("AKIASWITCH"), QStringLiteral("switch"), QStringLiteral("switchToken"));
    QVERIFY(save(keychainProfile(name), &given).ok());
    Profile linked = keychainProfile(name);
    linked.source = Profile::CredentialSource::SharedConfig;
    linked.sharedConfigProfile = QStringLiteral("partner");
    QVERIFY(save(linked, nullptr).ok());
    QCOMPARE(m_store->profile(name).value(), linked);
    for (const QString &field :
         {ProfileStore::accessKeyIdField(), ProfileStore::secretAccessKeyField(), ProfileStore::sessionTokenField()})
        QVERIFY2(!stored(name, field).has_value(), qPrintable(field));
    const auto loaded = load(name);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, QStringLiteral("NotAKeychainProfile"));

    // Keys are only for keychain profiles.
    const Status refused = save(linked, &given);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, jobdesk::Error::Kind::Validation);
    QVERIFY(remove(name).ok());
}

void TestProfileStore::renameMovesSecrets()
{
    const Credentials given =
        keys(QStringLiteral("AKIARENAME"), QStringLiteral("renameSecret"), QStringLiteral("renameToken"));
    QVERIFY(save(keychainProfile(QStringLiteral("old name")), &given).ok());
    QSignalSpy changed(m_store.get(), &ProfileStore::profilesChanged);
    const Status renamed = rename(QStringLiteral("old name"), QStringLiteral("new name"));
    QVERIFY2(renamed.ok(), qPrintable(renamed.ok() ? QString() : renamed.error().message));
    QVERIFY(changed.count() >= 1);

    QVERIFY(!m_store->contains(QStringLiteral("old name")));
    Profile expected = keychainProfile(QStringLiteral("new name"));
    QCOMPARE(m_store->profile(QStringLiteral("new name")).value(), expected);
    for (const QString &field :
         {ProfileStore::accessKeyIdField(), ProfileStore::secretAccessKeyField(), ProfileStore::sessionTokenField()}) {
        QVERIFY2(!stored(QStringLiteral("old name"), field).has_value(), qPrintable(field));
        QVERIFY2(stored(QStringLiteral("new name"), field).has_value(), qPrintable(field));
    }
    const auto loaded = load(QStringLiteral("new name"));
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().secretAccessKey.revealText(), QStringLiteral("renameSecret"));
    QCOMPARE(loaded.value().sessionToken.revealText(), QStringLiteral("renameToken"));
    QVERIFY(remove(QStringLiteral("new name")).ok());
}

void TestProfileStore::renameRefusals()
{
    const Credentials given = keys(QStringLiteral("AKIAA"), QStringLiteral("a"));
    QVERIFY(save(keychainProfile(QStringLiteral("ren-a")), &given).ok());
    QVERIFY(save(keychainProfile(QStringLiteral("ren-b")), &given).ok());
    QCOMPARE(rename(QStringLiteral("ren-a"), QStringLiteral("ren-b")).error().field, QStringLiteral("name"));
    QCOMPARE(rename(QStringLiteral("ren-missing"), QStringLiteral("ren-c")).error().code,
             QStringLiteral("ProfileNotFound"));
    QCOMPARE(rename(QStringLiteral("ren-a"), QStringLiteral("bad/name")).error().field, QStringLiteral("name"));
    QVERIFY(rename(QStringLiteral("ren-a"), QStringLiteral("ren-a")).ok());
    // Nothing moved.
    QVERIFY(stored(QStringLiteral("ren-a"), ProfileStore::secretAccessKeyField()).has_value());
    QVERIFY(remove(QStringLiteral("ren-a")).ok());
    QVERIFY(remove(QStringLiteral("ren-b")).ok());
}

void TestProfileStore::removeDeletesSecrets()
{
    const QString name = QStringLiteral("to-delete");
    const Credentials given =
        keys(QStringLiteral("AKIADELETE"), QStringLiteral("deleteSecret"), QStringLiteral("deleteToken"));
    QVERIFY(save(keychainProfile(name), &given).ok());
    QVERIFY(stored(name, ProfileStore::secretAccessKeyField()).has_value());
    QSignalSpy changed(m_store.get(), &ProfileStore::profilesChanged);
    QVERIFY(remove(name).ok());
    QCOMPARE(changed.count(), 1);
    QVERIFY(!m_store->contains(name));
    QVERIFY(m_store->profiles().isEmpty());
    for (const QString &field :
         {ProfileStore::accessKeyIdField(), ProfileStore::secretAccessKeyField(), ProfileStore::sessionTokenField()})
        QVERIFY2(!stored(name, field).has_value(), qPrintable(field));
    QCOMPARE(remove(name).error().code, QStringLiteral("ProfileNotFound"));
}

void TestProfileStore::nonKeychainProfiles()
{
    Profile env;
    env.name = QStringLiteral("from-env");
    env.source = Profile::CredentialSource::Environment;
    Profile linked;
    linked.name = QStringLiteral("linked");
    linked.source = Profile::CredentialSource::SharedConfig;
    linked.sharedConfigProfile = QStringLiteral("partner-account");
    QVERIFY(save(env, nullptr).ok());
    QVERIFY(save(linked, nullptr).ok());
    const QList<Profile> all = m_store->profiles();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0), env);
    QCOMPARE(all.at(1), linked);
    QVERIFY(rename(QStringLiteral("linked"), QStringLiteral("linked-2")).ok());
    QCOMPARE(m_store->profile(QStringLiteral("linked-2"))->sharedConfigProfile, QStringLiteral("partner-account"));

    // A second store on the same file sees the same profiles (the CLI and the GUI share them).
    ProfileStore other(m_settingsPath);
    QCOMPARE(other.profiles().size(), 2);
    QVERIFY(remove(QStringLiteral("from-env")).ok());
    QVERIFY(remove(QStringLiteral("linked-2")).ok());
    QVERIFY(other.profiles().isEmpty());
}

void TestProfileStore::validation_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("field");
    Profile p = keychainProfile(QStringLiteral("ok"));
    Profile empty = p;
    empty.name = QString();
    Profile slash = p;
    slash.name = QStringLiteral("a/b");
    Profile padded = p;
    padded.name = QStringLiteral(" padded");
    Profile region = p;
    region.region = QStringLiteral("eu west 1");
    Profile endpoint = p;
    endpoint.endpoint = QUrl(QStringLiteral("ftp://example.com"));
    Profile link = p;
    link.source = Profile::CredentialSource::SharedConfig;
    QTest::newRow("empty name") << empty << QStringLiteral("name");
    QTest::newRow("slash in name") << slash << QStringLiteral("name");
    QTest::newRow("padded name") << padded << QStringLiteral("name");
    QTest::newRow("bad region") << region << QStringLiteral("region");
    QTest::newRow("bad endpoint") << endpoint << QStringLiteral("endpoint");
    QTest::newRow("link without target") << link << QStringLiteral("sharedConfigProfile");
}

void TestProfileStore::validation()
{
    QFETCH(Profile, profile);
    QFETCH(QString, field);
    const Status saved = save(profile, nullptr);
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().field, field);
    QVERIFY(m_store->profiles().isEmpty());
    const Credentials incomplete = keys(QStringLiteral("AKIA"), QString());
    QCOMPARE(save(keychainProfile(QStringLiteral("ok")), &incomplete).error().field, QStringLiteral("credentials"));
}

void TestProfileStore::defaultSettingsLocation()
{
    // The default constructor uses JobDesk/JobDesk settings (under the test-mode home here).
    ProfileStore store;
    Profile env;
    env.name = QStringLiteral("default-location");
    env.source = Profile::CredentialSource::Environment;
    auto saved = waitFor<Status>([&](auto done) { store.saveProfile(env, nullptr, this, std::move(done)); });
    QVERIFY(saved && saved->ok());
    QSettings settings(QStringLiteral("JobDesk"), QStringLiteral("JobDesk"));
    QCOMPARE(settings.value(QStringLiteral("profiles/default-location/source")).toString(),
             QStringLiteral("environment"));
    auto removed = waitFor<Status>([&](auto done) { store.removeProfile(env.name, this, std::move(done)); });
    QVERIFY(removed && removed->ok());
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
