// Cross-checks SigV4Signer against botocore's SigV4Auth on randomized CodePipeline
// JSON 1.1 requests: every intermediate must agree byte for byte.

#include "core/aws/sigv4signer.h"
#include "support/testenv.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::aws;

namespace {

const QStringList Regions = {
    QStringLiteral("us-east-1"),      QStringLiteral("us-east-2"),      QStringLiteral("us-west-1"),
    QStringLiteral("us-west-2"),      QStringLiteral("ca-central-1"),   QStringLiteral("eu-west-1"),
    QStringLiteral("eu-west-2"),      QStringLiteral("eu-west-3"),      QStringLiteral("eu-central-1"),
    QStringLiteral("eu-central-2"),   QStringLiteral("eu-north-1"),     QStringLiteral("eu-south-1"),
    QStringLiteral("eu-south-2"),     QStringLiteral("ap-south-1"),     QStringLiteral("ap-south-2"),
    QStringLiteral("ap-northeast-1"), QStringLiteral("ap-northeast-2"), QStringLiteral("ap-northeast-3"),
    QStringLiteral("ap-southeast-1"), QStringLiteral("ap-southeast-2"), QStringLiteral("ap-southeast-3"),
    QStringLiteral("ap-east-1"),      QStringLiteral("sa-east-1"),      QStringLiteral("me-south-1"),
    QStringLiteral("me-central-1"),   QStringLiteral("af-south-1"),     QStringLiteral("il-central-1"),
};

const QStringList Operations = {
    QStringLiteral("AcknowledgeThirdPartyJob"),      QStringLiteral("GetThirdPartyJobDetails"),
    QStringLiteral("PollForThirdPartyJobs"),         QStringLiteral("PutThirdPartyJobFailureResult"),
    QStringLiteral("PutThirdPartyJobSuccessResult"),
};

// Pieces random strings are built from: plain ASCII, JSON's escaped characters, accents,
// CJK, emoji (with surrogate pairs and a ZWJ sequence) and characters JSON writes as \uXXXX.
const QStringList TextAtoms = {
    QStringLiteral("a"),           QStringLiteral("Z"),      QStringLiteral("7"),      QStringLiteral(" "),
    QStringLiteral("-"),           QStringLiteral("_"),      QStringLiteral("\""),     QStringLiteral("\\"),
    QStringLiteral("/"),           QStringLiteral("'"),      QStringLiteral("<"),      QStringLiteral("&"),
    QStringLiteral("="),           QStringLiteral("+"),      QStringLiteral("\n"),     QStringLiteral("\t"),
    QStringLiteral("é"),           QStringLiteral("ü"),      QStringLiteral("ñ"),      QStringLiteral("ß"),
    QStringLiteral("Å"),           QStringLiteral("ç"),      QStringLiteral("中"),     QStringLiteral("文"),
    QStringLiteral("日本"),        QStringLiteral("한"),     QStringLiteral("😀"),      QStringLiteral("🚀"),
    QStringLiteral("👩‍💻"), QStringLiteral("\u0001"), QStringLiteral("\u2028"), QStringLiteral("\u00a0"),
    QStringLiteral("€"),
};

class CaseGenerator
{
public:
    explicit CaseGenerator(quint32 seed) : m_rng(seed) {}

    int below(int bound) { return int(m_rng.bounded(bound)); }
    bool chance(int percent) { return below(100) < percent; }

    QString fromAlphabet(const char *alphabet, int length)
    {
        const int size = int(qstrlen(alphabet));
        QString out;
        for (int i = 0; i < length; ++i)
            out.append(QLatin1Char(alphabet[below(size)]));
        return out;
    }

    QString text(int maxAtoms)
    {
        QString out;
        const int count = below(maxAtoms + 1);
        for (int i = 0; i < count; ++i)
            out.append(TextAtoms.at(below(int(TextAtoms.size()))));
        return out;
    }

    QJsonValue value(int depth)
    {
        switch (below(depth > 0 ? 7 : 5)) {
        case 0: return QJsonValue(qint64(m_rng.bounded(2000000)) - 1000000);
        case 1: return QJsonValue(chance(50));
        case 2: return QJsonValue(QJsonValue::Null);
        case 3:
        case 4: return QJsonValue(text(24));
        case 5: {
            QJsonArray array;
            const int count = below(5);
            for (int i = 0; i < count; ++i)
                array.append(value(depth - 1));
            return array;
        }
        default: return object(depth - 1);
        }
    }

    QJsonObject object(int depth)
    {
        QJsonObject object;
        const int count = below(6);
        for (int i = 0; i < count; ++i)
            object.insert(text(8), value(depth));
        return object;
    }

