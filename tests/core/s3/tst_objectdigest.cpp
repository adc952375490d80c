// ObjectDigest: libcrypto's SHA-256 and MD5 give the same digests as Qt's, fed whole or in
// pieces of any size, and result() leaves the running digest usable.

#include "core/s3/objectdigest.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace jobdesk::s3;

class TestObjectDigest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownValues_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("sha256");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("empty sha256") << QByteArray() << true
                                      << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("abc sha256") << QByteArray("abc") << true
                                    << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        QTest::newRow("empty md5") << QByteArray() << false << QByteArray("d41d8cd98f00b204e9800998ecf8427e");
        QTest::newRow("abc md5") << QByteArray("abc") << false << QByteArray("900150983cd24fb0d6963f7d28e17f72");
    }

    void knownValues()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, sha256);
        QFETCH(QByteArray, hex);
        const auto algorithm = sha256 ? ObjectDigest::Algorithm::Sha256 : ObjectDigest::Algorithm::Md5;
        QCOMPARE(ObjectDigest::hash(input, algorithm).toHex(), hex);
    }

    void agreesWithQtInPieces()
    {
        QRandomGenerator random(20261203);
        for (int round = 0; round < 40; ++round) {
            QByteArray data(int(random.bounded(0, 300000)), Qt::Uninitialized);
            for (char &c : data)
                c = char(random.bounded(256));
            ObjectDigest sha(ObjectDigest::Algorithm::Sha256);
            ObjectDigest md5(ObjectDigest::Algorithm::Md5);
            for (qsizetype at = 0; at < data.size();) {
                const qsizetype piece = std::min<qsizetype>(data.size() - at, random.bounded(1, 70000));
                sha.addData(QByteArrayView(data).sliced(at, piece));
                md5.addData(QByteArrayView(data).sliced(at, piece));
                at += piece;
            }
            QCOMPARE(sha.result(), QCryptographicHash::hash(data, QCryptographicHash::Sha256));
            QCOMPARE(md5.result(), QCryptographicHash::hash(data, QCryptographicHash::Md5));
        }
    }

    void resultThenMoreThenReset()
    {
        ObjectDigest sha(ObjectDigest::Algorithm::Sha256);
        sha.addData("ab");
        QCOMPARE(sha.result(), QCryptographicHash::hash("ab", QCryptographicHash::Sha256));
        QCOMPARE(sha.result(), QCryptographicHash::hash("ab", QCryptographicHash::Sha256));
        sha.addData("c");
        QCOMPARE(sha.result(), QCryptographicHash::hash("abc", QCryptographicHash::Sha256));
        sha.reset();
        sha.addData("xyz");
        QCOMPARE(sha.result(), QCryptographicHash::hash("xyz", QCryptographicHash::Sha256));
    }
};

QTEST_GUILESS_MAIN(TestObjectDigest)
#include "tst_objectdigest.moc"
