// KeychainChunks, the rules for secrets bigger than one keychain entry takes: cut
// into pieces no bigger than the limit, joined back byte for byte, and anything
// that does not add up (a piece missing, swapped or from another value) refused.

#include "core/profiles/keychainchunks.h"

#include <QRandomGenerator>
#include <QTest>

using jobdesk::Secret;
using jobdesk::profiles::KeychainChunks;

namespace {

// A session token as STS returns one with session tags: long base64 text.
QByteArray tokenOf(qsizetype size)
{
    QRandomGenerator random(7);
    QByteArray raw(size * 3 / 4 + 3, '\0');
    for (char &c : raw)
        c = char(random.bounded(256));
    return raw.toBase64().left(size);
}

}  // namespace

class TestKeychainChunks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void needsSplit_data();
    void needsSplit();
    void splitAndJoin_data();
    void splitAndJoin();
    void headerLooksLikeThis();
    void valueLikeAHeaderIsSplit();
    void tooBigIsRefused();
    void limitTooSmallForAHeader();
    void damagedPiecesAreRefused();
    void notAHeader_data();
    void notAHeader();
    void pieceKeys();
};

void TestKeychainChunks::needsSplit_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<bool>("split");
    QTest::newRow("no limit") << qsizetype(100000) << qsizetype(0) << false;
    QTest::newRow("fits") << qsizetype(2000) << KeychainChunks::windowsLimit << false;
    QTest::newRow("exactly the limit") << KeychainChunks::windowsLimit << KeychainChunks::windowsLimit << false;
    QTest::newRow("one byte more") << KeychainChunks::windowsLimit + 1 << KeychainChunks::windowsLimit << true;
}

void TestKeychainChunks::needsSplit()
{
    QFETCH(qsizetype, size);
    QFETCH(qsizetype, limit);
    QFETCH(bool, split);
    QCOMPARE(KeychainChunks::needsSplit(tokenOf(size), limit), split);
}

void TestKeychainChunks::splitAndJoin_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<int>("pieces");
    QTest::newRow("session token with tags") << qsizetype(3000) << KeychainChunks::windowsLimit << 2;
    QTest::newRow("exact multiple") << KeychainChunks::windowsLimit * 3 << KeychainChunks::windowsLimit << 3;
    QTest::newRow("largest accepted") << KeychainChunks::windowsLimit * KeychainChunks::maxPieces
                                      << KeychainChunks::windowsLimit << KeychainChunks::maxPieces;
    QTest::newRow("small limit") << qsizetype(1000) << qsizetype(200) << 5;
}

void TestKeychainChunks::splitAndJoin()
{
    QFETCH(qsizetype, size);
    QFETCH(qsizetype, limit);
    QFETCH(int, pieces);
    const Secret value(tokenOf(size));
    const auto split = KeychainChunks::split(value, limit);
    QVERIFY2(split.ok(), qPrintable(split.ok() ? QString() : split.error().message));
    QCOMPARE(split.value().pieces.size(), pieces);
    QVERIFY(split.value().header.size() <= limit);
    QByteArray whole;
    for (const Secret &piece : split.value().pieces) {
        QVERIFY(piece.size() <= limit);
        QVERIFY(!piece.isEmpty());
        whole += piece.reveal();
    }
    QCOMPARE(whole, value.reveal());

    const auto header = KeychainChunks::parseHeader(split.value().header.reveal());
    QVERIFY(header.has_value());
    QCOMPARE(header->count, pieces);
    QCOMPARE(header->size, size);
    const auto joined = KeychainChunks::join(*header, split.value().pieces);
    QVERIFY2(joined.ok(), qPrintable(joined.ok() ? QString() : joined.error().message));
    QCOMPARE(joined.value(), value);
}

void TestKeychainChunks::headerLooksLikeThis()
{
    // The header is the one format other tools would see in the Credential Manager.
    const auto split = KeychainChunks::split(Secret(QByteArray("abc")), 2);
    QVERIFY(!split.ok());  // a header never fits two bytes
    const auto fits = KeychainChunks::split(Secret(QByteArray("abcde")), 100);
    QVERIFY(fits.ok());
    QCOMPARE(fits.value().header.reveal(),
             QByteArray("jobdesk-chunked-v1:1:5:36bbe50ed96841d10443bcb670d6554f0a34b761be67ec9c4a8ad2c0c44ca42c"));
}

