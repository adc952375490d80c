// The Artifacts page on its own: which actions each row offers and why the others are
// off, the context menu and buttons asking for the same artifact, Enter and a double
// click opening an input only, and what the countdown says when it cannot count.

#include "gui/artifactsmodel.h"
#include "gui/artifactspage.h"

#include "core/codepipeline/jobdocument.h"
#include "support/guitestdata.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

codepipeline::JobDocument openedJob(bool withCredentials)
{
    test::JobShape shape;
    shape.inputArtifacts = 2;
    shape.outputArtifacts = 1;
    shape.withCredentials = withCredentials;
    auto document = codepipeline::JobDocument::fromJsonText(
        test::cliOutput(shape), codepipeline::JobDocument::Origin::Opened, QStringLiteral("job.json"));
    return document.ok() ? document.value() : codepipeline::JobDocument();
}

QAction *menuAction(QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text() == text)
            return action;
    }
    return nullptr;
}

}  // namespace

class TestArtifactsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void actionsFollowTheRow_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("upload");
        QTest::newRow("first input") << 0 << QStringLiteral("In0") << false;
        QTest::newRow("second input") << 1 << QStringLiteral("In1") << false;
        QTest::newRow("output") << 2 << QStringLiteral("Out0") << true;
    }

    void actionsFollowTheRow()
    {
        QFETCH(int, row);
        QFETCH(QString, name);
        QFETCH(bool, upload);
        const codepipeline::JobDocument document = openedJob(true);
        ArtifactsModel model;
        model.setDocument(document);
        ArtifactsPage page(document, &model);
        QVERIFY(page.hasCredentials());
        page.selectRow(row);
        QCOMPARE(page.artifact()->name, name);
        for (QPushButton *button : {page.downloadButton(), page.openButton(), page.extractButton()})
            QVERIFY(button->isEnabled());
        QCOMPARE(page.uploadButton()->isEnabled(), upload);
        if (!upload)
            QCOMPARE(page.uploadButton()->toolTip(), QStringLiteral("Only an output artifact can be uploaded"));
        QCOMPARE(menuAction(page.contextMenu(), QStringLiteral("Upload…"))->isEnabled(), upload);

        // The button and the menu entry ask for the same artifact.
        QSignalSpy downloads(&page, &ArtifactsPage::downloadRequested);
        QTest::mouseClick(page.downloadButton(), Qt::LeftButton);
        menuAction(page.contextMenu(), QStringLiteral("Download…"))->trigger();
        QCOMPARE(downloads.size(), 2);
        for (const QList<QVariant> &args : downloads)
            QCOMPARE(args.constFirst().value<s3::JobArtifact>().name, name);
    }

    void enterAndDoubleClickOpenInputsOnly_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("opens");
        QTest::newRow("input") << 0 << 2;
        QTest::newRow("output") << 2 << 0;
    }

    void enterAndDoubleClickOpenInputsOnly()
    {
        QFETCH(int, row);
        QFETCH(int, opens);
        const codepipeline::JobDocument document = openedJob(true);
        ArtifactsModel model;
        model.setDocument(document);
        ArtifactsPage page(document, &model);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectRow(row);
        QSignalSpy opened(&page, &ArtifactsPage::openRequested);
        page.view()->setFocus();
        QTest::keyClick(page.view(), Qt::Key_Return);
        QCOMPARE(opened.size(), opens / 2);
        const QRect cell = page.view()->visualRect(model.index(row, ArtifactsModel::NameColumn));
        // The press that precedes a double click, as a person's first click gives it.
        QTest::mousePress(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseRelease(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened.size(), opens);
    }

    void withoutCredentialsEveryTransferIsOff()
    {
        const codepipeline::JobDocument document = openedJob(false);
        ArtifactsModel model;
        model.setDocument(document);
        ArtifactsPage page(document, &model);
        QVERIFY(!page.hasCredentials());
        for (int row = 0; row < model.rowCount(); ++row) {
            page.selectRow(row);
            for (QPushButton *button :
                 {page.downloadButton(), page.openButton(), page.extractButton(), page.uploadButton()}) {
                QVERIFY(!button->isEnabled());
                QCOMPARE(button->toolTip(), QStringLiteral("Fetch the job to get its artifact credentials"));
            }
            QVERIFY(page.copyUriButton()->isEnabled());
        }
        QSignalSpy opened(&page, &ArtifactsPage::openRequested);
        menuAction(page.contextMenu(), QStringLiteral("Open"))->trigger();
        QCOMPARE(opened.size(), 0);
        QVERIFY(page.countdownLabel()->text().contains(QStringLiteral("Fetch the job")));
        QVERIFY(page.fetchAgainButton()->isHidden());
    }

    void s3RefusingTheKeysEndsTheCountdown()
    {
        const codepipeline::JobDocument document = openedJob(true);
        ArtifactsModel model;
        model.setDocument(document);
        ArtifactsPage page(document, &model);
        QVERIFY(!page.isExpired());
        QVERIFY(page.fetchAgainButton()->isHidden());
        page.setExpired();
        QVERIFY(page.isExpired());
        QCOMPARE(page.countdownLabel()->text(), QStringLiteral("Artifact credentials have expired"));
        QVERIFY(!page.fetchAgainButton()->isHidden());
    }
};

QTEST_MAIN(TestArtifactsPage)
#include "tst_artifactspage.moc"
