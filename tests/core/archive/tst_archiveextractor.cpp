// ArchiveExtractor: safe extraction of zip artifacts. Every refusal (zip-slip, absolute
// and Windows names, links out of the folder or written through, bombs, limits,
// encryption, existing files) happens before anything is written; a failure or a cancel
// half-way takes back what the run created.

#include "core/archive/archiveextractor.h"
#include "core/archive/archivereader.h"
#include "support/testenv.h"
#include "support/zipbuilder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::archive;
using jobdesk::test::ZipBuilder;
using jobdesk::test::ZipBuilderEntry;

namespace {

QString fixture(const char *name)
{
    return test::dataDir() + QStringLiteral("/archive/") + QLatin1String(name);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Everything under a folder, links included, as sorted relative paths.
QStringList tree(const QString &folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(folder).relativeFilePath(it.next()));
    out.sort();
    return out;
}

}  // namespace

class TestArchiveExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void extractsAll();
    void extractsSelected();
    void refusesUnsafeNames_data();
    void refusesUnsafeNames();
    void refusesLinksOut_data();
    void refusesLinksOut();
    void extractsLinksIn();
    void neverWritesThroughArchiveLinks();
    void neverWritesThroughExistingLinks();
    void refusesBomb();
    void refusesOverLimits();
    void refusesEncrypted();
    void existingFiles();
    void cancelRemovesWhatItWrote();
    void damagedEntryRemovesWhatItWrote();
    void refusesOtherFormats();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString zipPath(const ZipBuilder &builder);
    QString target() const { return m_dir->filePath(QStringLiteral("out")); }
};

void TestArchiveExtractor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestArchiveExtractor::zipPath(const ZipBuilder &builder)
{
    const QString path = m_dir->filePath(QStringLiteral("artifact"));
    [&] { QVERIFY(builder.save(path)); }();
    return path;
}

void TestArchiveExtractor::extractsAll()
{
    QList<std::pair<qint64, qint64>> calls;
    const auto done = ArchiveExtractor::extract(fixture("plain.zip"), target(), {}, [&](qint64 a, qint64 b) {
        calls.append({a, b});
        return true;
    });
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done.value().files, 3);
    QCOMPARE(done.value().directories, 1);
    QCOMPARE(done.value().symlinks, 0);
    QCOMPARE(done.value().bytes, qint64(25 + 21 + 16384));
    QCOMPARE(tree(target()),
             (QStringList{QStringLiteral("README.txt"), QStringLiteral("dir"), QStringLiteral("dir/a.txt"),
                          QStringLiteral("dir/sub"), QStringLiteral("dir/sub/b.bin")}));
    QCOMPARE(readAll(target() + QStringLiteral("/README.txt")), QByteArray("Hello from the artifact.\n"));
    QCOMPARE(readAll(target() + QStringLiteral("/dir/sub/b.bin")).size(), qsizetype(16384));
    QCOMPARE(QFileInfo(target() + QStringLiteral("/README.txt")).lastModified(),
             QDateTime(QDate(2025, 3, 14), QTime(15, 9, 26)));
    QVERIFY(!calls.isEmpty());
    QCOMPARE(calls.first(), (std::pair<qint64, qint64>(0, 16430)));
    QCOMPARE(calls.last(), (std::pair<qint64, qint64>(16430, 16430)));

    // A streamed zip (sizes only in data descriptors and the directory) extracts the same way.
    const QString streamed = m_dir->filePath(QStringLiteral("streamed"));
    const auto second = ArchiveExtractor::extract(fixture("streamed.zip"), streamed, {});
    QVERIFY(second.ok());
    QCOMPARE(readAll(streamed + QStringLiteral("/one.txt")), QByteArray("first\n").repeated(100));
}

void TestArchiveExtractor::extractsSelected()
{
    ExtractOptions options;
    options.entries = QStringList{QStringLiteral("dir")};
    const auto done = ArchiveExtractor::extract(fixture("plain.zip"), target(), options);
    QVERIFY(done.ok());
    QCOMPARE(tree(target()),
             (QStringList{QStringLiteral("dir"), QStringLiteral("dir/a.txt"), QStringLiteral("dir/sub"),
                          QStringLiteral("dir/sub/b.bin")}));
    options.entries = QStringList{QStringLiteral("README.txt"), QStringLiteral("missing.txt")};
    const auto missing = ArchiveExtractor::extract(fixture("plain.zip"), m_dir->filePath(QStringLiteral("b")), options);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ArchiveReader::EntryNotFound());
    QVERIFY(missing.error().message.contains(QStringLiteral("missing.txt")));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("b"))));
}

