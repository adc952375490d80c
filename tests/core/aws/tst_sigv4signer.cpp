// Tests SigV4Signer against every case of the official SigV4 suite (header and
// query variants, every intermediate), plus encoding, key caching and the verifier helpers.

#include "core/aws/sigv4signer.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>

using namespace jobdesk;
using namespace jobdesk::aws;

namespace {

// The suite folder may be given as the one holding v4/ or as v4/ itself.
QString suiteCasesDir()
{
    const QDir root(test::sigv4SuiteDir());
    if (root.exists(QStringLiteral("v4")))
        return root.filePath(QStringLiteral("v4"));
    return root.path();
}

QStringList suiteCases()
{
    QStringList cases;
    const QDir dir(suiteCasesDir());
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        if (QFileInfo::exists(dir.filePath(entry + QStringLiteral("/request.txt"))))
            cases << entry;
    }
    return cases;
}

QByteArray readFile(const QString &path, bool *ok = nullptr)
{
    QFile file(path);
    const bool opened = file.open(QIODevice::ReadOnly);
    if (ok)
        *ok = opened;
    return opened ? file.readAll() : QByteArray();
}

// The suite's expected-text files end without a newline, but tolerate one.
QByteArray withoutFinalNewline(QByteArray text)
{
    if (text.endsWith('\n'))
        text.chop(1);
    return text;
}

struct RawRequest
{
    SignableRequest request;
    QByteArray target;  // the request line's target, path and query as written
};

// Parses the suite's raw HTTP/1.1 text. The target may hold spaces ("GET /example space/ HTTP/1.1"),
// so it runs from the first to the last space; a line starting with whitespace continues the header above.
std::optional<RawRequest> parseRawRequest(const QByteArray &text, QString *error)
{
    QList<QByteArray> lines = text.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    if (lines.isEmpty()) {
        *error = QStringLiteral("empty request");
        return std::nullopt;
    }
    RawRequest raw;
    const QByteArray requestLine = lines.takeFirst();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace || !requestLine.mid(lastSpace + 1).startsWith("HTTP/")) {
        *error = QStringLiteral("bad request line: ") + QString::fromUtf8(requestLine);
        return std::nullopt;
    }
    raw.request.method = requestLine.left(firstSpace);
    raw.target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = raw.target.indexOf('?');
    raw.request.path = question < 0 ? raw.target : raw.target.left(question);
    raw.request.query = question < 0 ? QByteArray() : raw.target.mid(question + 1);

    while (!lines.isEmpty()) {
        const QByteArray line = lines.takeFirst();
        if (line.isEmpty())
            break;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (raw.request.headers.isEmpty()) {
                *error = QStringLiteral("continuation line before any header");
                return std::nullopt;
            }
            raw.request.headers.last().second.append('\n').append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("bad header line: ") + QString::fromUtf8(line);
            return std::nullopt;
        }
        raw.request.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    raw.request.body = lines.join('\n');
    return raw;
}

std::optional<RawRequest> loadRawRequest(const QString &path)
{
    bool ok = false;
    const QByteArray text = readFile(path, &ok);
    if (!ok) {
        qWarning("cannot read %s", qPrintable(path));
        return std::nullopt;
    }
    QString error;
    auto parsed = parseRawRequest(text, &error);
    if (!parsed)
        qWarning("%s: %s", qPrintable(path), qPrintable(error));
    return parsed;
}

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

// Header names compare case-insensitively (the suite writes "x-amz-content-sha256" in lowercase);
// order and values compare exactly.
QString describeHeaderDifference(const HeaderList &actual, const HeaderList &expected)
{
    const qsizetype count = std::max(actual.size(), expected.size());
    for (qsizetype i = 0; i < count; ++i) {
        const auto show = [](const HeaderList &list, qsizetype index) {
            return index < list.size() ? QString::fromUtf8(list.at(index).first + ':' + list.at(index).second)
                                       : QStringLiteral("<none>");
        };
        const bool same = i < actual.size() && i < expected.size()
            && actual.at(i).first.compare(expected.at(i).first, Qt::CaseInsensitive) == 0
            && actual.at(i).second == expected.at(i).second;
        if (!same)
            return QStringLiteral("header %1: got \"%2\", expected \"%3\"")
                .arg(i)
                .arg(show(actual, i), show(expected, i));
    }
    return {};
}

