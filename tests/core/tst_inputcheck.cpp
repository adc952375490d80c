// The shared rules for what people type: one row per (rule, bad input), each
// asserting the error's code and that the message names the field; then the
// inputs each rule must let through. Model limits come from the service model.

#include "core/codepipeline/servicemodel.h"
#include "core/inputcheck.h"
#include "support/testenv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace jobdesk;

namespace {

const codepipeline::Shape *shape(const char *name)
{
    return codepipeline::ServiceModel::codePipeline().shape(name);
}

// Runs the named check; the Error when it refuses the value.
std::optional<Error> run(const QString &check, const QString &field, const QString &value)
{
    if (check == QLatin1String("text")) {
        if (Status s = InputCheck::text(field, value); !s)
            return s.error();
    } else if (check == QLatin1String("jobId") || check == QLatin1String("clientToken")
               || check == QLatin1String("provider") || check == QLatin1String("category")) {
        const char *name = check == QLatin1String("jobId") ? "ThirdPartyJobId"
            : check == QLatin1String("clientToken")        ? "ClientToken"
            : check == QLatin1String("provider")           ? "ActionProvider"
                                                           : "ActionCategory";
        if (Status s = InputCheck::modelText(field, shape(name), value, {}); !s)
            return s.error();
    } else if (check == QLatin1String("region")) {
        if (Status s = InputCheck::region(field, value); !s)
            return s.error();
    } else if (check == QLatin1String("endpoint")) {
        if (auto r = InputCheck::endpointUrl(field, value); !r)
            return r.error();
    } else if (check == QLatin1String("seconds")) {
        if (auto r = InputCheck::seconds(field, value, 3600); !r)
            return r.error();
    } else if (check == QLatin1String("caBundle")) {
        if (auto r = InputCheck::caBundle(field, value); !r)
            return r.error();
    } else if (check == QLatin1String("accessKeyId")) {
        if (Status s = InputCheck::accessKeyId(field, value); !s)
            return s.error();
    } else {
        qFatal("unknown check");
    }
    return std::nullopt;
}

}  // namespace

class TestInputCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void refuses_data();
    void refuses();
    void accepts_data();
    void accepts();
    void limitsComeFromTheModel();
    void caBundleLoadsCertificates();

private:
    QTemporaryDir m_dir;
    QString m_pem;
    QString m_notPem;
    QString m_unreadable;
};

void TestInputCheck::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pem = m_dir.filePath(QStringLiteral("bundle.pem"));
    // A self-signed certificate made here: the rule needs a real PEM block, not a particular one.
    const auto openssl = test::runProcess(QStringLiteral("openssl"),
                                          {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                           QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                                           QStringLiteral("-keyout"), m_dir.filePath(QStringLiteral("key.pem")),
                                           QStringLiteral("-out"), m_pem, QStringLiteral("-days"), QStringLiteral("1"),
                                           QStringLiteral("-subj"), QStringLiteral("/CN=jobdesk-test")});
    QVERIFY2(openssl.exitCode == 0, openssl.err.constData());
    m_notPem = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile notes(m_notPem);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("these are not certificates\n");
    notes.close();
    m_unreadable = m_dir.filePath(QStringLiteral("locked.pem"));
    QVERIFY(QFile::copy(m_pem, m_unreadable));
    QVERIFY(QFile::setPermissions(m_unreadable, QFileDevice::Permissions()));
}

