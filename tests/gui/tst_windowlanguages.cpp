// The window in each language it ships in: built fresh in English, German,
// French and Japanese, each window and dialog is walked for what a person sees.
// No two mnemonics that are active together may share a letter (labels, buttons,
// tabs and menu titles of one window; the items of one menu), no label or
// button is cut short by its layout, and a title names the application once.
// Also how a language is chosen (--lang, Settings, the system's locale).

#include "gui/appsettings.h"
#include "gui/archivebrowserdialog.h"
#include "gui/dialoghooks.h"
#include "gui/mainwindow.h"
#include "gui/mfadialog.h"
#include "gui/profileeditdialog.h"
#include "gui/settingsdialog.h"
#include "gui/ssosignindialog.h"
#include "gui/translations.h"

#include "core/codepipeline/jobdocument.h"
#include "core/sso/ssosessions.h"
#include "core/sso/ssotokenstore.h"
#include "support/guitestdata.h"

#include <QAbstractButton>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

namespace {

// The letter Alt selects in text ("&&" is a literal ampersand), lower-cased, or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// The pages a widget sits on, outermost first: two widgets are on screen together
// only when one's pages are a prefix of the other's.
QList<const QWidget *> pagesOf(const QWidget *widget, const QWidget *window)
{
    QList<const QWidget *> pages;
    for (const QWidget *w = widget; w && w != window; w = w->parentWidget()) {
        if (qobject_cast<const QStackedWidget *>(w->parentWidget()))
            pages.prepend(w);
    }
    return pages;
}

struct Mnemonic
{
    QChar letter;
    QString text;
    QList<const QWidget *> pages;
};

bool together(const Mnemonic &a, const Mnemonic &b)
{
    const qsizetype n = qMin(a.pages.size(), b.pages.size());
    return a.pages.mid(0, n) == b.pages.mid(0, n);
}

// Every mnemonic of a window's own widgets: labels with a buddy, buttons, group boxes,
// tab bars (each tab on the tab bar's pages) and the menu bar's titles.
QList<Mnemonic> windowMnemonics(const QWidget *window)
{
    QList<Mnemonic> found;
    const auto add = [&](const QString &text, const QWidget *where) {
        if (const QChar letter = mnemonicOf(text); !letter.isNull())
            found.append({letter, text, pagesOf(where, window)});
    };
    for (const QLabel *label : window->findChildren<QLabel *>()) {
        if (label->buddy())
            add(label->text(), label);
    }
    for (const QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        if (!qobject_cast<const QTabBar *>(button->parentWidget()))
            add(button->text(), button);
    }
    for (const QGroupBox *box : window->findChildren<QGroupBox *>())
        add(box->title(), box);
    for (const QTabBar *bar : window->findChildren<QTabBar *>()) {
        for (int i = 0; i < bar->count(); ++i)
            add(bar->tabText(i), bar);
    }
    if (const auto *main = qobject_cast<const QMainWindow *>(window); main && main->menuWidget()) {
        for (const QAction *action : main->menuBar()->actions())
            add(action->text(), main->menuBar());
    }
    return found;
}

QStringList clashes(const QString &where, const QList<Mnemonic> &mnemonics)
{
    QStringList problems;
    for (qsizetype i = 0; i < mnemonics.size(); ++i) {
        for (qsizetype j = i + 1; j < mnemonics.size(); ++j) {
            const Mnemonic &a = mnemonics.at(i);
            const Mnemonic &b = mnemonics.at(j);
            if (a.letter == b.letter && together(a, b))
                problems.append(QStringLiteral("%1: Alt+%2 is both “%3” and “%4”")
                                    .arg(where, QString(a.letter.toUpper()), a.text, b.text));
        }
    }
    return problems;
}

QStringList menuClashes(const QWidget *window)
{
    QStringList problems;
    for (const QMenu *menu : window->findChildren<QMenu *>()) {
        QList<Mnemonic> items;
        for (const QAction *action : menu->actions()) {
            if (const QChar letter = mnemonicOf(action->text()); !letter.isNull())
                items.append({letter, action->text(), {}});
        }
        problems += clashes(QStringLiteral("menu “%1”").arg(menu->title()), items);
    }
    return problems;
}

// Labels and buttons narrower than their text needs, in a window laid out at its own size.
QStringList clipped(const QWidget *window)
{
    QStringList problems;
    const auto check = [&](const QWidget *w, const QString &text) {
        if (!w->isVisibleTo(window) || text.isEmpty())
            return;
        if (w->width() < w->minimumSizeHint().width())
            problems.append(QStringLiteral("“%1” is %2 px wide but needs %3")
                                .arg(text)
                                .arg(w->width())
                                .arg(w->minimumSizeHint().width()));
    };
    for (const QLabel *label : window->findChildren<QLabel *>()) {
        if (!label->wordWrap())
            check(label, label->text());
    }
    for (const QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        // An icon-only tool button (a line edit's action) shows its text as a tooltip only.
        const auto *tool = qobject_cast<const QToolButton *>(button);
        if (!tool || tool->toolButtonStyle() != Qt::ToolButtonIconOnly)
            check(button, button->text());
    }
    return problems;
}

// The title a desktop shows: Qt adds the application's display name after a window's own title.
QString shownTitle(const QWidget *window)
{
    const QString app = QGuiApplication::applicationDisplayName();
    const QString title = window->windowTitle();
    if (title.endsWith(app))
        return title;
    return title.isEmpty() ? app : title + QStringLiteral(" — ") + app;
}

}  // namespace