Credentials makeCredentials(const char *accessKey, const char *secret, const char *token = "")
{
    Credentials credentials;
    credentials.accessKeyId = QString::fromLatin1(accessKey);
    credentials.secretAccessKey = Secret(QByteArray(secret));
    credentials.sessionToken = Secret(QByteArray(token));
    return credentials;
}

const QDateTime SuiteTime(QDate(2015, 8, 30), QTime(12, 36, 0), QTimeZone::utc());

}  // namespace

class TestSigV4Signer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void officialSuite_data();
    void officialSuite();

    void uriEncode_data();
    void uriEncode();
    void canonicalPath_data();
    void canonicalPath();
    void canonicalQuery_data();
    void canonicalQuery();

    void signingKeyKnownValue();
    void signingKeyCache();

    void resigningReplacesHeaders();
    void parseAuthorizationRoundTrip();
    void parseAuthorizationRejects_data();
    void parseAuthorizationRejects();
    void amzDate();
    void verifierRecomputesSignature();
};

void TestSigV4Signer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString dir = suiteCasesDir();
    QVERIFY2(QFileInfo(dir).isDir(),
             qPrintable(QStringLiteral("The official SigV4 test suite is missing: no folder %1 "
                                       "(tests/data/sigv4 is part of the repository)")
                            .arg(dir)));
    QVERIFY2(!suiteCases().isEmpty(),
             qPrintable(QStringLiteral("The SigV4 test suite folder %1 holds no cases").arg(dir)));
}

void TestSigV4Signer::officialSuite_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<bool>("query");
    for (const QString &name : suiteCases()) {
        QTest::newRow(qPrintable(name + QStringLiteral("/header"))) << name << false;
        QTest::newRow(qPrintable(name + QStringLiteral("/query"))) << name << true;
    }
}

