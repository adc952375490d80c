// ActivityEntry: made from what was sent with every secret replaced, written and read
// back as JSON with strict types, and shown as one line for people.

#include "core/codepipeline/servicemodel.h"
#include "core/output/activityentry.h"
#include "core/secret.h"

#include <QStandardPaths>
#include <QTest>

using jobdesk::Secret;
using jobdesk::codepipeline::Json;
using jobdesk::codepipeline::ServiceModel;
using jobdesk::output::ActivityEntry;

namespace {

const char *const kToken = "partner-client-token-ACTIVITY-0001";
const char *const kJob = "11111111-2222-4333-8444-555555555555";

const jobdesk::codepipeline::Operation &op(const char *name)
{
    return *ServiceModel::codePipeline().operation(name);
}

QDateTime when()
{
    return QDateTime(QDate(2026, 12, 3), QTime(8, 45, 22, 123), Qt::UTC);
}

Json failureParams()
{
    return Json{{"jobId", kJob},
                {"clientToken", kToken},
                {"failureDetails", {{"type", "JobFailed"}, {"message", "tests failed"}}}};
}

ActivityEntry finished()
{
    ActivityEntry entry = ActivityEntry::make(op("PutThirdPartyJobFailureResult"), failureParams(), when());
    entry.profile = QStringLiteral("support");
    entry.region = QStringLiteral("eu-west-1");
    entry.ok = false;
    entry.outcome = QStringLiteral("InvalidJobStateException");
    entry.message = QStringLiteral("The job is already Succeeded.");
    entry.requestId = QStringLiteral("req-123");
    entry.durationMs = 245;
    return entry;
}

}  // namespace

class TestActivityEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void makeRedactsTheToken_data();
    void makeRedactsTheToken();
    void toJsonShape();
    void roundTrip();
    void fromJsonRefuses_data();
    void fromJsonRefuses();
    void handMadeSecretsStayOut();
    void actionNames_data();
    void actionNames();
    void parametersText_data();
    void parametersText();
    void summaryLine();
};

void TestActivityEntry::makeRedactsTheToken_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("jobId");
    const QByteArray token = kToken;
    QTest::newRow("acknowledge") << QStringLiteral("AcknowledgeThirdPartyJob")
                                 << QByteArray(R"({"jobId":"j-1","nonce":"3","clientToken":")" + token + "\"}")
                                 << QStringLiteral("j-1");
    QTest::newRow("success") << QStringLiteral("PutThirdPartyJobSuccessResult")
                             << QByteArray(R"({"jobId":"j-2","clientToken":")" + token
                                           + R"(","executionDetails":{"summary":"ok"}})")
                             << QStringLiteral("j-2");
    QTest::newRow("failure") << QStringLiteral("PutThirdPartyJobFailureResult")
                             << QByteArray::fromStdString(failureParams().dump()) << QString::fromLatin1(kJob);
    QTest::newRow("poll") << QStringLiteral("PollForThirdPartyJobs")
                          << QByteArray(R"({"actionTypeId":{"category":"Build","owner":"ThirdParty",)"
                                        R"("provider":"Acme","version":"1"},"maxBatchSize":2})")
                          << QString();
}

void TestActivityEntry::makeRedactsTheToken()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, params);
    QFETCH(QString, jobId);
    const Json sent = Json::parse(params.toStdString());
    const ActivityEntry entry = ActivityEntry::make(op(operation.toLatin1().constData()), sent, when());
    QCOMPARE(entry.operation, operation);
    QCOMPARE(entry.jobId, jobId);
    QCOMPARE(entry.timeUtc, when());
    const std::string kept = entry.parameters.dump();
    QVERIFY2(kept.find(kToken) == std::string::npos, kept.c_str());
    // Everything else stays as sent, in the order sent.
    Json expected = sent;
    if (expected.contains("clientToken"))
        expected["clientToken"] = Secret::placeholder().toStdString();
    QCOMPARE(QString::fromStdString(kept), QString::fromStdString(expected.dump()));
}

void TestActivityEntry::toJsonShape()
{
    const Json json = finished().toJson();
    QStringList keys;
    for (auto it = json.begin(); it != json.end(); ++it)
        keys << QString::fromStdString(it.key());
    QCOMPARE(keys.join(QLatin1Char(',')),
             QStringLiteral("time,operation,jobId,profile,region,parameters,ok,outcome,message,requestId,durationMs"));
    QCOMPARE(QString::fromStdString(json["time"].get<std::string>()), QStringLiteral("2026-12-03T08:45:22.123Z"));
    QCOMPARE(json["ok"].get<bool>(), false);
    QCOMPARE(json["durationMs"].get<long long>(), 245LL);
    QCOMPARE(QString::fromStdString(json["parameters"]["failureDetails"]["type"].get<std::string>()),
             QStringLiteral("JobFailed"));
}