    // Shaped like the five operations' inputs, with random text wherever a string goes.
    QByteArray body()
    {
        QJsonObject input;
        if (chance(80))
            input.insert(QStringLiteral("jobId"), QUuid::createUuidV5(QUuid(), text(6)).toString(QUuid::WithoutBraces));
        if (chance(60))
            input.insert(QStringLiteral("clientToken"), text(16));
        if (chance(50))
            input.insert(QStringLiteral("failureDetails"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("JobFailed")},
                                     {QStringLiteral("message"), text(40)}});
        if (chance(70))
            input.insert(QStringLiteral("data"), object(3));
        const QJsonDocument document(input);
        return document.toJson(chance(70) ? QJsonDocument::Compact : QJsonDocument::Indented);
    }

    QString secretKey()
    {
        static constexpr char Base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        QString key = fromAlphabet(Base64, 37);
        // Every key gets the characters that break naive encoders, at random places.
        for (const QChar special : {QLatin1Char('/'), QLatin1Char('+'), QLatin1Char('=')})
            key.insert(below(int(key.size()) + 1), special);
        return key;
    }

    QString sessionToken()
    {
        static constexpr char Base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return fromAlphabet(Base64, 100 + below(300)) + QStringLiteral("/+") + QString(below(3), QLatin1Char('='));
    }

    QDateTime timestamp()
    {
        const QDateTime start(QDate(2015, 1, 1), QTime(0, 0), QTimeZone::utc());
        return start.addSecs(qint64(m_rng.bounded(quint64(20) * 366 * 24 * 3600)));
    }

private:
    QRandomGenerator m_rng;
};

struct Case
{
    QString region;
    QString operation;
    Credentials credentials;
    QDateTime timestamp;
    SignableRequest request;
};

QString show(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes.size() > 600 ? bytes.left(600) + "..." : bytes);
}

}  // namespace

class TestBotocoreCrossCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void agreesWithBotocore_data();
    void agreesWithBotocore();

private:
    QString m_python;
};

void TestBotocoreCrossCheck::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!m_python.isEmpty(), "python3 is not on PATH; the cross-check needs it with botocore");
    QVERIFY2(QFileInfo::exists(QDir(test::supportDir()).filePath(QStringLiteral("botocore_sign.py"))),
             "tests/support/botocore_sign.py is missing");
}

void TestBotocoreCrossCheck::agreesWithBotocore_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::newRow("seed 20150709, 1200 requests") << quint32(20150709) << 1200;
}

