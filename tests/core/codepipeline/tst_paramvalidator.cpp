// ParamValidator: every limit of the model is enforced before sending, and the
// message names the field.

#include "core/codepipeline/paramvalidator.h"

#include <QTest>

using namespace jobdesk;
using namespace jobdesk::codepipeline;
using Json = nlohmann::ordered_json;

Q_DECLARE_METATYPE(std::string)

class TestParamValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejects_data();
    void rejects();
    void accepts_data();
    void accepts();
    void neverEchoesTheClientToken();
};

void TestParamValidator::rejects_data()
{
    QTest::addColumn<std::string>("operation");
    QTest::addColumn<QString>("params");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("mentions");

    const std::string get = "GetThirdPartyJobDetails";
    const QString longId = QString(513, QLatin1Char('a'));
    const QString longToken = QString(257, QLatin1Char('t'));
    QTest::newRow("empty job id") << get << QStringLiteral(R"({"jobId":"","clientToken":"t"})")
                                  << QStringLiteral("jobId") << QStringLiteral("valid min length: 1");
    QTest::newRow("long job id") << get << QStringLiteral(R"({"jobId":"%1","clientToken":"t"})").arg(longId)
                                 << QStringLiteral("jobId") << QStringLiteral("valid max length: 512");
    QTest::newRow("empty token") << get << QStringLiteral(R"({"jobId":"j","clientToken":""})")
                                 << QStringLiteral("clientToken") << QStringLiteral("min length");
    QTest::newRow("long token") << get << QStringLiteral(R"({"jobId":"j","clientToken":"%1"})").arg(longToken)
                                << QStringLiteral("clientToken") << QStringLiteral("max length: 256");
    QTest::newRow("control char") << get << QStringLiteral(R"({"jobId":"a\u0007b","clientToken":"t"})")
                                  << QStringLiteral("jobId") << QStringLiteral("control character");
    QTest::newRow("newline in token") << get << QStringLiteral(R"({"jobId":"j","clientToken":"t\n"})")
                                      << QStringLiteral("clientToken") << QStringLiteral("control character");
    QTest::newRow("pasted space") << get << QStringLiteral(R"({"jobId":" j","clientToken":"t"})")
                                  << QStringLiteral("jobId") << QStringLiteral("space");
    QTest::newRow("missing token") << get << QStringLiteral(R"({"jobId":"j"})") << QStringLiteral("clientToken")
                                   << QStringLiteral("Missing required parameter");
    QTest::newRow("unknown") << get << QStringLiteral(R"({"jobId":"j","clientToken":"t","x":1})") << QStringLiteral("x")
                             << QStringLiteral("must be one of: jobId, clientToken");
    QTest::newRow("number for string") << get << QStringLiteral(R"({"jobId":5,"clientToken":"t"})")
                                       << QStringLiteral("jobId") << QStringLiteral("expected a string");
    QTest::newRow("bad enum")
        << std::string("PollForThirdPartyJobs")
        << QStringLiteral(R"({"actionTypeId":{"category":"Bake","owner":"ThirdParty","provider":"p","version":"1"}})")
        << QStringLiteral("actionTypeId.category") << QStringLiteral("valid values");
    QTest::newRow("bad pattern")
        << std::string("PollForThirdPartyJobs")
        << QStringLiteral(
               R"({"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"a b","version":"1"}})")
        << QStringLiteral("actionTypeId.provider") << QStringLiteral("pattern");
    QTest::newRow("batch zero")
        << std::string("PollForThirdPartyJobs")
        << QStringLiteral(
               R"({"actionTypeId":{"category":"Build","owner":"ThirdParty","provider":"p","version":"1"},"maxBatchSize":0})")
        << QStringLiteral("maxBatchSize") << QStringLiteral("valid min value: 1");
    QTest::newRow("percent") << std::string("PutThirdPartyJobSuccessResult")
                             << QStringLiteral(
                                    R"({"jobId":"j","clientToken":"t","executionDetails":{"percentComplete":101}})")
                             << QStringLiteral("executionDetails.percentComplete") << QStringLiteral("max value: 100");
    QTest::newRow("bell in a failure message")
        << std::string("PutThirdPartyJobFailureResult")
        << QStringLiteral(
               R"({"jobId":"j","clientToken":"t","failureDetails":{"type":"JobFailed","message":"a\u0007"}})")
        << QStringLiteral("failureDetails.message") << QStringLiteral("control character");
    QTest::newRow("line break in an external execution ID")
        << std::string("PutThirdPartyJobFailureResult")
        << QStringLiteral(
               R"({"jobId":"j","clientToken":"t","failureDetails":{"type":"JobFailed","message":"m","externalExecutionId":"a\nb"}})")
        << QStringLiteral("failureDetails.externalExecutionId") << QStringLiteral("control character");
    QTest::newRow("failure type")
        << std::string("PutThirdPartyJobFailureResult")
        << QStringLiteral(R"({"jobId":"j","clientToken":"t","failureDetails":{"type":"Oops","message":"m"}})")
        << QStringLiteral("failureDetails.type") << QStringLiteral("JobFailed");
}

