// How long secrets live. The real window fetches jobs with artifact credentials (through
// assumed-role keys from a FakeCodePipeline in this process); each way a job tab closes
// must scrub the job's JSON strings in place and leave its models, Raw text and clipboard
// without a secret; closing a profile (switching away, deleting it, closing the window)
// must drop the role keys cached for it. Last, a whole session (fetch, open, paste, recent
// lookups, export, window close) is searched for on disk, byte by byte.
// The fixture is in tst_secretlifetime.h and secretlifetimesetup.cpp.

#include "tst_secretlifetime.h"

#include "gui/artifactsmodel.h"
#include "gui/configurationmodel.h"
#include "gui/credentialsmodel.h"
#include "gui/jobview.h"
#include "gui/jsontreemodel.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/overviewmodel.h"
#include "gui/profilemanagerdialog.h"
#include "gui/recentlookupsmodel.h"

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"
#include "fake/fakecodepipeline.h"
#include "support/guitestdata.h"
#include "support/testenv.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace jobdesk;
using namespace jobdesk::gui;
using lifetime::collect;
using lifetime::HeldString;
using lifetime::modelHits;

namespace {

struct Hit
{
    QString secret;
    QString where;
    QString spelling;
};

}  // namespace

void TestSecretLifetime::closeAndCheck(const QString &jobId, const std::function<void(int index)> &closeIt)
{
    QVERIFY(fetch(jobId, QStringLiteral("role-a")));
    QPointer<JobView> view = m_window->currentJobView();
    QVERIFY(view);
    QCOMPARE(view->document().jobId(), jobId);

    // Show everything: each credential revealed, the Raw tab with secrets, one on the clipboard.
    for (int row = 0; row < CredentialsModel::RowCount; ++row)
        view->toggleCredential(row);
    view->rawShowSecrets()->setChecked(true);
    view->copyCredential(CredentialsModel::SecretAccessKeyRow);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_artifactSecret);

    // The search finds the secrets while the tab is open, so finding none later means something.
    const QStringList secrets = jobSecrets();
    QVERIFY(!modelHits(view->credentialsModel(), secrets).isEmpty());
    QVERIFY(!modelHits(view->configurationModel(), {m_configSecret}).isEmpty());
    QVERIFY(!modelHits(view->overviewModel(), {m_continuationToken}).isEmpty());
    QVERIFY(!modelHits(view->jsonModel(), {m_artifactSecret}).isEmpty());
    QVERIFY(view->rawText()->toPlainText().contains(m_artifactToken));

    std::vector<HeldString> held;
    collect(view->document().data(), secrets, held);
    const std::size_t inData = held.size();
    collect(view->document().wire(), secrets, held);
    QVERIFY2(inData >= 5, "the artifact credentials, the continuation token and the secret value");
    QVERIFY(held.size() >= inData + 5);

    // Checked while the closing view still exists; it is deleted right after.
    bool checked = false;
    connect(view, &JobView::secretsWiped, this, [&](int leftUnscrubbed) {
        checked = true;
        QCOMPARE(leftUnscrubbed, 0);
        QVERIFY(view->document().isWiped());
        for (const HeldString &h : held) {
            QVERIFY(h.string->data() == h.bytes);  // scrubbed where it lay, not replaced
            QCOMPARE(h.string->size(), h.size);
            QVERIFY(std::all_of(h.bytes, h.bytes + h.size, [](char c) { return c == '\0'; }));
        }
        const QList<const QAbstractItemModel *> models = {view->credentialsModel(),   view->configurationModel(),
                                                          view->configurationProxy(), view->overviewModel(),
                                                          view->jsonModel(),          view->artifactsModel()};
        for (const QAbstractItemModel *model : models) {
            const QStringList hits = modelHits(model, secrets);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        }
        for (int row = 0; row < CredentialsModel::RowCount; ++row)
            QVERIFY(view->credentialsModel()->secret(row).isEmpty());
        QVERIFY(view->rawText()->toPlainText().isEmpty());
    });
    const int index = m_window->documentTabs()->indexOf(view);
    QVERIFY(index >= 0);
    closeIt(index);
    QVERIFY(checked);
    QVERIFY(view.isNull());
    QVERIFY(QGuiApplication::clipboard()->text() != m_artifactSecret);
}