void TestSigV4Signer::officialSuite()
{
    QFETCH(QString, caseName);
    QFETCH(bool, query);
    const QDir dir(suiteCasesDir() + QLatin1Char('/') + caseName);
    const QString variant = query ? QStringLiteral("query-") : QStringLiteral("header-");
    const auto expected = [&](const char *file) {
        bool ok = false;
        const QByteArray text = readFile(dir.filePath(variant + QLatin1String(file)), &ok);
        if (!ok)
            qWarning("missing %s%s in %s", qPrintable(variant), file, qPrintable(caseName));
        return withoutFinalNewline(text);
    };

    QJsonParseError jsonError;
    const QJsonObject context =
        QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("context.json"))), &jsonError).object();
    QVERIFY2(jsonError.error == QJsonParseError::NoError, qPrintable(jsonError.errorString()));
    const QJsonObject jsonCredentials = context.value(QStringLiteral("credentials")).toObject();
    Credentials credentials;
    credentials.accessKeyId = jsonCredentials.value(QStringLiteral("access_key_id")).toString();
    credentials.secretAccessKey = Secret(jsonCredentials.value(QStringLiteral("secret_access_key")).toString());
    credentials.sessionToken = Secret(jsonCredentials.value(QStringLiteral("token")).toString());
    QVERIFY(credentials.isComplete());

    const auto timestamp = SigV4Signer::parseAmzDate(context.value(QStringLiteral("timestamp"))
                                                         .toString()
                                                         .remove(QLatin1Char('-'))
                                                         .remove(QLatin1Char(':'))
                                                         .toLatin1());
    QVERIFY2(timestamp, "context.json has no usable timestamp");

    SigningOptions options;
    options.normalizePath = context.value(QStringLiteral("normalize")).toBool(true);
    options.signBody = context.value(QStringLiteral("sign_body")).toBool(false);
    options.omitSessionToken = context.value(QStringLiteral("omit_session_token")).toBool(false);
    options.expiresInSeconds = context.value(QStringLiteral("expiration_in_seconds")).toInt(900);
    const QString region = context.value(QStringLiteral("region")).toString();
    const QString service = context.value(QStringLiteral("service")).toString();

    const auto original = loadRawRequest(dir.filePath(QStringLiteral("request.txt")));
    QVERIFY(original);
    const auto signedExpected = loadRawRequest(dir.filePath(variant + QStringLiteral("signed-request.txt")));
    QVERIFY(signedExpected);

    FixedClock clock(*timestamp);
    SigV4Signer signer(clock);
    SignableRequest request = original->request;
    const SignatureParts parts = query ? signer.presign(request, credentials, region, service, options)
                                       : signer.signHeaders(request, credentials, region, service, options);

    QCOMPARE(parts.canonicalRequest, expected("canonical-request.txt"));
    QCOMPARE(parts.stringToSign, expected("string-to-sign.txt"));
    QCOMPARE(parts.signature, expected("signature.txt"));

    QCOMPARE(request.method, signedExpected->request.method);
    QCOMPARE(request.path, signedExpected->request.path);
    QCOMPARE(request.query, signedExpected->request.query);
    QCOMPARE(request.body, signedExpected->request.body);
    if (!query) {
        QCOMPARE(headerValue(request.headers, "Authorization"),
                 headerValue(signedExpected->request.headers, "Authorization"));
    }
    const QString difference = describeHeaderDifference(request.headers, signedExpected->request.headers);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSigV4Signer::uriEncode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("encodeSlash");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("unreserved") << QByteArray("AZaz09-_.~") << true << QByteArray("AZaz09-_.~");
    QTest::newRow("space") << QByteArray("a b") << true << QByteArray("a%20b");
    QTest::newRow("slash encoded") << QByteArray("/a/b") << true << QByteArray("%2Fa%2Fb");
    QTest::newRow("slash kept") << QByteArray("/a/b") << false << QByteArray("/a/b");
    QTest::newRow("base64 specials") << QByteArray("a+b=c/") << true << QByteArray("a%2Bb%3Dc%2F");
    QTest::newRow("percent") << QByteArray("%20") << false << QByteArray("%2520");
    QTest::newRow("utf8") << QByteArray("\xe1\x88\xb4") << true << QByteArray("%E1%88%B4");
    QTest::newRow("reserved") << QByteArray("!*'();:@&$,?#[]") << true
                              << QByteArray("%21%2A%27%28%29%3B%3A%40%26%24%2C%3F%23%5B%5D");
    QTest::newRow("control and high") << QByteArray("\x01\x7f\xff", 3) << true << QByteArray("%01%7F%FF");
}

void TestSigV4Signer::uriEncode()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, encodeSlash);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::uriEncode(input, encodeSlash), expected);
}

void TestSigV4Signer::canonicalPath_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QByteArray>("expected");
    // Non-S3 services sign the encoded path encoded again; S3 signs it as sent.
    QTest::newRow("escaped, normalized") << QByteArray("/example%20space/") << true
                                         << QByteArray("/example%2520space/");
    QTest::newRow("escaped, unnormalized")
        << QByteArray("/example%20space/") << false << QByteArray("/example%20space/");
    QTest::newRow("stray percent, unnormalized") << QByteArray("/100%/") << false << QByteArray("/100%25/");
    QTest::newRow("empty path") << QByteArray() << true << QByteArray("/");
    QTest::newRow("dots beyond root") << QByteArray("/../../a") << true << QByteArray("/a");
    QTest::newRow("inner dots") << QByteArray("/a/./b/../c") << true << QByteArray("/a/c");
    QTest::newRow("collapsed slashes") << QByteArray("/a//b///") << true << QByteArray("/a/b/");
    QTest::newRow("kept slashes") << QByteArray("/a//b///") << false << QByteArray("/a//b///");
}

void TestSigV4Signer::canonicalPath()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, normalize);
    QFETCH(QByteArray, expected);
    FixedClock clock(SuiteTime);
    SigV4Signer signer(clock);
    SignableRequest request{"GET", path, {}, {{"Host", "example.amazonaws.com"}}, {}};
    SigningOptions options;
    options.normalizePath = normalize;
    const SignatureParts parts = signer.signHeaders(request, makeCredentials("AKID", "secret"),
                                                    QStringLiteral("us-east-1"), QStringLiteral("service"), options);
    QCOMPARE(parts.canonicalRequest.split('\n').value(1), expected);
}

