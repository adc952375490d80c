#pragma once

// What the window tests share: the settings each case starts from, the "Test"
// profile (the test keys, us-east-1, a chosen endpoint), the reset between
// cases, and WindowTestCase, the base that builds the real window once.

#include "gui/appsettings.h"

#include <QObject>
#include <QString>
#include <QUrl>

class QAction;

namespace jobdesk::fake {
class FakeCodePipeline;
}
namespace jobdesk::gui {
class LookupForm;
class MainWindow;
}  // namespace jobdesk::gui

namespace jobdesk::test {

// 10 s timeouts, one attempt, no proxy (a proxy of the machine's must not stand
// between the window and the fake on 127.0.0.1).
gui::AppSettings windowTestSettings();

// Lists a profile in the window: `name` in us-east-1 at endpoint, with these keys.
void addStaticProfile(gui::MainWindow *window, const QString &name, const QUrl &endpoint, const QString &accessKeyId,
                      const QString &secretKey);
// The "Test" profile: the test keys the fakes know.
void addTestProfile(gui::MainWindow *window, const QUrl &endpoint);

// Between cases: these settings, no dialog hooks, no job tabs, no banner, no
// field marks, and the Test profile in us-east-1.
void resetWindow(gui::MainWindow *window, const gui::AppSettings &settings);

// The base of a window test: one real window for all its cases, shown and active,
// listing the Test profile, with settings of the test's own that start empty.
// With a fake, the fake serves the default job for the test keys and every case
// starts with the form pointed at it.
class WindowTestCase : public QObject
{
    Q_OBJECT

public:
    enum class Fake { Default, None };

protected:
    // appName keeps this test's settings apart from the other tests'.
    explicit WindowTestCase(const QString &appName, Fake fake = Fake::Default);

    // Before the window is built (the fake, if any, already listens): more jobs, files, saved settings.
    virtual void prepare() {}
    // The Test profile's endpoint: the fake's.
    virtual QUrl testEndpoint() const;
    // After the window is shown: more profiles, model testers.
    virtual void windowReady() {}

    gui::LookupForm *form() const;
    QAction *action(const QString &objectName) const;
    // Fills the form as a person would, presses Ctrl+Return and waits: true if the job came.
    bool fetchAsTyped(const QString &jobId, const QString &token, const QString &profile = QStringLiteral("Test"));
    // The reset that init() does, for a test with an init() of its own.
    void resetCase();

    fake::FakeCodePipeline *m_fake = nullptr;
    gui::MainWindow *m_window = nullptr;
    gui::AppSettings m_defaults;  // what each case starts from

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

private:
    QString m_appName;
    Fake m_fakeKind;
};

}  // namespace jobdesk::test