void TestSecretLifetime::closeJobActionScrubsTheTab()
{
    closeAndCheck(m_jobA, [this](int index) {
        m_window->documentTabs()->setCurrentIndex(index);
        QAction *close = m_window->action(QStringLiteral("actionCloseTab"));
        QVERIFY(close && close->isEnabled());
        close->trigger();
    });
    learnRoleKeys(QStringLiteral("role-a"));
}

void TestSecretLifetime::closeButtonScrubsTheTab()
{
    // Another job open beside it, which must stay as it is.
    QVERIFY(fetch(m_jobB, QStringLiteral("role-a")));
    QPointer<JobView> other = m_window->currentJobView();
    closeAndCheck(m_jobA, [this](int index) {
        QTabBar *bar = m_window->documentTabs()->tabBar();
        auto *button = qobject_cast<QAbstractButton *>(bar->tabButton(index, QTabBar::RightSide));
        if (!button)
            button = qobject_cast<QAbstractButton *>(bar->tabButton(index, QTabBar::LeftSide));
        QVERIFY(button);
        button->click();
    });
    QVERIFY(other);
    QVERIFY(!other->isWiped());
    QCOMPARE(other->credentialsModel()->secret(CredentialsModel::SecretAccessKeyRow).revealText(), m_artifactSecret);
    m_window->closeDocument(m_window->documentTabs()->indexOf(other));
    QVERIFY(other.isNull());
}

void TestSecretLifetime::switchingProfileForgetsItsKeys()
{
    QVERIFY(fetch(m_jobA, QStringLiteral("role-a")));
    QVERIFY2(m_resolver->cachedProfiles().contains(QStringLiteral("role-a")),
             qPrintable(m_resolver->cachedProfiles().join(QLatin1Char(' '))));
    QVERIFY(m_window->lookupForm()->selectProfile(QStringLiteral("role-b")));
    QVERIFY2(!m_resolver->cachedProfiles().contains(QStringLiteral("role-a")),
             qPrintable(m_resolver->cachedProfiles().join(QLatin1Char(' '))));
    // The new profile's keys are cached as it is used, and go when the form moves on again.
    QVERIFY(fetch(m_jobB, QStringLiteral("role-b")));
    learnRoleKeys(QStringLiteral("role-b"));
    QVERIFY(m_resolver->cachedProfiles().contains(QStringLiteral("role-b")));
    QVERIFY(m_window->lookupForm()->selectProfile(QStringLiteral("role-c")));
    QVERIFY(!m_resolver->cachedProfiles().contains(QStringLiteral("role-b")));
    while (m_window->documentTabs()->count() > 0)
        m_window->closeDocument(0);
}

void TestSecretLifetime::deletingProfileForgetsItsKeys()
{
    // The form is on another profile, so only the deletion can drop linked-c's keys.
    QVERIFY(m_window->lookupForm()->selectProfile(QStringLiteral("role-a")));
    bool opened = false;
    m_window->dialogHooks().confirm = [](const QString &) { return true; };
    m_window->dialogHooks().profileManager = [&](ProfileManagerDialog *dialog) {
        opened = true;
        learnRoleKeys(QStringLiteral("linked-c"));
        QVERIFY2(m_resolver->cachedProfiles().contains(QStringLiteral("linked-c")),
                 qPrintable(m_resolver->cachedProfiles().join(QLatin1Char(' '))));
        QSignalSpy finished(dialog, &ProfileManagerDialog::finished);
        dialog->removeProfile(QStringLiteral("linked-c"));
        QVERIFY(!finished.isEmpty() || finished.wait(60000));
        QVERIFY2(finished.constFirst().at(0).toBool(), qPrintable(finished.constFirst().at(1).toString()));
        const QStringList cached = m_resolver->cachedProfiles();
        QVERIFY2(!cached.contains(QStringLiteral("linked-c")), qPrintable(cached.join(QLatin1Char(' '))));
        // role-c was only reached through linked-c: its keys went with it.
        QVERIFY2(!cached.contains(QStringLiteral("role-c")), qPrintable(cached.join(QLatin1Char(' '))));
    };
    QAction *profiles = m_window->action(QStringLiteral("actionProfiles"));
    QVERIFY(profiles && profiles->isEnabled());
    profiles->trigger();
    QVERIFY(opened);
    m_window->dialogHooks() = {};
}

