// jobdesk: the JobDesk window. `jobdesk --demo` serves sample jobs from an
// in-process fake endpoint so the whole path can be tried without AWS.

#include "app/demosession.h"
#include "core/platform/processhardening.h"
#include "gui/appsettings.h"
#include "gui/mainwindow.h"
#include "gui/theme.h"
#include "gui/translations.h"

#include "core/aws/awsclient.h"
#include "core/aws/stsclient.h"
#include "core/profiles/clienttokenvault.h"
#include "core/profiles/credentialresolver.h"
#include "core/profiles/profilestore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QTimer>

#include <cstdio>

namespace {

// For the start-up benchmark: reports the first paint of the window on stdout, then quits.
class FirstPaintReporter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, qApp, [] {
                std::printf("first-window-shown\n");
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

}  // namespace

int main(int argc, char *argv[])
{
    // Release builds: no core dumps, and no ptrace by other users, while secrets are in memory.
    (void)jobdesk::platform::ProcessHardening::applyForRelease();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("JobDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("JobDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JOBDESK_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("JobDesk"));
    // The application ID (the .desktop file's name): Wayland's app_id, so the shell finds our icon and entry.
    QGuiApplication::setDesktopFileName(QStringLiteral(JOBDESK_APP_ID));

    // The language first, so that --help is already in it: --lang, then Settings, then the system.
    const QCommandLineOption lang(QStringLiteral("lang"), QString(), QStringLiteral("code"));
    QCommandLineParser languageOnly;
    languageOnly.addOption(lang);
    languageOnly.parse(app.arguments());  // the full parser below reports anything else
    const QString language =
        jobdesk::gui::Translations::choose({languageOnly.value(lang), jobdesk::gui::AppSettings::load().language});
    jobdesk::gui::Translations::install(language);
    if (const QString requested = languageOnly.value(lang);
        !requested.isEmpty() && jobdesk::gui::Translations::match(requested).isEmpty())
        std::fprintf(
            stderr, "%s\n",
            qPrintable(QCoreApplication::translate("main", "JobDesk has no translation for “%1”; it speaks %2.")
                           .arg(requested, jobdesk::gui::Translations::languages().join(QStringLiteral(", ")))));
    jobdesk::gui::Theme::rememberSystemLook();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Inspect AWS CodePipeline third-party jobs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main",
                                                              "Serve sample jobs from a built-in fake "
                                                              "endpoint and pre-fill one."));
    const QCommandLineOption demoFixtures(QStringLiteral("demo-fixtures"),
                                          QCoreApplication::translate("main", "Use these fixtures for the demo."),
                                          QStringLiteral("file"));
    QCommandLineOption benchStartup(QStringLiteral("bench-startup"));
    benchStartup.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption langWithHelp(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "Show the window in this language (%1), whatever the system's is.")
            .arg(jobdesk::gui::Translations::languages().join(QStringLiteral(", "))),
        QCoreApplication::translate("main", "code"));
    parser.addOptions({demo, demoFixtures, langWithHelp, benchStartup});
    parser.process(app);

    // Declared before the window, so they outlive it.
    jobdesk::profiles::ProfileStore profileStore;
    jobdesk::profiles::ClientTokenVault tokenVault;
    jobdesk::profiles::CredentialResolver resolver(&profileStore, QProcessEnvironment::systemEnvironment());
    QNetworkAccessManager stsNetwork;
    jobdesk::aws::AwsClient stsAwsClient(&stsNetwork);
    jobdesk::aws::StsClient sts(&stsAwsClient);
    // AssumeRole calls use the timeouts, retries, proxy and TLS settings as they are at start-up.
    const jobdesk::gui::AppSettings startSettings = jobdesk::gui::AppSettings::load();
    startSettings.applyTo(&stsNetwork);
    const jobdesk::Result<jobdesk::aws::ClientConfig> stsBase = startSettings.clientConfig();
    // A broken CA bundle setting: the window reports it on the first fetch.
    resolver.setStsClient(&sts, stsBase ? stsBase.value() : jobdesk::aws::ClientConfig());

    jobdesk::gui::MainWindow window;
    window.useProfileStore(&profileStore, &resolver, &tokenVault);
    jobdesk::app::DemoSession demoSession;
    if (parser.isSet(demo) || parser.isSet(demoFixtures)) {
        const QString fixtures =
            parser.isSet(demoFixtures) ? parser.value(demoFixtures) : jobdesk::app::DemoSession::defaultFixtures();
        const jobdesk::Status started = demoSession.start(fixtures);
        if (!started) {
            QMessageBox::critical(
                nullptr, QCoreApplication::translate("main", "JobDesk"),
                QCoreApplication::translate("main", "The demo could not start: %1").arg(started.error().message));
            return 1;
        }
        window.useDemo(demoSession.setup());
    }

    FirstPaintReporter reporter;
    if (parser.isSet(benchStartup))
        window.installEventFilter(&reporter);
    window.show();
    return app.exec();
}
