// ArchiveEntriesModel: one row per entry with its path, sizes readable and exact, CRC-32 in
// eight hex digits, folders, links, encrypted entries and legacy names marked, raw sort values.

#include "gui/archiveentriesmodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QtTest>

using namespace jobdesk;
using namespace Qt::StringLiterals;
using namespace jobdesk::gui;
using archive::ArchiveEntry;
using archive::ArchiveFormat;

namespace {

ArchiveEntry file(const QString &name, qint64 size, qint64 packed, quint32 crc)
{
    ArchiveEntry e;
    e.name = name;
    e.size = size;
    e.packedSize = packed;
    e.crc32 = crc;
    e.modified = QDateTime(QDate(2024, 5, 17), QTime(10, 30));
    return e;
}

ArchiveEntry folder(const QString &name)
{
    ArchiveEntry e;
    e.name = name;
    e.isDirectory = true;
    return e;
}

QList<ArchiveEntry> sample()
{
    ArchiveEntry link = file(QStringLiteral("bin/run"), 9, 9, 0x1234);
    link.isSymlink = true;
    link.linkTarget = QStringLiteral("../tool.sh");
    ArchiveEntry secret = file(QStringLiteral("secret.bin"), 100, 120, 0xDEADBEEF);
    secret.encrypted = true;
    ArchiveEntry legacy = file(QStringLiteral("café.txt"), 2048, 100, 0x00ABCDEF);
    legacy.utf8Name = false;
    ArchiveEntry ascii = file(QStringLiteral("plain.txt"), 10, 10, 0x7);
    ascii.utf8Name = false;  // the same in CP437 and UTF-8: nothing to flag
    return {folder(QStringLiteral("bin/")),
            file(QStringLiteral("README.md"), 1536, 700, 0x0000002A),
            link,
            secret,
            legacy,
            ascii};
}

}  // namespace

class TestArchiveEntriesModel : public QObject
{
    Q_OBJECT

private:
    ArchiveEntriesModel *m_model = nullptr;

    QString cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_model->index(row, column).data(role).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_model = new ArchiveEntriesModel(this);
        new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void init() { m_model->setEntries(sample(), ArchiveFormat::Zip); }

