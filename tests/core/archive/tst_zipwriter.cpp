// ZipWriter: an output artifact zipped from a file or a folder reads back the same (with
// JobDesk's reader and Python's zipfile), two runs give the same bytes, entries come in
// bytewise order, links are left out, and a cancel leaves no zip behind.

#include "core/archive/archivereader.h"
#include "core/archive/zipwriter.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;
using namespace jobdesk::archive;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestZipWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void zipsFolderRoundTrip();
    void zipsSingleFile();
    void sameFolderSameBytes();
    void pythonReadsIt();
    void clampsTimes();
    void skipsLinks();
    void refusesBadSources();
    void cancelLeavesNoZip();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_source;
    QMap<QString, QByteArray> m_files;
};

void TestZipWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_source = m_dir->filePath(QStringLiteral("build"));
    QByteArray noise;
    for (int i = 0; i < 200000; ++i)
        noise.append(char((i * 2654435761u) >> 24));
    m_files = {
        {QStringLiteral("b.txt"), "bee\n"},
        {QStringLiteral("B.txt"), "capital bee\n"},
        {QStringLiteral("a/z.txt"), "zed\n"},
        {QStringLiteral("a-b.txt"), "dash\n"},
        {QStringLiteral("\u00e9t\u00e9.txt"), "summer\n"},
        {QStringLiteral(".hidden"), "hidden\n"},
        {QStringLiteral("empty.txt"), ""},
        {QStringLiteral("bin/noise.bin"), noise},
    };
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
        QVERIFY(writeFile(m_source + QLatin1Char('/') + it.key(), it.value()));
    QVERIFY(QDir().mkpath(m_source + QStringLiteral("/empty-folder")));
}

void TestZipWriter::zipsFolderRoundTrip()
{
    const QString zip = m_dir->filePath(QStringLiteral("out.zip"));
    qint64 lastDone = -1;
    qint64 lastTotal = -1;
    const auto done = ZipWriter::zip(m_source, zip, [&](qint64 a, qint64 b) {
        lastDone = a;
        lastTotal = b;
        return true;
    });
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().message));
    QCOMPARE(done.value().files, int(m_files.size()));
    qint64 total = 0;
    for (const QByteArray &data : std::as_const(m_files))
        total += data.size();
    QCOMPARE(done.value().bytes, total);
    QCOMPARE(lastDone, total);
    QCOMPARE(lastTotal, total);

    const auto listed = ArchiveReader::list(zip);
    QVERIFY(listed.ok());
    // Bytewise by UTF-8: '.' < 'B' < 'a' < 'a-' ... and 'é' (0xC3) after every ASCII name.
    QStringList names;
    for (const ArchiveEntry &e : listed.value())
        names.append(e.name);
    QCOMPARE(names,
             (QStringList{QStringLiteral(".hidden"), QStringLiteral("B.txt"), QStringLiteral("a-b.txt"),
                          QStringLiteral("a/z.txt"), QStringLiteral("b.txt"), QStringLiteral("bin/noise.bin"),
                          QStringLiteral("empty-folder/"), QStringLiteral("empty.txt"),
                          QStringLiteral("\u00e9t\u00e9.txt")}));
    for (const ArchiveEntry &e : listed.value()) {
        QVERIFY(e.utf8Name);
        if (e.isDirectory)
            continue;
        const auto content = ArchiveReader::read(zip, e.name, 1 << 20);
        QVERIFY(content.ok());
        QCOMPARE(content.value().bytes, m_files.value(e.name));
    }
}

void TestZipWriter::zipsSingleFile()
{
    const QString zip = m_dir->filePath(QStringLiteral("one.zip"));
    const auto done = ZipWriter::zip(m_source + QStringLiteral("/a/z.txt"), zip);
    QVERIFY(done.ok());
    QCOMPARE(done.value().files, 1);
    const auto listed = ArchiveReader::list(zip);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 1);
    QCOMPARE(listed.value().at(0).name, QStringLiteral("z.txt"));
}

void TestZipWriter::sameFolderSameBytes()
{
    const QString first = m_dir->filePath(QStringLiteral("first.zip"));
    const QString second = m_dir->filePath(QStringLiteral("second.zip"));
    QVERIFY(ZipWriter::zip(m_source, first).ok());
    QVERIFY(ZipWriter::zip(m_source, second).ok());
    QCOMPARE(readAll(first), readAll(second));
    QVERIFY(!readAll(first).isEmpty());
    // Overwriting an existing zip gives the same bytes again.
    QVERIFY(ZipWriter::zip(m_source, second).ok());
    QCOMPARE(readAll(first), readAll(second));
}

void TestZipWriter::pythonReadsIt()
{
    const QString zip = m_dir->filePath(QStringLiteral("py.zip"));
    QVERIFY(ZipWriter::zip(m_source, zip).ok());
    // Python's zipfile is an independent reader: it checks each CRC in testzip().
    const auto out = test::runProcess(
        QStringLiteral("python3"),
        {QStringLiteral("-c"),
         QStringLiteral("import sys, zipfile\n"
                        "z = zipfile.ZipFile(sys.argv[1])\n"
                        "assert z.testzip() is None\n"
                        "for i in z.infolist():\n"
                        "    print(i.filename, i.file_size, i.flag_bits & 0x800 != 0, oct(i.external_attr >> 16))\n"),
         zip});
    QCOMPARE(out.exitCode, 0);
    const QStringList lines = QString::fromUtf8(out.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 9);
    QCOMPARE(lines.at(5), QStringLiteral("bin/noise.bin 200000 True 0o100644"));
    QCOMPARE(lines.at(6), QStringLiteral("empty-folder/ 0 True 0o40755"));
    QCOMPARE(lines.at(8), QStringLiteral("\u00e9t\u00e9.txt 7 True 0o100644"));
}