void TestArchiveExtractor::refusesUnsafeNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("parent") << QByteArray("../evil.txt");
    QTest::newRow("parent deep") << QByteArray("a/b/../../../evil.txt");
    QTest::newRow("absolute") << QByteArray("/tmp/evil.txt");
    QTest::newRow("drive absolute") << QByteArray("C:\\evil.txt");
    QTest::newRow("drive slash") << QByteArray("c:/evil.txt");
    QTest::newRow("drive relative") << QByteArray("C:evil.txt");
    QTest::newRow("unc") << QByteArray("\\\\server\\share\\evil.txt");
    QTest::newRow("backslash root") << QByteArray("\\evil.txt");
    QTest::newRow("backslash parent") << QByteArray("..\\evil.txt");
    QTest::newRow("mixed parent") << QByteArray("a\\..\\../evil.txt");
    QTest::newRow("dots windows reads as parent") << QByteArray(".../evil.txt");
    QTest::newRow("dots and space") << QByteArray(".. /evil.txt");
    QTest::newRow("folder itself") << QByteArray("./");
    QTest::newRow("control character") << QByteArray("evil\n.txt");
    QTest::newRow("duplicate") << QByteArray("good.txt");
    QTest::newRow("under a file") << QByteArray("good.txt/evil.txt");
}

void TestArchiveExtractor::refusesUnsafeNames()
{
    QFETCH(QByteArray, name);
    const QString zip = zipPath(ZipBuilder().file("good.txt", "fine").file(name, "evil"));
    const auto done = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveExtractor::UnsafeEntry());
    QCOMPARE(done.error().kind, Error::Kind::Validation);
    QVERIFY2(done.error().message.contains(QString::fromUtf8(name)), qPrintable(done.error().message));
    // Nothing at all was written, not even the harmless entry before it.
    QVERIFY(!QFileInfo::exists(target()));
    QCOMPARE(tree(m_dir->path()), QStringList{QStringLiteral("artifact")});
}

void TestArchiveExtractor::refusesLinksOut_data()
{
    QTest::addColumn<QByteArray>("link");
    QTest::addColumn<QByteArray>("linkTarget");
    QTest::newRow("parent") << QByteArray("link") << QByteArray("../outside");
    QTest::newRow("absolute") << QByteArray("link") << QByteArray("/etc/passwd");
    QTest::newRow("deep parent") << QByteArray("a/b/link") << QByteArray("../../../x");
    QTest::newRow("windows drive") << QByteArray("link") << QByteArray("C:\\Windows");
    QTest::newRow("backslash parent") << QByteArray("link") << QByteArray("..\\x");
    QTest::newRow("empty") << QByteArray("link") << QByteArray("");
    // Each step looks inside; together they lead out: up -> "." of d's parent, then "..".
    QTest::newRow("chain") << QByteArray("e") << QByteArray("d/up/..");
}

void TestArchiveExtractor::refusesLinksOut()
{
    QFETCH(QByteArray, link);
    QFETCH(QByteArray, linkTarget);
    ZipBuilder builder;
    builder.file("good.txt", "fine").symlink("d/up", "..").symlink(link, linkTarget);
    const auto done = ArchiveExtractor::extract(zipPath(builder), target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveExtractor::UnsafeEntry());
    QVERIFY2(done.error().message.contains(QString::fromUtf8(link)), qPrintable(done.error().message));
    QVERIFY(!QFileInfo::exists(target()));
}

void TestArchiveExtractor::extractsLinksIn()
{
    const QString zip =
        zipPath(ZipBuilder().file("dir/a.txt", "A").symlink("dir/same", "a.txt").symlink("top", "dir/../dir/a.txt"));
    const auto done = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done.value().symlinks, 2);
    QCOMPARE(done.value().files, 1);
    const QFileInfo same(target() + QStringLiteral("/dir/same"));
    QVERIFY(same.isSymLink());
    QCOMPARE(readAll(same.filePath()), QByteArray("A"));
    QCOMPARE(readAll(target() + QStringLiteral("/top")), QByteArray("A"));
}

