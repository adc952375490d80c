// ArchiveBrowserDialog with real archives written by Python's zipfile and tarfile: the listing
// with sizes and CRC-32, previews of text (UTF-8, windows-1252, cut at 1 MiB), images and binary
// data, extraction of chosen entries and of all, replacing files on request, a zip-slip entry
// refused with nothing written, cancelling, and files that cannot be listed.

#include "gui/archivebrowserdialog.h"
#include "gui/archiveentriesmodel.h"
#include "gui/archivepreview.h"
#include "gui/dialoghooks.h"
#include "support/testenv.h"

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace jobdesk;
using namespace jobdesk::gui;
using namespace Qt::StringLiterals;

namespace {

struct Item
{
    QString name;
    QByteArray data;
    bool dir = false;
    QString link;
    bool legacy = false;
    bool stored = false;  // no compression, so that the test can find and damage the bytes
};

Item fileItem(const QString &name, const QByteArray &data)
{
    Item item;
    item.name = name;
    item.data = data;
    return item;
}

Item dirItem(const QString &name)
{
    Item item;
    item.name = name;
    item.dir = true;
    return item;
}

Item linkItem(const QString &name, const QString &target)
{
    Item item;
    item.name = name;
    item.link = target;
    return item;
}

QByteArray pngBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(30, 120, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray bigText()
{
    QByteArray line = "0123456789 the quick brown fox jumps over the lazy dog\n";
    QByteArray text;
    while (text.size() < 1536 * 1024)
        text += line;
    return text;
}

QByteArray binaryBytes()
{
    QByteArray bytes(4096, '\0');
    for (qsizetype i = 0; i < bytes.size(); i += 3)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

}  // namespace

class TestArchiveBrowser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DialogHooks m_hooks;
    QString m_folder;  // the folder the chooser answers with
    QStringList m_questions;
    bool m_confirm = true;

    // Writes the items with Python into NAME and returns its path; listing: Python's directory.
    QString write(const QString &kind, const QString &name, const QList<Item> &items, QJsonArray *listing = nullptr)
    {
        QJsonArray spec;
        for (const Item &item : items) {
            QJsonObject o{{u"name"_s, item.name}, {u"data"_s, QString::fromLatin1(item.data.toBase64())}};
            if (item.dir)
                o.insert(u"dir"_s, true);
            if (!item.link.isEmpty())
                o.insert(u"link"_s, item.link);
            if (item.legacy)
                o.insert(u"legacy"_s, true);
            if (item.stored)
                o.insert(u"stored"_s, true);
            spec.append(o);
        }
        const QString path = m_dir.filePath(name);
        const test::ProcessOutput out = test::runProcess(
            u"python3"_s, {test::supportDir() + u"/make_archive.py"_s, kind, path}, QJsonDocument(spec).toJson());
        if (out.exitCode != 0)
            qWarning("make_archive.py: %s", out.err.constData());
        if (listing)
            *listing = QJsonDocument::fromJson(out.out).array();
        return out.exitCode == 0 ? path : QString();
    }

    QList<Item> sample() const
    {
        return {dirItem(u"docs/"_s),
                fileItem(u"docs/readme.txt"_s, "Grüße aus Köln ✓\nsecond line\n"),
                fileItem(u"docs/legacy.txt"_s, "caf\xe9 cr\xe8me \x80 10\n"),
                fileItem(u"image.png"_s, pngBytes(300, 200)),
                fileItem(u"big.log"_s, bigText()),
                fileItem(u"data.bin"_s, binaryBytes()),
                linkItem(u"tool"_s, u"docs/readme.txt"_s)};
    }

    std::unique_ptr<ArchiveBrowserDialog> open(const QString &path)
    {
        auto dialog = std::make_unique<ArchiveBrowserDialog>(path, u"SourceArtifact"_s, &m_hooks);
        dialog->setAttribute(Qt::WA_DeleteOnClose, false);  // the test owns it
        QSignalSpy listed(dialog.get(), &ArchiveBrowserDialog::listed);
        dialog->show();
        if (!listed.wait(60000))
            qWarning("the archive was not listed");
        return dialog;
    }

    int rowOf(ArchiveBrowserDialog *dialog, const QString &name) const
    {
        QAbstractItemModel *model = dialog->view()->model();
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(ArchiveEntriesModel::EntryNameRole).toString() == name)
                return r;
        }
        return -1;
    }

    bool preview(ArchiveBrowserDialog *dialog, const QString &name)
    {
        QSignalSpy shown(dialog, &ArchiveBrowserDialog::previewShown);
        const int row = rowOf(dialog, name);
        if (row < 0)
            return false;
        dialog->view()->setCurrentIndex(dialog->view()->model()->index(row, 0));
        return !shown.isEmpty() || shown.wait(60000);
    }

    bool extract(ArchiveBrowserDialog *dialog, QPushButton *button)
    {
        QSignalSpy finished(dialog, &ArchiveBrowserDialog::extractionFinished);
        if (!button->isEnabled())
            return false;
        button->click();
        return finished.wait(120000);
    }

    static QStringList filesUnder(const QString &root)
    {
        QStringList files;
        QDirIterator it(root, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(QDir(root).relativeFilePath(it.next()));
        files.sort();
        return files;
    }

    static QByteArray contents(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_dir.isValid());
        m_hooks.folderName = [this](const QString &) { return m_folder; };
        m_hooks.confirm = [this](const QString &question) {
            m_questions.append(question);
            return m_confirm;
        };
    }

    void init()
    {
        m_questions.clear();
        m_confirm = true;
        m_folder.clear();
    }

    void listsEntries()
    {
        QJsonArray listing;
        const QString path = write(u"zip"_s, u"list.zip"_s, sample(), &listing);
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        QVERIFY(!dialog->isListing());
        QCOMPARE(dialog->failureText(), QString());
        QCOMPARE(dialog->noticeText(), QString());
        QVERIFY(dialog->summaryText().contains(u"zip"_s));
        QVERIFY(dialog->summaryText().contains(u"Entries: 7"_s));
        QVERIFY(dialog->windowTitle().contains(u"SourceArtifact"_s));
        ArchiveEntriesModel *model = dialog->model();
        QCOMPARE(model->rowCount(), listing.size());
        for (const QJsonValue &v : listing) {
            const QJsonObject o = v.toObject();
            const QString name = o.value(u"name"_s).toString();
            int row = -1;
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->entry(r).name == name)
                    row = r;
            }
            QVERIFY2(row >= 0, qPrintable(name));
            const bool dir = name.endsWith(u'/');
            // ASCII names carry no UTF-8 flag but are not legacy ones; only the link has a note.
            QCOMPARE(model->index(row, ArchiveEntriesModel::NotesColumn).data().toString().isEmpty(),
                     name != u"tool"_s);
            QCOMPARE(model->entry(row).size, qint64(o.value(u"size"_s).toDouble()));
            QCOMPARE(model->entry(row).packedSize, qint64(o.value(u"packed"_s).toDouble()));
            const QString crc = ArchiveEntriesModel::crcText(quint32(o.value(u"crc"_s).toDouble()));
            QCOMPARE(model->index(row, ArchiveEntriesModel::Crc32Column).data().toString(), dir ? QString() : crc);
            QCOMPARE(model->index(row, ArchiveEntriesModel::SizeColumn).data(Qt::ToolTipRole).toString(),
                     dir ? QString() : ArchiveEntriesModel::exactSize(model->entry(row).size));
        }
        const QAbstractItemModel *shown = dialog->view()->model();  // rowOf() counts the view's rows
        QCOMPARE(shown->index(rowOf(dialog.get(), u"tool"_s), 0).data(ArchiveEntriesModel::IsSymlinkRole), true);
        QCOMPARE(shown->index(rowOf(dialog.get(), u"docs/"_s), 0).data(ArchiveEntriesModel::IsDirectoryRole), true);
        QVERIFY(!dialog->extractSelectedButton()->isEnabled());  // nothing chosen yet
        QVERIFY(dialog->extractAllButton()->isEnabled());
    }

    void legacyName()
    {
        Item legacyItem = fileItem(u"café.txt"_s, "x");
        legacyItem.legacy = true;
        const QString path = write(u"zip"_s, u"legacy.zip"_s, {legacyItem});
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        QCOMPARE(dialog->model()->rowCount(), 1);
        QCOMPARE(dialog->model()->entry(0).name, u"café.txt"_s);
        QVERIFY(!dialog->model()->index(0, ArchiveEntriesModel::NotesColumn).data().toString().isEmpty());
    }

    void previews_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");  // the start of the text shown
        QTest::addColumn<QString>("info");  // a part of the line above it
        QTest::newRow("utf-8") << u"docs/readme.txt"_s << int(PreviewContent::Kind::Text)
                               << u"Grüße aus Köln ✓\nsecond line\n"_s << u"Encoding: UTF-8"_s;
        QTest::newRow("windows-1252") << u"docs/legacy.txt"_s << int(PreviewContent::Kind::Text)
                                      << u"café crème € 10\n"_s << u"not UTF-8"_s;
        QTest::newRow("cut at 1 MiB") << u"big.log"_s << int(PreviewContent::Kind::Text) << u"0123456789 the"_s
                                      << u"Only the first"_s;
        QTest::newRow("image") << u"image.png"_s << int(PreviewContent::Kind::Image) << QString()
                               << u"300 × 200 pixels"_s;
        QTest::newRow("binary") << u"data.bin"_s << int(PreviewContent::Kind::Nothing) << QString() << u"binary"_s;
        QTest::newRow("folder") << u"docs/"_s << int(PreviewContent::Kind::Nothing) << QString() << u"folder"_s;
        QTest::newRow("link") << u"tool"_s << int(PreviewContent::Kind::Nothing) << QString() << u"docs/readme.txt"_s;
    }
    void previews()
    {
        QFETCH(QString, entry);
        QFETCH(int, kind);
        QFETCH(QString, text);
        QFETCH(QString, info);
        const QString path = write(u"zip"_s, u"preview.zip"_s, sample());
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        QVERIFY(preview(dialog.get(), entry));
        ArchivePreview *pane = dialog->preview();
        QCOMPARE(pane->headingText(), entry);
        QCOMPARE(int(pane->kind()), kind);
        QVERIFY2(pane->infoText().contains(info), qPrintable(pane->infoText()));
        QVERIFY(pane->text().startsWith(text));
        switch (PreviewContent::Kind(kind)) {
        case PreviewContent::Kind::Text:
            QCOMPARE(pane->messageText(), QString());
            if (entry == u"big.log"_s)
                QCOMPARE(pane->text().size(), qsizetype(1024 * 1024));
            else
                QCOMPARE(pane->text(), text);
            break;
        case PreviewContent::Kind::Image: QCOMPARE(pane->imageSize(), QSize(300, 200)); break;
        default: QCOMPARE(pane->messageText(), u"No preview for this kind of file"_s); break;
        }
        QVERIFY(!pane->infoText().contains(u"not UTF-8"_s) || entry == u"docs/legacy.txt"_s);
    }

    // Enter in the list previews the current entry and leaves the dialog open.
    void enterPreviews()
    {
        const QString path = write(u"zip"_s, u"enter.zip"_s, sample());
        auto dialog = open(path);
        QVERIFY(preview(dialog.get(), u"docs/readme.txt"_s));
        QSignalSpy shown(dialog.get(), &ArchiveBrowserDialog::previewShown);
        dialog->view()->setFocus();
        QTest::keyClick(dialog->view(), Qt::Key_Return);
        QVERIFY(shown.wait(60000));
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->preview()->headingText(), u"docs/readme.txt"_s);
    }

    // An entry whose bytes no longer match its CRC-32: the pane says it could not be read.
    void damagedEntry()
    {
        Item damaged = fileItem(u"notes.txt"_s, "an intact line of text\n");
        damaged.stored = true;
        const QString path = write(u"zip"_s, u"damaged.zip"_s, {damaged});
        QVERIFY(!path.isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const qsizetype at = bytes.indexOf("intact");
        QVERIFY(at > 0);
        bytes[at] = 'X';
        QVERIFY(f.seek(0));
        QCOMPARE(f.write(bytes), bytes.size());
        f.close();
        auto dialog = open(path);
        QVERIFY(preview(dialog.get(), u"notes.txt"_s));
        QCOMPARE(dialog->preview()->kind(), PreviewContent::Kind::Error);
        QVERIFY2(dialog->preview()->messageText().contains(u"could not be read"_s),
                 qPrintable(dialog->preview()->messageText()));
        QCOMPARE(dialog->preview()->text(), QString());
    }

    // Tab goes from the list to the text shown, then to the buttons; Alt+E comes back to the list.
    void keyboard()
    {
        const QString path = write(u"zip"_s, u"keys.zip"_s, sample());
        auto dialog = open(path);
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        QCOMPARE(QApplication::focusWidget(), dialog->view());
        QVERIFY(preview(dialog.get(), u"docs/readme.txt"_s));
        QStringList order;
        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order.append(QApplication::focusWidget()->objectName());
        }
        // Choosing a row selects it, so Extract Selected is on and in the chain.
        QVERIFY(dialog->extractSelectedButton()->isEnabled());
        QCOMPARE(order, (QStringList{u"previewText"_s, u"extractSelected"_s, u"extractAll"_s}));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_E, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), dialog->view());
        QVERIFY(!dialog->view()->accessibleName().isEmpty());
        QVERIFY(!dialog->progressBar()->accessibleName().isEmpty());
    }

    void extractSelected()
    {
        const QList<Item> items = sample();
        const QString path = write(u"zip"_s, u"selected.zip"_s, items);
        auto dialog = open(path);
        QItemSelectionModel *selection = dialog->view()->selectionModel();
        QAbstractItemModel *model = dialog->view()->model();
        for (const QString &name : {u"docs/readme.txt"_s, u"image.png"_s})
            selection->select(model->index(rowOf(dialog.get(), name), 0),
                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_folder = m_dir.filePath(u"selected"_s);
        QVERIFY(QDir().mkpath(m_folder));
        QVERIFY(extract(dialog.get(), dialog->extractSelectedButton()));
        QVERIFY2(!dialog->statusIsError(), qPrintable(dialog->statusText()));
        QCOMPARE(filesUnder(m_folder), (QStringList{u"docs/readme.txt"_s, u"image.png"_s}));
        QCOMPARE(contents(m_folder + u"/docs/readme.txt"_s), items.at(1).data);
        QCOMPARE(contents(m_folder + u"/image.png"_s), items.at(3).data);
        QVERIFY(dialog->statusText().contains(u"Files: 2"_s));
    }

    void extractAll()
    {
        const QList<Item> items = sample();
        const QString path = write(u"zip"_s, u"all.zip"_s, items);
        auto dialog = open(path);
        m_folder = m_dir.filePath(u"all"_s);
        QVERIFY(extract(dialog.get(), dialog->extractAllButton()));
        QVERIFY2(!dialog->statusIsError(), qPrintable(dialog->statusText()));
        for (const Item &item : items) {
            const QFileInfo info(m_folder + u'/' + item.name);
            if (item.dir)
                QVERIFY(info.isDir());
            else if (!item.link.isEmpty())
                QCOMPARE(info.symLinkTarget(), QFileInfo(m_folder + u"/docs/readme.txt"_s).absoluteFilePath());
            else
                QCOMPARE(contents(info.filePath()), item.data);
        }
        QVERIFY(dialog->statusText().contains(u"Files: 5"_s));
        QVERIFY(m_questions.isEmpty());

        // Again into the same folder: asked first; no keeps the files, yes replaces them.
        m_confirm = false;
        QVERIFY(extract(dialog.get(), dialog->extractAllButton()));
        QCOMPARE(m_questions.size(), 1);
        QVERIFY(dialog->statusIsError());
        m_confirm = true;
        QFile::remove(m_folder + u"/data.bin"_s);
        QVERIFY(extract(dialog.get(), dialog->extractAllButton()));
        QCOMPARE(m_questions.size(), 2);
        QVERIFY2(!dialog->statusIsError(), qPrintable(dialog->statusText()));
        QCOMPARE(contents(m_folder + u"/data.bin"_s), items.at(5).data);
    }

    // An entry named ../evil.txt is refused, and nothing of the archive is written.
    void zipSlipRefused()
    {
        const QString path = write(u"zip"_s, u"slip.zip"_s,
                                   {fileItem(u"good.txt"_s, "fine\n"), fileItem(u"../evil.txt"_s, "escaped\n")});
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        m_folder = m_dir.filePath(u"slip/out"_s);
        QVERIFY(QDir().mkpath(m_folder));
        QVERIFY(extract(dialog.get(), dialog->extractAllButton()));
        QVERIFY(dialog->statusIsError());
        QVERIFY2(dialog->statusText().contains(u"refused"_s), qPrintable(dialog->statusText()));
        QVERIFY(!QFile::exists(m_dir.filePath(u"slip/evil.txt"_s)));
        QCOMPARE(filesUnder(m_dir.filePath(u"slip"_s)), QStringList());
    }

    void cancel()
    {
        const QString path = write(u"zip"_s, u"cancel.zip"_s,
                                   {fileItem(u"zeros-1.bin"_s, QByteArray(96 << 20, '\0')),
                                    fileItem(u"zeros-2.bin"_s, QByteArray(96 << 20, '\0'))});
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        m_folder = m_dir.filePath(u"cancelled"_s);
        QSignalSpy finished(dialog.get(), &ArchiveBrowserDialog::extractionFinished);
        dialog->extractAllButton()->click();
        QVERIFY(dialog->isExtracting());
        QVERIFY(dialog->cancelButton()->isVisible());
        QVERIFY(!dialog->extractAllButton()->isEnabled());
        dialog->cancelButton()->click();
        QVERIFY(finished.wait(120000));
        QVERIFY(!dialog->isExtracting());
        QVERIFY(!dialog->cancelButton()->isVisible());
        QVERIFY2(dialog->statusText().contains(u"cancelled"_s), qPrintable(dialog->statusText()));
        QCOMPARE(filesUnder(m_folder), QStringList());
    }

    void cannotList_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << QByteArray("just some notes, not an archive\n") << u"not an archive"_s;
        QTest::newRow("empty") << QByteArray() << u"not an archive"_s;
        QTest::newRow("cut zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + QByteArray(40, 'x')
                                 << u"could not be read"_s;
    }
    void cannotList()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(u"broken-"_s + QString::fromLatin1(QTest::currentDataTag()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        auto dialog = open(path);
        QVERIFY2(dialog->failureText().contains(message), qPrintable(dialog->failureText()));
        QCOMPARE(dialog->model()->rowCount(), 0);
        QVERIFY(!dialog->extractAllButton()->isEnabled());
        QVERIFY(!dialog->extractSelectedButton()->isEnabled());
    }

    void tarListedOnly_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("tar") << u"tar"_s;
        QTest::newRow("tar.gz") << u"tar.gz"_s;
    }
    void tarListedOnly()
    {
        QFETCH(QString, kind);
        const QString path = write(kind, u"listed."_s + kind,
                                   {dirItem(u"src/"_s), fileItem(u"src/main.c"_s, "int main(void) { return 0; }\n")});
        QVERIFY(!path.isEmpty());
        auto dialog = open(path);
        QCOMPARE(dialog->failureText(), QString());
        QCOMPARE(dialog->model()->rowCount(), 2);
        const QModelIndex mainC = dialog->view()->model()->index(rowOf(dialog.get(), u"src/main.c"_s), 0);
        QCOMPARE(mainC.data(ArchiveEntriesModel::SortRole).toString(), u"src/main.c"_s);
        QCOMPARE(dialog->view()
                     ->model()
                     ->index(mainC.row(), ArchiveEntriesModel::SizeColumn)
                     .data(ArchiveEntriesModel::SortRole)
                     .toLongLong(),
                 qint64(29));
        QVERIFY(dialog->summaryText().contains(kind));
        QVERIFY(!dialog->noticeText().isEmpty());
        QVERIFY(!dialog->canPreview());
        QVERIFY(!dialog->extractAllButton()->isEnabled());
        QSignalSpy shown(dialog.get(), &ArchiveBrowserDialog::previewShown);
        dialog->view()->setCurrentIndex(dialog->view()->model()->index(rowOf(dialog.get(), u"src/main.c"_s), 0));
        QVERIFY(!dialog->extractSelectedButton()->isEnabled());
        QCOMPARE(shown.size(), 0);
        QCOMPARE(dialog->preview()->kind(), PreviewContent::Kind::Nothing);
    }
};

QTEST_MAIN(TestArchiveBrowser)
#include "tst_archivebrowser.moc"
