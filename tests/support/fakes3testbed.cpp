#include "support/fakes3testbed.h"

#include "support/s3testbed.h"

#include "support/testenv.h"

#include <QStandardPaths>
#include <QTest>

namespace jobdesk::test {

void FakeS3TestBed::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void FakeS3TestBed::init()
{
    m_clock = std::make_unique<FixedClock>(QDateTime::currentDateTimeUtc());
    m_fake = std::make_unique<fake::FakeCodePipeline>();
    m_fake->setClock(*m_clock);
    const auto loaded = m_fake->loadFixtures(dataDir() + QStringLiteral("/fake/s3.json"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QVERIFY(m_fake->listen());
    m_network = new QNetworkAccessManager(this);
    m_client = new s3::S3Client(m_network, this);
}

void FakeS3TestBed::cleanup()
{
    delete m_client;
    delete m_network;
    m_fake.reset();
}

aws::ClientConfig FakeS3TestBed::config(const QString &region) const
{
    aws::ClientConfig c;
    c.service = QStringLiteral("s3");
    c.endpoint.url = m_fake->url();
    c.endpoint.signingRegion = region;
    c.endpoint.custom = true;
    c.credentials.accessKeyId = FakeS3JobKey;
    c.credentials.secretAccessKey = Secret(FakeS3JobSecret);
    c.credentials.sessionToken = Secret(FakeS3JobToken);
    c.clock = m_clock.get();
    c.jitter = [] { return 0.0; };
    c.readTimeoutMs = 10000;
    return c;
}

Result<s3::S3Transfer> FakeS3TestBed::await(s3::S3Call *call, int limitMs)
{
    return S3TestBed::await(call, {}, limitMs);
}

RawResponse FakeS3TestBed::call(const S3RequestSpec &spec)
{
    RawHttpClient client;
    if (!client.connectTo(m_fake->port()))
        return {};
    client.send(s3Request(m_fake->port(), spec));
    if (spec.method == "HEAD") {
        if (!QTest::qWaitFor([&] { return client.received().contains("\r\n\r\n"); }, 20000))
            return {};
        // The head alone: no body follows, whatever Content-Length says.
        const QByteArray head = client.received().left(client.received().indexOf("\r\n\r\n"));
        const QList<QByteArray> lines = head.split('\n');
        RawResponse r;
        r.status = lines.first().split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        return r;
    }
    return client.next().value_or(RawResponse{});
}

}  // namespace jobdesk::test