void TestSigV4Signer::canonicalQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("sorted by name then value") << QByteArray("b=2&a=2&a=1") << QByteArray("a=1&a=2&b=2");
    QTest::newRow("decoded then encoded") << QByteArray("k%7e=%41%20b+c") << QByteArray("k~=A%20b%2Bc");
    QTest::newRow("raw specials encoded") << QByteArray("k=a/b:c") << QByteArray("k=a%2Fb%3Ac");
    QTest::newRow("name without value") << QByteArray("flag&x=1") << QByteArray("flag=&x=1");
    QTest::newRow("empty items dropped") << QByteArray("&a=1&&") << QByteArray("a=1");
    QTest::newRow("broken escape kept literally") << QByteArray("a=%zz") << QByteArray("a=%25zz");
}

void TestSigV4Signer::canonicalQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, expected);
    FixedClock clock(SuiteTime);
    SigV4Signer signer(clock);
    SignableRequest request{"GET", "/", query, {{"Host", "example.amazonaws.com"}}, {}};
    const SignatureParts parts = signer.signHeaders(request, makeCredentials("AKID", "secret"),
                                                    QStringLiteral("us-east-1"), QStringLiteral("service"));
    QCOMPARE(parts.canonicalRequest.split('\n').value(2), expected);
    QCOMPARE(request.query, query);  // header signing leaves the query as sent
}