class TestWindowLanguages : public QObject
{
    Q_OBJECT

private:
    QStringList m_problems;

    void walk(const QString &language, QWidget *window)
    {
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QString where = QStringLiteral("[%1] %2").arg(language, window->objectName());
        m_problems += clashes(where, windowMnemonics(window));
        m_problems += menuClashes(window);
        for (const QString &problem : clipped(window))
            m_problems.append(where + QStringLiteral(": ") + problem);
        const QString title = shownTitle(window);
        if (title.count(QGuiApplication::applicationDisplayName()) != 1)
            m_problems.append(where
                              + QStringLiteral(": the title “%1” names the application %2 times")
                                    .arg(title)
                                    .arg(title.count(QGuiApplication::applicationDisplayName())));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_windowlanguages"));
        QGuiApplication::setApplicationDisplayName(QStringLiteral("JobDesk"));
    }

    void cleanupTestCase() { Translations::install(QStringLiteral("en")); }

    void catalogues()
    {
        QCOMPARE(Translations::available(),
                 QStringList({QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("ja")}));
        QCOMPARE(Translations::languages().constFirst(), QStringLiteral("en"));
    }

    void choose_data()
    {
        QTest::addColumn<QStringList>("preferred");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--lang") << QStringList{QStringLiteral("ja"), QStringLiteral("de")} << QStringLiteral("ja");
        QTest::newRow("region") << QStringList{QStringLiteral("de_AT")} << QStringLiteral("de");
        QTest::newRow("bcp47") << QStringList{QStringLiteral("fr-CA")} << QStringLiteral("fr");
        QTest::newRow("upper case") << QStringList{QStringLiteral("JA")} << QStringLiteral("ja");
        QTest::newRow("english") << QStringList{QStringLiteral("en_GB"), QStringLiteral("de")} << QStringLiteral("en");
        QTest::newRow("unknown, then settings")
            << QStringList{QStringLiteral("xx"), QStringLiteral("fr")} << QStringLiteral("fr");
        QTest::newRow("empty --lang, then settings")
            << QStringList{QString(), QStringLiteral("de")} << QStringLiteral("de");
    }

    void choose()
    {
        QFETCH(QStringList, preferred);
        QFETCH(QString, expected);
        QCOMPARE(Translations::choose(preferred), expected);
    }

    void unknownLanguage()
    {
        QVERIFY(Translations::match(QStringLiteral("xx")).isEmpty());
        QVERIFY(Translations::match(QStringLiteral("klingon")).isEmpty());
    }

