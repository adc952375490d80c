#include "support/windowtestbed.h"

#include "support/guitestdata.h"

#include "gui/errorbanner.h"
#include "gui/lookupform.h"
#include "gui/mainwindow.h"
#include "gui/profilesource.h"

#include <QTabWidget>

namespace jobdesk::test {

gui::AppSettings windowTestSettings()
{
    gui::AppSettings s;
    s.connectTimeoutSeconds = 10;
    s.readTimeoutSeconds = 10;
    s.maxAttempts = 1;
    s.proxyMode = gui::AppSettings::ProxyMode::None;
    return s;
}

void addStaticProfile(gui::MainWindow *window, const QString &name, const QUrl &endpoint, const QString &accessKeyId,
                      const QString &secretKey)
{
    gui::ProfileEntry entry;
    entry.name = name;
    entry.region = QStringLiteral("us-east-1");
    entry.endpointOverride = endpoint.toString();
    aws::Credentials keys;
    keys.accessKeyId = accessKeyId;
    keys.secretAccessKey = Secret(secretKey);
    window->addProfileSource(new gui::StaticProfileSource(entry, keys, window));
}

void addTestProfile(gui::MainWindow *window, const QUrl &endpoint)
{
    addStaticProfile(window, QStringLiteral("Test"), endpoint, kAccessKeyId, kSecretKey);
}

void resetWindow(gui::MainWindow *window, const gui::AppSettings &settings)
{
    window->applySettings(settings);
    window->dialogHooks() = {};
    while (window->documentTabs()->count() > 0)
        window->closeDocument(0);
    window->errorBanner()->dismiss();
    gui::LookupForm *form = window->lookupForm();
    form->clearFieldErrors();
    form->selectProfile(QStringLiteral("Test"));
    form->setRegion(QStringLiteral("us-east-1"));
}

}  // namespace jobdesk::test