void TestKeychainChunks::valueLikeAHeaderIsSplit()
{
    // A short value that reads like a header must not be taken for one when read back.
    const QByteArray impostor("jobdesk-chunked-v1:1:5:0000");
    QVERIFY(KeychainChunks::needsSplit(impostor, KeychainChunks::windowsLimit));
    const auto split = KeychainChunks::split(Secret(impostor), KeychainChunks::windowsLimit);
    QVERIFY(split.ok());
    QCOMPARE(split.value().pieces.size(), 1);
    const auto header = KeychainChunks::parseHeader(split.value().header.reveal());
    QVERIFY(header.has_value());
    QCOMPARE(KeychainChunks::join(*header, split.value().pieces).value().reveal(), impostor);
}

void TestKeychainChunks::tooBigIsRefused()
{
    const qsizetype size = KeychainChunks::windowsLimit * KeychainChunks::maxPieces + 1;
    const auto split = KeychainChunks::split(Secret(tokenOf(size)), KeychainChunks::windowsLimit);
    QVERIFY(!split.ok());
    QCOMPARE(split.error().code, QStringLiteral("SecretTooLarge"));
    QVERIFY2(split.error().message.contains(QString::number(size)), qPrintable(split.error().message));
    QVERIFY(split.error().message.contains(QString::number(KeychainChunks::windowsLimit * KeychainChunks::maxPieces)));
    QVERIFY(!split.error().hint.isEmpty());
}

void TestKeychainChunks::limitTooSmallForAHeader()
{
    const auto split = KeychainChunks::split(Secret(tokenOf(500)), 50);
    QVERIFY(!split.ok());
    QCOMPARE(split.error().code, QStringLiteral("KeychainLimit"));
}

void TestKeychainChunks::damagedPiecesAreRefused()
{
    const Secret value(tokenOf(600));
    const auto split = KeychainChunks::split(value, 200);
    QVERIFY(split.ok());
    const auto header = KeychainChunks::parseHeader(split.value().header.reveal()).value();
    QList<Secret> pieces = split.value().pieces;
    QCOMPARE(pieces.size(), 3);

    QList<Secret> missing = pieces;
    missing.removeAt(1);
    auto joined = KeychainChunks::join(header, missing);
    QVERIFY(!joined.ok());
    QCOMPARE(joined.error().code, QStringLiteral("KeychainEntryDamaged"));
    QVERIFY(joined.error().message.contains(QStringLiteral("2 of 3")));

    QList<Secret> swapped{pieces.at(1), pieces.at(0), pieces.at(2)};
    QVERIFY(!KeychainChunks::join(header, swapped).ok());

    // A piece of another value of the same size: only the checksum can tell.
    const auto other = KeychainChunks::split(Secret(QByteArray(600, 'x')), 200);
    QList<Secret> mixed{pieces.at(0), other.value().pieces.at(1), pieces.at(2)};
    joined = KeychainChunks::join(header, mixed);
    QVERIFY(!joined.ok());
    QVERIFY(joined.error().message.contains(QStringLiteral("different values")));
    QVERIFY(!joined.error().hint.isEmpty());
}

void TestKeychainChunks::notAHeader_data()
{
    QTest::addColumn<QByteArray>("stored");
    QTest::newRow("a plain token") << QByteArray("FwoGZXIvYXdzEJr//////////token");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("magic only") << QByteArray("jobdesk-chunked-v1:");
    QTest::newRow("no pieces") << QByteArray("jobdesk-chunked-v1:0:0:" + QByteArray(64, 'a'));
    QTest::newRow("too many pieces") << QByteArray("jobdesk-chunked-v1:33:1:" + QByteArray(64, 'a'));
    QTest::newRow("short checksum") << QByteArray("jobdesk-chunked-v1:1:1:abc");
    QTest::newRow("extra field") << QByteArray("jobdesk-chunked-v1:1:1:" + QByteArray(64, 'a') + ":x");
    QTest::newRow("other version") << QByteArray("jobdesk-chunked-v2:1:1:" + QByteArray(64, 'a'));
}

void TestKeychainChunks::notAHeader()
{
    QFETCH(QByteArray, stored);
    QVERIFY(!KeychainChunks::parseHeader(stored).has_value());
}

void TestKeychainChunks::pieceKeys()
{
    QCOMPARE(KeychainChunks::pieceKey(QStringLiteral("profile/dev/session-token"), 0),
             QStringLiteral("chunk/0/profile/dev/session-token"));
    QCOMPARE(KeychainChunks::pieceKey(QStringLiteral("token/Acme"), 12), QStringLiteral("chunk/12/token/Acme"));
}

QTEST_GUILESS_MAIN(TestKeychainChunks)
#include "tst_keychainchunks.moc"
