// Light, dark and the system's palette: chosen in Settings, applied to the running
// window at once, kept across starts, and the tints of our own (banners, field
// messages) following the change.

#include "gui/appsettings.h"
#include "gui/errorbanner.h"
#include "gui/fielderrors.h"
#include "gui/mainwindow.h"
#include "gui/settingsdialog.h"
#include "gui/theme.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QtTest>

using namespace jobdesk;
using namespace jobdesk::gui;

class TestTheme : public QObject
{
    Q_OBJECT

private:
    QPalette m_system;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("JobDesk"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_theme"));
        QSettings().clear();
        Theme::rememberSystemLook();
        m_system = QApplication::palette();
    }

    void cleanup() { Theme::apply(Theme::Choice::System); }

    void darkAndLight()
    {
        Theme::apply(Theme::Choice::Dark);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
        // Text must stand out from its background in both.
        const auto contrast = [](QPalette::ColorRole fg, QPalette::ColorRole bg) {
            return qAbs(QApplication::palette().color(fg).lightness() - QApplication::palette().color(bg).lightness());
        };
        QVERIFY(contrast(QPalette::WindowText, QPalette::Window) > 150);
        QVERIFY(contrast(QPalette::Text, QPalette::Base) > 150);
        Theme::apply(Theme::Choice::Light);
        QVERIFY(!Theme::isDark(QApplication::palette()));
        QVERIFY(contrast(QPalette::WindowText, QPalette::Window) > 150);
        QVERIFY(contrast(QPalette::Text, QPalette::Base) > 150);
        Theme::apply(Theme::Choice::System);
        QCOMPARE(QApplication::palette(), m_system);
    }

    // The error banner and a field's message are re-tinted for the new palette while shown.
    void tintsFollow()
    {
        QWidget window;
        ErrorBanner banner(ErrorBanner::Style::Error, &window);
        QLabel *message = FieldErrors::newLabel(&window);
        banner.showText(QStringLiteral("Title"), QStringLiteral("Text"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        Theme::apply(Theme::Choice::Dark);
        QTest::qWait(0);  // the palette reaches child widgets through posted events
        QVERIFY(Theme::isDark(banner.palette()));
        QCOMPARE(message->palette().color(QPalette::WindowText), Theme::errorText(QApplication::palette()));
        QVERIFY(message->palette().color(QPalette::WindowText).lightness() > 128);

        Theme::apply(Theme::Choice::Light);
        QTest::qWait(0);
        QVERIFY(!Theme::isDark(banner.palette()));
        QCOMPARE(message->palette().color(QPalette::WindowText), Theme::errorText(QApplication::palette()));
        QVERIFY(message->palette().color(QPalette::WindowText).lightness() < 128);
    }

    void keptAcrossStarts()
    {
        AppSettings chosen;
        chosen.theme = Theme::Choice::Dark;
        chosen.language = QStringLiteral("ja");
        chosen.save();
        const AppSettings loaded = AppSettings::load();
        QCOMPARE(loaded.theme, Theme::Choice::Dark);
        QCOMPARE(loaded.language, QStringLiteral("ja"));

        // A language JobDesk does not speak, or a theme it does not know, falls back to the system's.
        QSettings settings;
        settings.setValue(QStringLiteral("Appearance/language"), QStringLiteral("tlh"));
        settings.setValue(QStringLiteral("Appearance/theme"), QStringLiteral("purple"));
        settings.sync();
        QVERIFY(AppSettings::load().language.isEmpty());
        QCOMPARE(AppSettings::load().theme, Theme::Choice::System);
        settings.clear();
    }

    // Settings → Theme → Dark, OK: the running window turns dark; the language waits for a restart.
    void chosenInSettings()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.dialogHooks().settings = [](SettingsDialog *dialog) {
            dialog->themeCombo()->setCurrentIndex(dialog->themeCombo()->findData(QStringLiteral("dark")));
            const int german = dialog->languageCombo()->findData(QStringLiteral("de"));
            if (german < 0)
                return false;
            dialog->languageCombo()->setCurrentIndex(german);
            // Choosing another language says when it applies.
            return dialog->findChild<QLabel *>(QStringLiteral("languageNote"))->isVisibleTo(dialog);
        };
        window.showSettings();
        QVERIFY(Theme::isDark(QApplication::palette()));
        QCOMPARE(window.settings().theme, Theme::Choice::Dark);
        QCOMPARE(AppSettings::load().theme, Theme::Choice::Dark);
        QCOMPARE(AppSettings::load().language, QStringLiteral("de"));
        QSettings().clear();
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
