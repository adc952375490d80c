// ResponseParser against botocore's own parser: random CodePipeline answers
// (shuffled member order, unknown members, nulls, unicode) must print exactly
// as `aws ... --output json` prints them.

#include "core/codepipeline/responseparser.h"
#include "core/output/jsonwriter.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::codepipeline;

namespace {

class BodyGenerator
{
public:
    explicit BodyGenerator(quint32 seed) : m_rng(seed) {}

    std::string text()
    {
        static const std::vector<std::string> pieces = {
            "build",     "é",           "ü",        "日本語",          "💡",      "\"quoted\"", "back\\slash",
            "tab\there", "line\nbreak", "ctrl\x01", "s3://bucket/key", "{json}", " ",          "Ωmega",
            "a/b+c=d",   "\x7f",        "<tag>",
        };
        std::string out;
        const int n = int(m_rng.bounded(1, 5));
        for (int i = 0; i < n; ++i)
            out += pieces[m_rng.bounded(quint32(pieces.size()))];
        return out;
    }

    bool chance(int percent) { return int(m_rng.bounded(100)) < percent; }

    // Builds an object from members in random order, sometimes null, sometimes with strangers.
    Json object(std::vector<std::pair<std::string, Json>> members)
    {
        std::shuffle(members.begin(), members.end(), Shuffler{m_rng});
        Json out = Json::object();
        for (auto &[name, value] : members) {
            if (chance(10))
                out[name] = nullptr;
            else if (!chance(8))
                out[name] = std::move(value);
        }
        if (chance(25))
            out["unknownMember" + std::to_string(m_rng.bounded(100))] = text();
        return out;
    }

    Json artifact()
    {
        return object(
            {{"name", text()},
             {"revision", text()},
             {"location",
              object({{"type", "S3"}, {"s3Location", object({{"bucketName", text()}, {"objectKey", text()}})}})}});
    }

    Json jobDetails()
    {
        Json config = Json::object();
        const int entries = int(m_rng.bounded(0, 12));
        for (int i = 0; i < entries; ++i)
            config[text() + std::to_string(i)] = chance(5) ? Json() : Json(text());
        Json inputs = Json::array();
        Json outputs = Json::array();
        for (int i = int(m_rng.bounded(0, 4)); i > 0; --i)
            inputs.push_back(artifact());
        for (int i = int(m_rng.bounded(0, 3)); i > 0; --i)
            outputs.push_back(artifact());
        Json data = object({
            {"actionTypeId",
             object({{"category", "Build"}, {"owner", "ThirdParty"}, {"provider", text()}, {"version", "1"}})},
            {"actionConfiguration", object({{"configuration", config}})},
            {"pipelineContext",
             object({{"pipelineName", text()},
                     {"stage", object({{"name", text()}})},
                     {"action", object({{"name", text()}, {"actionExecutionId", text()}})},
                     {"pipelineArn", text()},
                     {"pipelineExecutionId", text()}})},
            {"inputArtifacts", inputs},
            {"outputArtifacts", outputs},
            {"artifactCredentials",
             object({{"accessKeyId", text()}, {"secretAccessKey", text()}, {"sessionToken", text()}})},
            {"continuationToken", text()},
            {"encryptionKey", object({{"id", text()}, {"type", "KMS"}})},
        });
        return Json{{"jobDetails", object({{"id", text()}, {"data", data}, {"nonce", text()}})}};
    }

    Json pollAnswer()
    {
        Json jobs = Json::array();
        for (int i = int(m_rng.bounded(0, 4)); i > 0; --i)
            jobs.push_back(object({{"clientId", text()}, {"jobId", text()}}));
        return object({{"jobs", jobs}});
    }

private:
    struct Shuffler
    {
        using result_type = quint32;
        QRandomGenerator &rng;
        static constexpr result_type min() { return 0; }
        static constexpr result_type max() { return 0xffffffffu; }
        result_type operator()() { return rng.generate(); }
    };
    QRandomGenerator m_rng;
};

QByteArray toBytes(const Json &value)
{
    const std::string s = value.dump();
    return QByteArray(s.data(), qsizetype(s.size()));
}

}  // namespace

class TestResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesBotocore();
    void rejectsWhatIsNotAnAnswer_data();
    void rejectsWhatIsNotAnAnswer();
    void keepsUnknownMembersInTheWireCopy();
    void emptyBodyIsAnEmptyAnswer();
};

