// ArchiveReader: formats recognised by their bytes, zip listings from the central
// directory (Python's zipfile and byte-built archives), tar and tar.gz listings with long
// names, entry reads with their limits and checks, and damaged input refused as an Error.

#include "core/archive/archivereader.h"
#include "support/testenv.h"
#include "support/zipbuilder.h"

#include <QBuffer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::archive;
using jobdesk::test::ZipBuilder;
using jobdesk::test::ZipBuilderEntry;

Q_DECLARE_METATYPE(jobdesk::archive::ArchiveFormat)

namespace {

QString fixture(const char *name)
{
    return test::dataDir() + QStringLiteral("/archive/") + QLatin1String(name);
}

QByteArray fixtureBytes(const char *name)
{
    QFile f(fixture(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList names(const QList<ArchiveEntry> &entries)
{
    QStringList out;
    for (const ArchiveEntry &e : entries)
        out.append(e.name);
    return out;
}

Result<QList<ArchiveEntry>> listBytes(const QByteArray &bytes)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return ArchiveReader::list(&buffer);
}

}  // namespace

class TestArchiveReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void detects_data();
    void detects();
    void detectKeepsPosition();
    void listsZip();
    void listsStreamedZip();
    void listsZip64();
    void decodesNames();
    void listsSymlinks();
    void marksEncrypted();
    void listsTar_data();
    void listsTar();
    void refusesDamaged_data();
    void refusesDamaged();
    void readsEntries();
    void readsWithLimit();
    void readChecksCrc();
    void readRefusesBomb();
    void readRefusesWrongKinds_data();
    void readRefusesWrongKinds();
    void formatNames();
};

void TestArchiveReader::detects_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ArchiveFormat>("format");
    QTest::newRow("zip") << fixture("plain.zip") << ArchiveFormat::Zip;
    QTest::newRow("streamed zip") << fixture("streamed.zip") << ArchiveFormat::Zip;
    QTest::newRow("empty zip") << fixture("empty.zip") << ArchiveFormat::Zip;
    QTest::newRow("gnu tar") << fixture("gnu.tar") << ArchiveFormat::Tar;
    QTest::newRow("pax tar") << fixture("pax.tar") << ArchiveFormat::Tar;
    QTest::newRow("tar.gz") << fixture("pax.tar.gz") << ArchiveFormat::TarGzip;
    QTest::newRow("text") << fixture("not-an-archive.txt") << ArchiveFormat::Unknown;
    QTest::newRow("missing") << fixture("no-such-file") << ArchiveFormat::Unknown;
}

void TestArchiveReader::detects()
{
    QFETCH(QString, file);
    QFETCH(ArchiveFormat, format);
    QCOMPARE(ArchiveReader::detect(file), format);
    // By content alone: the same bytes under a name without extension, as S3 keys are.
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("a3f9Zk1"));
    if (QFile::exists(file)) {
        QVERIFY(QFile::copy(file, copy));
        QCOMPARE(ArchiveReader::detect(copy), format);
    }
}