void TestActivityEntry::roundTrip()
{
    const ActivityEntry entry = finished();
    const auto back = ActivityEntry::fromJson(Json::parse(entry.toJson().dump()));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QVERIFY(back.value() == entry);
    QCOMPARE(back.value().timeUtc.timeSpec(), Qt::UTC);

    ActivityEntry poll = ActivityEntry::make(op("PollForThirdPartyJobs"),
                                             Json{{"actionTypeId", {{"category", "Build"}}}}, when().addDays(1));
    poll.ok = true;
    poll.outcome = QStringLiteral("2 jobs");
    const auto pollBack = ActivityEntry::fromJson(poll.toJson());
    QVERIFY(pollBack.ok());
    QVERIFY(pollBack.value() == poll);
}

void TestActivityEntry::fromJsonRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("member");
    const auto with = [](const char *member, const Json &value) {
        Json json = finished().toJson();
        json[member] = value;
        return QByteArray::fromStdString(json.dump());
    };
    const auto without = [](const char *member) {
        Json json = finished().toJson();
        json.erase(member);
        return QByteArray::fromStdString(json.dump());
    };
    QTest::newRow("not an object") << QByteArray("[1,2]") << QString();
    QTest::newRow("no time") << without("time") << QStringLiteral("time");
    QTest::newRow("time not a string") << with("time", 12) << QStringLiteral("time");
    QTest::newRow("time not a time") << with("time", "yesterday") << QStringLiteral("time");
    QTest::newRow("time without its zone") << with("time", "2026-12-03T08:45:22.123") << QStringLiteral("time");
    QTest::newRow("no operation") << without("operation") << QStringLiteral("operation");
    QTest::newRow("empty operation") << with("operation", "") << QStringLiteral("operation");
    QTest::newRow("operation a number") << with("operation", 3) << QStringLiteral("operation");
    QTest::newRow("jobId a number") << with("jobId", 7) << QStringLiteral("jobId");
    QTest::newRow("profile null") << with("profile", nullptr) << QStringLiteral("profile");
    QTest::newRow("parameters a list") << with("parameters", Json::array()) << QStringLiteral("parameters");
    QTest::newRow("no ok") << without("ok") << QStringLiteral("ok");
    QTest::newRow("ok a string") << with("ok", "true") << QStringLiteral("ok");
    QTest::newRow("outcome a list") << with("outcome", Json::array()) << QStringLiteral("outcome");
    QTest::newRow("durationMs negative") << with("durationMs", -1) << QStringLiteral("durationMs");
    QTest::newRow("durationMs a fraction") << with("durationMs", 1.5) << QStringLiteral("durationMs");
    QTest::newRow("durationMs a string") << with("durationMs", "12") << QStringLiteral("durationMs");
}

void TestActivityEntry::fromJsonRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, member);
    const auto read = ActivityEntry::fromJson(Json::parse(json.toStdString()));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, QStringLiteral("BadActivityEntry"));
    QVERIFY(!read.error().hint.isEmpty());
    if (!member.isEmpty())
        QVERIFY2(read.error().message.contains(QLatin1Char('"') + member + QLatin1Char('"')),
                 qPrintable(read.error().message));
}

void TestActivityEntry::handMadeSecretsStayOut()
{
    // An entry read from elsewhere, or filled in by hand, is redacted on the way out too.
    ActivityEntry entry;
    entry.timeUtc = when();
    entry.operation = QStringLiteral("AcknowledgeThirdPartyJob");
    entry.parameters = Json{{"jobId", "j"}, {"nonce", "1"}, {"clientToken", kToken}};
    QVERIFY(entry.toJson().dump().find(kToken) == std::string::npos);
    QVERIFY(!entry.parametersText().contains(QLatin1String(kToken)));
    QVERIFY(!entry.summaryLine().contains(QLatin1String(kToken)));
    // An operation the model does not know: the secret names still decide.
    entry.operation = QStringLiteral("SomethingNew");
    entry.parameters = Json{{"secretAccessKey", kToken}};
    QVERIFY(entry.toJson().dump().find(kToken) == std::string::npos);
}