void TestInputCheck::refuses_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");  // besides the field's name

    const auto row = [](const char *name, const char *check, const QString &value, const char *code,
                        const QString &mentions = {}) {
        QTest::newRow(name) << QString::fromLatin1(check) << value << QString::fromLatin1(code) << mentions;
    };
    // Text, for any field.
    row("text empty", "text", QString(), "Empty");
    row("text tab", "text", QStringLiteral("a\tb"), "ControlCharacter", QStringLiteral("U+0009 (tab)"));
    row("text newline", "text", QStringLiteral("a\nb"), "ControlCharacter", QStringLiteral("U+000A (line break)"));
    row("text NUL", "text", QStringLiteral("a") + QChar(0) + QStringLiteral("b"), "ControlCharacter",
        QStringLiteral("U+0000 (NUL)"));
    row("text bell", "text", QStringLiteral("ab\a"), "ControlCharacter", QStringLiteral("U+0007"));
    row("text DEL", "text", QStringLiteral("ab\x7f"), "ControlCharacter", QStringLiteral("U+007F"));
    row("text C1", "text", QStringLiteral("ab") + QChar(0x85), "ControlCharacter", QStringLiteral("U+0085"));
    row("text leading space", "text", QStringLiteral(" abc"), "SurroundingWhitespace", QStringLiteral("around"));
    row("text trailing space", "text", QStringLiteral("abc "), "SurroundingWhitespace", QStringLiteral("around"));
    row("text no-break space around", "text", QChar(0xa0) + QStringLiteral("abc"), "SurroundingWhitespace");
    row("text space inside", "text", QStringLiteral("ab c"), "Whitespace", QStringLiteral("U+0020 (space)"));

    // The service model's limits.
    row("job ID empty", "jobId", QString(), "Empty");
    row("job ID too long", "jobId", QString(513, QLatin1Char('a')), "TooLong", QStringLiteral("at most 512"));
    row("job ID tab", "jobId", QStringLiteral("1111\t2222"), "ControlCharacter", QStringLiteral("tab"));
    row("job ID bell", "jobId", QStringLiteral("1111\a"), "ControlCharacter", QStringLiteral("U+0007"));
    row("job ID pasted space", "jobId", QStringLiteral(" 11111111-2222-4333-8444-555555555555"),
        "SurroundingWhitespace");
    row("job ID space inside", "jobId", QStringLiteral("11111111 2222"), "Whitespace");
    row("token empty", "clientToken", QString(), "Empty");
    row("token too long", "clientToken", QString(257, QLatin1Char('t')), "TooLong", QStringLiteral("at most 256"));
    row("token newline", "clientToken", QStringLiteral("tok\nen"), "ControlCharacter", QStringLiteral("line break"));
    row("token NUL", "clientToken", QStringLiteral("tok") + QChar(0), "ControlCharacter", QStringLiteral("NUL"));
    row("token trailing space", "clientToken", QStringLiteral("token "), "SurroundingWhitespace");
    row("provider pattern", "provider", QStringLiteral("My/Provider"), "Pattern", QStringLiteral("[0-9A-Za-z_-]+"));
    row("provider too long", "provider", QString(36, QLatin1Char('p')), "TooLong", QStringLiteral("at most 35"));
    row("category not allowed", "category", QStringLiteral("Lint"), "NotAllowed", QStringLiteral("Build"));

    // Regions.
    row("region empty", "region", QString(), "Empty");
    row("region spaces", "region", QStringLiteral("us east 1"), "NotARegion", QStringLiteral("not a region"));
    row("region pasted space", "region", QStringLiteral("us-east-1 "), "SurroundingWhitespace");
    row("region upper case", "region", QStringLiteral("US-EAST-1"), "NotARegion", QStringLiteral("not a region"));
    row("region no number", "region", QStringLiteral("us-east"), "NotARegion", QStringLiteral("not a region"));
    row("region a word", "region", QStringLiteral("virginia"), "NotARegion", QStringLiteral("not a region"));
    row("region host name", "region", QStringLiteral("codepipeline.us-east-1.amazonaws.com"), "NotARegion");
    row("region tab", "region", QStringLiteral("us-east-1\t"), "ControlCharacter");

    // Endpoint URLs.
    row("endpoint empty", "endpoint", QString(), "Empty");
    row("endpoint no scheme", "endpoint", QStringLiteral("codepipeline.us-east-1.amazonaws.com"), "MissingScheme",
        QStringLiteral("https://"));
    row("endpoint relative", "endpoint", QStringLiteral("/api"), "MissingScheme");
    row("endpoint ftp", "endpoint", QStringLiteral("ftp://example.com"), "BadScheme", QStringLiteral("ftp://"));
    row("endpoint no host", "endpoint", QStringLiteral("https://"), "NoHost");
    row("endpoint no host, path", "endpoint", QStringLiteral("https:///path"), "NoHost");
    row("endpoint user info", "endpoint", QStringLiteral("https://user:pw@example.com"), "UserInfo",
        QStringLiteral("@"));
    row("endpoint empty user", "endpoint", QStringLiteral("https://@example.com"), "UserInfo");
    row("endpoint fragment", "endpoint", QStringLiteral("https://example.com/#top"), "Fragment",
        QStringLiteral("#top"));
    row("endpoint space inside", "endpoint", QStringLiteral("https://exa mple.com"), "Whitespace");
    row("endpoint pasted space", "endpoint", QStringLiteral(" https://example.com"), "SurroundingWhitespace");
    row("endpoint newline", "endpoint", QStringLiteral("https://example.com\n"), "ControlCharacter");
    row("endpoint bad port", "endpoint", QStringLiteral("https://example.com:99999"), "InvalidUrl");

    // Seconds.
    row("seconds empty", "seconds", QString(), "Empty");
    row("seconds word", "seconds", QStringLiteral("ten"), "NotANumber", QStringLiteral("ten"));
    row("seconds negative", "seconds", QStringLiteral("-5"), "Negative", QStringLiteral("-5"));
    row("seconds too large", "seconds", QStringLiteral("3601"), "TooLarge", QStringLiteral("3600"));
    row("seconds infinity", "seconds", QStringLiteral("inf"), "NotANumber");
    row("seconds with unit", "seconds", QStringLiteral("5s"), "NotANumber");

    // Access key IDs.
    row("key ID short", "accessKeyId", QStringLiteral("AKIA123"), "Pattern", QStringLiteral("16 to 128"));
    row("key ID punctuation", "accessKeyId", QStringLiteral("AKIA-1234567890ABCD"), "Pattern");
    row("key ID space inside", "accessKeyId", QStringLiteral("AKIA 1234567890ABCD"), "Whitespace");
}

