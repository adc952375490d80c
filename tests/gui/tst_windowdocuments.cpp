// The real JobDesk window's document actions: export compared byte for byte
// with the AWS CLI (with and without secrets), copy as JSON and as a CLI
// command, open a file, paste, and job tabs whose hidden pages are made when
// first shown. Modal dialogs are answered through DialogHooks.

#include "gui/artifactsmodel.h"
#include "gui/clipboard.h"
#include "gui/configurationmodel.h"
#include "gui/credentialsmodel.h"
#include "gui/errorbanner.h"
#include "gui/jobview.h"
#include "gui/jsontreemodel.h"
#include "gui/mainwindow.h"

#include "core/output/jobexporter.h"
#include "core/platform/filesecurity.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testenv.h"
#include "support/windowtestbed.h"

#include <QAction>
#include <QClipboard>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

const QString kOpenedJob = QStringLiteral("22222222-3333-4444-8555-666666666666");

}  // namespace

class TestWindowDocuments : public test::WindowTestCase
{
    Q_OBJECT

public:
    TestWindowDocuments() : WindowTestCase(QStringLiteral("tst_windowdocuments")) {}

private:
    QTemporaryDir m_dir;

    void prepare() override { QVERIFY(m_dir.isValid()); }

    // Runs the AWS CLI while this event loop keeps serving the in-process fake endpoint.
    QByteArray runAwsCli(const QString &cli, const QString &jobId)
    {
        QProcess process;
        process.setProcessEnvironment(test::referenceEnvironment(test::kAccessKeyId, test::kSecretKey));
        QSignalSpy done(&process, &QProcess::finished);
        process.start(cli,
                      {QStringLiteral("codepipeline"), QStringLiteral("get-third-party-job-details"),
                       QStringLiteral("--endpoint-url"), m_fake->url().toString(), QStringLiteral("--job-id"), jobId,
                       QStringLiteral("--client-token"), test::kClientToken, QStringLiteral("--output"),
                       QStringLiteral("json")});
        process.closeWriteChannel();
        if (!done.wait(120000) || process.exitCode() != 0) {
            qWarning() << cli << process.readAllStandardError();
            return {};
        }
        return process.readAllStandardOutput();
    }

