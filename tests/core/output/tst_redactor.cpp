// The Redactor is the one path by which requests, answers and errors reach
// logs, --debug, banners and exports. These tests build, for every operation of
// the service model, an input and an output that fill every member, with each
// string a distinct marker, and check that exactly the secret ones disappear:
// the values of shapes the model marks sensitive, the client token, and the
// signature of an Authorization header.

#include "core/codepipeline/servicemodel.h"
#include "core/output/redactor.h"

#include <QTest>

#include <set>
#include <string>

using jobdesk::Secret;
using jobdesk::codepipeline::Operation;
using jobdesk::codepipeline::ServiceModel;
using jobdesk::codepipeline::Shape;
using jobdesk::output::Redactor;
using Json = nlohmann::ordered_json;

namespace {

// A value for every member of a shape, every string a unique marker. Markers
// under a sensitive shape or a secret member name are collected in `secrets`,
// the others in `visible`.
class SampleBuilder
{
public:
    Json build(const Shape *shape, bool secret, int depth = 0)
    {
        secret = secret || shape->sensitive;
        switch (shape->type) {
        case Shape::Type::String: {
            const std::string marker = "marker-" + std::to_string(++m_counter) + "-" + shape->name;
            (secret ? secrets : visible).insert(marker);
            return marker;
        }
        case Shape::Type::Integer: return 7;
        case Shape::Type::Boolean: return true;
        case Shape::Type::Timestamp: return 1700000000.5;
        case Shape::Type::List: {
            Json list = Json::array();
            if (depth < kMaxDepth)
                list.push_back(build(shape->member, secret, depth + 1));
            return list;
        }
        case Shape::Type::Map: {
            Json map = Json::object();
            if (depth < kMaxDepth)
                map["key-" + std::to_string(++m_counter)] = build(shape->value, secret, depth + 1);
            return map;
        }
        case Shape::Type::Structure: {
            Json object = Json::object();
            if (depth >= kMaxDepth)
                return object;
            for (const auto &member : shape->members) {
                const bool memberSecret = secret || Redactor::isSecretMemberName(member.name);
                object[member.name] = build(member.shape, memberSecret, depth + 1);
            }
            return object;
        }
        }
        return nullptr;
    }

    std::set<std::string> secrets;
    std::set<std::string> visible;

private:
    static constexpr int kMaxDepth = 12;  // the model has no recursive shapes; this only guards the walk
    int m_counter = 0;
};

QByteArray compact(const Json &value)
{
    return QByteArray::fromStdString(value.dump());
}

}  // namespace

class TestRedactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySensitiveFieldOfTheModel_data();
    void everySensitiveFieldOfTheModel();
    void modelMarksTheArtifactCredentialsSensitive();
    void clientTokenAnywhereInText();
    void jsonEscapedSecretInABody();
    void bodyThatIsNotJson();
    void authorizationSignature();
    void tokenHeaders();
    void shortSecretsAreNotSearched();
};

void TestRedactor::everySensitiveFieldOfTheModel_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("output");
    for (const Operation &op : ServiceModel::codePipeline().operations()) {
        QTest::addRow("%s input", op.name.c_str()) << QString::fromStdString(op.name) << false;
        if (op.output)
            QTest::addRow("%s output", op.name.c_str()) << QString::fromStdString(op.name) << true;
    }
}

void TestRedactor::everySensitiveFieldOfTheModel()
{
    QFETCH(QString, operation);
    QFETCH(bool, output);
    const Operation *op = ServiceModel::codePipeline().operation(operation.toStdString());
    QVERIFY(op);
    const Shape *shape = output ? op->output : op->input;
    QVERIFY(shape);

    SampleBuilder sample;
    const Json value = sample.build(shape, false);
    QVERIFY(!sample.visible.empty());

    const Redactor redactor(op);
    const QByteArray body = compact(value);
    const QByteArray viaBody = output ? redactor.redactResponseBody(body) : redactor.redactRequestBody(body);
    const QByteArray viaJson = compact(redactor.redactJson(shape, value));
    QCOMPARE(viaBody, viaJson);  // one rule, whichever way in

    for (const std::string &secret : sample.secrets)
        QVERIFY2(!viaBody.contains(secret.c_str()), secret.c_str());
    // Redaction must not blind the reader: everything else is still there.
    for (const std::string &plain : sample.visible)
        QVERIFY2(viaBody.contains(plain.c_str()), plain.c_str());
    QCOMPARE(viaBody.contains(Redactor::placeholder().toUtf8()), !sample.secrets.empty());
}

void TestRedactor::modelMarksTheArtifactCredentialsSensitive()
{
    // The job details answer is the one that carries secrets; make sure the walk above met them.
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    QVERIFY(op && op->output);
    SampleBuilder sample;
    sample.build(op->output, false);
    int credentials = 0;
    for (const std::string &secret : sample.secrets) {
        if (secret.find("AccessKeyId") != std::string::npos || secret.find("SecretAccessKey") != std::string::npos
            || secret.find("SessionToken") != std::string::npos)
            ++credentials;
    }
    QCOMPARE(credentials, 3);
    for (const char *name : {"AccessKeyId", "SecretAccessKey", "SessionToken"}) {
        const Shape *s = ServiceModel::codePipeline().shape(name);
        QVERIFY(s);
        QVERIFY2(s->sensitive, name);
    }
}