void TestArchiveReader::detectKeepsPosition()
{
    QFile f(fixture("pax.tar.gz"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.seek(0));
    QCOMPARE(ArchiveReader::detect(&f), ArchiveFormat::TarGzip);
    QCOMPARE(f.pos(), qint64(0));
    QVERIFY(f.seek(7));
    QCOMPARE(ArchiveReader::detect(&f), ArchiveFormat::Unknown);  // from where the device is
    QCOMPARE(f.pos(), qint64(7));
    QVERIFY(f.seek(0));
    // A gzip that holds no tar is not a tar.gz: the first 512 bytes inflate to text.
    const QByteArray text = QByteArray("plain text, not a tar\n").repeated(40);
    QBuffer notTar;
    notTar.setData(QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + ZipBuilder::deflateRaw(text));
    QVERIFY(notTar.open(QIODevice::ReadOnly));
    QCOMPARE(ArchiveReader::detect(&notTar), ArchiveFormat::Unknown);
}

void TestArchiveReader::listsZip()
{
    const auto listed = ArchiveReader::list(fixture("plain.zip"));
    QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
    const QList<ArchiveEntry> &entries = listed.value();
    QCOMPARE(names(entries),
             (QStringList{QStringLiteral("dir/"), QStringLiteral("README.txt"), QStringLiteral("dir/a.txt"),
                          QStringLiteral("dir/sub/b.bin")}));
    QVERIFY(entries.at(0).isDirectory);
    QVERIFY(!entries.at(1).isDirectory);
    QCOMPARE(entries.at(1).size, qint64(25));
    QCOMPARE(entries.at(1).modified, QDateTime(QDate(2025, 3, 14), QTime(15, 9, 26)));
    QCOMPARE(entries.at(2).size, entries.at(2).packedSize);  // stored
    QCOMPARE(entries.at(3).size, qint64(16384));
    QVERIFY(entries.at(3).packedSize < entries.at(3).size);
    QCOMPARE(entries.at(3).crc32, quint32(0xe81722f0u));  // zlib.crc32 of the content, from Python
    for (const ArchiveEntry &e : entries) {
        QVERIFY(!e.encrypted);
        QVERIFY(!e.isSymlink);
    }
    // An empty zip lists nothing, without an error.
    const auto empty = ArchiveReader::list(fixture("empty.zip"));
    QVERIFY(empty.ok());
    QVERIFY(empty.value().isEmpty());
}

void TestArchiveReader::listsStreamedZip()
{
    const auto listed = ArchiveReader::list(fixture("streamed.zip"));
    QVERIFY(listed.ok());
    QCOMPARE(names(listed.value()), (QStringList{QStringLiteral("one.txt"), QStringLiteral("two.txt")}));
    QCOMPARE(listed.value().at(0).size, qint64(600));
    const auto two = ArchiveReader::read(fixture("streamed.zip"), QStringLiteral("two.txt"), 1 << 20);
    QVERIFY(two.ok());
    QCOMPARE(two.value().bytes, QByteArray("second\n").repeated(50));
    QVERIFY(!two.value().truncated);
}

void TestArchiveReader::listsZip64()
{
    const auto listed = ArchiveReader::list(fixture("zip64.zip"));
    QVERIFY(listed.ok());
    QCOMPARE(names(listed.value()), QStringList{QStringLiteral("big-marked.txt")});
    const auto read = ArchiveReader::read(fixture("zip64.zip"), QStringLiteral("big-marked.txt"), 1024);
    QVERIFY(read.ok());
    QCOMPARE(read.value().bytes, QByteArray("zip64 extra fields, small content\n"));
}

void TestArchiveReader::decodesNames()
{
    const auto utf8 = ArchiveReader::list(fixture("utf8-names.zip"));
    QVERIFY(utf8.ok());
    QCOMPARE(utf8.value().at(0).name, QStringLiteral("r\u00e9sum\u00e9/\u65e5\u672c\u8a9e.txt"));
    QVERIFY(utf8.value().at(0).utf8Name);

    // Without the UTF-8 flag the bytes are code page 437: 0x82 is é, 0x94 ö, 0xE1 ß.
    ZipBuilderEntry legacy;
    legacy.name = "caf\x82-gr\x94\xe1.txt";
    legacy.data = "legacy";
    legacy.flags = 0;
    const auto cp437 = listBytes(ZipBuilder().add(legacy).bytes());
    QVERIFY(cp437.ok());
    QCOMPARE(cp437.value().at(0).name, QStringLiteral("caf\u00e9-gr\u00f6\u00df.txt"));
    QVERIFY(!cp437.value().at(0).utf8Name);
}

void TestArchiveReader::listsSymlinks()
{
    const auto listed = listBytes(ZipBuilder().file("a.txt", "A").symlink("link", "a.txt").bytes());
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 2);
    QVERIFY(listed.value().at(1).isSymlink);
    QVERIFY(!listed.value().at(1).isDirectory);
    QCOMPARE(listed.value().at(1).linkTarget, QStringLiteral("a.txt"));
}

void TestArchiveReader::marksEncrypted()
{
    ZipBuilderEntry secret;
    secret.name = "secret.txt";
    secret.data = "not really encrypted, but flagged";
    secret.flags = 0x0801;
    QByteArray bytes = ZipBuilder().add(secret).file("open.txt", "open").bytes();
    const auto listed = listBytes(bytes);
    QVERIFY(listed.ok());
    QVERIFY(listed.value().at(0).encrypted);
    QVERIFY(!listed.value().at(1).encrypted);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("enc"));
    QVERIFY(ZipBuilder().add(secret).save(path));
    const auto read = ArchiveReader::read(path, QStringLiteral("secret.txt"), 100);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ArchiveReader::EncryptedEntry());
    QVERIFY(read.error().message.contains(QStringLiteral("secret.txt")));
}

void TestArchiveReader::listsTar_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("gnu") << fixture("gnu.tar");
    QTest::newRow("pax") << fixture("pax.tar");
    QTest::newRow("pax gzip") << fixture("pax.tar.gz");
}