void TestActivityEntry::actionNames_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("name");
    QTest::newRow("poll") << QStringLiteral("PollForThirdPartyJobs") << QStringLiteral("Poll for jobs");
    QTest::newRow("ack") << QStringLiteral("AcknowledgeThirdPartyJob") << QStringLiteral("Acknowledge");
    QTest::newRow("success") << QStringLiteral("PutThirdPartyJobSuccessResult") << QStringLiteral("Report success");
    QTest::newRow("failure") << QStringLiteral("PutThirdPartyJobFailureResult") << QStringLiteral("Report failure");
    QTest::newRow("unknown") << QStringLiteral("SomethingNew") << QStringLiteral("SomethingNew");
}

void TestActivityEntry::actionNames()
{
    QFETCH(QString, operation);
    QFETCH(QString, name);
    ActivityEntry entry;
    entry.operation = operation;
    QCOMPARE(entry.actionName(), name);
}

void TestActivityEntry::parametersText_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("text");
    QTest::newRow("acknowledge") << QStringLiteral("AcknowledgeThirdPartyJob")
                                 << QByteArray(R"({"jobId":"j","nonce":"3","clientToken":"t0k3n-x"})")
                                 << QStringLiteral("nonce=3");
    QTest::newRow("failure") << QStringLiteral("PutThirdPartyJobFailureResult")
                             << QByteArray::fromStdString(failureParams().dump())
                             << QStringLiteral("failureDetails={type: JobFailed, message: tests failed}");
    QTest::newRow("poll") << QStringLiteral("PollForThirdPartyJobs")
                          << QByteArray(R"({"actionTypeId":{"category":"Build","owner":"ThirdParty",)"
                                        R"("provider":"Acme","version":"1"},"maxBatchSize":5})")
                          << QStringLiteral("actionTypeId={category: Build, owner: ThirdParty, provider: Acme, "
                                            "version: 1}, maxBatchSize=5");
    QTest::newRow("final success") << QStringLiteral("PutThirdPartyJobSuccessResult")
                                   << QByteArray(R"({"jobId":"j","clientToken":"t0k3n-x"})") << QString();
    const QString longMessage = QString(200, QLatin1Char('x'));
    QTest::newRow("long and multi-line")
        << QStringLiteral("PutThirdPartyJobFailureResult")
        << QByteArray(R"({"jobId":"j","clientToken":"t","failureDetails":{"type":"JobFailed","message":"a\nb)"
                      + longMessage.toLatin1() + "\"}}")
        << QStringLiteral("failureDetails={type: JobFailed, message: a b") + QString(76, QLatin1Char('x'))
            + QChar(0x2026) + QLatin1Char('}');
}

void TestActivityEntry::parametersText()
{
    QFETCH(QString, operation);
    QFETCH(QByteArray, params);
    QFETCH(QString, text);
    const ActivityEntry entry =
        ActivityEntry::make(op(operation.toLatin1().constData()), Json::parse(params.toStdString()), when());
    QCOMPARE(entry.parametersText(), text);
    QVERIFY(!entry.parametersText().contains(QLatin1Char('\n')));
}

void TestActivityEntry::summaryLine()
{
    const QString line = finished().summaryLine();
    for (const QString &part :
         {QStringLiteral("2026-12-03 08:45:22.123 UTC"), QStringLiteral("Report failure"), QString::fromLatin1(kJob),
          QStringLiteral("failureDetails={type: JobFailed"), QStringLiteral("InvalidJobStateException"),
          QStringLiteral("The job is already Succeeded."), QStringLiteral("req-123"), QStringLiteral("245 ms")})
        QVERIFY2(line.contains(part), qPrintable(line + QStringLiteral(" lacks ") + part));
    QVERIFY(!line.contains(QLatin1String(kToken)));
    QVERIFY(!line.contains(QLatin1Char('\n')));

    ActivityEntry ack = ActivityEntry::make(op("AcknowledgeThirdPartyJob"),
                                            Json{{"jobId", "j-9"}, {"nonce", "4"}, {"clientToken", kToken}}, when());
    ack.ok = true;
    ack.outcome = QStringLiteral("InProgress");
    QCOMPARE(ack.summaryLine(),
             QStringLiteral("2026-12-03 08:45:22.123 UTC | Acknowledge | job j-9 | nonce=4 | done: InProgress | 0 ms"));
}

QTEST_GUILESS_MAIN(TestActivityEntry)
#include "tst_activityentry.moc"