void TestSecretLifetime::windowCloseScrubsJobsAndProfiles()
{
    // A session: a fetched job, an opened one, a pasted one, a recent lookup restored, an export.
    m_window->dialogHooks().confirm = [](const QString &) { return true; };
    m_window->dialogHooks().message = [](const QString &title, const QString &text) {
        QFAIL(qPrintable(title + QLatin1String(": ") + text));
    };
    QVERIFY(fetch(m_jobC, QStringLiteral("role-a")));
    const QString opened = m_outside.filePath(QStringLiteral("job.json"));
    {
        QFile file(opened);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("{\"jobDetails\":") + jobDetailsJson(m_jobA) + '}');
    }
    m_window->dialogHooks().openFileName = [opened] { return opened; };
    m_window->action(QStringLiteral("actionOpen"))->trigger();
    QCOMPARE(m_window->documentTabs()->count(), 2);
    QVERIFY(QFile::remove(opened));

    QGuiApplication::clipboard()->setText(QString::fromUtf8(jobDetailsJson(m_jobB)));
    m_window->action(QStringLiteral("actionPaste"))->trigger();
    QCOMPARE(m_window->documentTabs()->count(), 3);
    QGuiApplication::clipboard()->clear();

    auto *recent = m_window->findChild<QTreeView *>(QStringLiteral("recentView"));
    QVERIFY(recent && m_window->recentLookups()->rowCount() > 0);
    Q_EMIT recent->activated(m_window->recentLookups()->index(0, 0));
    QCOMPARE(m_window->lookupForm()->jobIdEdit()->text(), m_window->recentLookups()->lookup(0).jobId);
    QCOMPARE(m_window->recentLookups()->lookup(0).jobId, m_jobC);

    const QString exported = m_outside.filePath(QStringLiteral("export.json"));
    m_window->dialogHooks().saveFileName = [exported](const QString &) { return exported; };
    m_window->documentTabs()->setCurrentIndex(0);
    m_window->action(QStringLiteral("actionExport"))->trigger();
    QFile exportFile(exported);
    QVERIFY(exportFile.open(QIODevice::ReadOnly));
    const QByteArray exportBytes = exportFile.readAll();
    QVERIFY(exportBytes.contains(m_jobC.toUtf8()));
    for (const QString &secret : {m_artifactKeyId, m_artifactSecret, m_artifactToken, m_clientToken, m_configSecret})
        QVERIFY2(!exportBytes.contains(secret.toUtf8()), qPrintable(secret.left(12)));
    // The redactor does not count the continuation token as secret, so the export keeps it.
    std::printf("tst_secretlifetime: the export without secrets %s the continuation token\n",
                exportBytes.contains(m_continuationToken.toUtf8()) ? "keeps" : "leaves out");
    std::fflush(stdout);
    QVERIFY(QFile::remove(exported));

    QVERIFY(!m_resolver->cachedProfiles().isEmpty());
    QList<QPointer<JobView>> views;
    int wiped = 0;
    for (int i = 0; i < m_window->documentTabs()->count(); ++i) {
        views << m_window->jobView(i);
        connect(views.last(), &JobView::secretsWiped, this, [&wiped, view = views.last(), this](int left) {
            QCOMPARE(left, 0);
            QVERIFY(view->document().isWiped());
            const QList<const QAbstractItemModel *> models = {view->credentialsModel(), view->configurationModel(),
                                                              view->overviewModel(), view->jsonModel()};
            for (const QAbstractItemModel *model : models)
                QVERIFY(modelHits(model, jobSecrets()).isEmpty());
            ++wiped;
        });
    }
    QVERIFY(m_window->close());
    QCOMPARE(wiped, 3);
    for (const QPointer<JobView> &view : std::as_const(views))
        QVERIFY(view.isNull());
    QCOMPARE(m_resolver->cachedProfiles(), QStringList());
}