void TestArchiveReader::listsTar()
{
    QFETCH(QString, file);
    const auto listed = ArchiveReader::list(file);
    QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : listed.error().message));
    const QList<ArchiveEntry> &entries = listed.value();
    const QString medium = QStringLiteral("out/") + QStringLiteral("deep/").repeated(30) + QStringLiteral("file.txt");
    const QString longName =
        QStringLiteral("out/") + QStringLiteral("deeper/").repeated(43) + QStringLiteral("file.txt");
    QCOMPARE(names(entries),
             (QStringList{QStringLiteral("out/"), QStringLiteral("out/hello.txt"), medium, longName,
                          QStringLiteral("out/\u00fcn\u00efcode-\u540d\u524d.txt"), QStringLiteral("out/link")}));
    QVERIFY(entries.at(0).isDirectory);
    QCOMPARE(entries.at(1).size, qint64(10));
    QCOMPARE(entries.at(1).packedSize, qint64(10));
    QCOMPARE(entries.at(1).modified, QDateTime::fromSecsSinceEpoch(1741964966, Qt::UTC));
    QCOMPARE(entries.at(2).size, qint64(12));
    QVERIFY(entries.at(5).isSymlink);
    QCOMPARE(entries.at(5).linkTarget, QStringLiteral("hello.txt"));
}

void TestArchiveReader::refusesDamaged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    const QByteArray zip = fixtureBytes("plain.zip");
    const QByteArray tar = fixtureBytes("gnu.tar");
    const QByteArray targz = fixtureBytes("pax.tar.gz");
    QVERIFY(!zip.isEmpty() && !tar.isEmpty() && !targz.isEmpty());
    QTest::newRow("text") << fixtureBytes("not-an-archive.txt") << ArchiveReader::NotAnArchive();
    QTest::newRow("nothing") << QByteArray() << ArchiveReader::NotAnArchive();
    // A download cut short loses the central directory at the end.
    QTest::newRow("zip without its end") << zip.left(zip.size() / 2) << ArchiveReader::CorruptArchive();
    // The end record is there, but the directory it points at is cut.
    const qsizetype central = zip.indexOf("PK\x01\x02");
    QByteArray cutDirectory = zip.left(central + 30) + zip.mid(zip.indexOf("PK\x05\x06"));
    QTest::newRow("truncated central directory") << cutDirectory << ArchiveReader::CorruptArchive();
    QByteArray moreThanThere = zip;
    const qsizetype end = zip.indexOf("PK\x05\x06");
    moreThanThere[end + 8] = char(moreThanThere[end + 8] + 1);
    moreThanThere[end + 10] = char(moreThanThere[end + 10] + 1);
    QTest::newRow("directory shorter than its count") << moreThanThere << ArchiveReader::CorruptArchive();
    QByteArray badRecord = zip;
    badRecord[central + 1] = 'X';
    QTest::newRow("broken directory record") << badRecord << ArchiveReader::CorruptArchive();
    QTest::newRow("tar cut in a header") << tar.left(512 + 100) << ArchiveReader::CorruptArchive();
    QTest::newRow("tar with a bad checksum")
        << tar.left(512 * 3) + QByteArray(512, 'x') << ArchiveReader::CorruptArchive();
    QTest::newRow("tar cut in data") << tar.left(512 * 3 + 100) << ArchiveReader::CorruptArchive();
    QTest::newRow("tar.gz cut") << targz.left(targz.size() - 20) << ArchiveReader::CorruptArchive();
}

void TestArchiveReader::refusesDamaged()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    const auto listed = listBytes(bytes);
    QVERIFY(!listed.ok());
    QCOMPARE(listed.error().code, code);
    QVERIFY(!listed.error().message.isEmpty());
}

void TestArchiveReader::readsEntries()
{
    const auto readme = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("README.txt"), 1 << 20);
    QVERIFY(readme.ok());
    QCOMPARE(readme.value().bytes, QByteArray("Hello from the artifact.\n"));
    QCOMPARE(readme.value().size, qint64(25));
    QVERIFY(!readme.value().truncated);
    const auto stored = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("dir/a.txt"), 1 << 20);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().bytes, QByteArray("stored, not deflated\n"));
    QByteArray expected;
    for (int i = 0; i < 64; ++i)
        for (int b = 0; b < 256; ++b)
            expected.append(char(b));
    const auto binary = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("dir/sub/b.bin"), 1 << 20);
    QVERIFY(binary.ok());
    QCOMPARE(binary.value().bytes, expected);
    const auto missing = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("nope.txt"), 10);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ArchiveReader::EntryNotFound());
    QVERIFY(missing.error().message.contains(QStringLiteral("nope.txt")));
}

