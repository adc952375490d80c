// Cross-checks S3 addressing and signing (S3Endpoint and S3Request on SigV4Signer) against
// botocore on randomized GET, HEAD and PUT requests: the URL its S3 endpoint rules give,
// the encoded key path, and every intermediate of S3SigV4Auth's signature, byte for byte.
// Also: an upload streamed from a file is signed by the hash given for it.

#include "core/s3/s3endpoint.h"
#include "core/s3/s3request.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::s3;

namespace {

const QStringList Regions = {
    QStringLiteral("us-east-1"),     QStringLiteral("us-west-2"),      QStringLiteral("eu-west-1"),
    QStringLiteral("eu-central-1"),  QStringLiteral("ap-northeast-1"), QStringLiteral("sa-east-1"),
    QStringLiteral("cn-north-1"),    QStringLiteral("cn-northwest-1"), QStringLiteral("us-gov-west-1"),
    QStringLiteral("us-gov-east-1"),
};

// Virtual-hostable names, and names that go path-style (dots, capitals, underscores).
const QStringList Buckets = {
    QStringLiteral("codepipeline-us-east-1-123456789012"),
    QStringLiteral("artifacts"),
    QStringLiteral("my.dotted.bucket"),
    QStringLiteral("Legacy_Bucket"),
    QStringLiteral("ab"),
};

// Pieces of keys: everything S3 and URLs treat specially, and non-ASCII text.
const QStringList KeyAtoms = {
    QStringLiteral("a"),   QStringLiteral("Z"),           QStringLiteral("7"),      QStringLiteral(" "),
    QStringLiteral("+"),   QStringLiteral("~"),           QStringLiteral("%"),      QStringLiteral("%20"),
    QStringLiteral("%2B"), QStringLiteral("/"),           QStringLiteral("//"),     QStringLiteral("./"),
    QStringLiteral("../"), QStringLiteral("-"),           QStringLiteral("_"),      QStringLiteral("."),
    QStringLiteral("!"),   QStringLiteral("*"),           QStringLiteral("'"),      QStringLiteral("("),
    QStringLiteral(")"),   QStringLiteral("?"),           QStringLiteral("#"),      QStringLiteral("&"),
    QStringLiteral("="),   QStringLiteral(":"),           QStringLiteral("@"),      QStringLiteral(";"),
    QStringLiteral(","),   QStringLiteral("$"),           QStringLiteral("["),      QStringLiteral("]"),
    QStringLiteral("\\"),  QStringLiteral("\""),          QStringLiteral("^"),      QStringLiteral("`"),
    QStringLiteral("{"),   QStringLiteral("|"),           QStringLiteral("}"),      QStringLiteral("<"),
    QStringLiteral("é"),   QStringLiteral("ü"),           QStringLiteral("中文"),   QStringLiteral("日本"),
    QStringLiteral("😀"),   QStringLiteral("👩‍💻"), QStringLiteral("\u00a0"), QStringLiteral("\u2028"),
    QStringLiteral("\t"),  QStringLiteral("\u0001"),      QStringLiteral(".zip"),
};

class CaseGenerator
{
public:
    explicit CaseGenerator(quint32 seed) : m_rng(seed) {}

