#pragma once

// What the window tests share: the settings each case starts from, the "Test"
// profile (the test keys, us-east-1, a chosen endpoint) and the reset between
// cases, so every window test starts from the same clean window.

#include "gui/appsettings.h"

#include <QString>
#include <QUrl>

namespace jobdesk::gui {
class MainWindow;
}

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

}  // namespace jobdesk::test