void TestArchiveReader::readsWithLimit()
{
    const auto head = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("dir/sub/b.bin"), 300);
    QVERIFY(head.ok());
    QCOMPARE(head.value().bytes.size(), qsizetype(300));
    QCOMPARE(head.value().bytes.at(299), char(299 - 256));
    QCOMPARE(head.value().size, qint64(16384));
    QVERIFY(head.value().truncated);
    const auto exact = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("README.txt"), 25);
    QVERIFY(exact.ok());
    QVERIFY(!exact.value().truncated);
    const auto none = ArchiveReader::read(fixture("plain.zip"), QStringLiteral("README.txt"), 0);
    QVERIFY(none.ok());
    QVERIFY(none.value().bytes.isEmpty());
    QVERIFY(none.value().truncated);
}

void TestArchiveReader::readChecksCrc()
{
    QByteArray bytes = ZipBuilder().file("data.txt", QByteArray("checked content ").repeated(100)).bytes();
    // Change the stored CRC in both headers: the content no longer matches it.
    const qsizetype local = bytes.indexOf("PK\x03\x04");
    const qsizetype central = bytes.indexOf("PK\x01\x02");
    bytes[local + 14] = char(bytes[local + 14] ^ 0x5a);
    bytes[central + 16] = char(bytes[central + 16] ^ 0x5a);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto whole = ArchiveReader::read(&buffer, QStringLiteral("data.txt"), 1 << 20);
    QVERIFY(!whole.ok());
    QCOMPARE(whole.error().code, ArchiveReader::CorruptArchive());
    QVERIFY(whole.error().message.contains(QStringLiteral("CRC")));
    // A preview of the start cannot check the CRC, and does not pretend to.
    const auto start = ArchiveReader::read(&buffer, QStringLiteral("data.txt"), 10);
    QVERIFY(start.ok());
    QCOMPARE(start.value().bytes, QByteArray("checked co"));
}

void TestArchiveReader::readRefusesBomb()
{
    // The directory declares 1000 bytes; the stream inflates to 10 MiB.
    ZipBuilderEntry bomb;
    bomb.name = "small.txt";
    bomb.data = QByteArray(10 * 1024 * 1024, 'z');
    bomb.declaredSize = 1000;
    QByteArray bytes = ZipBuilder().add(bomb).bytes();
    QVERIFY(bytes.size() < 50 * 1024);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto listed = ArchiveReader::list(&buffer);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().at(0).size, qint64(1000));
    const auto whole = ArchiveReader::read(&buffer, QStringLiteral("small.txt"), 1 << 30);
    QVERIFY(!whole.ok());
    QCOMPARE(whole.error().code, QStringLiteral("EntrySizeMismatch"));
    QVERIFY(whole.error().message.contains(QStringLiteral("small.txt")));
}

void TestArchiveReader::readRefusesWrongKinds_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("code");
    QTest::newRow("folder") << QStringLiteral("dir/") << ArchiveReader::UnsupportedEntry();
    QTest::newRow("link") << QStringLiteral("link") << ArchiveReader::UnsupportedEntry();
    QTest::newRow("bzip2") << QStringLiteral("packed.bz2") << ArchiveReader::UnsupportedEntry();
}

void TestArchiveReader::readRefusesWrongKinds()
{
    QFETCH(QString, entry);
    QFETCH(QString, code);
    ZipBuilderEntry bzip2;
    bzip2.name = "packed.bz2";
    bzip2.data = "BZh9";
    bzip2.deflate = false;
    bzip2.method = 12;
    QByteArray bytes = ZipBuilder().directory("dir/").symlink("link", "dir").add(bzip2).bytes();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto read = ArchiveReader::read(&buffer, entry, 100);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, code);
    QVERIFY(read.error().message.contains(entry));
    // Tar entries are listed, not read.
    const auto tar = ArchiveReader::read(fixture("gnu.tar"), QStringLiteral("out/hello.txt"), 100);
    QVERIFY(!tar.ok());
    QCOMPARE(tar.error().code, ArchiveReader::NotAnArchive());
}

void TestArchiveReader::formatNames()
{
    QCOMPARE(ArchiveReader::formatName(ArchiveFormat::Zip), QStringLiteral("zip"));
    QCOMPARE(ArchiveReader::formatName(ArchiveFormat::Tar), QStringLiteral("tar"));
    QCOMPARE(ArchiveReader::formatName(ArchiveFormat::TarGzip), QStringLiteral("tar.gz"));
    QCOMPARE(ArchiveReader::formatName(ArchiveFormat::Unknown), QStringLiteral("unknown"));
}

QTEST_GUILESS_MAIN(TestArchiveReader)
#include "tst_archivereader.moc"