    int below(int bound) { return int(m_rng.bounded(bound)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T>
    const T &pick(const QList<T> &list)
    {
        return list.at(below(int(list.size())));
    }

    QString fromAlphabet(const char *alphabet, int length)
    {
        const int size = int(qstrlen(alphabet));
        QString out;
        for (int i = 0; i < length; ++i)
            out.append(QLatin1Char(alphabet[below(size)]));
        return out;
    }

    QString key()
    {
        QString out;
        const int count = 1 + below(14);
        for (int i = 0; i < count; ++i)
            out.append(pick(KeyAtoms));
        return out;
    }

    // ASCII values with runs of spaces and tabs inside and around, which signing folds.
    QByteArray headerValue()
    {
        QByteArray out = chance(30) ? "  " : "";
        out += fromAlphabet("abcdefghijklmnopqrstuvwxyz0123456789-_.:/=+", 1 + below(20)).toLatin1();
        if (chance(40))
            out += (chance(50) ? " \t " : "   ") + fromAlphabet("ABCXYZ0189", 1 + below(8)).toLatin1();
        if (chance(30))
            out += " ";
        return out;
    }

    QByteArray body()
    {
        QByteArray out;
        const int size = below(3000);
        out.reserve(size);
        for (int i = 0; i < size; ++i)
            out.append(char(below(256)));
        return out;
    }

    QString secretKey()
    {
        static constexpr char Base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        QString key = fromAlphabet(Base64, 37);
        for (const QChar special : {QLatin1Char('/'), QLatin1Char('+'), QLatin1Char('=')})
            key.insert(below(int(key.size()) + 1), special);
        return key;
    }

    QString sessionToken()
    {
        static constexpr char Base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return fromAlphabet(Base64, 100 + below(500)) + QStringLiteral("/+") + QString(below(3), QLatin1Char('='));
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
    QByteArray method;
    S3Location location;
    S3Address address;
    aws::HeaderList headers;
    QByteArray body;
    bool unsignedPayload = false;
    aws::Credentials credentials;
    QDateTime timestamp;
};

QByteArray headerOf(const aws::HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return "<absent>";
}

QString show(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes.size() > 1500 ? bytes.left(1500) + "..." : bytes);
}

}  // namespace

class TestS3SigningCrossCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void agreesWithBotocore_data();
    void agreesWithBotocore();
    void signsGivenPayloadHash();

private:
    QString m_python;
};

void TestS3SigningCrossCheck::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!m_python.isEmpty(), "python3 is not on PATH; the cross-check needs it with botocore");
    QVERIFY2(QFileInfo::exists(QDir(test::supportDir()).filePath(QStringLiteral("botocore_s3_sign.py"))),
             "tests/support/botocore_s3_sign.py is missing");
}

void TestS3SigningCrossCheck::agreesWithBotocore_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::newRow("seed 20260709, 1500 requests") << quint32(20260709) << 1500;
}