void TestResponseParser::matchesBotocore()
{
    BodyGenerator gen(20261128);
    struct Case
    {
        std::string operation;
        QByteArray body;
    };
    std::vector<Case> cases;
    for (int i = 0; i < 300; ++i)
        cases.push_back({"GetThirdPartyJobDetails", toBytes(gen.jobDetails())});
    for (int i = 0; i < 50; ++i)
        cases.push_back({"PollForThirdPartyJobs", toBytes(gen.pollAnswer())});
    cases.push_back({"AcknowledgeThirdPartyJob", QByteArrayLiteral("{\"status\":\"InProgress\",\"extra\":1}")});
    // Escapes on the wire that must come out as plain UTF-8.
    cases.push_back(
        {"GetThirdPartyJobDetails",
         QByteArrayLiteral("{\"jobDetails\":{\"id\":\"\\u00e9\\ud83d\\ude00\\u0007\",\"nonce\":\"\\/\"}}")});

    QJsonArray request;
    for (const Case &c : cases) {
        QJsonObject item;
        item.insert(QStringLiteral("operation"), QString::fromStdString(c.operation));
        item.insert(QStringLiteral("body"), QString::fromLatin1(c.body.toBase64()));
        request.append(item);
    }
    const auto python =
        test::runProcess(QStringLiteral("python3"), {test::supportDir() + QStringLiteral("/botocore_parse.py")},
                         QJsonDocument(request).toJson(QJsonDocument::Compact));
    QVERIFY2(python.started, "python3 could not be started");
    QVERIFY2(python.exitCode == 0, python.err.constData());
    const QJsonArray expected = QJsonDocument::fromJson(python.out).array();
    QCOMPARE(expected.size(), qsizetype(cases.size()));

    const ServiceModel &model = ServiceModel::codePipeline();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Operation *op = model.operation(cases[i].operation);
        auto parsed = ResponseParser::parse(op->output, cases[i].body);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const QByteArray ours = output::writeJson(parsed.value().data);
        const QByteArray theirs = QByteArray::fromBase64(expected.at(qsizetype(i)).toString().toLatin1());
        if (ours != theirs) {
            qWarning("case %zu body: %s", i, cases[i].body.constData());
            QCOMPARE(QString::fromUtf8(ours), QString::fromUtf8(theirs));
        }
    }
}

void TestResponseParser::rejectsWhatIsNotAnAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("html") << QByteArrayLiteral("<html><body>Sign in to the Wi-Fi</body></html>")
                          << QStringLiteral("HTML");
    QTest::newRow("truncated") << QByteArrayLiteral("{\"jobDetails\":{\"id\":\"abc") << QStringLiteral("cut short");
    QTest::newRow("array") << QByteArrayLiteral("[1,2]") << QStringLiteral("not an object");
    QTest::newRow("wrong type") << QByteArrayLiteral("{\"jobDetails\":{\"id\":42}}") << QStringLiteral("jobDetails.id");
    QTest::newRow("wrong list") << QByteArrayLiteral("{\"jobDetails\":{\"data\":{\"inputArtifacts\":{}}}}")
                                << QStringLiteral("jobDetails.data.inputArtifacts");
    QTest::newRow("bad utf8") << QByteArrayLiteral("{\"jobDetails\":{\"id\":\"\xff\xfe\"}}") << QStringLiteral("JSON");
}

void TestResponseParser::rejectsWhatIsNotAnAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    auto parsed = ResponseParser::parse(op->output, body);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, Error::Kind::Protocol);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    QVERIFY(!parsed.error().hint.isEmpty());
}

void TestResponseParser::keepsUnknownMembersInTheWireCopy()
{
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    auto parsed = ResponseParser::parse(
        op->output, QByteArrayLiteral("{\"jobDetails\":{\"nonce\":\"3\",\"futureField\":{\"x\":1},\"id\":\"j\"}}"));
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value().wire["jobDetails"].contains("futureField"));
    QVERIFY(!parsed.value().data["jobDetails"].contains("futureField"));
    // Model order in the parsed copy, wire order in the raw one.
    QCOMPARE(parsed.value().data["jobDetails"].begin().key(), std::string("id"));
    QCOMPARE(parsed.value().wire["jobDetails"].begin().key(), std::string("nonce"));
}

void TestResponseParser::emptyBodyIsAnEmptyAnswer()
{
    const Operation *op = ServiceModel::codePipeline().operation("PutThirdPartyJobSuccessResult");
    auto parsed = ResponseParser::parse(op->output, QByteArray());
    QVERIFY(parsed.ok());
    QVERIFY(parsed.value().data.empty());
    QCOMPARE(output::writeJson(parsed.value().data), QByteArray());
}

QTEST_GUILESS_MAIN(TestResponseParser)
#include "tst_responseparser.moc"