void TestArchiveExtractor::neverWritesThroughArchiveLinks()
{
    // The link itself points inside, but a later entry would be written through it.
    const QString zip = zipPath(ZipBuilder().directory("real/").symlink("alias", "real").file("alias/x.txt", "x"));
    const auto done = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveExtractor::UnsafeEntry());
    QVERIFY(done.error().message.contains(QStringLiteral("alias/x.txt")));
    QVERIFY(!QFileInfo::exists(target()));
    // Case-folded, as on macOS and Windows.
    const QString folded = zipPath(ZipBuilder().directory("real/").symlink("Alias", "real").file("alias/x.txt", "x"));
    QVERIFY(!ArchiveExtractor::extract(folded, target(), {}).ok());
}

void TestArchiveExtractor::neverWritesThroughExistingLinks()
{
    const QString elsewhere = m_dir->filePath(QStringLiteral("elsewhere"));
    QVERIFY(QDir().mkpath(elsewhere));
    QVERIFY(QDir().mkpath(target()));
    QVERIFY(QFile::link(elsewhere, target() + QStringLiteral("/sub")));
    const QString zip = zipPath(ZipBuilder().file("sub/x.txt", "x"));
    ExtractOptions options;
    options.overwrite = true;
    const auto done = ArchiveExtractor::extract(zip, target(), options);
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveExtractor::UnsafeEntry());
    QVERIFY(tree(elsewhere).isEmpty());

    // A link in the place of a file is replaced by the file, not written through.
    QFile victim(m_dir->filePath(QStringLiteral("victim.txt")));
    QVERIFY(victim.open(QIODevice::WriteOnly));
    victim.write("keep me");
    victim.close();
    QVERIFY(QFile::link(victim.fileName(), target() + QStringLiteral("/file.txt")));
    const auto replaced = ArchiveExtractor::extract(zipPath(ZipBuilder().file("file.txt", "new")), target(), options);
    QVERIFY(replaced.ok());
    QVERIFY(!QFileInfo(target() + QStringLiteral("/file.txt")).isSymLink());
    QCOMPARE(readAll(target() + QStringLiteral("/file.txt")), QByteArray("new"));
    QCOMPARE(readAll(victim.fileName()), QByteArray("keep me"));
}

void TestArchiveExtractor::refusesBomb()
{
    ZipBuilderEntry bomb;
    bomb.name = "innocent.txt";
    bomb.data = QByteArray(20 * 1024 * 1024, '\0');
    bomb.declaredSize = 4096;
    const QString zip = zipPath(ZipBuilder().file("first.txt", "first").add(bomb));
    QVERIFY(QFileInfo(zip).size() < 100 * 1024);
    const auto done = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveExtractor::SizeMismatch());
    QVERIFY(done.error().message.contains(QStringLiteral("innocent.txt")));
    // What was written before it is taken back, and no partial file remains.
    QVERIFY(!QFileInfo::exists(target()));
}

void TestArchiveExtractor::refusesOverLimits()
{
    ZipBuilder many;
    for (int i = 0; i < 30; ++i)
        many.file(QByteArray("f") + QByteArray::number(i), "x");
    ExtractOptions options;
    options.maxEntries = 20;
    const auto tooMany = ArchiveExtractor::extract(zipPath(many), target(), options);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, ArchiveExtractor::TooManyEntries());
    QVERIFY(tooMany.error().message.contains(QStringLiteral("20")));
    QVERIFY(!QFileInfo::exists(target()));

    // Declared sizes add up past the limit: refused before the first byte is inflated.
    ZipBuilderEntry big;
    big.name = "big.bin";
    big.data = QByteArray(600, 'b');
    ZipBuilderEntry bigger = big;
    bigger.name = "bigger.bin";
    options = ExtractOptions();
    options.maxTotalBytes = 1000;
    const auto tooLarge = ArchiveExtractor::extract(zipPath(ZipBuilder().add(big).add(bigger)), target(), options);
    QVERIFY(!tooLarge.ok());
    QCOMPARE(tooLarge.error().code, ArchiveExtractor::TooLarge());
    QVERIFY(tooLarge.error().message.contains(QStringLiteral("bigger.bin")));
    QVERIFY(!QFileInfo::exists(target()));
    options.maxTotalBytes = 1200;
    QVERIFY(ArchiveExtractor::extract(zipPath(ZipBuilder().add(big).add(bigger)), target(), options).ok());
}