void TestS3SigningCrossCheck::agreesWithBotocore()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);

    CaseGenerator generate(seed);
    QList<Case> cases;
    QJsonArray jsonCases;
    int withToken = 0;
    QMap<QByteArray, int> methods;
    int pathStyle = 0, overridden = 0, unsignedPut = 0, withExtra = 0, refusedDotSegments = 0;
    while (cases.size() < count) {
        Case c;
        c.location.bucket = generate.pick(Buckets);
        c.location.key = generate.key();
        const QString region = generate.pick(Regions);
        const bool override = generate.chance(20);
        const QUrl endpoint = !override ? QUrl()
            : generate.chance(50)       ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(1024 + generate.below(60000)))
                                        : QUrl(QStringLiteral("https://s3.internal.example"));
        const Result<S3Address> address = S3Endpoint::address(c.location, region, endpoint);
        if (!address.ok() && address.error().code == QLatin1String("UnsendableKey")) {
            // Keys with dot segments (or a leading slash) that Qt would rewrite are refused before signing
            // (tst_s3client); every other key is signed.
            const QStringList segments = c.location.key.split(QLatin1Char('/'));
            const bool dotted = std::any_of(segments.cbegin(), segments.cend(), [](const QString &segment) {
                return segment.startsWith(QLatin1Char('.'));
            });
            QVERIFY2(dotted || c.location.key.startsWith(QLatin1Char('/')), qPrintable(c.location.key));
            ++refusedDotSegments;
            continue;
        }
        QVERIFY2(address.ok(), qPrintable(address.ok() ? QString() : address.error().message));
        c.address = address.value();
        c.method = QList<QByteArray>{"GET", "HEAD", "PUT"}.at(generate.below(3));
        ++methods[c.method];
        pathStyle += c.address.pathStyle;
        overridden += override;

        if (generate.chance(60)) {
            ++withExtra;
            c.headers.emplaceBack(QByteArrayLiteral("x-amz-expected-bucket-owner"), generate.headerValue());
        }
        if (generate.chance(30))
            c.headers.emplaceBack(QByteArrayLiteral("X-Amz-Request-Payer"), "requester");
        if (c.method == "GET" && generate.chance(40))
            c.headers.emplaceBack(QByteArrayLiteral("Range"),
                                  "bytes=" + QByteArray::number(generate.below(100000)) + '-');
        if (c.method == "PUT") {
            c.body = generate.body();
            c.headers.emplaceBack(QByteArrayLiteral("Content-Type"), "application/zip");
            c.headers.emplaceBack(QByteArrayLiteral("Content-Length"), QByteArray::number(c.body.size()));
            c.headers.emplaceBack(QByteArrayLiteral("x-amz-meta-pipeline"), generate.headerValue());
            if (generate.chance(50)) {
                c.headers.emplaceBack(QByteArrayLiteral("x-amz-server-side-encryption"), "aws:kms");
                c.headers.emplaceBack(QByteArrayLiteral("x-amz-server-side-encryption-aws-kms-key-id"),
                                      "arn:aws:kms:" + region.toLatin1() + ":123456789012:key/"
                                          + generate.fromAlphabet("0123456789abcdef-", 36).toLatin1());
            }
            c.unsignedPayload = c.address.url.scheme() == QLatin1String("https") && generate.chance(30);
            unsignedPut += c.unsignedPayload;
        }

        const bool session = generate.chance(50);
        c.credentials.accessKeyId = (session ? QStringLiteral("ASIA") : QStringLiteral("AKIA"))
            + generate.fromAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        c.credentials.secretAccessKey = Secret(generate.secretKey());
        if (session) {
            c.credentials.sessionToken = Secret(generate.sessionToken());
            ++withToken;
        }
        c.timestamp = generate.timestamp();

        QJsonArray headers;
        for (const auto &[name, value] : std::as_const(c.headers))
            headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
        jsonCases.append(QJsonObject{
            {QStringLiteral("id"), int(cases.size())},
            {QStringLiteral("method"), QString::fromLatin1(c.method)},
            {QStringLiteral("scheme"), c.address.url.scheme()},
            {QStringLiteral("host"), QString::fromLatin1(c.address.host)},
            {QStringLiteral("bucket"), c.address.pathStyle ? QJsonValue(c.location.bucket) : QJsonValue()},
            {QStringLiteral("key"), c.location.key},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body_base64"), QString::fromLatin1(c.body.toBase64())},
            {QStringLiteral("unsigned_payload"), c.unsignedPayload},
            {QStringLiteral("region"), region},
            {QStringLiteral("access_key"), c.credentials.accessKeyId},
            {QStringLiteral("secret_key"), c.credentials.secretAccessKey.revealText()},
            {QStringLiteral("token"), c.credentials.sessionToken.revealText()},
            {QStringLiteral("timestamp"), QString::fromLatin1(aws::SigV4Signer::formatAmzDate(c.timestamp))},
            {QStringLiteral("resolve"),
             override ? QJsonValue()
                      : QJsonObject{{QStringLiteral("bucket"), c.location.bucket}, {QStringLiteral("region"), region}}},
        });
        cases.append(std::move(c));
    }
    // The generator must really produce what the cross-check claims to cover.
    QVERIFY(withToken > count / 3 && withToken < count * 2 / 3);
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("HEAD"), QByteArray("PUT")})
        QVERIFY2(methods.value(method) > count / 5, method.constData());
    QVERIFY(pathStyle > count / 4 && pathStyle < count * 3 / 4);
    QVERIFY(refusedDotSegments > 0);
    QVERIFY(overridden > count / 10 && unsignedPut > count / 20 && withExtra > count / 3);
    const auto keysWith = [&](const QString &part) {
        return std::count_if(cases.cbegin(), cases.cend(),
                             [&](const Case &c) { return c.location.key.contains(part); });
    };
    for (const QString &part : {QStringLiteral(" "), QStringLiteral("+"), QStringLiteral("~"), QStringLiteral("%"),
                                QStringLiteral("😀"), QStringLiteral("中文"), QStringLiteral("//")})
        QVERIFY2(keysWith(part) > count / 20, qPrintable(part));

    const QByteArray input =
        QJsonDocument(QJsonObject{{QStringLiteral("cases"), jsonCases}}).toJson(QJsonDocument::Compact);
    const test::ProcessOutput run =
        test::runProcess(m_python, {QDir(test::supportDir()).filePath(QStringLiteral("botocore_s3_sign.py"))}, input);
    QVERIFY2(run.started, "python3 did not start");
    QVERIFY2(!run.crashed && run.exitCode == 0,
             qPrintable(QStringLiteral("botocore_s3_sign.py failed (exit %1): %2")
                            .arg(run.exitCode)
                            .arg(QString::fromUtf8(run.err))));
    QJsonParseError parseError;
    const QJsonObject output = QJsonDocument::fromJson(run.out, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError,
             qPrintable(QStringLiteral("botocore_s3_sign.py printed no JSON: ") + parseError.errorString()));
    const QJsonArray results = output.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), qsizetype(count));
    qInfo("botocore %s signed %d S3 requests (%d GET, %d HEAD, %d PUT; %d with a session token, %d path-style; "
          "%d keys that Qt would rewrite refused)",
          qPrintable(output.value(QStringLiteral("botocore_version")).toString()), count, methods.value("GET"),
          methods.value("HEAD"), methods.value("PUT"), withToken, pathStyle, refusedDotSegments);

    FixedClock clock(cases.first().timestamp);
    aws::SigV4Signer signer(clock);  // one signer for all: the key cache is exercised along the way
    int resolvedUrls = 0;
    for (int i = 0; i < count; ++i) {
        const Case &c = cases.at(i);
        const QJsonObject expected = results.at(i).toObject();
        QCOMPARE(expected.value(QStringLiteral("id")).toInt(), i);

        clock.set(c.timestamp);
        const QByteArray payloadHash = c.method != "PUT" ? QByteArray()
            : c.unsignedPayload                          ? QByteArray(S3Request::UnsignedPayload)
                                : QCryptographicHash::hash(c.body, QCryptographicHash::Sha256).toHex();
        aws::SignatureParts parts;
        const Result<aws::SignableRequest> signedRequest =
            S3Request::sign(signer, c.method, c.address, c.headers, payloadHash, c.credentials, &parts);
        QVERIFY2(signedRequest.ok(), qPrintable(signedRequest.ok() ? QString() : signedRequest.error().message));
        const aws::HeaderList &sent = signedRequest.value().headers;
        const QJsonValue expectedToken = expected.value(QStringLiteral("security_token"));
        const auto text = [&](const char *name) { return expected.value(QLatin1String(name)).toString().toUtf8(); };

        const QJsonValue resolved = expected.value(QStringLiteral("resolved_url"));
        resolvedUrls += !resolved.isNull();
        const std::pair<const char *, std::pair<QByteArray, QByteArray>> fields[] = {
            {"URL botocore's endpoint rules give",
             {resolved.isNull() ? QByteArray("<override>") : c.address.url.toEncoded(),
              resolved.isNull() ? QByteArray("<override>") : resolved.toString().toUtf8()}},
            {"path", {c.address.path, text("path")}},
            {"path on the wire", {c.address.url.path(QUrl::FullyEncoded).toUtf8(), text("path")}},
            {"canonical request", {parts.canonicalRequest, text("canonical_request")}},
            {"string to sign", {parts.stringToSign, text("string_to_sign")}},
            {"signature", {parts.signature, text("signature")}},
            {"Authorization", {headerOf(sent, "Authorization"), text("authorization")}},
            {"X-Amz-Content-Sha256", {headerOf(sent, "X-Amz-Content-Sha256"), text("content_sha256")}},
            {"X-Amz-Date", {headerOf(sent, "X-Amz-Date"), text("amz_date")}},
            {"X-Amz-Security-Token",
             {headerOf(sent, "X-Amz-Security-Token"),
              expectedToken.isNull() ? QByteArray("<absent>") : expectedToken.toString().toUtf8()}},
        };
        for (const auto &[what, values] : fields) {
            if (values.first == values.second)
                continue;
            QFAIL(
                qPrintable(QStringLiteral("case %1 of %2 (seed %3): %4 differs from botocore\n"
                                          "%5 %6, key \"%7\", region %8, session token: %9\n"
                                          "--- ours:\n%10\n--- botocore:\n%11")
                               .arg(i)
                               .arg(count)
                               .arg(seed)
                               .arg(QLatin1String(what), QString::fromLatin1(c.method), c.address.url.toString(),
                                    c.location.key, c.address.region,
                                    c.credentials.sessionToken.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes"),
                                    show(values.first), show(values.second))));
        }
        // Every x-amz-* header sent is signed, the session token included.
        const QByteArray signedNames =
            parts.canonicalRequest.split('\n').at(parts.canonicalRequest.split('\n').size() - 2);
        for (const auto &[name, value] : sent) {
            if (name.toLower().startsWith("x-amz-"))
                QVERIFY2(signedNames.split(';').contains(name.toLower()), name.constData());
        }
    }
    // Every request to an AWS host was addressed as botocore's endpoint rules address it.
    QVERIFY(resolvedUrls > count / 2);
    qInfo("%d URLs compared with botocore's S3 endpoint rules", resolvedUrls);
}