void TestSecretLifetime::nothingSecretReachesDisk()
{
    // Everything is written out: the window (already closed) and the stores go now.
    delete m_window;
    m_window = nullptr;
    m_vault.reset();
    m_store.reset();
    QSettings().sync();

    QStringList secrets = {m_artifactKeyId,     m_artifactSecret, m_artifactToken, m_clientToken,
                           m_continuationToken, m_configSecret,   m_sourceSecret};
    secrets << m_roleSecrets;
    QVERIFY(m_roleSecrets.size() >= 4);  // role-a's and role-b's (same role, other session) and linked-c's

    // Plain, and as a file would encode it: base64, hex, percent-encoding, JSON's escaped "/",
    // and UTF-16 in both byte orders (QDataStream writes QString as UTF-16, as in saveState()).
    const auto spellings = [](const QString &secret) {
        const QByteArray raw = secret.toUtf8();
        QByteArray json = raw;
        json.replace("/", "\\/");
        QByteArray utf16le(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
        QByteArray utf16be = utf16le;
        for (qsizetype i = 0; i + 1 < utf16be.size(); i += 2)
            std::swap(utf16be[i], utf16be[i + 1]);
        return QList<std::pair<QString, QByteArray>>{
            {QStringLiteral("plain"), raw},
            {QStringLiteral("base64"), raw.toBase64()},
            {QStringLiteral("base64url"), raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)},
            {QStringLiteral("hex"), raw.toHex()},
            {QStringLiteral("HEX"), raw.toHex().toUpper()},
            {QStringLiteral("percent"), raw.toPercentEncoding()},
            {QStringLiteral("json"), json},
            {QStringLiteral("utf16le"), utf16le},
            {QStringLiteral("utf16be"), utf16be},
        };
    };

    QList<Hit> hits;
    QStringList files;
    qint64 bytes = 0;
    int spellingCount = 0;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray content = file.readAll();
        bytes += content.size();
        files << QDir(m_root.path()).relativeFilePath(path);
        for (const QString &secret : std::as_const(secrets)) {
            const auto forms = spellings(secret);
            spellingCount = int(forms.size());
            for (const auto &[name, spelling] : forms) {
                if (content.contains(spelling))
                    hits << Hit{secret.left(12) + QStringLiteral("…"), files.last(), name};
            }
        }
    }
    // The settings with the window state and the recent lookups, and the profiles, were there to search.
    const QString settingsFile = QSettings().fileName();
    QVERIFY2(settingsFile.startsWith(m_root.path()), qPrintable(settingsFile));
    QVERIFY2(QFileInfo::exists(settingsFile), qPrintable(settingsFile));
    {
        const QSettings written;
        QVERIFY(!written.value(QStringLiteral("MainWindow/state")).toByteArray().isEmpty());
        QVERIFY(!written.value(QStringLiteral("MainWindow/geometry")).toByteArray().isEmpty());
    }
    QVERIFY(files.filter(QStringLiteral("JobDesk")).size() >= 1);

    std::printf("tst_secretlifetime: searched %lld files (%s), %lld bytes, for %lld secrets in %d spellings each: "
                "%lld hits\n",
                static_cast<long long>(files.size()), qPrintable(files.join(QStringLiteral(", "))),
                static_cast<long long>(bytes), static_cast<long long>(secrets.size()), spellingCount,
                static_cast<long long>(hits.size()));
    std::fflush(stdout);
    for (const Hit &hit : std::as_const(hits))
        std::printf("LEAK: %s (%s) in %s\n", qPrintable(hit.secret), qPrintable(hit.spelling), qPrintable(hit.where));
    QCOMPARE(hits.size(), 0);
}

QTEST_MAIN(TestSecretLifetime)
