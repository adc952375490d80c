// Fixtures of the fake endpoint: files that are refused, and jobs added in code.

#include "fake/fakecodepipeline.h"
#include "support/fakeclient.h"
#include "support/rawhttpclient.h"
#include "support/testenv.h"

#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <nlohmann/json.hpp>

using namespace jobdesk;
using namespace jobdesk::fake;
using namespace jobdesk::test;

class TestFakeFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fixtures_invalid_data();
    void fixtures_invalid();
    void addJob_generatedLargeJob();
    void addJob_minimalDetails();

private:
    RawResponse call(const SignedRequestSpec &spec);

    std::unique_ptr<FakeCodePipeline> m_fake;
};

void TestFakeFixtures::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFakeFixtures::init()
{
    m_fake = std::make_unique<FakeCodePipeline>();
    const auto loaded = m_fake->loadFixtures(fakeFixturePath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().summary()));
    QCOMPARE(loaded.value(), 4);
    QVERIFY(m_fake->listen());
}

void TestFakeFixtures::cleanup()
{
    m_fake.reset();
}

RawResponse TestFakeFixtures::call(const SignedRequestSpec &spec)
{
    return callFake(m_fake->port(), spec);
}

void TestFakeFixtures::fixtures_invalid_data()
{
    QTest::addColumn<QByteArray>("fixtures");
    QTest::addColumn<QString>("field");
    QTest::newRow("not json") << QByteArray("{") << "";
    QTest::newRow("unknown key") << QByteArray(R"({"jobz": []})") << "jobz";
    QTest::newRow("no token") << QByteArray(
        R"({"jobs": [{"jobId": "j", "nonce": "1", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                              << "jobs[0].clientToken";
    QTest::newRow("bad state") << QByteArray(
        R"({"jobs": [{"jobId": "j", "clientToken": "t", "nonce": "1", "state": "Sleeping", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                               << "jobs[0].state";
    QTest::newRow("bad script") << QByteArray(
        R"({"jobs": [{"jobId": "j", "clientToken": "t", "nonce": "1", "script": {"throtle": 1}, "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                                << "jobs[0].script.throtle";
    QTest::newRow("duplicate") << QByteArray(
        R"({"jobs": [{"jobId": ")" + FakeJobOne.toLatin1()
        + R"(", "clientToken": "t", "nonce": "1", "actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}]})")
                               << "jobs[0].jobId";
    QTest::newRow("id mismatch") << QByteArray(
        R"({"jobs": [{"jobId": "a", "clientToken": "t", "details": {"id": "b", "nonce": "1", "data": {"actionTypeId": {"category":"Build","owner":"ThirdParty","provider":"P","version":"1"}}}}]})")
                                 << "jobs[0].details.id";
}

void TestFakeFixtures::fixtures_invalid()
{
    QFETCH(QByteArray, fixtures);
    QFETCH(QString, field);
    const QStringList before = m_fake->jobIds();
    const auto loaded = m_fake->loadFixturesJson(fixtures);
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().field, field);
    QVERIFY(!loaded.error().message.isEmpty());
    QCOMPARE(m_fake->jobIds(), before);  // nothing half-loaded

    QVERIFY(!m_fake->loadFixtures(QStringLiteral("/nonexistent/jobs.json")).ok());
}

void TestFakeFixtures::addJob_generatedLargeJob()
{
    nlohmann::ordered_json details;
    details["id"] = "55555555-6666-4777-8888-999999999999";
    auto &data = details["data"];
    data["actionTypeId"] = {
        {"category", "Build"}, {"owner", "ThirdParty"}, {"provider", "Generated"}, {"version", "1"}};
    // Reverse order: the fake must not sort the configuration map.
    for (int i = 50; i >= 1; --i)
        data["actionConfiguration"]["configuration"]["Key" + std::to_string(i)] = "välüe " + std::to_string(i) + " ☃";
    data["inputArtifacts"] = nlohmann::ordered_json::array();
    for (int i = 0; i < 20; ++i)
        data["inputArtifacts"].push_back({{"name", "Artifact" + std::to_string(i)},
                                          {"revision", std::string(40, 'a' + char(i))},
                                          {"location",
                                           {{"type", "S3"},
                                            {"s3Location",
                                             {{"bucketName", "codepipeline-us-east-1-123456789012"},
                                              {"objectKey", "p/Artifact" + std::to_string(i) + "/abc"}}}}}});
    details["nonce"] = "99";
    const QByteArray detailsText = QByteArray::fromStdString(details.dump(2));

    FakeJob job;
    job.clientToken = QStringLiteral("generated-token");
    job.details = detailsText;
    const auto id = m_fake->addJob(job);
    QVERIFY(id.ok());
    QCOMPARE(id.value(), QStringLiteral("55555555-6666-4777-8888-999999999999"));
    QCOMPARE(m_fake->job(id.value())->nonce, QStringLiteral("99"));
    QCOMPARE(m_fake->job(id.value())->actionTypeId.provider, QStringLiteral("Generated"));
    QVERIFY(!QUuid::fromString(m_fake->job(id.value())->clientId).isNull());

    const RawResponse r = call({QStringLiteral("GetThirdPartyJobDetails"),
                                compactJson({{QStringLiteral("jobId"), id.value()},
                                             {QStringLiteral("clientToken"), QStringLiteral("generated-token")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "{\"jobDetails\":" + detailsText + "}");
}

void TestFakeFixtures::addJob_minimalDetails()
{
    const auto id =
        m_fake->addJobJson(R"({"jobId": "66666666-7777-4888-8999-000000000000", "clientToken": "t6", "nonce": "6",
        "actionTypeId": {"category": "Test", "owner": "ThirdParty", "provider": "Mini", "version": "2"},
        "script": {"closeAfterAnswer": true}})");
    QVERIFY(id.ok());
    QVERIFY(m_fake->job(id.value())->script.closeAfterAnswer);
    const RawResponse r = call(
        {QStringLiteral("GetThirdPartyJobDetails"),
         compactJson({{QStringLiteral("jobId"), id.value()}, {QStringLiteral("clientToken"), QStringLiteral("t6")}})});
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.body,
        QByteArray(
            R"({"jobDetails":{"id":"66666666-7777-4888-8999-000000000000","data":{"actionTypeId":{"category":"Test","owner":"ThirdParty","provider":"Mini","version":"2"}},"nonce":"6"}})"));
}

QTEST_GUILESS_MAIN(TestFakeFixtures)
#include "tst_fakefixtures.moc"