void TestS3SigningCrossCheck::signsGivenPayloadHash()
{
    // An upload streamed from a file is signed by the hash given for it; the bytes in
    // request.body must then play no part.
    const QDateTime time(QDate(2015, 8, 30), QTime(12, 36, 0), QTimeZone::utc());
    FixedClock clock(time);
    aws::SigV4Signer signer(clock);
    aws::Credentials credentials;
    credentials.accessKeyId = QStringLiteral("AKID");
    credentials.secretAccessKey = Secret(QByteArray("secret"));
    aws::SigningOptions options;
    options.normalizePath = false;
    options.signBody = true;
    const aws::HeaderList host{{"Host", "s3.us-east-1.amazonaws.com"}};
    const QString region = QStringLiteral("us-east-1");
    const QString service = QStringLiteral("s3");
    aws::SignableRequest withBody{"PUT", "/bucket/a%20b.zip", {}, host, "file bytes"};
    const aws::SignatureParts hashed = signer.signHeaders(withBody, credentials, region, service, options);

    options.payloadHash = QCryptographicHash::hash("file bytes", QCryptographicHash::Sha256).toHex();
    aws::SignableRequest streamed{"PUT", "/bucket/a%20b.zip", {}, host, {}};
    const aws::SignatureParts given = signer.signHeaders(streamed, credentials, region, service, options);
    QCOMPARE(given.canonicalRequest, hashed.canonicalRequest);
    QCOMPARE(given.signature, hashed.signature);
    QCOMPARE(headerOf(streamed.headers, "X-Amz-Content-Sha256"), options.payloadHash);

    options.payloadHash = "UNSIGNED-PAYLOAD";
    aws::SignableRequest unsignedBody{"PUT", "/bucket/a%20b.zip", {}, host, "ignored"};
    const aws::SignatureParts unsignedParts = signer.signHeaders(unsignedBody, credentials, region, service, options);
    QVERIFY(unsignedParts.canonicalRequest.endsWith("\nUNSIGNED-PAYLOAD"));
    QVERIFY(unsignedParts.canonicalRequest.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"));
    QCOMPARE(headerOf(unsignedBody.headers, "X-Amz-Content-Sha256"), QByteArray("UNSIGNED-PAYLOAD"));

    // A verifier given the same hash computes the same signature.
    const auto parsed = aws::SigV4Signer::parseAuthorization(headerOf(unsignedBody.headers, "Authorization"));
    QVERIFY(parsed);
    const aws::SignatureParts verified = signer.computeSignature(
        unsignedBody, parsed->signedHeaders, credentials.secretAccessKey, time, region, service, options);
    QCOMPARE(verified.signature, unsignedParts.signature);
}

QTEST_GUILESS_MAIN(TestS3SigningCrossCheck)
#include "tst_s3signingcrosscheck.moc"