    void rows_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("exact");
        QTest::addColumn<QString>("crc");
        QTest::addColumn<QString>("note");
        QTest::newRow("folder") << 0 << u"bin/"_s << u"Folder"_s << u""_s << u""_s << u""_s << u""_s;
        QTest::newRow("file") << 1 << u"README.md"_s << u"File"_s << QLocale().formattedDataSize(1536)
                              << u"1,536 bytes"_s << u"0000002A"_s << u""_s;
        QTest::newRow("link") << 2 << u"bin/run"_s << u"Link"_s << QLocale().formattedDataSize(9) << u"9 bytes"_s
                              << u"00001234"_s << u"Link to ../tool.sh"_s;
        QTest::newRow("encrypted") << 3 << u"secret.bin"_s << u"File"_s << QLocale().formattedDataSize(100)
                                   << u"100 bytes"_s << u"DEADBEEF"_s << u"Encrypted"_s;
        QTest::newRow("legacy name") << 4 << u"café.txt"_s << u"File"_s << QLocale().formattedDataSize(2048)
                                     << u"2,048 bytes"_s << u"00ABCDEF"_s << u"Legacy name encoding (not UTF-8)"_s;
        QTest::newRow("legacy ascii") << 5 << u"plain.txt"_s << u"File"_s << QLocale().formattedDataSize(10)
                                      << u"10 bytes"_s << u"00000007"_s << u""_s;
    }
    void rows()
    {
        QFETCH(int, row);
        QFETCH(QString, name);
        QFETCH(QString, type);
        QFETCH(QString, size);
        QFETCH(QString, exact);
        QFETCH(QString, crc);
        QFETCH(QString, note);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(cell(row, ArchiveEntriesModel::NameColumn), name);
        QCOMPARE(cell(row, ArchiveEntriesModel::NameColumn, ArchiveEntriesModel::EntryNameRole), name);
        QCOMPARE(cell(row, ArchiveEntriesModel::TypeColumn), type);
        QCOMPARE(cell(row, ArchiveEntriesModel::SizeColumn), size);
        QCOMPARE(cell(row, ArchiveEntriesModel::SizeColumn, Qt::ToolTipRole), exact);
        QCOMPARE(cell(row, ArchiveEntriesModel::Crc32Column), crc);
        QCOMPARE(cell(row, ArchiveEntriesModel::NotesColumn), note);
        QVERIFY(cell(row, ArchiveEntriesModel::NameColumn, Qt::ToolTipRole).contains(note));
        QCOMPARE(m_model->index(row, 0).data(ArchiveEntriesModel::IsDirectoryRole).toBool(), type == u"Folder"_s);
        QCOMPARE(m_model->index(row, 0).data(ArchiveEntriesModel::IsSymlinkRole).toBool(), type == u"Link"_s);
        const ArchiveEntry &e = m_model->entry(row);
        QCOMPARE(cell(row, ArchiveEntriesModel::ModifiedColumn).isEmpty(), !e.modified.isValid());
    }

    // A tar has no packing and no CRC-32: those cells stay empty rather than showing zeros.
    void tarHasNoCrc()
    {
        m_model->setEntries(sample(), ArchiveFormat::Tar);
        QCOMPARE(m_model->format(), ArchiveFormat::Tar);
        QCOMPARE(cell(1, ArchiveEntriesModel::Crc32Column), QString());
        QCOMPARE(cell(1, ArchiveEntriesModel::PackedSizeColumn), QString());
        QCOMPARE(cell(1, ArchiveEntriesModel::SizeColumn), QLocale().formattedDataSize(1536));
    }

    void totalCountsFilesOnly()
    {
        QCOMPARE(m_model->totalSize(), qint64(1536 + 9 + 100 + 2048 + 10));
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
        QCOMPARE(m_model->totalSize(), qint64(0));
    }

    void crcText_data()
    {
        QTest::addColumn<quint32>("crc");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << quint32(0) << u"00000000"_s;
        QTest::newRow("small") << quint32(0xF) << u"0000000F"_s;
        QTest::newRow("max") << quint32(0xFFFFFFFF) << u"FFFFFFFF"_s;
    }
    void crcText()
    {
        QFETCH(quint32, crc);
        QFETCH(QString, text);
        QCOMPARE(ArchiveEntriesModel::crcText(crc), text);
    }

    // Sorting by size goes by bytes, not by the text ("2 KiB" after "100 bytes"), folders first.
    void sortsByValue_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("order");
        QTest::newRow("size") << int(ArchiveEntriesModel::SizeColumn)
                              << QStringList{u"bin/"_s,       u"bin/run"_s,   u"plain.txt"_s,
                                             u"secret.bin"_s, u"README.md"_s, u"café.txt"_s};
        QTest::newRow("packed") << int(ArchiveEntriesModel::PackedSizeColumn)
                                << QStringList{u"bin/"_s,     u"bin/run"_s,    u"plain.txt"_s,
                                               u"café.txt"_s, u"secret.bin"_s, u"README.md"_s};
        QTest::newRow("crc") << int(ArchiveEntriesModel::Crc32Column)
                             << QStringList{u"bin/"_s,    u"plain.txt"_s, u"README.md"_s,
                                            u"bin/run"_s, u"café.txt"_s,  u"secret.bin"_s};
        QTest::newRow("name") << int(ArchiveEntriesModel::NameColumn)
                              << QStringList{u"bin/"_s,      u"bin/run"_s,   u"café.txt"_s,
                                             u"plain.txt"_s, u"README.md"_s, u"secret.bin"_s};
    }
    void sortsByValue()
    {
        QFETCH(int, column);
        QFETCH(QStringList, order);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(m_model);
        proxy.setSortRole(ArchiveEntriesModel::SortRole);
        proxy.setSortCaseSensitivity(Qt::CaseInsensitive);
        proxy.sort(column);
        QStringList names;
        for (int r = 0; r < proxy.rowCount(); ++r)
            names.append(proxy.index(r, 0).data(ArchiveEntriesModel::EntryNameRole).toString());
        QCOMPARE(names, order);
    }

    void headers()
    {
        QCOMPARE(m_model->columnCount(), int(ArchiveEntriesModel::ColumnCount));
        for (int c = 0; c < m_model->columnCount(); ++c)
            QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
        QCOMPARE(m_model->headerData(ArchiveEntriesModel::Crc32Column, Qt::Horizontal).toString(),
                 QStringLiteral("CRC-32"));
    }
};

QTEST_MAIN(TestArchiveEntriesModel)
#include "tst_archiveentriesmodel.moc"
