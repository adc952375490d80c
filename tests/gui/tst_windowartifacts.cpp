// A job's artifacts from the real window against the fake's S3: download to a file
// (bytes and SHA-256 as stored), a file that exists kept unless replacing it is
// confirmed, cancel leaving no partial file, Open showing the archive, uploads of a
// file and of a folder carrying the job's KMS key, the credential countdown on a moved
// clock with Fetch Again at expiry, S3's ExpiredToken explained, and the actions off
// for a job read from a file.

#include "gui/actionconfirmation.h"
#include "gui/archivebrowserdialog.h"
#include "gui/artifactactions.h"
#include "gui/artifactsmodel.h"
#include "gui/artifactspage.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/mainwindow.h"
#include "gui/theme.h"
#include "gui/transfermanager.h"
#include "gui/transferspanel.h"
#include "gui/uploaddialog.h"

#include "core/archive/archivereader.h"
#include "core/archive/zipwriter.h"
#include "core/clock.h"
#include "core/codepipeline/jobdocument.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/windowtestbed.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kBucket = QStringLiteral("codepipeline-us-east-1-123456789012");
const QString kInputKey = QStringLiteral("pipe/In0/abc.zip");
const QString kOutputKey = QStringLiteral("pipe/Out0/abc.zip");
const QString kJobId = QStringLiteral("11111111-2222-4333-8444-555555555555");
const QString kKmsKey = QStringLiteral("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

class TestWindowArtifacts : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestWindowArtifacts() : WindowTestCase(QStringLiteral("tst_windowartifacts")) {}

protected:
    void prepare() override
    {
        QVERIFY(m_files.isValid());
        // A real zip of two files, as a build's input artifact would be.
        const QString tree = m_files.filePath(QStringLiteral("source"));
        QVERIFY(QDir().mkpath(tree + QStringLiteral("/src")));
        QVERIFY(writeFile(tree + QStringLiteral("/README.md"), "# The customer's code\n"));
        QVERIFY(writeFile(tree + QStringLiteral("/src/main.c"), "int main(void) { return 0; }\n"));
        m_inputZip = m_files.filePath(QStringLiteral("input.zip"));
        QVERIFY(archive::ZipWriter::zip(tree, m_inputZip).ok());
        m_inputBytes = fileBytes(m_inputZip);
        QVERIFY(!m_inputBytes.isEmpty());

        fake::FakeS3Bucket bucket;
        bucket.name = kBucket;
        bucket.requireKms = true;
        bucket.kmsKeyId = kKmsKey;
        m_fake->addS3Bucket(bucket);
        m_fake->putS3Object(kBucket, kInputKey, m_inputBytes, "application/zip");
        // Big enough to cancel halfway when the fake slows its body down.
        m_fake->putS3Object(kBucket, kOutputKey, QByteArray(2 * 1024 * 1024, 'x'), "application/zip");
    }

    void windowReady() override { m_defaults.s3Endpoint = m_fake->url().toString(); }

    TransferManager *transfers() const { return m_window->transferManager(); }

    // The fetched job's Artifacts page, the row of the artifact named selected.
    ArtifactsPage *fetchedPage(const QString &selected = QStringLiteral("In0"))
    {
        if (!fetchAsTyped(kJobId, test::kClientToken))
            return nullptr;
        JobView *view = m_window->currentJobView();
        view->tabs()->setCurrentIndex(JobView::ArtifactsTab);
        ArtifactsPage *page = view->artifactsPage();
        for (int row = 0; row < view->artifactsModel()->rowCount(); ++row) {
            if (page->artifact(row)->name == selected)
                page->selectRow(row);
        }
        return page;
    }

    // Waits for the transfer to end; its state then.
    TransferManager::State waitFor(int id)
    {
        const TransferManager::Transfer *t = transfers()->transfer(id);
        if (t && t->isRunning()) {
            QSignalSpy finished(transfers(), &TransferManager::finished);
            while (transfers()->transfer(id)->isRunning() && finished.wait(20000)) {
            }
        }
        t = transfers()->transfer(id);
        return t ? t->state : TransferManager::State::Failed;
    }

    int lastTransfer() const
    {
        const QList<int> ids = transfers()->ids();
        return ids.isEmpty() ? 0 : ids.constLast();
    }

    QTemporaryDir m_files;
    QString m_inputZip;
    QByteArray m_inputBytes;

private Q_SLOTS:
    void init()
    {
        // An archive browser left open would keep the keys meant for the main window.
        for (QDialog *browser : m_window->artifactActions()->browsers())
            browser->close();
        resetCase();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void downloadWritesTheObject()
    {
        ArtifactsPage *page = fetchedPage();
        QVERIFY(page);
        QVERIFY(page->downloadButton()->isEnabled());
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("saved.zip"));
        QString suggested;
        m_window->dialogHooks().saveFileName = [&](const QString &s) {
            suggested = s;
            return target;
        };
        const int before = lastTransfer();
        QTest::mouseClick(page->downloadButton(), Qt::LeftButton);
        const int id = lastTransfer();
        QVERIFY(id > before);
        QCOMPARE(QFileInfo(suggested).fileName(), QStringLiteral("In0.zip"));
        QVERIFY(m_window->transfersPanel()->isVisible());
        QCOMPARE(waitFor(id), TransferManager::State::Finished);

        QCOMPARE(fileBytes(target), m_inputBytes);
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(m_inputBytes, QCryptographicHash::Sha256).toHex());
        QCOMPARE(transfers()->transfer(id)->sha256, sha);
        QVERIFY2(m_window->transfersPanel()->detailLabel(id)->text().contains(sha),
                 qPrintable(m_window->transfersPanel()->detailLabel(id)->text()));
        QVERIFY(m_window->transfersPanel()->showInFolderButton(id)->isVisibleTo(m_window->transfersPanel()));
        QVERIFY(!m_window->transfersPanel()->cancelButton(id)->isVisibleTo(m_window->transfersPanel()));
    }

    void overwriteRefusedLeavesTheFile_data()
    {
        QTest::addColumn<bool>("replace");
        QTest::newRow("refused") << false;
        QTest::newRow("confirmed") << true;
    }

    void overwriteRefusedLeavesTheFile()
    {
        QFETCH(bool, replace);
        ArtifactsPage *page = fetchedPage();
        QVERIFY(page);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("existing.zip"));
        QVERIFY(writeFile(target, "the support engineer's own notes"));
        m_window->dialogHooks().saveFileName = [&](const QString &) { return target; };
        QStringList questions;
        m_window->dialogHooks().confirm = [&](const QString &question) {
            questions << question;
            return replace;
        };
        const int before = lastTransfer();
        QTest::mouseClick(page->downloadButton(), Qt::LeftButton);
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions.constFirst().contains(QStringLiteral("existing.zip")), qPrintable(questions.constFirst()));
        if (!replace) {
            QCOMPARE(lastTransfer(), before);
            QCOMPARE(fileBytes(target), QByteArray("the support engineer's own notes"));
            return;
        }
        QVERIFY(lastTransfer() > before);
        QCOMPARE(waitFor(lastTransfer()), TransferManager::State::Finished);
        QCOMPARE(fileBytes(target), m_inputBytes);
    }

    void cancelRemovesThePartialFile()
    {
        fake::FakeScript slow;
        slow.bodyBytesPerSecond = 256 * 1024;  // 2 MiB take about 8 s
        QVERIFY(m_fake->setS3Script(kBucket, slow));
        ArtifactsPage *page = fetchedPage(QStringLiteral("Out0"));
        QVERIFY(page);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("big.zip"));
        m_window->dialogHooks().saveFileName = [&](const QString &) { return target; };
        QTest::mouseClick(page->downloadButton(), Qt::LeftButton);
        const int id = lastTransfer();
        TransfersPanel *panel = m_window->transfersPanel();
        QTRY_VERIFY_WITH_TIMEOUT(transfers()->transfer(id)->bytes > 0, 10000);
        QVERIFY(transfers()->transfer(id)->isRunning());
        QVERIFY(panel->cancelButton(id)->isVisibleTo(panel));
        QVERIFY(panel->statusLabel(id)->text().contains(QStringLiteral("Downloading")));
        QTest::mouseClick(panel->cancelButton(id), Qt::LeftButton);
        QCOMPARE(waitFor(id), TransferManager::State::Cancelled);
        QVERIFY(!QFile::exists(target));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    void openShowsTheArchive()
    {
        ArtifactsPage *page = fetchedPage();
        QVERIFY(page);
        QSignalSpy opened(m_window->artifactActions(), &ArtifactActions::browserOpened);
        QTest::mouseClick(page->openButton(), Qt::LeftButton);
        const int id = lastTransfer();
        // A second Open while the first download runs joins it.
        QTest::mouseClick(page->openButton(), Qt::LeftButton);
        QCOMPARE(lastTransfer(), id);
        QCOMPARE(waitFor(id), TransferManager::State::Finished);
        QTRY_COMPARE(opened.size(), 1);
        const TransferManager::Transfer *t = transfers()->transfer(id);
        QVERIFY(t->file.startsWith(transfers()->temporaryFolder()));
        QCOMPARE(fileBytes(t->file), m_inputBytes);
        auto listed = archive::ArchiveReader::list(t->file);
        QVERIFY(listed.ok());
        QCOMPARE(listed.value().size(), 2);  // README.md, src/main.c
        auto *dialog = opened.constFirst().constFirst().value<ArchiveBrowserDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->close();
    }

    void uploadCarriesTheJobsKmsKey_data()
    {
        QTest::addColumn<bool>("folder");
        QTest::newRow("zip file") << false;
        QTest::newRow("folder") << true;
    }

    void uploadCarriesTheJobsKmsKey()
    {
        QFETCH(bool, folder);
        ArtifactsPage *page = fetchedPage(QStringLiteral("Out0"));
        QVERIFY(page);
        QVERIFY(page->uploadButton()->isEnabled());
        const QString source = folder ? m_files.filePath(QStringLiteral("source")) : m_inputZip;
        QString kmsShown;
        m_window->dialogHooks().folderName = [&](const QString &) { return source; };
        m_window->dialogHooks().openFileName = [&] { return source; };
        m_window->dialogHooks().upload = [&](UploadDialog *dialog) {
            kmsShown = dialog->kmsLabel()->text();
            QTest::mouseClick(folder ? dialog->folderButton() : dialog->fileButton(), Qt::LeftButton);
            return dialog->selectOutput(QStringLiteral("Out0"));
        };
        QList<ActionSummary> summaries;
        m_window->dialogHooks().confirmAction = [&](const ActionSummary &summary) {
            summaries << summary;
            return true;
        };
        const qsizetype uploadsBefore = m_fake->s3Uploads().size();
        QTest::mouseClick(page->uploadButton(), Qt::LeftButton);
        QCOMPARE(summaries.size(), 1);
        QCOMPARE(summaries.constFirst().jobId, kJobId);
        QStringList details;
        for (const auto &[label, value] : summaries.constFirst().details)
            details << value;
        QVERIFY2(details.contains(kBucket) && details.contains(kOutputKey) && details.contains(kKmsKey),
                 qPrintable(details.join(QLatin1Char('|'))));
        QVERIFY(kmsShown.contains(kKmsKey));

        const int id = lastTransfer();
        QCOMPARE(waitFor(id), TransferManager::State::Finished);
        const QList<fake::FakeS3Upload> uploads = m_fake->s3Uploads();
        QCOMPARE(uploads.size(), uploadsBefore + 1);
        const fake::FakeS3Upload &upload = uploads.constLast();
        QCOMPARE(upload.bucket, kBucket);
        QCOMPARE(upload.key, kOutputKey);
        QCOMPARE(upload.serverSideEncryption, QStringLiteral("aws:kms"));
        QCOMPARE(upload.kmsKeyId, kKmsKey);
        QCOMPARE(upload.contentType, QByteArray("application/zip"));
        const QByteArray stored = m_fake->s3ObjectContent(kBucket, kOutputKey);
        if (folder) {
            // What was stored is a zip of the folder, with its files under relative paths.
            const QString back = m_files.filePath(QStringLiteral("uploaded.zip"));
            QVERIFY(writeFile(back, stored));
            auto listed = archive::ArchiveReader::list(back);
            QVERIFY(listed.ok());
            QStringList names;
            for (const archive::ArchiveEntry &entry : listed.value())
                names << entry.name;
            QVERIFY2(names.contains(QStringLiteral("README.md")) && names.contains(QStringLiteral("src/main.c")),
                     qPrintable(names.join(QLatin1Char(','))));
        } else {
            QCOMPARE(stored, m_inputBytes);
        }
        QCOMPARE(transfers()->transfer(id)->sha256, QString::fromLatin1(upload.sha256));
        // What HeadObject said afterwards is in the row.
        const QString detail = m_window->transfersPanel()->detailLabel(id)->text();
        QVERIFY2(detail.contains(QStringLiteral("aws:kms")) && detail.contains(kKmsKey), qPrintable(detail));
    }

    void countdownTurnsAmberThenOffersFetchAgain()
    {
        ArtifactsPage *page = fetchedPage();
        QVERIFY(page);
        const QDateTime fetched = m_window->currentJobView()->document().fetchedAtUtc();
        QVERIFY(fetched.isValid());
        FixedClock clock(fetched.addSecs(2 * 60 + 26));
        page->setClock(&clock);
        QCOMPARE(page->countdownLabel()->text(), QStringLiteral("Artifact credentials expire in 12:34"));
        const QColor normal = page->countdownLabel()->palette().color(QPalette::WindowText);
        QVERIFY(normal != Theme::warningText(page->palette()));
        QVERIFY(page->fetchAgainButton()->isHidden());

        clock.set(fetched.addSecs(12 * 60 - 1));
        page->updateCountdown();
        QCOMPARE(page->countdownLabel()->text(), QStringLiteral("Artifact credentials expire in 3:01"));
        QCOMPARE(page->countdownLabel()->palette().color(QPalette::WindowText), normal);
        clock.set(fetched.addSecs(12 * 60));
        page->updateCountdown();
        QCOMPARE(page->countdownLabel()->text(), QStringLiteral("Artifact credentials expire in 3:00"));
        QCOMPARE(page->countdownLabel()->palette().color(QPalette::WindowText), Theme::warningText(page->palette()));

        clock.set(fetched.addSecs(15 * 60));
        page->updateCountdown();
        QCOMPARE(page->countdownLabel()->text(), QStringLiteral("Artifact credentials have expired"));
        QVERIFY(page->isExpired());
        QVERIFY(!page->fetchAgainButton()->isHidden());

        // Fetch Again brings the job with new credentials in place of the old tab.
        const int tabs = m_window->documentTabs()->count();
        QSignalSpy fetchedAgain(m_window, &MainWindow::fetchFinished);
        QTest::mouseClick(page->fetchAgainButton(), Qt::LeftButton);
        QVERIFY(fetchedAgain.wait(20000));
        QVERIFY(fetchedAgain.constFirst().constFirst().toBool());
        QCOMPARE(m_window->documentTabs()->count(), tabs);
        ArtifactsPage *fresh = m_window->currentJobView()->artifactsPage();
        QVERIFY(fresh != page);
        QVERIFY(!fresh->isExpired());
        QVERIFY(fresh->countdownLabel()->text().startsWith(QStringLiteral("Artifact credentials expire in 1")));
    }

    void expiredTokenIsExplained()
    {
        fake::FakeScript expired;
        expired.error = fake::FakeScript::ForcedError{QStringLiteral("ExpiredToken"),
                                                      QStringLiteral("The provided token has expired."), 400, -1};
        QVERIFY(m_fake->setS3Script(kBucket, expired));
        ArtifactsPage *page = fetchedPage();
        QVERIFY(page);
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("never.zip"));
        m_window->dialogHooks().saveFileName = [&](const QString &) { return target; };
        QTest::mouseClick(page->downloadButton(), Qt::LeftButton);
        const int id = lastTransfer();
        QCOMPARE(waitFor(id), TransferManager::State::Failed);
        QCOMPARE(transfers()->transfer(id)->error.code, QStringLiteral("ExpiredToken"));
        QVERIFY(!QFile::exists(target));
        ErrorBanner *banner = m_window->errorBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->error().code, QStringLiteral("ExpiredToken"));
        QVERIFY2(!banner->explanationText().isEmpty(), "the advice is shown");
        QVERIFY(m_window->transfersPanel()->detailLabel(id)->text().contains(banner->explanationText()));
        // S3's word counts over the countdown's: Fetch Again is offered at once.
        QVERIFY(page->isExpired());
        QVERIFY(!page->fetchAgainButton()->isHidden());
    }

    void actionsOffForAJobReadFromAFile()
    {
        test::JobShape shape;
        shape.withCredentials = false;
        auto document = codepipeline::JobDocument::fromJsonText(
            test::cliOutput(shape), codepipeline::JobDocument::Origin::Opened, QStringLiteral("job.json"));
        QVERIFY(document.ok());
        JobView *view = m_window->openDocument(document.value());
        ArtifactsPage *page = view->artifactsPage();
        QVERIFY(!page->hasCredentials());
        for (QPushButton *button : {page->downloadButton(), page->openButton(), page->extractButton()}) {
            QVERIFY(!button->isEnabled());
            QCOMPARE(button->toolTip(), QStringLiteral("Fetch the job to get its artifact credentials"));
        }
        QVERIFY(page->copyUriButton()->isEnabled());
        QVERIFY(page->countdownLabel()->text().contains(QStringLiteral("Fetch the job")));
    }
};

QTEST_MAIN(TestWindowArtifacts)
#include "tst_windowartifacts.moc"