void TestInputCheck::refuses()
{
    QFETCH(QString, check);
    QFETCH(QString, value);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const QString field = QStringLiteral("The Field");
    const std::optional<Error> error = run(check, field, value);
    QVERIFY2(error, "accepted");
    QCOMPARE(error->kind, Error::Kind::Validation);
    QCOMPARE(error->code, code);
    QCOMPARE(error->field, field);
    QVERIFY2(error->message.contains(field), qPrintable(error->message));
    QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
}

void TestInputCheck::accepts_data()
{
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("value");
    const auto row = [](const char *name, const char *check, const QString &value) {
        QTest::newRow(name) << QString::fromLatin1(check) << value;
    };
    row("text", "text", QStringLiteral("abc"));
    row("text unicode", "text", QStringLiteral("Grüße"));
    row("job ID", "jobId", QStringLiteral("11111111-2222-4333-8444-555555555555"));
    row("job ID at the limit", "jobId", QString(512, QLatin1Char('a')));
    row("token at the limit", "clientToken", QString(256, QLatin1Char('t')));
    row("token of accented letters at the limit", "clientToken", QString(256, QChar(0x00e9)));
    row("provider", "provider", QStringLiteral("My_Provider-1"));
    row("category", "category", QStringLiteral("Build"));
    for (const char *region :
         {"us-east-1", "eu-west-2", "ap-southeast-5", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1",
          "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "fips-us-east-1", "us-west-2-fips"})
        row(region, "region", QString::fromLatin1(region));
    row("endpoint https", "endpoint", QStringLiteral("https://codepipeline.us-east-1.amazonaws.com"));
    row("endpoint http with port and path", "endpoint", QStringLiteral("http://127.0.0.1:8080/prefix/"));
    row("endpoint IPv6", "endpoint", QStringLiteral("http://[::1]:8080"));
    row("endpoint upper-case scheme", "endpoint", QStringLiteral("HTTPS://example.com"));
    row("seconds zero", "seconds", QStringLiteral("0"));
    row("seconds fraction", "seconds", QStringLiteral("2.5"));
    row("seconds at the limit", "seconds", QStringLiteral("3600"));
    row("key ID", "accessKeyId", QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
}

void TestInputCheck::accepts()
{
    QFETCH(QString, check);
    QFETCH(QString, value);
    const std::optional<Error> error = run(check, QStringLiteral("Field"), value);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
}

// The limits in the messages are the model's, whatever they are.
void TestInputCheck::limitsComeFromTheModel()
{
    for (const char *name : {"ThirdPartyJobId", "ClientToken", "Nonce", "ContinuationToken"}) {
        const codepipeline::Shape *s = shape(name);
        QVERIFY(s && s->max);
        const QString tooLong(int(*s->max) + 1, QLatin1Char('x'));
        const Status refused = InputCheck::modelText(QStringLiteral("F"), s, tooLong, {});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QString::number(*s->max)), qPrintable(refused.error().message));
        QVERIFY(InputCheck::modelText(QStringLiteral("F"), s, QString(int(*s->max), QLatin1Char('x')), {}));
    }
}

void TestInputCheck::caBundleLoadsCertificates()
{
    const auto good = InputCheck::caBundle(QStringLiteral("CA bundle"), m_pem);
    QVERIFY2(good, good ? "" : qPrintable(good.error().message));
    QVERIFY(!good.value().isEmpty());

    struct Bad
    {
        QString path;
        const char *code;
    };
    const bool root = QFile(m_unreadable).open(QIODevice::ReadOnly);  // root reads anything
    QList<Bad> bad = {{m_dir.filePath(QStringLiteral("missing.pem")), "NoSuchFile"},
                      {m_dir.path(), "NotAFile"},
                      {m_notPem, "NotPem"},
                      {QString(), "Empty"},
                      {m_pem + QLatin1Char('\n'), "ControlCharacter"}};
    if (!root)
        bad.append({m_unreadable, "Unreadable"});
    for (const Bad &b : bad) {
        const auto r = InputCheck::caBundle(QStringLiteral("CA bundle"), b.path);
        QVERIFY2(!r, qPrintable(b.path));
        QCOMPARE(r.error().code, QString::fromLatin1(b.code));
        QVERIFY2(r.error().message.startsWith(QStringLiteral("CA bundle")), qPrintable(r.error().message));
    }
}

QTEST_GUILESS_MAIN(TestInputCheck)

#include "tst_inputcheck.moc"