void TestParamValidator::rejects()
{
    QFETCH(std::string, operation);
    QFETCH(QString, params);
    QFETCH(QString, field);
    QFETCH(QString, mentions);
    const Operation *op = ServiceModel::codePipeline().operation(operation);
    QVERIFY(op);
    const Json json = Json::parse(params.toStdString());
    const Status status = ParamValidator::validate(op->input, json);
    QVERIFY(!status.ok());
    QCOMPARE(status.error().kind, Error::Kind::Validation);
    QCOMPARE(status.error().field, field);
    QVERIFY2(status.error().message.contains(mentions), qPrintable(status.error().message));
}

void TestParamValidator::accepts_data()
{
    QTest::addColumn<std::string>("operation");
    QTest::addColumn<QString>("params");
    QTest::newRow("get") << std::string("GetThirdPartyJobDetails")
                         << QStringLiteral(R"({"jobId":"11111111-2222-3333-4444-555555555555","clientToken":"tok"})");
    QTest::newRow("get at limits") << std::string("GetThirdPartyJobDetails")
                                   << QStringLiteral(R"({"jobId":"%1","clientToken":"%2"})")
                                          .arg(QString(512, QLatin1Char('j')), QString(256, QLatin1Char('t')));
    QTest::newRow("unicode counts characters")
        << std::string("GetThirdPartyJobDetails")
        << QStringLiteral(R"({"jobId":"%1","clientToken":"t"})").arg(QString(512, QChar(0x00e9)));
    // Free text for people keeps its line breaks and tabs, as the AWS CLI sends them.
    QTest::newRow("lines in a failure message")
        << std::string("PutThirdPartyJobFailureResult")
        << QStringLiteral(
               R"({"jobId":"j","clientToken":"t","failureDetails":{"type":"JobFailed","message":"line 1\r\nline 2\tend"}})");
    QTest::newRow("lines in summaries")
        << std::string("PutThirdPartyJobSuccessResult")
        << QStringLiteral(
               R"({"jobId":"j","clientToken":"t","currentRevision":{"revision":"r","changeIdentifier":"c","revisionSummary":"a\nb"},"executionDetails":{"summary":"x\ny"}})");
    QTest::newRow("poll")
        << std::string("PollForThirdPartyJobs")
        << QStringLiteral(
               R"({"actionTypeId":{"category":"Compute","owner":"ThirdParty","provider":"Acme-CI","version":"1"},"maxBatchSize":5})");
    QTest::newRow("success")
        << std::string("PutThirdPartyJobSuccessResult")
        << QStringLiteral(
               R"({"jobId":"j","clientToken":"t","currentRevision":{"revision":"r","changeIdentifier":"c","created":1700000000},"continuationToken":"c","executionDetails":{"summary":"ok","externalExecutionId":"x","percentComplete":100}})");
}

void TestParamValidator::accepts()
{
    QFETCH(std::string, operation);
    QFETCH(QString, params);
    const Operation *op = ServiceModel::codePipeline().operation(operation);
    const auto problems = ParamValidator::check(op->input, Json::parse(params.toStdString()));
    QVERIFY2(problems.isEmpty(), problems.isEmpty() ? "" : qPrintable(problems.first().message));
}

void TestParamValidator::neverEchoesTheClientToken()
{
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const QString token = QStringLiteral("sEcReT-") + QString(300, QLatin1Char('x'));
    const auto problems = ParamValidator::check(
        op->input, Json{{"jobId", "j"}, {"clientToken", QString(token + QStringLiteral("\x01")).toStdString()}});
    QVERIFY(!problems.isEmpty());
    for (const auto &p : problems)
        QVERIFY2(!p.message.contains(QStringLiteral("sEcReT")), qPrintable(p.message));
}

QTEST_GUILESS_MAIN(TestParamValidator)
#include "tst_paramvalidator.moc"