void TestZipWriter::clampsTimes()
{
    // A file stamped with the Unix epoch, as reproducible builds do, and one of 2020.
    QFile epoch(m_source + QStringLiteral("/b.txt"));
    QVERIFY(epoch.open(QIODevice::ReadWrite));
    QVERIFY(epoch.setFileTime(QDateTime::fromSecsSinceEpoch(0), QFileDevice::FileModificationTime));
    epoch.close();
    QFile recent(m_source + QStringLiteral("/a-b.txt"));
    QVERIFY(recent.open(QIODevice::ReadWrite));
    QVERIFY(recent.setFileTime(QDateTime(QDate(2020, 2, 29), QTime(13, 14, 15)), QFileDevice::FileModificationTime));
    recent.close();
    const QString zip = m_dir->filePath(QStringLiteral("times.zip"));
    QVERIFY(ZipWriter::zip(m_source, zip).ok());
    const auto listed = ArchiveReader::list(zip);
    QVERIFY(listed.ok());
    QHash<QString, QDateTime> times;
    for (const ArchiveEntry &e : listed.value())
        times.insert(e.name, e.modified);
    QCOMPARE(times.value(QStringLiteral("b.txt")), QDateTime(QDate(1980, 1, 1), QTime(0, 0)));
    // Even seconds, rounded down as DOS time keeps them.
    QCOMPARE(times.value(QStringLiteral("a-b.txt")), QDateTime(QDate(2020, 2, 29), QTime(13, 14, 14)));
}

void TestZipWriter::skipsLinks()
{
    const QString outside = m_dir->filePath(QStringLiteral("outside.txt"));
    QVERIFY(writeFile(outside, "secret from outside"));
    QVERIFY(QFile::link(outside, m_source + QStringLiteral("/pulled-in.txt")));
    QVERIFY(QFile::link(m_dir->path(), m_source + QStringLiteral("/loop")));
    const QString zip = m_dir->filePath(QStringLiteral("links.zip"));
    const auto done = ZipWriter::zip(m_source, zip);
    QVERIFY(done.ok());
    QCOMPARE(done.value().skipped, (QStringList{QStringLiteral("loop"), QStringLiteral("pulled-in.txt")}));
    QCOMPARE(done.value().files, int(m_files.size()));
    QVERIFY(!readAll(zip).contains("secret from outside"));
    const auto listed = ArchiveReader::list(zip);
    QVERIFY(listed.ok());
    for (const ArchiveEntry &e : listed.value())
        QVERIFY2(!e.name.startsWith(QStringLiteral("loop")) && e.name != QStringLiteral("pulled-in.txt"),
                 qPrintable(e.name));
}

void TestZipWriter::refusesBadSources()
{
    const auto missing =
        ZipWriter::zip(m_dir->filePath(QStringLiteral("nothing")), m_dir->filePath(QStringLiteral("x.zip")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::Io);
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("x.zip"))));

    const auto inside = ZipWriter::zip(m_source, m_source + QStringLiteral("/self.zip"));
    QVERIFY(!inside.ok());
    QCOMPARE(inside.error().code, QStringLiteral("ZipInsideSource"));
    QVERIFY(!QFileInfo::exists(m_source + QStringLiteral("/self.zip")));

    QVERIFY(QFile::link(m_source, m_dir->filePath(QStringLiteral("link-to-build"))));
    const auto link =
        ZipWriter::zip(m_dir->filePath(QStringLiteral("link-to-build")), m_dir->filePath(QStringLiteral("l.zip")));
    QVERIFY(!link.ok());
    QCOMPARE(link.error().code, QStringLiteral("SymlinkSource"));

    const auto unwritable = ZipWriter::zip(m_source, m_dir->filePath(QStringLiteral("no/such/folder/x.zip")));
    QVERIFY(!unwritable.ok());
    QCOMPARE(unwritable.error().kind, Error::Kind::Io);
}

void TestZipWriter::cancelLeavesNoZip()
{
    const QString zip = m_dir->filePath(QStringLiteral("cancelled.zip"));
    QVERIFY(writeFile(zip, "the earlier zip"));
    const auto done = ZipWriter::zip(m_source, zip, [](qint64 bytes, qint64) { return bytes < 1000; });
    QVERIFY(!done.ok());
    QCOMPARE(done.error().kind, Error::Kind::Cancelled);
    // The earlier file stays as it was, and no temporary file is left beside it.
    QCOMPARE(readAll(zip), QByteArray("the earlier zip"));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList{QStringLiteral("cancelled.zip")});
}

QTEST_GUILESS_MAIN(TestZipWriter)
#include "tst_zipwriter.moc"