void TestSigV4Signer::signingKeyKnownValue()
{
    // The worked example of the AWS General Reference ("Examples of how to derive a signing key").
    SigV4Signer signer;
    const QByteArray key = signer.signingKey(Secret(QByteArray("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
                                             QDate(2012, 2, 15), QStringLiteral("us-east-1"), QStringLiteral("iam"));
    QCOMPARE(key.toHex(), QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
}

void TestSigV4Signer::signingKeyCache()
{
    SigV4Signer signer;
    const Secret secret(QByteArray("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    const QDate day(2015, 8, 30);
    const QByteArray first =
        signer.signingKey(secret, day, QStringLiteral("us-east-1"), QStringLiteral("codepipeline"));
    const QByteArray again = signer.signingKey(Secret(QByteArray("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), day,
                                               QStringLiteral("us-east-1"), QStringLiteral("codepipeline"));
    QCOMPARE(again, first);
    // A cache hit hands back the stored (implicitly shared) array, not a newly derived one.
    QCOMPARE(again.constData(), first.constData());

    const QByteArray otherRegion =
        signer.signingKey(secret, day, QStringLiteral("eu-west-1"), QStringLiteral("codepipeline"));
    QVERIFY(otherRegion != first);
    QVERIFY(otherRegion.constData() != first.constData());
    QVERIFY(signer.signingKey(secret, day.addDays(1), QStringLiteral("us-east-1"), QStringLiteral("codepipeline"))
            != first);
    QVERIFY(signer.signingKey(secret, day, QStringLiteral("us-east-1"), QStringLiteral("sts")) != first);
    QVERIFY(signer.signingKey(Secret(QByteArray("another/secret+key=")), day, QStringLiteral("us-east-1"),
                              QStringLiteral("codepipeline"))
            != first);
    // Field boundaries matter: region "us-east-1c" + service "odepipeline" is another key.
    QVERIFY(signer.signingKey(secret, day, QStringLiteral("us-east-1c"), QStringLiteral("odepipeline")) != first);

    // The cached key is still the right one after other entries were added.
    QCOMPARE(signer.signingKey(secret, day, QStringLiteral("us-east-1"), QStringLiteral("codepipeline")).constData(),
             first.constData());
}

void TestSigV4Signer::resigningReplacesHeaders()
{
    FixedClock clock(SuiteTime);
    SigV4Signer signer(clock);
    SignableRequest request{"POST", "/", {}, {{"Host", "example.amazonaws.com"}}, "{}"};
    const Credentials credentials = makeCredentials("AKID", "secret", "token/+=");
    SigningOptions options;
    options.signBody = true;
    const SignatureParts first =
        signer.signHeaders(request, credentials, QStringLiteral("us-east-1"), QStringLiteral("codepipeline"), options);
    clock.set(SuiteTime.addSecs(30));
    const SignatureParts second =
        signer.signHeaders(request, credentials, QStringLiteral("us-east-1"), QStringLiteral("codepipeline"), options);
    QVERIFY(first.signature != second.signature);
    QCOMPARE(request.headers.size(), 5);
    for (const char *name : {"X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256", "Authorization"}) {
        const auto matches = std::count_if(request.headers.cbegin(), request.headers.cend(), [&](const auto &header) {
            return header.first.compare(QByteArray(name), Qt::CaseInsensitive) == 0;
        });
        QVERIFY2(matches == 1, name);
    }
    QCOMPARE(headerValue(request.headers, "X-Amz-Date"), QByteArray("20150830T123630Z"));
    QCOMPARE(headerValue(request.headers, "X-Amz-Security-Token"), QByteArray("token/+="));
    QVERIFY(headerValue(request.headers, "Authorization").endsWith(QByteArray("Signature=" + second.signature)));
}

void TestSigV4Signer::parseAuthorizationRoundTrip()
{
    FixedClock clock(SuiteTime);
    SigV4Signer signer(clock);
    SignableRequest request{"POST",
                            "/",
                            {},
                            {{"Host", "codepipeline.eu-central-1.amazonaws.com"},
                             {"Content-Type", "application/x-amz-json-1.1"},
                             {"X-Amz-Target", "CodePipeline_20150709.PollForThirdPartyJobs"}},
                            "{}"};
    const SignatureParts parts = signer.signHeaders(request, makeCredentials("AKIDEXAMPLE", "secret", "tok"),
                                                    QStringLiteral("eu-central-1"), QStringLiteral("codepipeline"));
    const auto parsed = SigV4Signer::parseAuthorization(headerValue(request.headers, "Authorization"));
    QVERIFY(parsed);
    QCOMPARE(parsed->accessKeyId, QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(parsed->date, QDate(2015, 8, 30));
    QCOMPARE(parsed->region, QStringLiteral("eu-central-1"));
    QCOMPARE(parsed->service, QStringLiteral("codepipeline"));
    const QList<QByteArray> names = {"content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target"};
    QCOMPARE(parsed->signedHeaders, names);
    QCOMPARE(parsed->signature, parts.signature);

    // Extra spaces and upper-case hex are tolerated.
    const auto loose =
        SigV4Signer::parseAuthorization("  AWS4-HMAC-SHA256   Credential=AK/20150830/us-east-1/sts/aws4_request "
                                        ",SignedHeaders=Host;X-Amz-Date,  Signature="
                                        + parts.signature.toUpper() + "  ");
    QVERIFY(loose);
    QCOMPARE(loose->signedHeaders, (QList<QByteArray>{"host", "x-amz-date"}));
    QCOMPARE(loose->signature, parts.signature);
}

void TestSigV4Signer::parseAuthorizationRejects_data()
{
    QTest::addColumn<QByteArray>("value");
    const QByteArray sig(64, 'a');
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("other scheme") << QByteArray("AWS AKID:abc");
    QTest::newRow("missing signature") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, SignedHeaders=host");
    QTest::newRow("repeated field") << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, "
                                        "SignedHeaders=host, SignedHeaders=host, Signature="
                                        + sig);
    QTest::newRow("unknown field")
        << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, SignedHeaders=host, Foo=1, Signature="
            + sig);
    QTest::newRow("short scope")
        << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=" + sig);
    QTest::newRow("bad terminator")
        << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws5_request, SignedHeaders=host, Signature=" + sig);
    QTest::newRow("bad date")
        << ("AWS4-HMAC-SHA256 Credential=AK/20151330/us-east-1/s/aws4_request, SignedHeaders=host, Signature=" + sig);
    QTest::newRow("empty header name")
        << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, SignedHeaders=host;;x, Signature="
            + sig);
    QTest::newRow("short signature") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, SignedHeaders=host, Signature=abc");
    QTest::newRow("non-hex signature")
        << ("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s/aws4_request, SignedHeaders=host, Signature="
            + QByteArray(64, 'g'));
}

void TestSigV4Signer::parseAuthorizationRejects()
{
    QFETCH(QByteArray, value);
    QVERIFY(!SigV4Signer::parseAuthorization(value));
}

void TestSigV4Signer::amzDate()
{
    QCOMPARE(SigV4Signer::formatAmzDate(SuiteTime), QByteArray("20150830T123600Z"));
    // A zone other than UTC is converted, not reinterpreted.
    QCOMPARE(SigV4Signer::formatAmzDate(SuiteTime.toOffsetFromUtc(2 * 3600)), QByteArray("20150830T123600Z"));
    QCOMPARE(SigV4Signer::parseAmzDate("20150830T123600Z"), std::optional<QDateTime>(SuiteTime));
    QVERIFY(!SigV4Signer::parseAmzDate("20150830T123600"));
    QVERIFY(!SigV4Signer::parseAmzDate("2015-08-30T12:36:00Z"));
    QVERIFY(!SigV4Signer::parseAmzDate("20150830T256000Z"));
    QVERIFY(SigV4Signer::signaturesEqual("abcd", "abcd"));
    QVERIFY(!SigV4Signer::signaturesEqual("abcd", "abce"));
    QVERIFY(!SigV4Signer::signaturesEqual("abcd", "abc"));
}

void TestSigV4Signer::verifierRecomputesSignature()
{
    FixedClock clock(SuiteTime);
    SigV4Signer client(clock);
    SignableRequest request{"POST",
                            "/",
                            {},
                            {{"Host", "codepipeline.us-west-2.amazonaws.com"},
                             {"Content-Type", "application/x-amz-json-1.1"},
                             {"X-Amz-Target", "CodePipeline_20150709.AcknowledgeThirdPartyJob"}},
                            QByteArray(R"({"jobId":"é","nonce":"1"})")};
    const Credentials credentials = makeCredentials("AKIDEXAMPLE", "s3cr/t+k=y", "session");
    const SignatureParts sent =
        client.signHeaders(request, credentials, QStringLiteral("us-west-2"), QStringLiteral("codepipeline"));

    // What a server sees: the same request plus headers its HTTP stack added, in another order.
    SignableRequest received = request;
    received.headers.prepend({"Content-Length", QByteArray::number(request.body.size())});
    received.headers.append({QByteArray("User-Agent"), QByteArray("Qt")});
    std::reverse(received.headers.begin(), received.headers.end());

    const auto parsed = SigV4Signer::parseAuthorization(headerValue(received.headers, "Authorization"));
    QVERIFY(parsed);
    const auto when = SigV4Signer::parseAmzDate(headerValue(received.headers, "X-Amz-Date"));
    QVERIFY(when);
    SigV4Signer server;  // its own clock and cache: nothing shared with the client
    const SignatureParts recomputed = server.computeSignature(
        received, parsed->signedHeaders, credentials.secretAccessKey, *when, parsed->region, parsed->service);
    QCOMPARE(recomputed.canonicalRequest, sent.canonicalRequest);
    QVERIFY(SigV4Signer::signaturesEqual(recomputed.signature, parsed->signature));

    SignableRequest tampered = received;
    tampered.body.replace("\"1\"", "\"2\"");
    QVERIFY(!SigV4Signer::signaturesEqual(server
                                              .computeSignature(tampered, parsed->signedHeaders,
                                                                credentials.secretAccessKey, *when, parsed->region,
                                                                parsed->service)
                                              .signature,
                                          parsed->signature));
    QVERIFY(!SigV4Signer::signaturesEqual(server
                                              .computeSignature(received, parsed->signedHeaders,
                                                                Secret(QByteArray("wrong")), *when, parsed->region,
                                                                parsed->service)
                                              .signature,
                                          parsed->signature));
}

QTEST_GUILESS_MAIN(TestSigV4Signer)
#include "tst_sigv4signer.moc"
