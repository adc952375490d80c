#include "app/demosession.h"

#include "fake/fakecodepipeline.h"
#include "gui/profilesource.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace jobdesk::app {

namespace {

// Used when the fixtures name no credentials. Not real AWS keys.
const QString kDemoAccessKeyId = QStringLiteral("AKIAJOBDESKDEMO00001");
const QByteArray kDemoSecretKey = QByteArrayLiteral("jobdeskDemoSecretKeyNotReal/0000000000001");

QString text(const nlohmann::json &object, const char *key)
{
    auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

}  // namespace

DemoSession::DemoSession(QObject *parent) : QObject(parent), m_server(new fake::FakeCodePipeline(this)) {}

DemoSession::~DemoSession() = default;

QString DemoSession::defaultFixtures()
{
    return QStringLiteral(":/demo/jobs.json");
}

QString DemoSession::profileName()
{
    // A profile's name, like "default": recent lookups keep it, so it is not translated.
    return QStringLiteral("Demo");
}

Status DemoSession::start(const QString &fixturesPath)
{
    QFile file(fixturesPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Kind::Io, QStringLiteral("DemoFixturesMissing"),
                           tr("Cannot read the demo jobs %1: %2").arg(fixturesPath, file.errorString()));
    const QByteArray bytes = file.readAll();
    // Artifact files are named relative to the fixtures.
    auto loaded = m_server->loadFixturesJson(bytes, QFileInfo(fixturesPath).absolutePath());
    if (!loaded)
        return loaded.error();

    // The fixtures were just accepted by the fake, so they are a JSON object.
    const nlohmann::json fixtures = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    auto creds = fixtures.find("credentials");
    if (creds != fixtures.end() && creds->is_array() && !creds->empty() && creds->front().is_object()) {
        const auto &c = creds->front();
        m_credentials.accessKeyId = text(c, "accessKeyId");
        m_credentials.secretAccessKey = Secret(text(c, "secretAccessKey"));
        m_credentials.sessionToken = Secret(text(c, "sessionToken"));
    } else {
        m_credentials.accessKeyId = kDemoAccessKeyId;
        m_credentials.secretAccessKey = Secret(kDemoSecretKey);
        m_server->addCredentials(m_credentials.accessKeyId, m_credentials.secretAccessKey);
    }
    if (const QString region = text(fixtures, "region"); !region.isEmpty())
        m_region = region;

    const QStringList ids = m_server->jobIds();
    if (!ids.isEmpty()) {
        m_firstJobId = ids.first();
        if (auto job = m_server->job(m_firstJobId))
            m_firstClientToken = Secret(job->clientToken);
    }

    if (!m_server->listen())
        return Error::make(Error::Kind::Network, QStringLiteral("DemoListenFailed"),
                           tr("The demo endpoint could not start: %1").arg(m_server->errorString()));

    gui::ProfileEntry entry;
    entry.name = profileName();
    entry.description = tr("Sample jobs served by JobDesk itself at %1").arg(url().toString());
    entry.region = m_region;
    entry.endpointOverride = url().toString();
    m_profiles = new gui::StaticProfileSource(entry, m_credentials, this);
    return success();
}

QUrl DemoSession::url() const
{
    return m_server->url();
}

gui::DemoSetup DemoSession::setup() const
{
    gui::DemoSetup demo;
    demo.profiles = m_profiles;
    demo.endpoint = url();
    demo.s3Endpoint = url();  // the same port serves S3
    demo.region = m_region;
    demo.jobId = m_firstJobId;
    demo.clientToken = m_firstClientToken;
    return demo;
}

}  // namespace jobdesk::app