    // The AWS CLI's bytes with the given values replaced, re-dumped the way the CLI dumps.
    static QByteArray redactWithPython(const QByteArray &cliJson, const QStringList &configKeys)
    {
        const QString script =
            QStringLiteral("import json,sys,collections\n"
                           "d=json.loads(sys.stdin.read(),object_pairs_hook=collections.OrderedDict)\n"
                           "data=d['jobDetails']['data']\n"
                           "c=data.get('artifactCredentials')\n"
                           "if c is not None:\n"
                           "    for k in c: c[k]='<redacted>'\n"
                           "cfg=data.get('actionConfiguration',{}).get('configuration',{})\n"
                           "for k in sys.argv[1:]:\n"
                           "    if k in cfg: cfg[k]='<redacted>'\n"
                           "sys.stdout.write(json.dumps(d,indent=4,ensure_ascii=False)+'\\n')\n");
        const test::ProcessOutput out = test::runProcess(
            QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + configKeys, cliJson);
        return out.out;
    }

private Q_SLOTS:
    void exportMatchesTheAwsCli()
    {
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        const QString path = m_dir.filePath(QStringLiteral("export.json"));
        QString suggested;
        m_window->dialogHooks().saveFileName = [&](const QString &s) {
            suggested = s;
            return path;
        };
        bool asked = false;
        m_window->dialogHooks().confirm = [&](const QString &) {
            asked = true;
            return true;
        };
        m_window->action(QStringLiteral("actionExport"))->trigger();
        QVERIFY(!asked);  // the redacted export needs no warning
        QVERIFY(suggested.endsWith(QStringLiteral(".json")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray exported = file.readAll();
        file.close();

        const QStringList clis = test::awsClis();
        QVERIFY(!clis.isEmpty());
        for (const QString &cli : clis) {
            const QByteArray cliJson = runAwsCli(cli, test::JobShape().jobId);
            QVERIFY2(!cliJson.isEmpty(), qPrintable(cli));
            QCOMPARE(exported, redactWithPython(cliJson, {QStringLiteral("ApiToken")}));
        }

        // With secrets: warned first; declining writes nothing, accepting writes the CLI's exact bytes.
        const QString withSecrets = m_dir.filePath(QStringLiteral("secrets.json"));
        m_window->dialogHooks().saveFileName = [&](const QString &) { return withSecrets; };
        m_window->dialogHooks().confirm = [&](const QString &question) {
            asked = true;
            return !question.isEmpty() && false;
        };
        m_window->action(QStringLiteral("actionExportSecrets"))->trigger();
        QVERIFY(asked);
        QVERIFY(!QFile::exists(withSecrets));
        m_window->dialogHooks().confirm = [](const QString &) { return true; };
        m_window->action(QStringLiteral("actionExportSecrets"))->trigger();
        QFile secrets(withSecrets);
        QVERIFY(secrets.open(QIODevice::ReadOnly));
        QCOMPARE(secrets.readAll(), runAwsCli(clis.constFirst(), test::JobShape().jobId));
        QCOMPARE(secrets.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        QVERIFY(platform::FileSecurity::isOwnerOnly(withSecrets));
    }

    void copyJsonAndCliCommand()
    {
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        m_window->action(QStringLiteral("actionCopyJson"))->trigger();
        const QString json = QGuiApplication::clipboard()->text();
        QVERIFY(json.contains(QStringLiteral("\"accessKeyId\": \"<redacted>\"")));
        QVERIFY(!json.contains(QStringLiteral("tok_EXAMPLE")));

        m_window->action(QStringLiteral("actionCopyCli"))->trigger();
        const QString command = QGuiApplication::clipboard()->text();
        QCOMPARE(command,
                 QStringLiteral("aws codepipeline get-third-party-job-details --job-id %1 --client-token "
                                "'<client-token>' --region us-east-1 --endpoint-url %2")
                     .arg(test::JobShape().jobId, m_fake->url().toString()));
        QVERIFY(!command.contains(test::kClientToken));

        // A credential copy is marked for clipboard managers.
        m_window->currentJobView()->copyCredential(CredentialsModel::SecretAccessKeyRow);
        const QMimeData *data = QGuiApplication::clipboard()->mimeData();
        QVERIFY(Clipboard::isConcealed(data));
        QCOMPARE(data->text(), QStringLiteral("artifactSecretKeyEXAMPLE/000000000000000"));
    }

    void openFileShowsTheSameTabs()
    {
        const QString path = m_dir.filePath(QStringLiteral("from-ticket.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        test::JobShape shape;
        shape.jobId = kOpenedJob;
        shape.configEntries = 7;
        file.write(test::cliOutput(shape));
        file.close();
        m_window->dialogHooks().openFileName = [&] { return path; };
        m_window->action(QStringLiteral("actionOpen"))->trigger();
        QCOMPARE(m_window->documentTabs()->count(), 1);
        JobView *view = m_window->currentJobView();
        QCOMPARE(view->document().origin(), codepipeline::JobDocument::Origin::Opened);
        QCOMPARE(view->document().jobId(), kOpenedJob);
        QCOMPARE(view->configurationModel()->rowCount(), 7);
        QCOMPARE(view->artifactsModel()->rowCount(), 2);
        QVERIFY(!view->credentialsModel()->isEmpty());
        QVERIFY(m_window->documentTabs()->tabText(0).contains(QStringLiteral("from-ticket.json")));

        // Something that is not a job is explained, not shown.
        QFile bad(m_dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"Pipelines\": []}");
        bad.close();
        m_window->dialogHooks().openFileName = [&] { return bad.fileName(); };
        m_window->action(QStringLiteral("actionOpen"))->trigger();
        QCOMPARE(m_window->documentTabs()->count(), 1);
        QVERIFY(m_window->errorBanner()->isVisible());
        QCOMPARE(m_window->errorBanner()->error().code, QStringLiteral("NotAJob"));
    }

    void pasteFromTheClipboard()
    {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(test::cliOutput()));
        m_window->action(QStringLiteral("actionPaste"))->trigger();
        QCOMPARE(m_window->documentTabs()->count(), 1);
        QCOMPARE(m_window->currentJobView()->document().origin(), codepipeline::JobDocument::Origin::Pasted);
        QCOMPARE(m_window->currentJobView()->document().jobId(), test::JobShape().jobId);

        QGuiApplication::clipboard()->setText(QStringLiteral("not json"));
        m_window->action(QStringLiteral("actionPaste"))->trigger();
        QCOMPARE(m_window->documentTabs()->count(), 1);
        QCOMPARE(m_window->errorBanner()->error().code, QStringLiteral("NotJson"));
    }

    // Opening a job fills every model but makes only the visible tab's widgets; the
    // others are made when first shown, with the same content.
    void hiddenTabsBuiltWhenShown()
    {
        QVERIFY(fetchAsTyped(test::JobShape().jobId, test::kClientToken));
        JobView *view = m_window->currentJobView();
        QVERIFY(view);
        QCOMPARE(view->tabs()->currentIndex(), int(JobView::OverviewTab));
        for (JobView::Tab tab :
             {JobView::ConfigurationTab, JobView::ArtifactsTab, JobView::CredentialsTab, JobView::RawTab})
            QVERIFY(!view->isBuilt(tab));
        QVERIFY(view->configurationModel()->rowCount() > 0);
        QVERIFY(view->artifactsModel()->rowCount() > 0);
        QVERIFY(view->jsonModel()->rowCount() > 0);

        view->tabs()->setCurrentIndex(JobView::RawTab);
        QVERIFY(view->isBuilt(JobView::RawTab));
        QVERIFY(!view->isBuilt(JobView::ArtifactsTab));
        QCOMPARE(view->rawText()->toPlainText().toUtf8(),
                 output::JobExporter::json(view->document(), {false, view->maskedConfigurationKeys()}));
        view->tabs()->setCurrentIndex(JobView::ArtifactsTab);
        QVERIFY(view->isBuilt(JobView::ArtifactsTab));
        QCOMPARE(view->artifactsView()->model(), static_cast<QAbstractItemModel *>(view->artifactsModel()));
    }
};

QTEST_MAIN(TestWindowDocuments)
#include "tst_windowdocuments.moc"
