#pragma once

// The demo mode: a FakeCodePipeline in this process with sample jobs, and a
// "Demo" profile holding the fake's keys. Requests still go through the real
// signer and the network stack, just to 127.0.0.1.

#include "gui/demosetup.h"

#include "core/aws/credentials.h"
#include "core/result.h"
#include "core/secret.h"

#include <QObject>
#include <QUrl>

namespace jobdesk::fake {
class FakeCodePipeline;
}

namespace jobdesk::gui {
class StaticProfileSource;
}

namespace jobdesk::app {

class DemoSession : public QObject
{
    Q_OBJECT

public:
    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    static QString defaultFixtures();  // the sample jobs built into JobDesk
    static QString profileName();

    // Loads the fixtures and starts listening on a free local port.
    Status start(const QString &fixturesPath = defaultFixtures());

    QUrl url() const;
    QString region() const { return m_region; }
    QString firstJobId() const { return m_firstJobId; }
    const Secret &firstClientToken() const { return m_firstClientToken; }
    const aws::Credentials &credentials() const { return m_credentials; }
    fake::FakeCodePipeline *server() const { return m_server; }
    gui::StaticProfileSource *profileSource() const { return m_profiles; }
    // What the window is given; its profile source is null until start() succeeded.
    gui::DemoSetup setup() const;

private:
    fake::FakeCodePipeline *m_server;
    gui::StaticProfileSource *m_profiles = nullptr;
    aws::Credentials m_credentials;
    QString m_region = QStringLiteral("us-east-1");
    QString m_firstJobId;
    Secret m_firstClientToken;
};

}  // namespace jobdesk::app