void TestRedactor::clientTokenAnywhereInText()
{
    const QString token = QStringLiteral("7c1f4e9a-partner-token-55d0");
    Redactor redactor;
    redactor.addSecret(token);
    const QString message =
        QStringLiteral("Job 11111111-2222-3333-4444-555555555555 refused the client token %1 (twice: %1)").arg(token);
    const QString redacted = redactor.redactText(message);
    QVERIFY(!redacted.contains(token));
    QCOMPARE(redacted.count(Redactor::placeholder()), 2);
    QVERIFY(redacted.contains(QLatin1String("11111111-2222-3333-4444-555555555555")));

    // In a request body it goes by member name, whether or not it was added.
    const Operation *op = ServiceModel::codePipeline().operation("AcknowledgeThirdPartyJob");
    const QByteArray body = R"({"jobId":"j-1","nonce":"n-1","clientToken":"some-other-token-value"})";
    const QByteArray out = Redactor(op).redactRequestBody(body);
    QVERIFY(!out.contains("some-other-token-value"));
    QVERIFY(out.contains("j-1") && out.contains("n-1"));
}

void TestRedactor::jsonEscapedSecretInABody()
{
    // A secret with characters JSON escapes is found in its escaped spelling too.
    const QString secret = QStringLiteral("abc\"def\\ghi/jkl");
    Redactor redactor;
    redactor.addSecret(secret);
    const QByteArray body = compact(Json{{"message", "the value " + secret.toStdString() + " was refused"}});
    const QByteArray out = redactor.redactText(body);
    QVERIFY2(!out.contains(R"(abc\"def\\ghi/jkl)"), out.constData());
    QVERIFY(out.contains(Redactor::placeholder().toUtf8()));
}

void TestRedactor::bodyThatIsNotJson()
{
    // An answer cut off mid-way or an HTML page: secrets by member name and by value.
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    Redactor redactor(op);
    redactor.addSecret(QStringLiteral("known-client-token"));
    const QByteArray body =
        R"({"jobDetails":{"data":{"artifactCredentials":{"accessKeyId":"ASIAEXAMPLEKEY","secretAccessKey":"wJalrXUtnFEMI/K7MDENG","sessionToken":"FwoGZXIvYXdzEJr)"
        R"( known-client-token)";
    const QByteArray out = redactor.redactResponseBody(body);
    for (const char *secret : {"ASIAEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG", "FwoGZXIvYXdzEJr", "known-client-token"})
        QVERIFY2(!out.contains(secret), secret);
    QVERIFY(out.contains("artifactCredentials"));
}

void TestRedactor::authorizationSignature()
{
    const QByteArray signature = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    const QByteArray value = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/codepipeline/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
        + signature;
    const Redactor redactor;
    for (const QByteArray &name : {QByteArray("Authorization"), QByteArray("authorization")}) {
        const QByteArray out = redactor.redactHeader(name, value);
        QVERIFY(!out.contains(signature));
        QVERIFY(out.contains("Credential=AKIDEXAMPLE/20150830/us-east-1/codepipeline/aws4_request"));
        QVERIFY(out.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target"));
        QVERIFY(out.endsWith(QByteArray("Signature=" + Redactor::placeholder().toUtf8())));
    }
    // A value in an unknown scheme is hidden whole rather than guessed at.
    QCOMPARE(redactor.redactHeader("Authorization", "Bearer abcdef123456"), Redactor::placeholder().toUtf8());
}

void TestRedactor::tokenHeaders()
{
    Redactor redactor;
    redactor.addSecret(Secret(QByteArray("client-token-in-a-header")));
    const Redactor::HeaderList headers = {
        {"X-Amz-Security-Token", "FwoGZXIvYXdzEJr//////////wEaDH"},
        {"Cookie", "session=abc123456"},
        {"Proxy-Authorization", "Basic dXNlcjpwYXNz"},
        {"X-Custom", "carries client-token-in-a-header inside"},
        {"Content-Type", "application/x-amz-json-1.1"},
    };
    const Redactor::HeaderList out = redactor.redactHeaders(headers);
    QCOMPARE(out.size(), headers.size());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(out[i].second, Redactor::placeholder().toUtf8());
    QVERIFY(!out[3].second.contains("client-token-in-a-header"));
    QCOMPARE(out[4].second, QByteArray("application/x-amz-json-1.1"));
}

void TestRedactor::shortSecretsAreNotSearched()
{
    // Replacing every "a" in a log would destroy it and protect nothing; values that
    // short are still hidden by member name and by the model.
    Redactor redactor;
    redactor.addSecret(QStringLiteral("abc"));
    QCOMPARE(redactor.redactText(QStringLiteral("abc abc")), QStringLiteral("abc abc"));
    const Operation *op = ServiceModel::codePipeline().operation("GetThirdPartyJobDetails");
    const QByteArray body = R"({"jobId":"j","clientToken":"abc"})";
    QVERIFY(!Redactor(op).redactRequestBody(body).contains("\"abc\""));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