    void translated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("fetch");  // the Fetch button, as a sign the catalogue is in use
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Fet&ch");
        for (const QString &language : Translations::available())
            QTest::newRow(qPrintable(language)) << language << QString();
    }

    // Each window as a person sees it, in each language.
    void translated()
    {
        QFETCH(QString, language);
        QFETCH(QString, fetch);
        Translations::install(language);
        m_problems.clear();

        MainWindow window;
        window.setObjectName(QStringLiteral("main window"));
        window.resize(1100, 760);  // the window's first size on a 1280×800 screen
        auto document = codepipeline::JobDocument::fromJsonText(
            test::cliOutput(), codepipeline::JobDocument::Origin::Opened, QStringLiteral("job.json"));
        QVERIFY(document);
        window.openDocument(document.value());
        walk(language, &window);
        const QString fetchText = window.findChild<QAbstractButton *>(QStringLiteral("fetchButton"))->text();
        if (fetch.isEmpty())
            QVERIFY2(fetchText != QLatin1String("Fet&ch"), qPrintable(language + QStringLiteral(" is not in use")));
        else
            QCOMPARE(fetchText, fetch);

        SettingsDialog settings(AppSettings{});
        walk(language, &settings);

        ProfileEditDialog add(ProfileEditDialog::Mode::Add, {}, {QStringLiteral("default")});
        add.setObjectName(QStringLiteral("profile editor"));
        walk(language, &add);
        profiles::Profile ssoProfile;
        ssoProfile.source = profiles::Profile::CredentialSource::Sso;
        ProfileEditDialog sso(ProfileEditDialog::Mode::Add, ssoProfile, {});
        sso.setObjectName(QStringLiteral("SSO profile editor"));
        walk(language, &sso);
        ProfileEditDialog import(ProfileEditDialog::Mode::Import, {}, {QStringLiteral("default")});
        import.setObjectName(QStringLiteral("profile import"));
        walk(language, &import);

        MfaDialog mfa(QStringLiteral("support"), QStringLiteral("arn:aws:iam::123456789012:role/Support"),
                      QStringLiteral("arn:aws:iam::123456789012:mfa/person"));
        mfa.setObjectName(QStringLiteral("MFA dialog"));
        walk(language, &mfa);

        // The archive browser on a file that is not an archive: its message, and every button.
        ArchiveBrowserDialog archive(QCoreApplication::applicationFilePath(), QStringLiteral("SourceArtifact"),
                                     nullptr);
        archive.setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy listed(&archive, &ArchiveBrowserDialog::listed);
        QVERIFY(listed.wait(60000));
        walk(language, &archive);

        // The sign-in dialog in both of its forms; nothing is sent, and no browser opens.
        QTemporaryDir cache;
        QNetworkAccessManager network;
        sso::SsoTokenStore store{sso::SsoTokenCache(cache.path())};
        sso::SsoSessions sessions(&network, &store, QProcessEnvironment());
        DialogHooks hooks;
        hooks.openUrl = [](const QUrl &) { return true; };
        sso::SsoProfileConfig profile{QStringLiteral("support"),
                                      {QStringLiteral("https://d-1234567890.awsapps.com/start"),
                                       QStringLiteral("us-east-1"),
                                       QStringLiteral("support-desk"),
                                       {}},
                                      QStringLiteral("123456789012"),
                                      QStringLiteral("ReadOnly")};
        SsoSignInDialog browser(&sessions, profile, &hooks);
        browser.setObjectName(QStringLiteral("sign-in dialog, browser"));
        browser.showBrowserUrl(QUrl(QStringLiteral("https://oidc.us-east-1.amazonaws.com/authorize?client_id=x")));
        walk(language, &browser);
        SsoSignInDialog code(&sessions, profile, &hooks);
        code.setObjectName(QStringLiteral("sign-in dialog, code"));
        code.showDeviceCode(QStringLiteral("WDJB-MJHT"),
                            QUrl(QStringLiteral("https://device.sso.us-east-1.amazonaws.com/")),
                            QUrl(QStringLiteral("https://device.sso.us-east-1.amazonaws.com/?user_code=WDJB-MJHT")));
        walk(language, &code);

        QVERIFY2(m_problems.isEmpty(), qPrintable(m_problems.join(QLatin1Char('\n'))));
    }

    // The main window's title is the application's name alone (demo mode: tst_mainwindow).
    void mainTitle()
    {
        Translations::install(QStringLiteral("en"));
        MainWindow window;
        QCOMPARE(shownTitle(&window), QStringLiteral("JobDesk"));
    }
};

QTEST_MAIN(TestWindowLanguages)
#include "tst_windowlanguages.moc"