void TestBotocoreCrossCheck::agreesWithBotocore()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);

    CaseGenerator generate(seed);
    QList<Case> cases;
    QJsonArray jsonCases;
    int withToken = 0;
    for (int i = 0; i < count; ++i) {
        Case c;
        c.region = Regions.at(generate.below(int(Regions.size())));
        c.operation = Operations.at(generate.below(int(Operations.size())));
        const bool session = generate.chance(50);
        c.credentials.accessKeyId = (session ? QStringLiteral("ASIA") : QStringLiteral("AKIA"))
            + generate.fromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        c.credentials.secretAccessKey = Secret(generate.secretKey());
        if (session) {
            c.credentials.sessionToken = Secret(generate.sessionToken());
            ++withToken;
        }
        c.timestamp = generate.timestamp();

        const QByteArray host = "codepipeline." + c.region.toLatin1() + ".amazonaws.com";
        c.request.method = "POST";
        c.request.path = "/";
        c.request.headers = {{"Host", host},
                             {"Content-Type", "application/x-amz-json-1.1"},
                             {"X-Amz-Target", "CodePipeline_20150709." + c.operation.toLatin1()}};
        c.request.body = generate.body();

        QJsonArray headers;
        for (const auto &[name, value] : std::as_const(c.request.headers))
            headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
        jsonCases.append(QJsonObject{
            {QStringLiteral("id"), i},
            {QStringLiteral("region"), c.region},
            {QStringLiteral("service"), QStringLiteral("codepipeline")},
            {QStringLiteral("host"), QString::fromLatin1(host)},
            {QStringLiteral("path"), QStringLiteral("/")},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body_base64"), QString::fromLatin1(c.request.body.toBase64())},
            {QStringLiteral("access_key"), c.credentials.accessKeyId},
            {QStringLiteral("secret_key"), c.credentials.secretAccessKey.revealText()},
            {QStringLiteral("token"), c.credentials.sessionToken.revealText()},
            {QStringLiteral("timestamp"), QString::fromLatin1(SigV4Signer::formatAmzDate(c.timestamp))},
        });
        cases.append(std::move(c));
    }
    // The generator must really produce what the cross-check claims to cover.
    QVERIFY(withToken > count / 3 && withToken < count * 2 / 3);
    const auto bodiesWith = [&](auto predicate) {
        return std::count_if(cases.cbegin(), cases.cend(), [&](const Case &c) { return predicate(c.request.body); });
    };
    QVERIFY(bodiesWith([](const QByteArray &b) { return b.contains("\xc3\xa9") || b.contains("\xc3\xbc"); })
            > count / 2);
    QVERIFY(bodiesWith([](const QByteArray &b) { return b.contains("\xe4\xb8\xad"); }) > count / 4);  // CJK
    QVERIFY(bodiesWith([](const QByteArray &b) { return b.contains('\xf0'); }) > count / 2);  // emoji (4-byte UTF-8)
    QVERIFY(bodiesWith([](const QByteArray &b) { return b.contains("\\\""); }) > count / 4);  // an escaped quote
    QVERIFY(bodiesWith([](const QByteArray &b) { return b.contains("\\\\"); }) > count / 4);  // an escaped backslash
    QVERIFY(std::all_of(cases.cbegin(), cases.cend(), [](const Case &c) {
        const QByteArray secret = c.credentials.secretAccessKey.reveal();
        return secret.contains('/') && secret.contains('+') && secret.contains('=');
    }));
    QVERIFY(QSet<QString>(Regions.cbegin(), Regions.cend()).size() == Regions.size());

    const QByteArray input =
        QJsonDocument(QJsonObject{{QStringLiteral("cases"), jsonCases}}).toJson(QJsonDocument::Compact);
    const test::ProcessOutput run =
        test::runProcess(m_python, {QDir(test::supportDir()).filePath(QStringLiteral("botocore_sign.py"))}, input);
    QVERIFY2(run.started, "python3 did not start");
    QVERIFY2(
        !run.crashed && run.exitCode == 0,
        qPrintable(
            QStringLiteral("botocore_sign.py failed (exit %1): %2").arg(run.exitCode).arg(QString::fromUtf8(run.err))));
    QJsonParseError parseError;
    const QJsonObject output = QJsonDocument::fromJson(run.out, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError,
             qPrintable(QStringLiteral("botocore_sign.py printed no JSON: ") + parseError.errorString()));
    const QJsonArray results = output.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), qsizetype(count));
    qInfo("botocore %s signed %d requests (%d with a session token)",
          qPrintable(output.value(QStringLiteral("botocore_version")).toString()), count, withToken);

    FixedClock clock(cases.first().timestamp);
    SigV4Signer signer(clock);  // one signer for all: the key cache is exercised along the way
    for (int i = 0; i < count; ++i) {
        Case &c = cases[i];
        const QJsonObject expected = results.at(i).toObject();
        QCOMPARE(expected.value(QStringLiteral("id")).toInt(), i);

        clock.set(c.timestamp);
        const SignatureParts parts =
            signer.signHeaders(c.request, c.credentials, c.region, QStringLiteral("codepipeline"));
        QByteArray authorization;
        std::optional<QByteArray> token;
        QByteArray amzDate;
        for (const auto &[name, value] : std::as_const(c.request.headers)) {
            if (name == "Authorization")
                authorization = value;
            else if (name == "X-Amz-Security-Token")
                token = value;
            else if (name == "X-Amz-Date")
                amzDate = value;
        }
        const QJsonValue expectedToken = expected.value(QStringLiteral("security_token"));

        const std::pair<const char *, std::pair<QByteArray, QByteArray>> fields[] = {
            {"canonical request",
             {parts.canonicalRequest, expected.value(QStringLiteral("canonical_request")).toString().toUtf8()}},
            {"string to sign",
             {parts.stringToSign, expected.value(QStringLiteral("string_to_sign")).toString().toUtf8()}},
            {"signature", {parts.signature, expected.value(QStringLiteral("signature")).toString().toUtf8()}},
            {"Authorization", {authorization, expected.value(QStringLiteral("authorization")).toString().toUtf8()}},
            {"X-Amz-Date", {amzDate, expected.value(QStringLiteral("amz_date")).toString().toUtf8()}},
            {"X-Amz-Security-Token",
             {token.value_or("<absent>"),
              expectedToken.isNull() ? QByteArray("<absent>") : expectedToken.toString().toUtf8()}},
        };
        for (const auto &[what, values] : fields) {
            if (values.first == values.second)
                continue;
            QFAIL(
                qPrintable(QStringLiteral("case %1 of %2 (seed %3): %4 differs from botocore\n"
                                          "region %5, operation %6, access key %7, session token: %8, time %9\n"
                                          "body: %10\n--- ours:\n%11\n--- botocore:\n%12")
                               .arg(i)
                               .arg(count)
                               .arg(seed)
                               .arg(QLatin1String(what), c.region, c.operation, c.credentials.accessKeyId,
                                    c.credentials.sessionToken.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes"),
                                    QString::fromLatin1(SigV4Signer::formatAmzDate(c.timestamp)), show(c.request.body),
                                    show(values.first), show(values.second))));
        }
    }
}

QTEST_GUILESS_MAIN(TestBotocoreCrossCheck)
#include "tst_botocorecrosscheck.moc"