void TestArchiveExtractor::refusesEncrypted()
{
    ZipBuilderEntry secret;
    secret.name = "secret.txt";
    secret.data = "flagged as encrypted";
    secret.flags = 0x0801;
    const auto done = ArchiveExtractor::extract(zipPath(ZipBuilder().file("a.txt", "a").add(secret)), target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveReader::EncryptedEntry());
    QVERIFY(done.error().message.contains(QStringLiteral("secret.txt")));
    QVERIFY(!QFileInfo::exists(target()));
}

void TestArchiveExtractor::existingFiles()
{
    QVERIFY(QDir().mkpath(target()));
    QFile old(target() + QStringLiteral("/b.txt"));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    const QString zip = zipPath(ZipBuilder().file("a.txt", "new a").file("b.txt", "new b"));
    const auto refused = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ArchiveExtractor::FileExists());
    QVERIFY(refused.error().message.contains(QStringLiteral("b.txt")));
    QCOMPARE(tree(target()), QStringList{QStringLiteral("b.txt")});
    QCOMPARE(readAll(old.fileName()), QByteArray("old"));

    ExtractOptions options;
    options.overwrite = true;
    const auto replaced = ArchiveExtractor::extract(zip, target(), options);
    QVERIFY(replaced.ok());
    QCOMPARE(readAll(old.fileName()), QByteArray("new b"));

    // A folder is never replaced by a file, even when overwriting.
    QVERIFY(QDir().mkpath(target() + QStringLiteral("/c.txt")));
    const auto folder = ArchiveExtractor::extract(zipPath(ZipBuilder().file("c.txt", "c")), target(), options);
    QVERIFY(!folder.ok());
    QVERIFY(QFileInfo(target() + QStringLiteral("/c.txt")).isDir());
}

void TestArchiveExtractor::cancelRemovesWhatItWrote()
{
    QByteArray noise;
    for (int i = 0; i < 300000; ++i)
        noise.append(char((quint32(i) * 7919u) >> 3));
    const QString zip = zipPath(ZipBuilder().file("first.txt", "first").file("deep/big.bin", noise));
    int calls = 0;
    const auto done = ArchiveExtractor::extract(zip, target(), {}, [&](qint64 bytes, qint64) {
        ++calls;
        return bytes < 100000;
    });
    QVERIFY(!done.ok());
    QCOMPARE(done.error().kind, Error::Kind::Cancelled);
    QVERIFY(calls > 2);
    QVERIFY(!QFileInfo::exists(target()));
}

void TestArchiveExtractor::damagedEntryRemovesWhatItWrote()
{
    QByteArray bytes = readAll(fixture("plain.zip"));
    // Damage the deflated data of dir/sub/b.bin, the last entry: its CRC no longer matches.
    const qsizetype last = bytes.lastIndexOf("dir/sub/b.bin", bytes.indexOf("PK\x01\x02"));
    QVERIFY(last > 0);
    bytes[last + 13 + 40] = char(bytes[last + 13 + 40] ^ 0x10);
    const QString zip = m_dir->filePath(QStringLiteral("damaged"));
    QFile f(zip);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(QDir().mkpath(target()));
    const auto done = ArchiveExtractor::extract(zip, target(), {});
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, ArchiveReader::CorruptArchive());
    // The folder existed before and stays; what the run created inside it is gone.
    QVERIFY(QFileInfo(target()).isDir());
    QCOMPARE(tree(target()), QStringList());
}

void TestArchiveExtractor::refusesOtherFormats()
{
    const auto tar = ArchiveExtractor::extract(fixture("gnu.tar"), target(), {});
    QVERIFY(!tar.ok());
    QCOMPARE(tar.error().code, ArchiveReader::NotAnArchive());
    QVERIFY(tar.error().message.contains(QStringLiteral("tar")));
    const auto text = ArchiveExtractor::extract(fixture("not-an-archive.txt"), target(), {});
    QVERIFY(!text.ok());
    const auto missing = ArchiveExtractor::extract(m_dir->filePath(QStringLiteral("none")), target(), {});
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(!QFileInfo::exists(target()));
}

QTEST_GUILESS_MAIN(TestArchiveExtractor)
#include "tst_archiveextractor.moc"
